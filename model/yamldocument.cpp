#include "model/yamldocument.h"

#include "model/printable.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>
#include <yaml.h>

namespace pb::model {

using Json = nlohmann::json;

std::string jsonPointerStep(const std::string& key)
{
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::vector<std::string> YamlDocument::keysOf(const std::string& pointer) const
{
    std::vector<std::string> keys;
    const nlohmann::json* object = nullptr;
    try {
        object = &root.at(nlohmann::json::json_pointer(pointer));
    } catch (const nlohmann::json::exception&) {
        return keys;
    }
    if (!object->is_object()) return keys;
    if (!m_keysIndexed) {
        for (const Position& p : m_positions) {
            const std::size_t slash = p.pointer.rfind('/');
            if (slash == std::string::npos) continue; // the document itself
            std::string key; // the step unescaped: "~1" is "/", "~0" is "~"
            const std::string_view step = std::string_view(p.pointer).substr(slash + 1);
            for (std::size_t i = 0; i < step.size(); ++i)
                key += step[i] == '~' && i + 1 < step.size() ? (step[++i] == '1' ? '/' : '~') : step[i];
            m_keys[std::string_view(p.pointer).substr(0, slash)].push_back(std::move(key));
        }
        m_keysIndexed = true;
    }
    std::unordered_set<std::string> seen;
    if (const auto it = m_keys.find(pointer); it != m_keys.end())
        for (const std::string& key : it->second)
            if (object->contains(key) && seen.insert(key).second) keys.push_back(key);
    for (const auto& [key, value] : object->items())
        if (seen.insert(key).second) keys.push_back(key);
    return keys;
}

bool yamlHasTopKey(std::string_view text, std::string_view key)
{
    std::string_view head = text.substr(0, 64 * 1024);
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    for (std::size_t at = 0; at < head.size();) {
        std::string_view line = head.substr(at, head.find('\n', at) - at);
        at += line.size() + 1;
        if (line.size() > 3 && (line[0] == '"' || line[0] == '\'') && line.substr(1, key.size()) == key &&
            line.size() > key.size() + 1 && line[key.size() + 1] == line[0])
            line = line.substr(key.size() + 2);
        else if (line.substr(0, key.size()) == key)
            line = line.substr(key.size());
        else
            continue;
        const std::size_t colon = line.find_first_not_of(' ');
        if (colon != std::string_view::npos && line[colon] == ':') return true;
    }
    return false;
}

std::pair<int, int> YamlDocument::find(const std::string& pointer) const
{
    if (!m_indexed) {
        m_index.reserve(m_positions.size());
        for (const Position& p : m_positions)
            m_index.emplace(p.pointer, p.at); // the first: a key written twice is where it was first
        m_indexed = true;
    }
    std::string_view p = pointer;
    for (;;) {
        if (const auto it = m_index.find(p); it != m_index.end()) return it->second;
        if (p.empty()) return {0, 0};
        p = p.substr(0, p.rfind('/'));
    }
}

namespace {

bool isDigits(std::string_view s, bool hex = false)
{
    if (s.empty()) return false;
    for (const char c : s)
        if (!(c >= '0' && c <= '9') && !(hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))))
            return false;
    return true;
}

// [-+]? ( . digits | digits ( . digits? )? ) ( [eE] [-+]? digits )?, YAML 1.2's core number.
bool isDecimal(std::string_view s)
{
    std::size_t i = s.empty() || (s[0] != '-' && s[0] != '+') ? 0 : 1;
    auto digits = [&] {
        const std::size_t from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > from;
    };
    const bool whole = digits();
    bool fraction = false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        fraction = digits();
    }
    if (!whole && !fraction) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

// What a plain scalar says: null, a bool, a number, else its text. A number past a double's range
// (or a whole number past 2^64 in hex or octal) stays text rather than becoming another number.
Json plainValue(std::string_view s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    const bool hex = s.size() > 2 && s[0] == '0' && s[1] == 'x' && isDigits(s.substr(2), true);
    const bool octal = s.size() > 2 && s[0] == '0' && s[1] == 'o' && isDigits(s.substr(2)) &&
                       s.substr(2).find_first_of("89") == std::string_view::npos;
    if (hex || octal) {
        unsigned long long n = 0;
        const auto r = std::from_chars(s.data() + 2, s.data() + s.size(), n, hex ? 16 : 8);
        if (r.ec == std::errc()) return static_cast<double>(n);
        return std::string(s);
    }
    if (isDecimal(s)) {
        double d = 0;
        const char* from = s.data() + (s[0] == '+' ? 1 : 0);
        const auto r = std::from_chars(from, s.data() + s.size(), d);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return d;
    }
    return std::string(s);
}

Json scalarValue(const yaml_event_t& e)
{
    const std::string_view text(reinterpret_cast<const char*>(e.data.scalar.value),
                                e.data.scalar.length);
    const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag);
    if (tag && std::string_view(tag) == YAML_STR_TAG) return std::string(text);
    // Quoted and block scalars are text; so is a plain one given a tag of its own (!Ref x).
    if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        (tag && std::string_view(tag).rfind("tag:yaml.org,2002:", 0) != 0))
        return std::string(text);
    return plainValue(text);
}

