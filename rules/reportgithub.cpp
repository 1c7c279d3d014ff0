// GitHub Actions' workflow commands: a line per finding that the Actions runner turns into an
// annotation on the file, shown on the pull request's diff and the run's summary, without the
// code-scanning permissions a SARIF upload needs.
#include "rules/report.h"

#include "model/markdownpart.h"

#include <fmt/format.h>

namespace pb::rules {

namespace {
// The runner reads '%', CR and LF in a message, and also ':' and ',' in a property, as its own.
std::string escaped(std::string_view text, bool property)
{
    std::string out;
    for (char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

const char* commandOf(const Finding& f)
{
    if (f.kind != Finding::Kind::Finding) return "notice";
    return f.severity >= Severity::High ? "error" : f.severity == Severity::Medium ? "warning" : "notice";
}
} // namespace

void writeReportGithub(const std::vector<FileReview>& reviews, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    for (const auto& r : reviews) {
        // One flowchart of a Markdown page ("doc.md#2"): the annotation goes on the page.
        const auto part = model::markdownPart(r.file);
        const std::string file = escaped(part ? part->file : r.file, true);
        for (const auto& f : r.result.findings) {
            // Probes are topics, not problems; a settled finding was dealt with by a decision.
            if (f.kind == Finding::Kind::Probe || f.settled()) continue;
            std::string where = "file=" + file;
            for (const auto& id : f.targets)
                if (const auto at = r.lines.find(id); at != r.lines.end()) {
                    where += fmt::format(",line={}", at->second);
                    break;
                }
            std::string text = f.why.once();
            for (const auto& q : f.questions) text += "\n? " + q.text.once();
            out += fmt::format("::{} {},title={}::{}\n", commandOf(f), where,
                               escaped(f.ruleId.str() + ": " + f.title.str(), true), escaped(text, false));
            writer.maybeFlush();
        }
    }
}

} // namespace pb::rules
