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

} // namespace pb::model
