#include "model/jsonutil.h"

#include "model/jsonstream.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pb::model {

void lineColumnOf(const std::string& text, std::size_t offset, int& line, int& column)
{
    line = 1;
    column = 1;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // count code points, not UTF-8 continuation bytes
        }
    }
}

std::string_view jsonObjectHead(std::string_view text)
{
    const std::string_view head = text.substr(0, 4096);
    const std::size_t open = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return open != std::string_view::npos && head[open] == '{' ? head : std::string_view();
}

const nlohmann::json* jsonMember(const nlohmann::json& j, const char* key)
{
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

std::string jsonString(const nlohmann::json& j, const char* key)
{
    const nlohmann::json* v = jsonMember(j, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::vector<std::string> jsonStrings(const nlohmann::json& j, const char* key)
{
    std::vector<std::string> out;
    if (const nlohmann::json* a = jsonMember(j, key); a && a->is_array())
        for (const auto& s : *a)
            if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

std::optional<int> intSetting(const nlohmann::json& j, const char* key, int fallback, int lo, int hi)
{
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (!it->is_number()) return std::nullopt;
    const double d = it->get<double>();
    if (!(d >= lo && d <= hi) || d != static_cast<double>(static_cast<int>(d))) return std::nullopt;
    return static_cast<int>(d);
}

std::string mebibyteText(std::size_t bytes)
{
    const std::size_t mib = std::size_t{1} << 20;
    if (bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / mib);
    return text;
}

namespace {
std::string tooLarge(std::size_t maxBytes)
{
    return "file is larger than the " + mebibyteText(maxBytes) + " limit";
}

// A pipe or a device has no size to read up front: read until it ends or passes the limit.
std::optional<std::string> readStream(std::FILE* f, std::string& error, std::size_t maxBytes)
{
    std::string text;
    char buf[1 << 16];
    for (;;) {
        const std::size_t n = std::fread(buf, 1, sizeof buf, f);
        text.append(buf, n);
        if (text.size() > maxBytes) {
            error = tooLarge(maxBytes);
            return std::nullopt;
        }
        if (n < sizeof buf) break;
    }
    if (std::ferror(f)) {
        error = "read failed";
        return std::nullopt;
    }
    const std::size_t size = text.size();
    text.resize(size + kTextPadding, '\0'); // zeros past the end, as for a file
    text.resize(size);
    return text;
}
} // namespace

std::optional<std::string> readTextFile(const std::string& path, std::string& error, std::size_t maxBytes)
{
    if (path == "-") return readStream(stdin, error, maxBytes);
    // A folder opens as a stream whose size reads as enormous: "larger than the limit" misled.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) {
        error = "it is a folder, not a file";
        return std::nullopt;
    }
    // `check <(generate-design)` names a pipe, /dev/fd/63: its size reads as nothing or fails.
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) {
            error = std::strerror(errno);
            return std::nullopt;
        }
        auto text = readStream(f, error, maxBytes);
        std::fclose(f);
        return text;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) {
        error = "cannot determine the file size";
        return std::nullopt;
    }
    if (static_cast<std::size_t>(size) > maxBytes) {
        error = tooLarge(maxBytes);
        return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(size) + kTextPadding, '\0');
    in.seekg(0);
    in.read(text.data(), size);
    if (!in) {
        error = "read failed";
        return std::nullopt;
    }
    text.resize(static_cast<std::size_t>(size)); // keeps the capacity, and the zeros past the end
    return text;
}

namespace {
// Where nesting first passes kMaxJsonDepth, found by one pass over the text before nlohmann
// sees it. (A parse callback could check depth too, but nlohmann's callback parser rescans the
// enclosing array at the end of every object, which is quadratic: 1.5 s for 10,000 components.)
std::optional<std::size_t> tooDeepAt(const std::string& text)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if ((c == '[' || c == '{') && ++depth > kMaxJsonDepth) return i;
        else if (c == ']' || c == '}') --depth;
    }
    return std::nullopt;
}
} // namespace

