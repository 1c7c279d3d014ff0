// The review as a JUnit XML test report, the one report nearly every CI system reads (Jenkins,
// GitLab's merge-request test summary, Azure Pipelines, CircleCI, Buildkite): each design file
// is a test suite, each rule a test that passes where it found nothing, and each finding a test
// of its own that fails exactly when the finding fails the build (`--fail-on`). A team sees
// "66 passed, 3 failed" beside its unit tests, and which check failed on which element.
#include "model/printable.h"
#include "rules/report.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace pb::rules {

namespace {
// XML 1.0 text or attribute value: htmlEscape's entities, after model::printable has made the
// control characters no XML may hold visible; bytes that are not UTF-8 (a file name may be
// anything) as U+FFFD. A line break in an attribute reads back as a space.
std::string xml(std::string_view text)
{
    std::string valid;
    valid.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = model::utf8Length(text, i);
        if (n == 0)
            valid += "\xEF\xBF\xBD";
        else
            valid.append(text, i, n);
        i += n ? n : 1;
    }
    return htmlEscape(valid);
}

std::string classOf(const std::string& category)
{
    std::string out = "probeboard";
    if (!category.empty()) out += "." + category;
    std::replace(out.begin(), out.end(), '/', '.');
    return out;
}

// What a finding is about, as a person names it: its targets' labels.
std::string aboutText(const FileReview& r, const Finding& f)
{
    std::string out;
    for (const auto& id : f.targets)
        out += (out.empty() ? "" : ", ") + (r.design ? labelOf(*r.design, id) : id);
    return out;
}

struct Counts
{
    std::size_t tests = 0, failures = 0, skipped = 0;
};

bool fails(const Finding& f, Severity failAt)
{
    return f.kind == Finding::Kind::Finding && !f.settled() && f.severity >= failAt;
}

// Rules that found nothing in the file pass: one test each (topic probes ask, they do not test).
std::vector<const RuleInfo*> passedRules(const FileReview& r, const std::vector<RuleInfo>& rules)
{
    std::set<std::string> found;
    for (const auto& f : r.result.findings)
        if (f.kind == Finding::Kind::Finding) found.insert(f.ruleId.str());
    std::vector<const RuleInfo*> out;
    for (const auto& rule : rules)
        if (!rule.probe && !found.count(rule.id)) out.push_back(&rule);
    return out;
}

Counts countsOf(const FileReview& r, const std::vector<RuleInfo>& rules, Severity failAt)
{
    Counts c;
    c.tests = passedRules(r, rules).size();
    for (const auto& f : r.result.findings) {
        if (f.kind == Finding::Kind::Probe) continue;
        ++c.tests;
        if (fails(f, failAt))
            ++c.failures;
        else if (f.kind == Finding::Kind::Ask || f.settled())
            ++c.skipped;
    }
    return c;
}

std::string suiteHead(const std::string& name, const Counts& c)
{
    return fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                       "skipped=\"{}\" time=\"0\">\n",
                       xml(name), c.tests, c.failures, c.skipped);
}

std::string findingCase(const FileReview& r, const std::string& file, const Finding& f,
                        Severity failAt)
{
    const std::string about = aboutText(r, f);
    const int line = firstLine(r, f);
    std::string out = fmt::format(
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{} time=\"0\">\n",
        xml(f.ruleId.str() + ": " + f.title.str() + (about.empty() ? "" : " — " + about)),
        xml(classOf(f.category.str())), xml(file), line ? fmt::format(" line=\"{}\"", line) : "");
    const std::string body = xml(findingMessage(f));
    if (fails(f, failAt)) {
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                           xml(f.title.str()), severityName(f.severity), body);
    } else if (f.kind == Finding::Kind::Ask) {
        out += fmt::format("      <skipped message=\"{}\"/>\n", xml(f.title.str()));
    } else if (f.settled()) {
        const std::string why = f.justification.empty() ? "" : ": " + f.justification.str();
        out += fmt::format("      <skipped message=\"{}\"/>\n", xml(f.status.str() + why));
    } else { // open, under the --fail-on severity: passes, and says what it found
        out += fmt::format(
            "      <system-out>{} (under the severity that fails the build)\n{}</system-out>\n",
            severityName(f.severity), body);
    }
    return out + "    </testcase>\n";
}
} // namespace

void writeReportJunit(const std::vector<FileReview>& reviews, const RuleSet& rules, Severity failAt,
                      const ReportWriter& write)
{
    const std::vector<RuleInfo> infos = rules.rules();
    Counts all;
    for (const auto& r : reviews) {
        const Counts c = countsOf(r, infos, failAt);
        all.tests += c.tests;
        all.failures += c.failures;
        all.skipped += c.skipped;
    }
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    out += fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"probeboard design review\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "skipped=\"{}\" time=\"0\">\n",
        all.tests, all.failures, all.skipped);
    for (const auto& r : reviews) {
        const std::string file = annotatedFile(r);
        out += suiteHead(r.file, countsOf(r, infos, failAt));
        for (const auto& f : r.result.findings) {
            if (f.kind == Finding::Kind::Probe) continue;
            out += findingCase(r, file, f, failAt);
            writer.maybeFlush();
        }
        for (const RuleInfo* rule : passedRules(r, infos)) {
            out += fmt::format(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"0\"/>\n",
                xml(rule->id + ": " + rule->title), xml(classOf(rule->category)), xml(file));
            writer.maybeFlush();
        }
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
}

} // namespace pb::rules
