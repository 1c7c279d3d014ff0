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
            if (c == '\\') ++i;
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