std::string textOf(const unsigned char* s)
{
    return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

} // namespace

class YamlBuilder
{
public:
    YamlBuilder(YamlDocument& doc, const std::string& file, Diagnostics& diags,
                std::size_t keptDepth)
        : m_doc(doc)
        , m_file(file)
        , m_diags(diags)
        , m_keptDepth(keptDepth)
    {
    }
    // False once the document is read, or on an error (said).
    bool take(const yaml_event_t& e);
    bool failed() const { return m_failed; }
    void finish() { m_warnings.finish(m_file, "W-YAML", "problems"); }

private:
    struct Frame
    {
        Json value;
        std::string pointer;
        std::size_t depth = 0;
        std::string anchor;
        std::size_t valuesAtStart = 0;
        bool keyNext = true; // a mapping: the next node is a key
        bool mergeKey = false;
        std::string key;
        std::pair<int, int> keyAt;
        std::vector<Json> merged; // what `<<` names, added when the mapping ends
    };
    bool fail(const yaml_mark_t& m, const char* code, const std::string& message,
              const std::string& hint = {})
    {
        m_diags.push_back({Diagnostic::Level::Error, m_file, static_cast<int>(m.line) + 1,
                           static_cast<int>(m.column) + 1, "", "", code, message, hint});
        m_failed = true;
        return false;
    }
    bool count(const yaml_mark_t& m, std::size_t n)
    {
        m_values += n;
        if (m_values <= YamlDocument::kMaxValues) return true;
        return fail(m, "E-YAML-SIZE",
                    "the document holds more than " + std::to_string(YamlDocument::kMaxValues) +
                        " keys and values, counting those its aliases repeat");
    }
    // Where a node starting at `m` goes; false when it is a mapping's key (then taken here).
    bool isKey(const yaml_mark_t& m, const Json* scalar);
    void keep(const std::string& pointer, std::size_t depth, std::pair<int, int> at)
    {
        if (depth <= m_keptDepth) m_doc.m_positions.push_back({pointer, at});
    }
    // The pointer and depth of the next value, its position kept; in a sequence, only a list's or
    // a mapping's (the elements a reader names), not each text of a list of them.
    std::pair<std::string, std::size_t> nextPlace(const yaml_mark_t& m, bool collection);
    void place(Json v);
    bool open(const yaml_event_t& e, bool mapping);
    bool close(const yaml_event_t& e);
    bool alias(const yaml_event_t& e);
    bool scalar(const yaml_event_t& e);

    YamlDocument& m_doc;
    std::string m_file;
    Diagnostics& m_diags;
    std::size_t m_keptDepth;
    std::vector<Frame> m_stack;
    struct Anchored
    {
        Json value;
        std::size_t values = 0;
    };
    std::unordered_map<std::string, Anchored> m_anchors;
    std::size_t m_values = 0, m_documents = 0;
    bool m_failed = false;
    WarningsAtMost m_warnings{m_diags, 20};
};

bool YamlBuilder::isKey(const yaml_mark_t& m, const Json* scalar)
{
    if (m_stack.empty() || !m_stack.back().value.is_object() || !m_stack.back().keyNext)
        return false;
    Frame& top = m_stack.back();
    if (!scalar)
        return fail(m, "E-YAML", "a mapping's key is a list or a mapping, which is not read");
    top.key = scalar->is_string() ? scalar->get<std::string>()
              : scalar->is_null() ? std::string()
                                  : scalar->dump();
    top.keyAt = {static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1};
    top.keyNext = false;
    return true;
}

std::pair<std::string, std::size_t> YamlBuilder::nextPlace(const yaml_mark_t& m, bool collection)
{
    if (m_stack.empty()) {
        keep("", 0, {static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1});
        return {"", 0};
    }
    const Frame& top = m_stack.back();
    const std::size_t depth = top.depth + 1;
    if (depth > m_keptDepth) return {{}, depth}; // nothing below is kept either
    if (top.value.is_array()) {
        if (!collection) return {{}, depth}; // its pointer is never asked for
        std::string p = top.pointer + "/" + std::to_string(top.value.size());
        keep(p, depth, {static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1});
        return {std::move(p), depth};
    }
    if (top.mergeKey) return {top.pointer, top.depth};
    std::string p = top.pointer + "/" + jsonPointerStep(top.key);
    keep(p, depth, top.keyAt);
    return {std::move(p), depth};
}