void addJsonError(const std::string& text, const std::string& file, std::size_t offset, const std::string& msg,
                  Diagnostics& diags)
{
    Diagnostic d;
    d.file = file;
    d.code = "E-JSON";
    lineColumnOf(text, offset, d.line, d.column);
    d.message = msg;
    diags.push_back(std::move(d));
}

bool withinJsonLimits(const std::string& text, const std::string& file, Diagnostics& diags, std::size_t maxBytes)
{
    // Windows editors save "Unicode" as UTF-16, whose first byte the parser would only call an
    // invalid literal.
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        addJsonError(text, file, 0, "the file is UTF-16 text; save it as UTF-8", diags);
        return false;
    }
    if (text.size() > maxBytes) {
        addJsonError(text, file, 0, "input is larger than the " + mebibyteText(maxBytes) + " limit", diags);
        return false;
    }
    if (auto at = tooDeepAt(text)) {
        addJsonError(text, file, *at, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels", diags);
        return false;
    }
    return true;
}

std::string parseErrorText(const std::string& what)
{
    // Keep nlohmann's explanation but drop its own "[json.exception...] parse error at line x,
    // column y:" prefix; we print our own location. Errors without a location ("number overflow
    // parsing '1e999'") lose only the bracketed exception name.
    if (const auto column = what.find("column"); column != std::string::npos)
        if (const auto colon = what.find(": ", column); colon != std::string::npos)
            return "invalid JSON: " + what.substr(colon + 2);
    if (what.rfind("[json.exception.", 0) == 0)
        if (const auto close = what.find("] "); close != std::string::npos)
            return "invalid JSON: " + what.substr(close + 2);
    return "invalid JSON: " + what;
}

std::optional<nlohmann::json> parseJson(const std::string& text, const std::string& file,
                                        Diagnostics& diags, Diagnostic::Level repeatLevel)
{
    // The streaming parse without streams is nlohmann's own DOM parse, and it notices repeats.
    return parseJsonStreaming(text, file, diags, JsonStream{}, repeatLevel);
}

void JsonPositions::only(const std::vector<std::string>& pointers)
{
    for (const auto& p : pointers) {
        if (!m_only.insert(p).second) continue;
        for (std::size_t slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1))
            m_onTheWay.insert(p.substr(0, slash)); // "", "/components", "/components/0", …
        m_onTheWay.insert(p);
    }
}

std::pair<int, int> JsonPositions::find(const std::string& pointer) const
{
    build();
    auto it = m_offsets.find(pointer);
    if (it == m_offsets.end()) return {0, 0};
    return positionOf(it->second);
}

std::size_t JsonPositions::offset(const std::string& pointer) const
{
    build();
    auto it = m_offsets.find(pointer);
    return it == m_offsets.end() ? std::string::npos : it->second;
}

std::vector<JsonPositions::Repeat> JsonPositions::repeats() const
{
    build();
    std::vector<Repeat> out;
    for (const auto& [pointer, offset] : m_repeats) {
        Repeat r{pointer};
        std::tie(r.line, r.column) = positionOf(offset);
        std::tie(r.firstLine, r.firstColumn) = find(pointer);
        out.push_back(std::move(r));
    }
    return out;
}

std::pair<int, int> JsonPositions::positionOf(std::size_t offset) const
{
    auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const std::size_t start = *(next - 1); // m_lineStarts[0] == 0 <= offset
    const auto column = static_cast<int>(charsBefore(offset) - charsBefore(start)) + 1;
    return {static_cast<int>(next - m_lineStarts.begin()), column};
}

