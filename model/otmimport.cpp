#include "model/otmimport.h"

#include "model/assetclass.h"
#include "model/designfile.h"
#include "model/drawndiagram.h"
#include "model/dotinference.h"
#include "model/drawiostyle.h"
#include "model/jsonutil.h"
#include "model/printable.h"
#include "model/uniqueids.h"
#include "model/validation.h"
#include "model/vocabulary.h"
#include "model/yamldocument.h"

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <unordered_map>

namespace pb::model {

namespace {
using Json = nlohmann::json;

const Json* arrayAt(const Json& j, const char* key)
{
    const Json* v = jsonMember(j, key);
    return v && v->is_array() ? v : nullptr;
}

double numberIn(const Json* object, const char* key)
{
    const Json* v = object ? jsonMember(*object, key) : nullptr;
    return v && v->is_number() ? v->get<double>() : 0.0;
}

// A value of the document's attributes as the vocabulary's property of that name holds it;
// nothing when it cannot be (a word where a number belongs).
std::optional<Value> asProperty(const Json& v, ValueType type)
{
    switch (type) {
    case ValueType::Number:
        if (v.is_number()) return Value{v.get<double>()};
        break;
    case ValueType::Bool:
        if (v.is_boolean()) return Value{v.get<bool>()};
        if (v.is_string() && (v == "true" || v == "false")) return Value{v == "true"};
        break;
    case ValueType::String:
        if (v.is_string()) return Value{v.get<std::string>()};
        break;
    case ValueType::List:
        if (v.is_string()) return Value{std::vector<std::string>{v.get<std::string>()}};
        if (v.is_array()) {
            std::vector<std::string> items;
            for (const Json& s : v)
                if (s.is_string()) items.push_back(s.get<std::string>());
            if (items.size() == v.size()) return Value{items};
        }
        break;
    }
    return std::nullopt;
}

constexpr double kMinKeptWidth = 80, kMinKeptHeight = 40;

// Where the value at a JSON pointer is written, as line and column: in the JSON text, or where
// the YAML document wrote it.
using Locate = std::function<std::pair<int, int>(const std::string& pointer)>;

class Reader
{
public:
    Reader(Locate locate, const std::string& file, Diagnostics& diags)
        : m_locate(std::move(locate))
        , m_file(file)
        , m_diags(diags)
    {
    }
    std::optional<Design> run(const Json& root);

private:
    void warn(const std::string& pointer, const char* code, const std::string& message, const std::string& hint)
    {
        const auto [line, column] = m_locate(pointer);
        m_warnings.add({Diagnostic::Level::Warning, m_file, line, column, "", "", code, message, hint});
    }
    void readAssets(const Json& root);
    std::vector<std::string> classesOf(const std::vector<std::string>& assets);
    void readProperties(const Json& element, const std::string& pointer, const char* type, Properties& props);
    void readZone(const Json& z, std::size_t i);
    void readComponent(const Json& c, std::size_t i);
    void readFlow(const Json& f, std::size_t i);
    void placeInZones();
    void forgetPartialPlaces();
    std::string idFor(const Json& element, const char* fallback)
    {
        // As written: an id is the element's name in baselines and decisions, and one exported
        // from here may hold anything a design's may (a DOT node "\v\vb" came back as another).
        std::string id = jsonString(element, "id");
        if (id.empty()) id = drawioSlug(jsonString(element, "name"));
        return m_ids.make(id.empty() ? fallback : id);
    }