void YamlBuilder::place(Json v)
{
    if (m_stack.empty()) {
        m_doc.root = std::move(v);
        return;
    }
    Frame& top = m_stack.back();
    if (top.value.is_array()) {
        top.value.push_back(std::move(v));
        return;
    }
    top.keyNext = true;
    if (top.mergeKey) {
        top.mergeKey = false;
        if (v.is_array())
            for (auto& item : v)
                top.merged.push_back(std::move(item));
        else
            top.merged.push_back(std::move(v));
        return;
    }
    if (top.value.contains(top.key))
        m_warnings.add({Diagnostic::Level::Warning, m_file, top.keyAt.first, top.keyAt.second, "",
                        "", "W-YAML-REPEATED",
                        "the key " + quoteText(top.key) +
                            " is written twice in one mapping; the later value is read",
                        ""});
    top.value[top.key] = std::move(v);
}

bool YamlBuilder::open(const yaml_event_t& e, bool mapping)
{
    if (isKey(e.start_mark, nullptr) || m_failed) return false;
    if (!count(e.start_mark, 1)) return false;
    auto [pointer, depth] = nextPlace(e.start_mark, true);
    if (m_stack.size() >= YamlDocument::kMaxDepth)
        return fail(e.start_mark, "E-YAML-DEPTH",
                    "lists and mappings are nested more than " +
                        std::to_string(YamlDocument::kMaxDepth) + " deep");
    Frame f;
    f.value = mapping ? Json::object() : Json::array();
    f.pointer = std::move(pointer);
    f.depth = depth;
    const unsigned char* anchor =
        mapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
    f.anchor = textOf(anchor);
    f.valuesAtStart = m_values;
    m_stack.push_back(std::move(f));
    return true;
}

bool YamlBuilder::close(const yaml_event_t& e)
{
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    // Merged mappings fill only the keys the mapping does not write; of several, the first wins.
    for (const Json& m : f.merged) {
        if (!m.is_object()) {
            m_warnings.add(
                {Diagnostic::Level::Warning, m_file, static_cast<int>(e.start_mark.line) + 1,
                 static_cast<int>(e.start_mark.column) + 1, "", "", "W-YAML-MERGE",
                 "a merge key (<<) names something other than a mapping, which was left out", ""});
            continue;
        }
        for (const auto& [k, v] : m.items())
            if (!f.value.contains(k)) f.value[k] = v;
    }
    if (!f.anchor.empty()) m_anchors[f.anchor] = {f.value, m_values - f.valuesAtStart};
    place(std::move(f.value));
    return true;
}

bool YamlBuilder::alias(const yaml_event_t& e)
{
    const std::string name = textOf(e.data.alias.anchor);
    const auto it = m_anchors.find(name);
    if (it == m_anchors.end())
        return fail(e.start_mark, "E-YAML-ALIAS",
                    "the alias *" + printable(name) + " names no anchor written before it");
    if (!count(e.start_mark, it->second.values)) return false;
    if (it->second.value.is_primitive() && isKey(e.start_mark, &it->second.value)) return true;
    if (m_failed) return false;
    if (m_stack.size() && m_stack.back().value.is_object() && m_stack.back().keyNext)
        return fail(e.start_mark, "E-YAML",
                    "a mapping's key is a list or a mapping, which is not read");
    nextPlace(e.start_mark, false); // an alias's values were placed where its anchor is
    place(it->second.value);
    return true;
}

bool YamlBuilder::scalar(const yaml_event_t& e)
{
    Json v = scalarValue(e);
    if (!count(e.start_mark, 1)) return false;
    if (const unsigned char* anchor = e.data.scalar.anchor) m_anchors[textOf(anchor)] = {v, 1};
    if (isKey(e.start_mark, &v)) {
        // `<<` is a merge only when plain: a quoted "<<" is a key like any other.
        m_stack.back().mergeKey = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && v == "<<";
        return true;
    }
    if (m_failed) return false;
    nextPlace(e.start_mark, false);
    place(std::move(v));
    return true;
}

bool YamlBuilder::take(const yaml_event_t& e)
{
    switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
        if (m_documents++ == 0) return true;
        m_diags.push_back({Diagnostic::Level::Warning, m_file,
                           static_cast<int>(e.start_mark.line) + 1, 1, "", "", "W-YAML-DOCUMENTS",
                           "the file holds more than one YAML document; only the first is read",
                           ""});
        return false;
    case YAML_STREAM_END_EVENT:
        return false;
    case YAML_SCALAR_EVENT:
        return scalar(e);
    case YAML_ALIAS_EVENT:
        return alias(e);
    case YAML_SEQUENCE_START_EVENT:
        return open(e, false);
    case YAML_MAPPING_START_EVENT:
        return open(e, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close(e);
    default:
        return true;
    }
}

