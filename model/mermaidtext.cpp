#include "model/mermaidtext.h"

#include "model/mermaidimport.h"
#include "model/printable.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace pb::model {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equalNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

// The length of the entity code at text[i] ('#', a name or a number, ';'), 0 when there is none.
std::size_t codeLength(std::string_view text, std::size_t i)
{
    std::size_t j = i + 1;
    while (j < text.size() && j - i <= 12 && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    return j > i + 1 && j < text.size() && text[j] == ';' ? j - i + 1 : 0;
}

// What the code `name` (between '#' and ';') stands for; false when it is not one.
bool decode(std::string_view name, std::string& out)
{
    static constexpr std::array<std::pair<std::string_view, char>, 5> kNamed{
        {{"quot", '"'}, {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"apos", '\''}}};
    for (const auto& [n, c] : kNamed)
        if (name == n) {
            out += c;
            return true;
        }
    std::uint32_t code = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), code);
    // NUL and the surrogates are no characters: the code stays as it was written.
    if (ec != std::errc() || end != name.data() + name.size() || code == 0 || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF))
        return false;
    appendUtf8(out, static_cast<char32_t>(code));
    return true;
}

} // namespace

bool isMermaidIdChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool isMermaidKeyword(std::string_view word)
{
    static constexpr std::array<std::string_view, 14> kWords{
        "end",   "subgraph", "graph", "flowchart", "class",    "classDef", "style",
        "linkStyle", "click", "direction", "accTitle", "accDescr", "call", "href"};
    for (std::string_view w : kWords)
        if (equalNoCase(word, w)) return true;
    return false;
}

std::string mermaidEscaped(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '"': out += "#quot;"; break;
        case '<': out += "#lt;"; break;
        case '>': out += "#gt;"; break;
        case '|': out += "#124;"; break;
        case '`': out += "#96;"; break; // "`…`" is a Markdown string
        case '\n': out += "<br/>"; break;
        case '\r': break;
        case '\t': out += ' '; break;
        case '#': out += codeLength(text, i) ? "#35;" : "#"; break;
        default: out += c;
        }
    }
    return out;
}

std::string mermaidPlain(std::string_view text)
{
    // "`**Orders** API`": a Markdown string. Its text, without the emphasis marks.
    std::string unmarked;
    if (text.size() >= 2 && text.front() == '`' && text.back() == '`') {
        for (std::size_t i = 1; i + 1 < text.size(); ++i)
            if (text[i] != '*' && !(text[i] == '_' && i + 2 < text.size() && text[i + 1] == '_')) unmarked += text[i];
            else if (text[i] == '_') ++i; // `__bold__`: both marks
        text = unmarked;
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '<') {
            bool br = false;
            for (std::string_view tag : {"<br/>", "<br />", "<br>"})
                if (equalNoCase(text.substr(i, tag.size()), tag)) {
                    out += ' ';
                    i += tag.size();
                    br = true;
                    break;
                }
            if (br) continue;
        }
        if (text[i] == '#')
            if (const std::size_t n = codeLength(text, i); n > 0 && decode(text.substr(i + 1, n - 2), out)) {
                i += n;
                continue;
            }
        out += text[i++];
    }
    return out;
}

std::vector<MermaidBlock> mermaidFlowcharts(std::string_view markdown)
{
    std::vector<MermaidBlock> out;
    std::size_t at = 0;
    int line = 1;
    auto lineAfter = [&](std::size_t from, std::size_t to) {
        return static_cast<int>(std::count(markdown.begin() + static_cast<std::ptrdiff_t>(from),
                                           markdown.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    };
    for (;;) {
        const std::size_t open = markdown.find("```mermaid", at);
        if (open == std::string_view::npos) return out;
        line += lineAfter(at, open);
        const std::size_t body = markdown.find('\n', open);
        if (body == std::string_view::npos) return out;
        const std::size_t close = markdown.find("```", body);
        const std::string_view text = markdown.substr(body, close == std::string_view::npos ? std::string_view::npos : close - body);
        if (looksLikeMermaid(text)) out.push_back({line, text.substr(1)});
        if (close == std::string_view::npos) return out;
        line += lineAfter(open, close + 3);
        at = close + 3;
    }
}

} // namespace pb::model