    Locate m_locate;
    std::string m_file;
    Diagnostics& m_diags;
    Design m_design;
    UniqueIds m_ids;
    std::unordered_map<std::string, std::string> m_assetClass; // asset id → data class
    std::unordered_map<std::string, std::string> m_zoneOf;     // OTM id → our zone id
    std::unordered_map<std::string, std::string> m_componentOf; // OTM id → our component id
    // What each component and zone names as its parent, resolved once all are read.
    std::vector<std::pair<std::string, const Json*>> m_parents;
    std::vector<bool> m_placed; // per component: the document gives it a place
    WarningsAtMost m_warnings{m_diags, 50};
};

void Reader::readAssets(const Json& root)
{
    if (const Json* assets = arrayAt(root, "assets"))
        for (const Json& a : *assets)
            m_assetClass.emplace(jsonString(a, "id"), dataClassOfAsset(jsonString(a, "name"), jsonString(a, "id")));
}

std::vector<std::string> Reader::classesOf(const std::vector<std::string>& assets)
{
    std::vector<std::string> out;
    for (const std::string& a : assets) {
        const auto it = m_assetClass.find(a);
        const std::string cls = it != m_assetClass.end() ? it->second : drawioSlug(a);
        if (!cls.empty() && std::find(out.begin(), out.end(), cls) == out.end()) out.push_back(cls);
    }
    return out;
}

void Reader::readProperties(const Json& element, const std::string& pointer, const char* type, Properties& props)
{
    const Json* attributes = jsonMember(element, "attributes");
    if (!attributes || !attributes->is_object()) return;
    for (const auto& [key, value] : attributes->items()) {
        const PropertySpec* spec = Vocabulary::builtin().property(key);
        if (!spec || std::find(spec->appliesTo.begin(), spec->appliesTo.end(), type) == spec->appliesTo.end())
            continue; // a tool's own attribute: nothing a rule reads
        if (auto v = asProperty(value, spec->type)) {
            props[key] = std::move(*v);
            continue;
        }
        warn(pointer + "/attributes/" + key, "W-OTM-ATTRIBUTE",
             "the attribute " + quoteText(key) + " holds " + printable(value.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 80)) + ", not a " +
                 typeName(spec->type) + ", and was left out",
             spec->description);
    }
}

// The first place the document draws the element at, as x, y, width, height (all 0: none).
std::array<double, 4> placeOf(const Json& element)
{
    if (const Json* reps = arrayAt(element, "representations"))
        for (const Json& r : *reps)
            if (const Json* p = jsonMember(r, "position"); p && p->is_object()) {
                const Json* s = jsonMember(r, "size");
                return {numberIn(p, "x"), numberIn(p, "y"), std::max(0.0, numberIn(s, "width")),
                        std::max(0.0, numberIn(s, "height"))};
            }
    return {0, 0, 0, 0};
}

void Reader::readZone(const Json& z, std::size_t i)
{
    // What exportOtm() adds so that every component has a zone, as OTM asks: not drawn.
    if (jsonString(z, "type") == kOutsideZoneType) return;
    Zone zone;
    zone.id = idFor(z, "trust-zone");
    // A trust zone is a trust boundary, unless its type is one of the zone kinds (a region or an
    // availability zone exported from here).
    const std::string type = jsonString(z, "type");
    zone.kind = type == "region" || type == "az" ? type : "trust_boundary";
    zone.label = jsonString(z, "name");
    const auto [x, y, w, h] = placeOf(z);
    zone.pos = {x, y};
    zone.size = {w, h};
    readProperties(z, "/trustZones/" + std::to_string(i), "zone", zone.props);
    m_zoneOf.emplace(jsonString(z, "id"), zone.id);
    if (const Json* parent = jsonMember(z, "parent")) m_parents.emplace_back(zone.id, parent);
    m_design.addZone(std::move(zone));
}

void Reader::readComponent(const Json& c, std::size_t i)
{
    Component comp;
    comp.id = idFor(c, "component");
    comp.label = jsonString(c, "name");
    const std::string type = jsonString(c, "type");
    std::string typeWords = type;
    bool toConfirm = false;
    for (const std::string& tag : jsonStrings(c, "tags")) {
        toConfirm = toConfirm || tag == kKindToConfirmTag;
        if (tag != kKindToConfirmTag) typeWords += " " + tag;
    }
    // A type that is one of the vocabulary's kinds (a document exported from here) is that kind,
    // said rather than guessed, unless the export said it was still to be confirmed.
    comp.kindInferred = !Vocabulary::builtin().kind(type);
    comp.kind = comp.kindInferred ? inferKind(typeWords, comp.label, "") : type;
    comp.kindInferred = comp.kindInferred || toConfirm;
    if (const Json* assets = jsonMember(c, "assets"))
        if (auto stored = classesOf(jsonStrings(*assets, "stored")); !stored.empty()) comp.props["data"] = stored;
    readProperties(c, "/components/" + std::to_string(i), "component", comp.props);
    const auto [x, y, w, h] = placeOf(c);
    m_placed.push_back(w > 0 || h > 0 || x != 0 || y != 0);
    // A box big enough to hold its name keeps its place and size (a design exported from here);
    // an icon (StartLeft's from a Visio stencil, 50 × 50) is drawn at its kind's size around its
    // centre, where its label fits.
    const Size size = drawnSizeOf(comp.kind);
    if (w >= kMinKeptWidth && h >= kMinKeptHeight) {
        comp.pos = {x, y};
        comp.size = {w, h};
    } else if (m_placed.back()) {
        comp.pos = {x + w / 2 - size.width / 2, y + h / 2 - size.height / 2};
    }
    m_componentOf.emplace(jsonString(c, "id"), comp.id);
    if (const Json* parent = jsonMember(c, "parent")) m_parents.emplace_back(comp.id, parent);
    m_design.addComponent(std::move(comp));
}

void Reader::readFlow(const Json& f, std::size_t i)
{
    const auto from = m_componentOf.find(jsonString(f, "source"));
    const auto to = m_componentOf.find(jsonString(f, "destination"));
    const std::string pointer = "/dataflows/" + std::to_string(i);
    if (from == m_componentOf.end() || to == m_componentOf.end()) {
        const std::string end = from == m_componentOf.end() ? jsonString(f, "source") : jsonString(f, "destination");
        warn(pointer, "W-OTM-LOOSE",
             "the data flow " + quoteText(jsonString(f, "id")) + " ends at " + quoteText(end) +
                 ", which is no component, and was left out",
             "name a component's id as its source and destination");
        return;
    }
    Flow flow;
    flow.id = idFor(f, "f");
    flow.from = from->second;
    flow.to = to->second;
    // OTM asks every flow for a name; one that is only its id (an unlabelled flow exported from
    // here) would be drawn as a label.
    flow.label = jsonString(f, "name");
    if (flow.label == jsonString(f, "id")) flow.label.clear();
    if (const Json* assets = jsonMember(f, "assets"); assets && assets->is_array())
        flow.props["carries"] = classesOf(jsonStrings(f, "assets")); // an empty list carries nothing
    readProperties(f, pointer, "flow", flow.props);
    m_design.addFlow(std::move(flow));
}

// A component placed in another component (OTM allows it) is placed in that one's zone. Members
// join in the document's order, components before zones, as the whiteboard lists them.
void Reader::placeInZones()
{
    std::unordered_map<std::string, std::string> parentComponent, zoneOf; // our ids
    for (const auto& [id, parent] : m_parents) {
        if (const auto it = m_componentOf.find(jsonString(*parent, "component")); it != m_componentOf.end())
            parentComponent.emplace(id, it->second);
        if (const auto it = m_zoneOf.find(jsonString(*parent, "trustZone")); it != m_zoneOf.end())
            zoneOf.emplace(id, it->second);
    }
    std::stable_partition(m_parents.begin(), m_parents.end(),
                          [&](const auto& p) { return m_design.component(p.first) != nullptr; });
    for (const auto& [id, parent] : m_parents) {
        std::string at = id;
        // Bounded: components placed in one another round a loop must not hang the reader.
        for (std::size_t hops = 0; hops <= parentComponent.size() && !zoneOf.count(at); ++hops) {
            const auto up = parentComponent.find(at);
            if (up == parentComponent.end()) break;
            at = up->second;
        }
        const auto zone = zoneOf.find(at);
        if (zone != zoneOf.end() && zone->second != id) m_design.zone(zone->second)->members.push_back(id);
    }
}

// StartLeft places what a diagram drew and nothing it read from code. A design placed in part is
// laid out whole by the whiteboard, as one placed nowhere is: the rest put in rows under the
// drawing ignored the trust zones, and their zones, fitted around them, crossed the others.
void Reader::forgetPartialPlaces()
{
    const bool some = std::find(m_placed.begin(), m_placed.end(), true) != m_placed.end();
    const bool all = std::find(m_placed.begin(), m_placed.end(), false) == m_placed.end();
    if (!some || all) return;
    for (const auto& c : std::vector<Component>(m_design.components()))
        m_design.component(c.id)->pos = {};
    for (const auto& z : std::vector<Zone>(m_design.zones())) {
        Zone* zone = m_design.zone(z.id);
        zone->pos = {};
        zone->size = {};
    }
}

std::optional<Design> Reader::run(const Json& root)
{
    if (!root.is_object()) {
        m_diags.push_back({Diagnostic::Level::Error, m_file, 1, 1, "", "", "E-OTM",
                           "an OTM document is an object (in YAML, a mapping), and this one is not", ""});
        return std::nullopt;
    }
    const Json* project = jsonMember(root, "project");
    m_design.title = project ? jsonString(*project, "name") : std::string();
    std::size_t count = 0;
    for (const char* list : {"trustZones", "components", "dataflows"})
        if (const Json* a = arrayAt(root, list)) count += a->size();
    if (count > kMaxElements) {
        m_diags.push_back({Diagnostic::Level::Error, m_file, 0, 0, "", "", "E-OTM",
                           "the document has more than " + std::to_string(kMaxElements) + " elements", ""});
        return std::nullopt;
    }
    readAssets(root);
    if (const Json* zones = arrayAt(root, "trustZones"))
        for (std::size_t i = 0; i < zones->size(); ++i) readZone((*zones)[i], i);
    if (const Json* components = arrayAt(root, "components"))
        for (std::size_t i = 0; i < components->size(); ++i) readComponent((*components)[i], i);
    if (const Json* flows = arrayAt(root, "dataflows"))
        for (std::size_t i = 0; i < flows->size(); ++i) readFlow((*flows)[i], i);
    m_warnings.finish(m_file, "W-OTM", "problems");
    placeInZones();
    forgetPartialPlaces();
    if (!validateImported(m_design, m_file, m_diags)) return std::nullopt;
    return std::move(m_design);
}
} // namespace