namespace {
int emitText(yaml_emitter_t& e, const std::string& text)
{
    // Plain where it reads back as this text; quoted where it would read as true, 3 or null.
    const bool plain = plainValue(text) == Json(text) && !text.empty();
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, nullptr, nullptr,
                                 reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data())),
                                 static_cast<int>(text.size()), 1, 1,
                                 plain ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    if (!plain) ev.data.scalar.plain_implicit = 0;
    return yaml_emitter_emit(&e, &ev);
}

// Depth is the writer's own (a format's few levels), not a file's: recursion is bounded.
int emitValue(yaml_emitter_t& e, const nlohmann::ordered_json& v)
{
    yaml_event_t ev;
    if (v.is_object()) {
        yaml_mapping_start_event_initialize(&ev, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE);
        if (!yaml_emitter_emit(&e, &ev)) return 0;
        for (const auto& [k, item] : v.items())
            if (!emitText(e, k) || !emitValue(e, item)) return 0; // a key "null" stays a text
        yaml_mapping_end_event_initialize(&ev);
        return yaml_emitter_emit(&e, &ev);
    }
    if (v.is_array()) {
        yaml_sequence_start_event_initialize(&ev, nullptr, nullptr, 1,
                                             v.empty() ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
        if (!yaml_emitter_emit(&e, &ev)) return 0;
        for (const auto& item : v)
            if (!emitValue(e, item)) return 0;
        yaml_sequence_end_event_initialize(&ev);
        return yaml_emitter_emit(&e, &ev);
    }
    if (v.is_string()) return emitText(e, v.get<std::string>());
    const std::string text = v.is_null() ? "null" : v.dump();
    yaml_scalar_event_initialize(&ev, nullptr, nullptr, reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data())),
                                 static_cast<int>(text.size()), 1, 1, YAML_PLAIN_SCALAR_STYLE);
    return yaml_emitter_emit(&e, &ev);
}

int appendTo(void* out, unsigned char* buffer, std::size_t size)
{
    static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(buffer), size);
    return 1;
}
} // namespace

std::string toYaml(const nlohmann::ordered_json& values)
{
    yaml_emitter_t e;
    std::string out;
    if (!yaml_emitter_initialize(&e)) return out;
    std::unique_ptr<yaml_emitter_t, void (*)(yaml_emitter_t*)> guard(&e, yaml_emitter_delete);
    yaml_emitter_set_output(&e, appendTo, &out);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, 100);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    bool ok = yaml_emitter_emit(&e, &ev);
    yaml_document_start_event_initialize(&ev, nullptr, nullptr, nullptr, 1);
    ok = ok && yaml_emitter_emit(&e, &ev) && emitValue(e, values);
    yaml_document_end_event_initialize(&ev, 1);
    ok = ok && yaml_emitter_emit(&e, &ev);
    yaml_stream_end_event_initialize(&ev);
    ok = ok && yaml_emitter_emit(&e, &ev);
    return ok ? out : std::string();
}

std::optional<YamlDocument> YamlDocument::parse(const std::string& text, const std::string& file,
                                                Diagnostics& diags, std::size_t keptDepth)
{
    if (text.size() > kMaxBytes) {
        diags.push_back({Diagnostic::Level::Error, file, 0, 0, "", "", "E-YAML-SIZE",
                         "a YAML document is read up to 32 MiB, and this one is larger", ""});
        return std::nullopt;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diags.push_back(
            {Diagnostic::Level::Error, file, 0, 0, "", "", "E-YAML", "no memory to read YAML", ""});
        return std::nullopt;
    }
    std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    YamlDocument doc;
    YamlBuilder builder(doc, file, diags, keptDepth);
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            if (parser.error ==
                YAML_READER_ERROR) { // a byte that is no character: no mark, an offset
                const std::size_t at = std::min(parser.problem_offset, text.size());
                const std::size_t lineStart =
                    at == 0 ? std::string::npos : text.rfind('\n', at - 1);
                parser.problem_mark.line = static_cast<std::size_t>(
                    std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
                parser.problem_mark.column =
                    lineStart == std::string::npos ? at : at - lineStart - 1;
            }
            std::string message =
                "not YAML: " + textOf(reinterpret_cast<const unsigned char*>(parser.problem));
            if (parser.context)
                message += " (" + textOf(reinterpret_cast<const unsigned char*>(parser.context)) +
                           " at line " + std::to_string(parser.context_mark.line + 1) + ")";
            diags.push_back(
                {Diagnostic::Level::Error, file, static_cast<int>(parser.problem_mark.line) + 1,
                 static_cast<int>(parser.problem_mark.column) + 1, "", "", "E-YAML", message, ""});
            return std::nullopt;
        }
        std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> event(&e, yaml_event_delete);
        if (!builder.take(e)) break;
    }
    if (builder.failed()) return std::nullopt;
    builder.finish();
    return doc;
}

} // namespace pb::model
