// Writing a design as .probeboard JSON: the canonical text, and the check that the loader would
// read it back.
#include "model/designfile.h"

#include "model/jsonutil.h"

#include <cmath>

namespace pb::model {

using nlohmann::ordered_json;

namespace {

ordered_json valueToJson(const Value& v)
{
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto b = std::get_if<bool>(&v)) return *b;
    if (auto d = std::get_if<double>(&v)) {
        // Whole numbers are written without ".0" so that hand-edited files stay as typed: all of
        // them up to 2^53, every one of which a double keeps. Past it, the exponent says that
        // the number may not be the one typed (W-NUMBER-ROUNDED, docs/format.md).
        if (std::isfinite(*d) && *d == std::floor(*d) && std::fabs(*d) <= 0x1p53)
            return static_cast<long long>(*d);
        return *d;
    }
    ordered_json arr = ordered_json::array();
    for (const auto& s : std::get<StringList>(v)) arr.push_back(s);
    return arr;
}

ordered_json propsToJson(const Properties& props)
{
    ordered_json o = ordered_json::object();
    for (const auto& [k, v] : props) o[k] = valueToJson(v);
    return o;
}

ordered_json pointToJson(const Point& p)
{
    return ordered_json{{"x", valueToJson(p.x)}, {"y", valueToJson(p.y)}};
}

// Where a component or zone is drawn and what it holds, last in both, in this order.
void addPlacement(ordered_json& e, const Point& pos, const Size& size, const Properties& props)
{
    e["position"] = pointToJson(pos);
    if (size.width > 0 || size.height > 0)
        e["size"] = {{"w", valueToJson(size.width)}, {"h", valueToJson(size.height)}};
    e["properties"] = propsToJson(props);
}

ordered_json componentToJson(const Component& c)
{
    ordered_json e{{"id", c.id}, {"kind", c.kind}, {"label", c.label}};
    if (c.kindInferred) e["kind_inferred"] = true;
    addPlacement(e, c.pos, c.size, c.props);
    return e;
}

ordered_json flowToJson(const Flow& f)
{
    ordered_json e{{"id", f.id}, {"from", f.from}, {"to", f.to}, {"label", f.label}};
    e["properties"] = propsToJson(f.props);
    if (!f.bends.empty()) {
        ordered_json b = ordered_json::array();
        for (const auto& p : f.bends) b.push_back(pointToJson(p));
        e["bends"] = std::move(b);
    }
    return e;
}

ordered_json zoneToJson(const Zone& z)
{
    ordered_json e{{"id", z.id}, {"kind", z.kind}, {"label", z.label}, {"members", z.members}};
    addPlacement(e, z.pos, z.size, z.props);
    return e;
}

ordered_json decisionToJson(const Decision& d)
{
    return {{"fingerprint", d.fingerprint}, {"rule", d.rule}, {"status", d.status},
            {"justification", d.justification}, {"owner", d.owner}, {"expires", d.expires}};
}

// Bytes that are not UTF-8 (pasted text, names from other tools) become U+FFFD instead of
// making nlohmann throw, so saving never fails because of one odd name.
std::string dumped(const ordered_json& j, int indent)
{
    return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

// `elements` as the whole document's dump(2) writes a top-level list: each element indented
// by four more spaces (a JSON text holds no raw line break but those of its layout).
template <typename T, typename ToJson>
void appendList(std::string& out, const char* key, const std::vector<T>& elements, ToJson toJson)
{
    out += ",\n  \"";
    out += key;
    out += "\": ";
    if (elements.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        out += "    ";
        for (const char c : dumped(toJson(elements[i]), 2)) {
            out += c;
            if (c == '\n') out += "    ";
        }
        out += i + 1 < elements.size() ? ",\n" : "\n";
    }
    out += "  ]";
}

} // namespace

nlohmann::ordered_json designToJson(const Design& design)
{
    ordered_json j;
    j["format"] = kFormat;
    j["title"] = design.title;
    auto list = [&](const char* key, const auto& elements, auto toJson) {
        ordered_json a = ordered_json::array();
        for (const auto& e : elements) a.push_back(toJson(e));
        j[key] = std::move(a);
    };
    list("components", design.components(), componentToJson);
    list("flows", design.flows(), flowToJson);
    list("zones", design.zones(), zoneToJson);
    if (!design.decisions.empty()) list("decisions", design.decisions, decisionToJson);
    return j;
}

std::string designToText(const Design& design)
{
    // The text designToJson(design).dump(2) would be, written one element at a time: the whole
    // document's DOM was seven times the text (1.7 GB to save a 247 MB design).
    std::string out = "{\n  \"format\": " + dumped(kFormat, -1) + ",\n  \"title\": " + dumped(design.title, -1);
    appendList(out, "components", design.components(), componentToJson);
    appendList(out, "flows", design.flows(), flowToJson);
    appendList(out, "zones", design.zones(), zoneToJson);
    if (!design.decisions.empty()) appendList(out, "decisions", design.decisions, decisionToJson);
    out += "\n}\n";
    return out;
}

std::optional<std::string> designTextToSave(const Design& design, const std::string& path, std::string& error,
                                            std::size_t maxBytes)
{
    std::string text = designToText(design);
    if (text.size() <= maxBytes) return text;
    // Written, it would be refused when opened, and a save that replaced the last good file with
    // it would lose the design: the file on disk is left as it is.
    error = "cannot write " + path + ": the design would be a file of " + mebibyteText(text.size()) + " (" +
            std::to_string(text.size()) + " bytes), larger than the " + mebibyteText(maxBytes) +
            " a design file may hold, so it could not be opened again; nothing was written (remove elements or "
            "long texts, or split the design in two)";
    return std::nullopt;
}

bool saveDesignFile(const Design& design, const std::string& path, std::string& error, std::size_t maxBytes)
{
    const auto text = designTextToSave(design, path, error, maxBytes);
    return text && writeFileAtomically(path, *text, error);
}

} // namespace pb::model