namespace {
// JSON starts with its object; anything else is read as YAML, which OTM may also be written in.
bool isJsonText(std::string_view text)
{
    const std::size_t open = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return open != std::string_view::npos && text[open] == '{';
}
} // namespace

bool looksLikeOtm(std::string_view text)
{
    if (!isJsonText(text)) return yamlHasTopKey(text, "otmVersion");
    // Not a design file that happens to hold the word (a property, a note): it says its format first.
    const std::string_view head = jsonObjectHead(text);
    return head.find("\"otmVersion\"") != std::string_view::npos && head.find("\"probeboard/") == std::string_view::npos;
}

std::unordered_map<std::string, int> otmElementLines(const std::string& text)
{
    std::unordered_map<std::string, int> lines;
    Diagnostics ignored; // read before, without an error, or there would be nothing to place
    std::optional<Json> root;
    Locate locate;
    std::optional<YamlDocument> yaml;
    if (isJsonText(text)) {
        root = parseJson(text, "", ignored);
        auto positions = std::make_shared<JsonPositions>(text, 2);
        locate = [positions](const std::string& p) { return positions->find(p); };
    } else if ((yaml = YamlDocument::parse(text, "", ignored, 2))) {
        root = std::move(yaml->root);
        locate = [&](const std::string& p) { return yaml->find(p); };
    }
    if (!root) return lines;
    for (const char* list : {"components", "dataflows", "trustZones"})
        if (const Json* a = arrayAt(*root, list))
            for (std::size_t i = 0; i < a->size(); ++i)
                if (const int line = locate("/" + std::string(list) + "/" + std::to_string(i)).first; line > 0)
                    lines.emplace(jsonString((*a)[i], "id"), line);
    return lines;
}

std::optional<Design> importOtm(const std::string& text, const std::string& fileName, Diagnostics& diags)
{
    if (!isJsonText(text)) {
        auto yaml = YamlDocument::parse(text, fileName, diags);
        if (!yaml) return std::nullopt;
        return Reader([&](const std::string& p) { return yaml->find(p); }, fileName, diags).run(yaml->root);
    }
    const auto root = parseJson(text, fileName, diags);
    if (!root) return std::nullopt;
    std::optional<JsonPositions> positions; // "/components/3/attributes/replicas"; mapped only for a warning
    return Reader([&](const std::string& p) {
        if (!positions) positions.emplace(text, 4);
        return positions->find(p);
    }, fileName, diags).run(*root);
}

} // namespace pb::model
