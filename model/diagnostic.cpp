#include "model/diagnostic.h"

#include "model/printable.h"

#include <algorithm>
#include <unordered_map>

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
    // A DOT node may be named by 64 KiB: the id is shown as messages quote it.
    if (!element.empty()) out += " [element " + quoteText(element) + "]";
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

namespace {
// The message with the element's quoted id left out: what the repeats of one warning share.
std::string shapeOf(const Diagnostic& d)
{
    std::string m = d.message;
    if (d.element.empty()) return m;
    const std::string id = quoteText(d.element), gone = "'…'";
    for (auto at = m.find(id); at != std::string::npos; at = m.find(id, at + gone.size()))
        m.replace(at, id.size(), gone);
    return m;
}

std::string groupKey(const Diagnostic& d)
{
    return d.file + '\0' + d.code + '\0' + shapeOf(d) + '\0' + d.hint;
}

std::string withCommas(std::size_t n)
{
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// "unknown property 'sla' on component '…'" counted as "N more components with … 'sla'": the
// element is what differs, so the line names what kind of element, not one of them.
Diagnostic summaryOf(const Diagnostic& first, std::size_t more)
{
    std::string text = shapeOf(first), noun = "elements";
    for (const std::string kind : {"component", "flow", "zone"}) {
        const std::string tail = " on " + kind + " '…'";
        if (const auto at = text.find(tail); at != std::string::npos && !first.element.empty()) {
            text.erase(at, tail.size());
            noun = kind + "s";
            break;
        }
    }
    Diagnostic s = first;
    s.line = s.column = 0;
    s.element.clear();
    s.pointer.clear();
    s.message = "… and " + withCommas(more) + " more " + noun + " with the same warning: " + text;
    return s;
}
} // namespace

std::optional<std::size_t> WarningsAtMost::add(Diagnostic warning)
{
    if (m_said == m_most) {
        ++m_unsaid;
        return std::nullopt;
    }
    ++m_said;
    m_diags.push_back(std::move(warning));
    return m_diags.size() - 1;
}

void WarningsAtMost::finish(const std::string& file, const std::string& code, const std::string& what)
{
    if (m_unsaid == 0) return;
    m_diags.push_back({Diagnostic::Level::Warning, file, 0, 0, "", "", code,
                       std::to_string(m_unsaid) + " more " + what + " were left out", ""});
}

Diagnostics groupRepeated(const Diagnostics& diags, std::size_t shown)
{
    std::unordered_map<std::string, std::size_t> total, seen;
    std::vector<std::string> keys(diags.size());
    for (std::size_t i = 0; i < diags.size(); ++i)
        if (diags[i].level != Diagnostic::Level::Error) ++total[keys[i] = groupKey(diags[i])];
    Diagnostics out;
    for (std::size_t i = 0; i < diags.size(); ++i) {
        const auto& d = diags[i];
        // One line counting a single warning would save nothing: it is shown instead.
        if (d.level == Diagnostic::Level::Error || total[keys[i]] <= shown + 1) {
            out.push_back(d);
            continue;
        }
        const std::size_t n = ++seen[keys[i]];
        if (n <= shown) out.push_back(d);
        else if (n == shown + 1) out.push_back(summaryOf(d, total[keys[i]] - shown));
    }
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
