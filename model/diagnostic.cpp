#include "model/diagnostic.h"

#include <algorithm>

namespace pb::model {

std::string levelName(Diagnostic::Level level)
{
    switch (level) {
    case Diagnostic::Level::Error: return "error";
    case Diagnostic::Level::Warning: return "warning";
    case Diagnostic::Level::Note: return "note";
    }
    return "error";
}

std::string Diagnostic::format() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": " + levelName(level) + ": " + message;
    if (!element.empty()) out += " [element '" + element + "']";
    if (!pointer.empty()) out += " [at " + pointer + "]";
    if (!hint.empty()) out += " (" + hint + ")";
    // Last, where it is out of the way: the code is what docs/rules.md and docs/format.md list.
    if (!code.empty()) out += " [" + code + "]";
    return out;
}

bool hasErrors(const Diagnostics& diags)
{
    return std::any_of(diags.begin(), diags.end(),
                       [](const Diagnostic& d) { return d.level == Diagnostic::Level::Error; });
}

std::string formatAll(const Diagnostics& diags)
{
    std::string out;
    for (const auto& d : diags) out += d.format() + "\n";
    return out;
}

bool conflictMarkerAt(const std::string& text, std::size_t at)
{
    constexpr std::size_t kWidth = 7;
    if (at + kWidth > text.size()) return false;
    const char c = text[at];
    if (c != '<' && c != '>' && c != '=' && c != '|') return false;
    for (std::size_t k = 1; k < kWidth; ++k)
        if (text[at + k] != c) return false;
    const std::size_t after = at + kWidth;
    return after == text.size() || text[after] == ' ' || text[after] == '\n' || text[after] == '\r';
}

int conflictMarkerLine(const std::string& text)
{
    int line = 1;
    for (std::size_t at = 0; at < text.size(); ++line) {
        if (conflictMarkerAt(text, at)) return line;
        const std::size_t end = text.find('\n', at);
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return 0;
}

Diagnostic conflictMarkerError(const std::string& file, int line, const std::string& code)
{
    return {Diagnostic::Level::Error, file, line, 0, "", "", code,
            "a merge conflict marker: the file still holds both sides of a git merge",
            "keep the side you want, delete the <<<<<<<, ======= and >>>>>>> lines, and check again"};
}

} // namespace pb::model
