#include "model/designfile.h"

#include "model/designkeys.h"
#include "model/jsonfast.h"
#include "model/jsonstream.h"
#include "model/jsonutil.h"
#include "model/printable.h"
#include "model/roundednumbers.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unordered_map>

namespace pb::model {

using nlohmann::json;

namespace {

// Reads one element's JSON into the model, reporting shape errors with a JSON pointer.
struct ElementReader
{
    const std::string& file;
    Diagnostics& diags;
    bool failed = false;
    RoundedNumbers numbers{}; // whole numbers past what a double keeps
    // A file broken in every element (a million `{}`) would otherwise list a million errors.
    static constexpr int kMaxListed = 1000;
    int listed = 0;
    std::size_t unlisted = 0;

    void error(const std::string& pointer, const std::string& element, const std::string& msg)
    {
        failed = true;
        if (listed >= kMaxListed) {
            ++unlisted;
            return;
        }
        ++listed;
        Diagnostic d;
        d.file = file;
        d.pointer = pointer;
        d.element = element;
        d.code = "E-SCHEMA";
        d.message = msg;
        diags.push_back(std::move(d));
    }

    // Keys the format does not have are not kept when the design is saved: a misspelt "lable"
    // or "flowz" lost the labels or every flow without a word.
    template <std::size_t N>
    void unknownKeys(const json& j, const std::string& ptr, const std::string& id,
                     const std::array<std::string_view, N>& known, const std::string& what)
    {
        if (!j.is_object()) return;
        for (const auto& [key, value] : j.items()) {
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            std::string hint = closestMatch(key, std::vector<std::string>(known.begin(), known.end()));
            if (hint.empty() && (key == "nodes" || key == "edges"))
                hint = key == "nodes" ? "components" : "flows"; // probeboard/0's names
            Diagnostic d;
            d.level = Diagnostic::Level::Warning;
            d.file = file;
            d.pointer = ptr + "/" + key;
            d.element = id;
            d.code = "W-UNKNOWN-KEY";
            d.message = "unknown key " + quoteText(key) + " in " + what + (id.empty() ? "" : " " + quoteText(id)) +
                        "; it is ignored, and not kept when the design is saved";
            d.hint = hint.empty() ? "" : "did you mean " + quoteText(hint) + "?";
            diags.push_back(std::move(d));
        }
    }

    // "id": "" is as bad as no id: such an element was dropped without a word.
    std::string id(const json& j, const std::string& ptr)
    {
        std::string id = str(j, "id", ptr, "", true);
        if (id.empty() && j.contains("id") && j["id"].is_string())
            error(ptr + "/id", "", "the id is empty; every component, flow and zone needs one");
        return id;
    }

    std::string str(const json& j, const char* key, const std::string& ptr, const std::string& id,
                    bool required)
    {
        auto it = j.find(key);
        if (it == j.end()) {
            if (required) error(ptr, id, std::string("missing \"") + key + "\"");
            return {};
        }
        if (!it->is_string()) {
            error(ptr + "/" + key, id, std::string("\"") + key + "\" must be a string");
            return {};
        }
        return it->get<std::string>();
    }

    Point point(const json& j, const char* key, const std::string& ptr, const std::string& id)
    {
        auto it = j.find(key);
        if (it == j.end()) return {};
        if (!it->is_object() || !it->value("x", json()).is_number() ||
            !it->value("y", json()).is_number()) {
            error(ptr + "/" + key, id, std::string("\"") + key + "\" must be {\"x\": n, \"y\": n}");
            return {};
        }
        return {(*it)["x"].get<double>(), (*it)["y"].get<double>()};
    }

    Size size(const json& j, const std::string& ptr, const std::string& id)
    {
        auto it = j.find("size");
        if (it == j.end()) return {};
        if (!it->is_object() || !it->value("w", json()).is_number() ||
            !it->value("h", json()).is_number()) {
            error(ptr + "/size", id, "\"size\" must be {\"w\": n, \"h\": n}");
            return {};
        }
        return {(*it)["w"].get<double>(), (*it)["h"].get<double>()};
    }

