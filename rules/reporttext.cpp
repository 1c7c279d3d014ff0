#include "rules/report.h"

#include "rules/sharedtextformat.h"
#include "rules/templaterenderer.h"

#include "model/printable.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace pb::rules {

std::string stoppedRuleText(const StoppedRule& s)
{
    return fmt::format("rule '{}' was stopped after {} findings from {} matches: its matches grow much faster "
                       "than the design, so what it finds here is incomplete (narrow its kinds or steps)",
                       model::printable(s.ruleId), formatNumber(static_cast<double>(s.findings)),
                       formatNumber(static_cast<double>(s.matches)));
}

std::string labelOf(const model::Design& design, const std::string& id)
{
    if (auto c = design.component(id)) return c->label.empty() ? id : c->label;
    // An unlabelled flow is named by its ends: its id ("f-api-an") means nothing to a reader.
    if (auto f = design.flow(id)) return f->label.empty() ? labelOf(design, f->from) + " → " + labelOf(design, f->to) : f->label;
    if (auto z = design.zone(id)) return z->label.empty() ? id : z->label;
    return id;
}

namespace {
const char* colourOf(Severity s)
{
    switch (s) {
    case Severity::Critical: return "\033[1;35m";
    case Severity::High: return "\033[1;31m";
    case Severity::Medium: return "\033[1;33m";
    case Severity::Low: return "\033[1;36m";
    case Severity::Info: return "\033[2m";
    }
    return "";
}

// Every text from the design or a pack goes through this: a terminal obeys the escape sequences
// a label may hold, and a line break in one would forge a line of the report.
std::string shown(std::string_view text)
{
    return model::printable(text);
}

void writeFinding(std::string& out, const Finding& f, const model::Design& d, bool colour)
{
    const std::string reset = colour ? "\033[0m" : "";
    const std::string bold = colour ? "\033[1m" : "";
    std::string sev = severityName(f.severity);
    for (auto& c : sev) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += fmt::format("  {}{:<8}{} {}{}{}  [{}]", colour ? colourOf(f.severity) : "", sev, reset,
                       bold, shown(f.title.str()), reset, shown(f.ruleId.str()));
    // A decision that does not apply (expired, misspelt, without an owner) leaves the finding
    // open with the reason as its justification, shown below.
    if (f.status != "open") out += " (" + shown(f.status.str()) + ")";
    else if (!f.justification.empty()) out += " (open again)";
    out += "\n";
    std::string about;
    const auto& ids = f.path.empty() ? f.targets : f.path;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (d.flow(ids[i]) && !f.path.empty()) continue;
        about += (about.empty() ? "" : f.path.empty() ? ", " : " → ") + shown(labelOf(d, ids[i]));
    }
    if (!about.empty()) out += "           " + std::string(f.path.empty() ? "about: " : "path:  ") + about + "\n";
    // Rendered for the report alone (once()): a finding keeps no text a report has read.
    if (const std::string why = f.why.once(); !why.empty()) out += "           why:   " + shown(why) + "\n";
    for (const auto& q : f.questions) {
        out += "           ? " + shown(q.text.once()) + "\n";
        for (const auto& a : q.answerPoints) out += "               - " + shown(a) + "\n";
    }
    if (const std::string hint = f.fixHint.once(); !hint.empty()) out += "           fix:   " + shown(hint) + "\n";
    if (!f.justification.empty())
        out += "           decision: " + shown(f.justification.str()) +
               (f.owner.empty() ? "" : " (" + shown(f.owner.str()) + ")") + "\n";
    out += "\n";
}
} // namespace

std::string reportText(const std::vector<FileReview>& reviews, bool colour)
{
    std::string all;
    writeReportText(reviews, colour, [&](std::string_view piece) { all += piece; });
    return all;
}

void writeReportText(const std::vector<FileReview>& reviews, bool colour, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    for (const auto& r : reviews) {
        const auto& d = *r.design;
        out += fmt::format("{}{}{}{}\n", colour ? "\033[1m" : "", shown(r.file),
                           d.title.empty() ? "" : "  —  " + shown(d.title), colour ? "\033[0m" : "");
        out += counted(d.components().size(), "component", "components") + ", " +
               counted(d.flows().size(), "flow", "flows") + ", " + counted(d.zones().size(), "zone", "zones") + "\n\n";
        for (int s = 4; s >= 0; --s) {
            bool header = false;
            for (const auto& f : r.result.findings) {
                if (static_cast<int>(f.severity) != s || f.kind != Finding::Kind::Finding) continue;
                if (!header) out += fmt::format("{} findings\n", severityName(static_cast<Severity>(s)));
                header = true;
                writeFinding(out, f, d, colour);
                writer.maybeFlush();
            }
        }
        for (auto kind : {Finding::Kind::Ask, Finding::Kind::Probe}) {
            bool header = false;
            for (const auto& f : r.result.findings) {
                if (f.kind != kind) continue;
                if (!header) out += kind == Finding::Kind::Ask ? "Facts the drawing does not give\n"
                                                               : "Topics an interviewer will probe\n";
                header = true;
                writeFinding(out, f, d, colour);
                writer.maybeFlush();
            }
        }
        const auto& s = r.result.summary;
        const auto& of = s.bySeverity;
        out += fmt::format("Summary: {} ({} critical, {} high, {} medium, {} low, {} info), {} not drawn, {}, {} decided\n\n",
                           counted(static_cast<std::size_t>(s.findings), "finding", "findings"), of[4], of[3], of[2],
                           of[1], of[0], s.asks, counted(static_cast<std::size_t>(s.probes), "probe", "probes"), s.accepted);
        for (const auto& stopped : r.result.stopped) out += "Incomplete: " + stoppedRuleText(stopped) + "\n\n";
    }
}

} // namespace pb::rules
