#pragma once

#include "model/design.h"
#include "rules/engine.h"
#include "rules/reportwriter.h"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace pb::rules {

// One reviewed file, as the report writers see it.
struct FileReview
{
    std::string file;
    const model::Design* design = nullptr;
    ReviewResult result;
    // Where the file writes each element (model::elementLines), for SARIF's regions; may be empty.
    std::unordered_map<std::string, int> lines;
};

// For a person at a terminal: grouped by severity, ANSI colour only when asked.
std::string reportText(const std::vector<FileReview>& reviews, bool colour);

// The write* functions hand the same text as the functions that return it to `write`, a piece
// at a time, so that the report of a huge design is never held whole (ChunkedWriter).
void writeReportText(const std::vector<FileReview>& reviews, bool colour, const ReportWriter& write);
// One file: its reportJson object; several: an array of them. Indented by two, as dump(2).
void writeReportJson(const std::vector<FileReview>& reviews, const ReportWriter& write);
void writeReportSarif(const std::vector<FileReview>& reviews, const RuleSet& rules, const ReportWriter& write);
// GitHub Actions' workflow commands (`::error file=…,line=…,title=…::…`), one line per finding and
// fact not drawn (error for high and critical, warning for medium, notice otherwise): annotations
// on the pull request without a SARIF upload. Needs `lines` (model::elementLines) for the line.
// A finding as one message for a dashboard or a CI annotation: the why, then each question on a
// line of its own after "? " (SARIF and GitLab put the title before it, GitHub beside it).
std::string findingMessage(const Finding& f);
void writeReportGithub(const std::vector<FileReview>& reviews, const ReportWriter& write);
// GitLab's Code Quality report (a JSON list of issues: description, check_name, fingerprint,
// severity, location.path and location.lines.begin), for the merge request's widget and diff;
// the same findings as above, critical → critical, high → major, medium → minor, else info.
void writeReportGitlab(const std::vector<FileReview>& reviews, const ReportWriter& write);

// The file a review's findings are annotated on: one flowchart of a Markdown page ("doc.md#2") is
// the page. And the line of a finding's first target the file writes (model::elementLines); 0
// when none.
std::string annotatedFile(const FileReview& r);
int firstLine(const FileReview& r, const Finding& f);

// JUnit XML, the test report Jenkins, GitLab, Azure Pipelines and CircleCI read: a suite per file,
// a test per finding that fails exactly where the finding fails the build (a finding, open, at or
// above `failAt`), facts not drawn and decided findings skipped, findings under `failAt` passing
// with what they found as their output, and a passing test for each rule that found nothing.
void writeReportJunit(const std::vector<FileReview>& reviews, const RuleSet& rules, Severity failAt,
                      const ReportWriter& write);

// A spreadsheet (RFC 4180, UTF-8, CRLF): a header, then a row per finding, fact not drawn and
// topic, decided ones too with their decision; ids space-separated, questions one per line in
// their cell. A cell a spreadsheet would take for a formula starts with an apostrophe.
void writeReportCsv(const std::vector<FileReview>& reviews, const ReportWriter& write);
std::string reportCsv(const std::vector<FileReview>& reviews);

// The documented JSON: {"file", "findings": [...], "summary": {...}} per file.
nlohmann::ordered_json reportJson(const FileReview& review);
nlohmann::ordered_json findingJson(const Finding& f);

// SARIF 2.1.0 for code-scanning dashboards: element ids as logical locations, witness paths as
// code flows, fingerprints, accepted findings as suppressions.
nlohmann::ordered_json reportSarif(const std::vector<FileReview>& reviews, const RuleSet& rules);

// A review document: Markdown, or self-contained HTML in which everything the user wrote is
// escaped.
struct DesignDiff;
struct DocOptions
{
    // When set, the diagram is this image (`<img src>`, e.g. a resource name for QTextDocument,
    // which cannot draw inline SVG) instead of the inline SVG drawn from the model.
    std::string diagramImage;
    // Optional comparison with a previous version, added as a "Changes" section.
    const DesignDiff* diff = nullptr;
    std::string diffAgainst; // name of the previous version
};
std::string reportMarkdown(const std::vector<FileReview>& reviews, const DocOptions& opts = {});
void writeReportMarkdown(const std::vector<FileReview>& reviews, const DocOptions& opts, const ReportWriter& write);
std::string reportHtml(const std::vector<FileReview>& reviews, const DocOptions& opts = {});
void writeReportHtml(const std::vector<FileReview>& reviews, const DocOptions& opts, const ReportWriter& write);
std::string htmlEscape(const std::string& text);
std::string markdownEscape(const std::string& text);
// A plain SVG of the drawing from the model's own positions (no GUI needed); labels escaped.
std::string designSvg(const model::Design& design);
// The report's stylesheet, shared by other HTML documents (interview sessions).
const char* reportCss();

// One line on a rule the review stopped (ReviewResult::stopped), for every report and stderr.
std::string stoppedRuleText(const StoppedRule& stopped);

// Display name of an element: its label, else its id.
std::string labelOf(const model::Design& design, const std::string& id);

} // namespace pb::rules