    Properties props(const json& j, const std::string& ptr, const std::string& id)
    {
        Properties out;
        auto it = j.find("properties");
        if (it == j.end()) return out;
        if (!it->is_object()) {
            error(ptr + "/properties", id, "\"properties\" must be an object");
            return out;
        }
        for (const auto& [key, val] : it->items()) {
            const std::string p = ptr + "/properties/" + key;
            if (val.is_string()) out[key] = val.get<std::string>();
            else if (val.is_boolean()) out[key] = val.get<bool>();
            else if (val.is_number()) out[key] = val.get<double>(), numbers.check(val, p, id, key, diags);
            else if (val.is_array()) {
                StringList list;
                for (const auto& item : val) {
                    if (!item.is_string()) {
                        error(p, id, "property " + quoteText(key) + " is a list and may hold only strings");
                        break;
                    }
                    list.push_back(item.get<std::string>());
                }
                out[key] = std::move(list);
            } else {
                error(p, id, "property " + quoteText(key) + " must be a string, number, bool or list of strings");
            }
        }
        return out;
    }

    bool boolean(const json& j, const char* key, const std::string& ptr, const std::string& id)
    {
        auto it = j.find(key);
        if (it == j.end()) return false;
        if (!it->is_boolean()) {
            error(ptr + "/" + key, id, std::string("\"") + key + "\" must be true or false");
            return false;
        }
        return it->get<bool>();
    }

    std::vector<std::string> strings(const json& j, const char* key, const std::string& ptr,
                                     const std::string& id)
    {
        std::vector<std::string> out;
        auto it = j.find(key);
        if (it == j.end()) return out;
        if (!it->is_array()) {
            error(ptr + "/" + key, id, std::string("\"") + key + "\" must be a list of ids");
            return out;
        }
        for (const auto& s : *it) {
            if (s.is_string()) out.push_back(s.get<std::string>());
            else error(ptr + "/" + key, id, std::string("\"") + key + "\" must hold only ids");
        }
        return out;
    }
};

// probeboard/0 stored "nodes"/"edges" and flat "x"/"y" on each element; see docs/format.md.
void migrateV0(json& j)
{
    if (j.contains("nodes")) j["components"] = std::move(j["nodes"]), j.erase("nodes");
    if (j.contains("edges")) j["flows"] = std::move(j["edges"]), j.erase("edges");
    auto lift = [](json& arr) {
        if (!arr.is_array()) return;
        for (auto& e : arr) {
            if (!e.is_object()) continue;
            if (e.contains("x") && e.contains("y")) {
                e["position"] = {{"x", e["x"]}, {"y", e["y"]}};
                e.erase("x");
                e.erase("y");
            }
            if (e.contains("props")) e["properties"] = std::move(e["props"]), e.erase("props");
        }
    };
    if (j.contains("components")) lift(j["components"]);
    if (j.contains("zones")) lift(j["zones"]);
    if (j.contains("flows")) lift(j["flows"]);
    j["format"] = kFormat;
}

bool checkFormat(json& j, ElementReader& r)
{
    if (!j.is_object()) {
        r.error("", "", "a design file is a JSON object with \"format\": \"probeboard/1\"");
        return false;
    }
    const std::string format = r.str(j, "format", "", "", false);
    if (r.failed) return false;
    if (format == "probeboard/0") migrateV0(j);
    else if (format.empty()) r.error("", "", "missing \"format\" (expected \"probeboard/1\")");
    else if (format.rfind("probeboard-rules/", 0) == 0)
        r.error("/format", "", "this is a rule pack (" + quoteText(format) + "), not a design; pass it with --rules, "
                "or put it in the packs folder");
    else if (format != kFormat) {
        r.error("/format", "", "unsupported format " + quoteText(format) + "; this version reads "
                "probeboard/0 and probeboard/1");
    }
    return !r.failed;
}

void duplicate(ElementReader& r, const std::string& ptr, const std::string& id)
{
    r.error(ptr + "/id", id, "duplicate id " + quoteText(id) + "; every component, flow and zone needs its own");
    r.diags.back().code = "E-DUP-ID";
}

using Where = std::unordered_map<std::string, std::string>;

// Files the element under its id (and its pointer, for error lines); a second element with the
// same id is an error on the second.
template <typename Element>
void keep(Element&& e, const std::string& ptr, ElementReader& r, Where& where,
          bool (Design::*add)(std::decay_t<Element>, std::ptrdiff_t), Design& d)
{
    if (e.id.empty()) return;
    const std::string id = e.id;
    where.emplace(id, ptr);
    if (!(d.*add)(std::forward<Element>(e), -1)) duplicate(r, ptr, id);
}

void readComponent(const json& e, const std::string& ptr, Design& d, ElementReader& r, Where& where)
{
    if (!e.is_object()) return r.error(ptr, "", "a component must be an object");
    Component c;
    c.id = r.id(e, ptr);
    c.kind = r.str(e, "kind", ptr, c.id, true);
    c.label = r.str(e, "label", ptr, c.id, false);
    c.kindInferred = r.boolean(e, "kind_inferred", ptr, c.id);
    c.pos = r.point(e, "position", ptr, c.id);
    c.size = r.size(e, ptr, c.id);
    c.props = r.props(e, ptr, c.id);
    r.unknownKeys(e, ptr, c.id, keys::kComponent, "component");
    keep(std::move(c), ptr, r, where, &Design::addComponent, d);
}

void readFlow(const json& e, const std::string& ptr, Design& d, ElementReader& r, Where& where)
{
    if (!e.is_object()) return r.error(ptr, "", "a flow must be an object");
    Flow f;
    f.id = r.id(e, ptr);
    f.from = r.str(e, "from", ptr, f.id, true);
    f.to = r.str(e, "to", ptr, f.id, true);
    f.label = r.str(e, "label", ptr, f.id, false);
    f.props = r.props(e, ptr, f.id);
    if (auto b = e.find("bends"); b != e.end() && b->is_array())
        for (const auto& p : *b)
            if (p.is_object() && p.value("x", json()).is_number() && p.value("y", json()).is_number())
                f.bends.push_back({p["x"].get<double>(), p["y"].get<double>()});
    r.unknownKeys(e, ptr, f.id, keys::kFlow, "flow");
    keep(std::move(f), ptr, r, where, &Design::addFlow, d);
}

void readZone(const json& e, const std::string& ptr, Design& d, ElementReader& r, Where& where)
{
    if (!e.is_object()) return r.error(ptr, "", "a zone must be an object");
    Zone z;
    z.id = r.id(e, ptr);
    z.kind = r.str(e, "kind", ptr, z.id, false);
    if (z.kind.empty()) z.kind = "region";
    z.label = r.str(e, "label", ptr, z.id, false);
    z.members = r.strings(e, "members", ptr, z.id);
    z.pos = r.point(e, "position", ptr, z.id);
    z.size = r.size(e, ptr, z.id);
    z.props = r.props(e, ptr, z.id);
    r.unknownKeys(e, ptr, z.id, keys::kZone, "zone");
    keep(std::move(z), ptr, r, where, &Design::addZone, d);
}

void readDecision(const json& e, const std::string& ptr, Design& d, ElementReader& r)
{
    if (!e.is_object()) return r.error(ptr, "", "a decision must be an object");
    Decision dec;
    dec.fingerprint = r.str(e, "fingerprint", ptr, "", true);
    dec.rule = r.str(e, "rule", ptr, "", false);
    dec.status = r.str(e, "status", ptr, "", false);
    if (dec.status.empty()) dec.status = "accepted";
    dec.justification = r.str(e, "justification", ptr, "", false);
    dec.owner = r.str(e, "owner", ptr, "", false);
    dec.expires = r.str(e, "expires", ptr, "", false);
    r.unknownKeys(e, ptr, "", keys::kDecision, "a decision");
    d.decisions.push_back(std::move(dec));
}

// Reads the design element by element: streamed while the text is parsed when the file has
// already said it is probeboard/1 (as every file we write does, first), else from the whole
// document afterwards (older formats are migrated as a whole).
class DesignReader
{
public:
    DesignReader(const std::string& file, Diagnostics& diags) : m_r{file, diags}, m_first(diags.size()) {}

