#include "model/dotscreen.h"

#include "model/dotimport.h"

#include <cctype>

namespace pb::model {

namespace {
bool reject(Diagnostics& diags, const std::string& file, int line, const std::string& msg)
{
    diags.push_back({Diagnostic::Level::Error, file, line, 0, "", "", "E-DOT", msg, ""});
    return false;
}

// Length of the UTF-8 sequence starting at text[i], or 0 if it is not valid UTF-8. Designs are
// saved as JSON, which must be UTF-8, so a name with stray bytes could be imported but never saved.
std::size_t utf8Length(const std::string& text, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    const std::size_t n = c > 0xF4 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if ((n == 3 && c == 0xE0 && b(i + 1) < 0xA0) || (n == 3 && c == 0xED && b(i + 1) >= 0xA0) ||
        (n == 4 && c == 0xF0 && b(i + 1) < 0x90) || (n == 4 && c == 0xF4 && b(i + 1) >= 0x90))
        return 0; // overlong forms, UTF-16 surrogates, beyond U+10FFFF
    return n;
}

} // namespace

bool screenDotText(const std::string& text, const std::string& file, Diagnostics& diags)
{
    if (text.size() > kMaxDotBytes)
        return reject(diags, file, 0,
                      "DOT input is larger than the " + std::to_string(kMaxDotBytes >> 20) +
                          " MiB limit");
    int line = 1, depth = 0;
    std::size_t subgraphs = 0;
    bool inString = false, inLineComment = false, inBlockComment = false, sawContent = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0') return reject(diags, file, line, "not a DOT file: it contains a NUL byte");
        if (static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t n = utf8Length(text, i);
            if (n == 0)
                return reject(diags, file, line, "not UTF-8 text (convert the file to UTF-8)");
            i += n - 1;
            sawContent = true;
            continue;
        }
        if (c == '\n') {
            ++line;
            inLineComment = false;
            continue;
        }
        if (inLineComment) continue;
        if (inBlockComment) {
            if (c == '*' && i + 1 < text.size() && text[i + 1] == '/') inBlockComment = false, ++i;
            continue;
        }
        if (inString) {
            // As cgraph's scanner reads a quoted string: \" is a quote and a backslash before a
            // newline continues the line; any other backslash is itself. (Skipping whatever
            // followed a backslash split a multi-byte character: the export of a name holding
            // "\é" was refused as not UTF-8.)
            if (c == '\\' && i + 1 < text.size() && text[i + 1] == '"') ++i;
            else if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') ++i, ++line;
            else if (c == '"') inString = false;
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(c))) sawContent = true;
        if (c == '"') inString = true;
        else if (c == '#' && (i == 0 || text[i - 1] == '\n')) inLineComment = true;
        else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') inLineComment = true;
        else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') inBlockComment = true, ++i;
        else if (c == '{') {
            if (++depth > kMaxDotNesting)
                return reject(diags, file, line,
                              "graph nested deeper than " + std::to_string(kMaxDotNesting) +
                                  " levels");
            if (depth > 1 && ++subgraphs > kMaxDotSubgraphs)
                return reject(diags, file, line,
                              "more than " + std::to_string(kMaxDotSubgraphs) + " subgraphs");
        } else if (c == '}') --depth;
    }
    if (!sawContent) return reject(diags, file, 0, "empty file: expected a DOT digraph");
    return true;
}

} // namespace pb::model
