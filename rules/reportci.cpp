// Reports in CI systems' own formats, for teams whose pipeline reads those rather than SARIF:
// GitHub Actions' workflow commands (a line per finding that the runner turns into an annotation
// on the pull request, without the code-scanning permissions a SARIF upload needs) and GitLab's
// Code Quality report (shown in the merge request's widget and diff).
#include "model/designpart.h"
#include "rules/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pb::rules {

std::string annotatedFile(const FileReview& r)
{
    const auto part = model::designPart(r.file);
    return part ? part->file : r.file;
}

int firstLine(const FileReview& r, const Finding& f)
{
    for (const auto& id : f.targets)
        if (const auto at = r.lines.find(id); at != r.lines.end()) return at->second;
    return 0;
}

namespace {
// The runner reads '%', CR and LF in a message, and also ':' and ',' in a property, as its own.
std::string escaped(std::string_view text, bool property)
{
    std::string out;
    for (char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else if (property && c == ':')
            out += "%3A";
        else if (property && c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

const char* commandOf(const Finding& f)
{
    if (f.kind != Finding::Kind::Finding) return "notice";
    return f.severity >= Severity::High     ? "error"
           : f.severity == Severity::Medium ? "warning"
                                            : "notice";
}
} // namespace

void writeReportGithub(const std::vector<FileReview>& reviews, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    for (const auto& r : reviews) {
        const std::string file = escaped(annotatedFile(r), true);
        for (const auto& f : r.result.findings) {
            // Probes are topics, not problems; a settled finding was dealt with by a decision.
            if (f.kind == Finding::Kind::Probe || f.settled()) continue;
            const int line = firstLine(r, f);
            out += fmt::format("::{} file={}{},title={}::{}\n", commandOf(f), file,
                               line ? fmt::format(",line={}", line) : "",
                               escaped(f.ruleId.str() + ": " + f.title.str(), true),
                               escaped(findingMessage(f), false));
            writer.maybeFlush();
        }
    }
}

void writeReportGitlab(const std::vector<FileReview>& reviews, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    out += "[";
    bool first = true;
    for (const auto& r : reviews) {
        const std::string file = annotatedFile(r);
        for (const auto& f : r.result.findings) {
            if (f.kind == Finding::Kind::Probe || f.settled()) continue;
            const char* severity = f.kind != Finding::Kind::Finding   ? "info"
                                   : f.severity == Severity::Critical ? "critical"
                                   : f.severity == Severity::High     ? "major"
                                   : f.severity == Severity::Medium   ? "minor"
                                                                      : "info";
            const int line = firstLine(r, f);
            // The file is part of the fingerprint: one design checked twice under two names, or
            // two flowcharts of a page, must not make one issue of two.
            const nlohmann::ordered_json issue{
                {"description", f.title.str() + ": " + findingMessage(f)},
                {"check_name", f.ruleId.str()},
                {"fingerprint", f.fingerprint + "@" + r.file},
                {"severity", severity},
                {"location", {{"path", file}, {"lines", {{"begin", line ? line : 1}}}}}};
            out += (first ? "\n  " : ",\n  ") +
                   issue.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            first = false;
            writer.maybeFlush();
        }
    }
    out += first ? "]\n" : "\n]\n";
}

} // namespace pb::rules