    bool streams(const json& root, const std::string& key) const
    {
        auto f = root.find("format");
        return isElementArray(key) && f != root.end() && f->is_string() && f->get_ref<const std::string&>() == kFormat;
    }

    void element(const std::string& key, std::size_t i, const json& e)
    {
        if (key != "decisions") ++m_elements; // counted on past the limit, reported at the end
        // Past the limit, or past the errors that are listed, elements are only counted: the
        // file cannot load, and checking a million broken elements only costs time.
        if (m_elements > kMaxElements || m_r.unlisted > 0) return;
        const std::string ptr = "/" + key + "/" + std::to_string(i);
        // Every shape check reports its own error; this only turns a check that was missed
        // into an error message instead of an exception escaping to the caller.
        try {
            if (key == "components") readComponent(e, ptr, m_design, m_r, m_where);
            else if (key == "flows") readFlow(e, ptr, m_design, m_r, m_where);
            else if (key == "zones") readZone(e, ptr, m_design, m_r, m_where);
            else readDecision(e, ptr, m_design, m_r);
        } catch (const json::exception& ex) {
            m_r.error(ptr, "", std::string("unexpected value in the design: ") + ex.what());
        }
    }

    std::optional<Design> finish(json& j, const std::string& text)
    {
        try {
            if (checkFormat(j, m_r)) {
                readRest(j);
                m_r.unknownKeys(j, "", "", keys::kDesign, "the design");
            }
        } catch (const json::exception& e) {
            m_r.error("", "", std::string("unexpected value in the design: ") + e.what());
        }
        if (m_elements > kMaxElements) {
            m_r.diags.resize(m_first); // what the elements said before the limit is noise
            m_r.listed = 0;
            m_r.error("", "", "the design has " + std::to_string(m_elements) + " elements; the limit is " +
                                  std::to_string(kMaxElements));
            return std::nullopt; // a whole-file error: no line to look up in a text that large
        }
        if (m_r.unlisted > 0) {
            m_r.listed = 0; // this one line is always said
            const std::string n = std::to_string(ElementReader::kMaxListed);
            m_r.error("", "", "more than " + n + " errors in the elements: the first " + n +
                                  " are listed, and the elements after them were not checked");
        } else {
            validateDesign(m_design, Vocabulary::builtin(), m_r.diags);
        }
        locate(text);
        for (std::size_t i = m_first; i < m_r.diags.size(); ++i)
            if (m_r.diags[i].level == Diagnostic::Level::Error) return std::nullopt;
        return std::move(m_design);
    }

private:
    static bool isElementArray(const std::string& key)
    {
        return key == "components" || key == "flows" || key == "zones" || key == "decisions";
    }