std::size_t JsonPositions::charsBefore(std::size_t offset) const
{
    const std::size_t block = offset / kColumnBlock;
    std::size_t n = m_charsBefore[block];
    for (std::size_t i = block * kColumnBlock; i < offset; ++i)
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

std::optional<Value> valueFromJson(const nlohmann::json& j)
{
    if (j.is_string()) return Value{j.get<std::string>()};
    if (j.is_boolean()) return Value{j.get<bool>()};
    if (j.is_number()) return Value{j.get<double>()};
    if (j.is_array()) {
        StringList list;
        for (const auto& item : j) {
            if (!item.is_string()) return std::nullopt;
            list.push_back(item.get<std::string>());
        }
        return Value{list};
    }
    return std::nullopt;
}

namespace {
std::string escapePointerToken(const std::string& key)
{
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

struct Frame
{
    bool isObject;
    std::string base;
    std::size_t index = 0;
    std::string key;
    bool expectKey = true;
    bool inRepeat = false; // inside a value whose key was written before in the same object
    bool relevant = true;  // with JsonPositions::only(): on the way to a pointer asked for
};
} // namespace

// A small scanner over text already known to be valid JSON; records where each value starts.
void JsonPositions::build() const
{
    if (m_built) return;
    m_built = true;
    m_lineStarts.push_back(0);
    std::size_t chars = 0;
    for (std::size_t i = 0; i <= m_text.size(); ++i) { // to the end itself: an offset may be there
        if (i % kColumnBlock == 0) m_charsBefore.push_back(chars);
        if (i == m_text.size()) break;
        if (m_text[i] == '\n') m_lineStarts.push_back(i + 1);
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++chars;
    }
    std::vector<Frame> stack;
    auto currentPointer = [&]() -> std::string {
        if (stack.empty()) return "";
        const Frame& f = stack.back();
        return f.base + "/" + (f.isObject ? escapePointerToken(f.key) : std::to_string(f.index));
    };
    const std::string& t = m_text;
    // A byte order mark (which the parsers skip) read as a value put every pointer after it out
    // of place, and the problems of a file saved with one lost their lines.
    const std::size_t first = t.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (std::size_t i = first; i < t.size(); ++i) {
        char c = t[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':') continue;
        if (c == ',') {
            if (!stack.empty()) {
                if (stack.back().isObject) stack.back().expectKey = true;
                else ++stack.back().index;
            }
            continue;
        }
        if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
            continue;
        }
        if (c == '"' && !stack.empty() && stack.back().isObject && stack.back().expectKey && !stack.back().relevant) {
            for (++i; i < t.size() && t[i] != '"'; ++i)
                if (t[i] == '\\') ++i;
            stack.back().expectKey = false;
            continue;
        }
        if (c == '"' && !stack.empty() && stack.back().isObject && stack.back().expectKey) {
            std::string key;
            for (++i; i < t.size() && t[i] != '"'; ++i) {
                if (t[i] == '\\' && i + 1 < t.size()) {
                    ++i;
                    key += t[i] == 'n' ? '\n' : t[i];
                } else {
                    key += t[i];
                }
            }
            stack.back().key = key;
            stack.back().expectKey = false;
            continue;
        }
        // With only(): a value off the way to every pointer asked for gets no pointer, nor do its
        // children (a design's million values, where a warning wants one).
        const bool onTheWay = stack.empty() || stack.back().relevant;
        const bool kept = stack.size() <= m_maxDepth && onTheWay;
        const std::string ptr = kept ? currentPointer() : std::string();
        const bool relevant = kept && (m_only.empty() || m_onTheWay.count(ptr) > 0);
        const bool recorded = relevant && (m_only.empty() || m_only.count(ptr) > 0);
        const bool fresh = !recorded || m_offsets.emplace(ptr, i).second; // the first occurrence is the one found
        const bool inRepeat = !stack.empty() && stack.back().inRepeat;
        if (!fresh && !inRepeat && !stack.empty() && stack.back().isObject) m_repeats.emplace_back(ptr, i);
        if (c == '{' || c == '[') {
            stack.push_back(Frame{c == '{', relevant ? ptr : std::string(), 0, {}, true, inRepeat || !fresh, relevant});
            continue;
        }
        if (c == '"') {
            for (++i; i < t.size() && t[i] != '"'; ++i)
                if (t[i] == '\\') ++i;
            continue;
        }
        while (i + 1 < t.size() && !std::strchr(",}] \n\r\t", t[i + 1])) ++i;
    }
}

} // namespace pb::model
