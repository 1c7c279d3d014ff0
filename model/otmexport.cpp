#include "model/otmexport.h"

#include "model/assetclass.h"
#include "model/drawiostyle.h"
#include "model/drawndiagram.h"
#include "model/jsonutil.h"
#include "model/otmimport.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace pb::model {

namespace {
using Json = nlohmann::ordered_json;

constexpr const char* kDiagram = "probeboard-diagram";
constexpr double kTrustRating = 50; // a placeholder: Probeboard draws no rating

Json valueJson(const Value& v)
{
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    return std::get<StringList>(v);
}

// Every property but `skip`, as OTM attributes (null when there are none, as the schema allows).
Json attributesOf(const Properties& props, const char* skip = "")
{
    Json out = Json::object();
    for (const auto& [key, value] : props)
        if (key != skip) out[key] = valueJson(value);
    return out.empty() ? Json(nullptr) : out;
}

Json placed(const std::string& id, Point pos, Size size)
{
    return Json::array({{{"representation", kDiagram}, {"id", id + "-shape"},
                         {"position", {{"x", pos.x}, {"y", pos.y}}},
                         {"size", {{"width", size.width}, {"height", size.height}}}}});
}

// The placeholder ratings: the classes the compliance rules treat as restricted are rated
// confidential, those records are kept of as rated for integrity; the receiving tool sets them.
Json assetOf(const std::string& cls)
{
    return {{"name", cls}, {"id", cls},
            {"description", "data class '" + cls + "' as drawn in Probeboard; its ratings are placeholders"},
            {"risk", {{"confidentiality", isConfidentialClass(cls) ? 100 : 50},
                      {"integrity", isIntegrityClass(cls) ? 100 : 50},
                      {"availability", 50}}}};
}

std::string freeId(const Design& d, std::string id)
{
    while (d.placeOf(id)) id += "-zone";
    return id;
}
} // namespace

std::optional<std::string> exportOtm(const Design& design, const std::string& fileName, Diagnostics& diags)
{
    std::string name = design.title;
    if (name.empty()) name = std::filesystem::path(fileName).stem().string();
    if (name.empty()) name = "Design";
    const std::string projectId = drawioSlug(name).empty() ? "design" : drawioSlug(name);
    Json doc = {{"otmVersion", "0.2.0"},
                {"project", {{"name", name}, {"id", projectId}, {"description", "Drawn and reviewed in Probeboard"}}},
                {"representations", Json::array({{{"name", "Probeboard"}, {"id", kDiagram}, {"type", "diagram"}}})}};
    const auto parents = design.parentZones();
    std::set<std::string> classes;
    const std::string outside = freeId(design, "outside");
    bool anyOutside = false;
    Json components = Json::array();
    for (const auto& c : design.components()) {
        const auto zone = parents.find(c.id);
        anyOutside = anyOutside || zone == parents.end();
        const Size size = c.size.width > 0 && c.size.height > 0 ? c.size : drawnSizeOf(c.kind);
        Json comp = {{"id", c.id}, {"name", c.label.empty() ? c.id : c.label}, {"type", c.kind},
                     {"parent", {{"trustZone", zone == parents.end() ? outside : zone->second->id}}},
                     {"representations", placed(c.id, c.pos, size)}};
        const StringList data = listProperty(c.props, "data").value_or(StringList{});
        classes.insert(data.begin(), data.end());
        if (!data.empty()) comp["assets"] = {{"processed", data}, {"stored", data}};
        comp["attributes"] = attributesOf(c.props, "data");
        if (c.kindInferred) comp["tags"] = Json::array({kKindToConfirmTag});
        components.push_back(std::move(comp));
    }
    Json zones = Json::array();
    for (const auto& z : design.zones()) {
        Json zone = {{"id", z.id}, {"name", z.label.empty() ? z.id : z.label}, {"type", z.kind},
                     {"risk", {{"trustRating", kTrustRating}}}};
        if (const auto up = parents.find(z.id); up != parents.end()) zone["parent"] = {{"trustZone", up->second->id}};
        if (z.size.width > 0 && z.size.height > 0) zone["representations"] = placed(z.id, z.pos, z.size);
        zone["attributes"] = attributesOf(z.props);
        zones.push_back(std::move(zone));
    }
    if (anyOutside)
        zones.push_back({{"id", outside}, {"name", "Outside any zone"}, {"type", kOutsideZoneType},
                         {"description", "What the design draws in no zone: OTM places every component in one"},
                         {"risk", {{"trustRating", kTrustRating}}}});
    Json flows = Json::array();
    for (const auto& f : design.flows()) {
        Json flow = {{"id", f.id}, {"name", f.label.empty() ? f.id : f.label}, {"source", f.from}, {"destination", f.to}};
        if (findProperty(f.props, "carries")) {
            const StringList carried = listProperty(f.props, "carries").value_or(StringList{});
            classes.insert(carried.begin(), carried.end());
            flow["assets"] = carried;
        }
        flow["attributes"] = attributesOf(f.props, "carries");
        flows.push_back(std::move(flow));
    }
    Json assets = Json::array();
    for (const auto& cls : classes)
        assets.push_back(assetOf(cls));
    doc["assets"] = std::move(assets);
    doc["trustZones"] = std::move(zones);
    doc["components"] = std::move(components);
    doc["dataflows"] = std::move(flows);
    std::string text = doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    // The most importOtm() reads (a whole JSON tree, about ten times the text): a document of
    // 100,000 components was 67 MB, written and then refused by its own reader.
    if (text.size() > kMaxJsonBytes) {
        diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-LIMIT",
                         "the OTM document would be " + mebibyteText(text.size()) + ", and an OTM document is read only up to " +
                             mebibyteText(kMaxJsonBytes),
                         "export a part of the design (copy it into a new one), or keep the .probeboard file"});
        return std::nullopt;
    }
    return text;
}

} // namespace pb::model