    // The arrays that were not streamed (the whole file, when it came in an older format).
    void readRest(const json& j)
    {
        m_design.title = m_r.str(j, "title", "", "", false);
        for (const char* key : {"components", "flows", "zones", "decisions"}) {
            auto it = j.find(key);
            if (it == j.end()) continue;
            if (!it->is_array()) {
                m_r.error(std::string("/") + key, "", std::string("\"") + key + "\" must be a list");
                continue;
            }
            for (std::size_t i = 0; i < it->size(); ++i) element(key, i, (*it)[i]);
        }
    }

    // Names the line of each problem: from its pointer, else from its element's entry.
    void locate(const std::string& text)
    {
        // The pointers asked for are known first, so that only their positions are worked out.
        std::vector<std::string> wanted = m_r.numbers.pointers();
        for (std::size_t i = m_first; i < m_r.diags.size(); ++i) {
            Diagnostic& d = m_r.diags[i];
            if ((d.pointer.empty() || d.pointer[0] != '/') && !d.element.empty())
                if (auto it = m_where.find(d.element); it != m_where.end())
                    d.pointer = it->second + (d.pointer.empty() ? "" : "/" + d.pointer);
            if (d.line == 0) wanted.push_back(d.pointer);
        }
        JsonPositions positions(text);
        positions.only(wanted);
        m_r.numbers.finish(text, positions, m_r.diags); // its warnings carry whole pointers
        for (std::size_t i = m_first; i < m_r.diags.size(); ++i) {
            Diagnostic& d = m_r.diags[i];
            d.file = m_r.file;
            if (d.line == 0) std::tie(d.line, d.column) = positions.find(d.pointer);
        }
    }

    ElementReader m_r;
    std::size_t m_first;
    Design m_design;
    Where m_where;
    std::size_t m_elements = 0;
};
} // namespace

std::optional<Design> designFromText(const std::string& text, const std::string& fileName,
                                     Diagnostics& diags)
{
    // Most files open with nothing to say about them: those need no positions, no pointers and
    // no error texts. A file with anything to report is read again below, where it is reported.
    // One past the limit is refused there, not read here.
    if (auto fast = text.size() <= kMaxDesignBytes ? readDesignFast(text) : std::nullopt) {
        Diagnostics found;
        validateDesign(*fast, Vocabulary::builtin(), found);
        if (found.empty()) return fast;
    }
    return designFromTextCarefully(text, fileName, diags);
}

std::optional<Design> designFromTextCarefully(const std::string& text, const std::string& fileName,
                                              Diagnostics& diags)
{
    DesignReader reader(fileName, diags);
    JsonStream stream;
    stream.maxBytes = kMaxDesignBytes;
    stream.streams = [&](const json& root, const std::string& key) { return reader.streams(root, key); };
    stream.element = [&](const std::string& key, std::size_t i, json& e) { reader.element(key, i, e); };
    auto parsed = parseJsonStreaming(text, fileName, diags, stream);
    if (!parsed) {
        // Said first: the JSON error it causes is only a consequence.
        if (const int line = conflictMarkerLine(text))
            diags.insert(diags.empty() ? diags.end() : diags.end() - 1, conflictMarkerError(fileName, line, "E-MERGE"));
        return std::nullopt;
    }
    return reader.finish(*parsed, text);
}

} // namespace pb::model
