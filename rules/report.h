#pragma once

#include "model/design.h"
#include "rules/engine.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pb::rules {

// One reviewed file, as the report writers see it.
struct FileReview
{
    std::string file;
    const model::Design* design = nullptr;
    ReviewResult result;
};

// For a person at a terminal: grouped by severity, ANSI colour only when asked.
std::string reportText(const std::vector<FileReview>& reviews, bool colour);

// The documented JSON: {"file", "findings": [...], "summary": {...}} per file.
nlohmann::ordered_json reportJson(const FileReview& review);
nlohmann::ordered_json findingJson(const Finding& f);

// SARIF 2.1.0 for code-scanning dashboards: element ids as logical locations, witness paths as
// code flows, fingerprints, accepted findings as suppressions.
nlohmann::ordered_json reportSarif(const std::vector<FileReview>& reviews, const RuleSet& rules);

// A review document: Markdown, or self-contained HTML in which everything the user wrote is
// escaped.
std::string reportMarkdown(const std::vector<FileReview>& reviews);
std::string reportHtml(const std::vector<FileReview>& reviews);
std::string htmlEscape(const std::string& text);

// Display name of an element: its label, else its id.
std::string labelOf(const model::Design& design, const std::string& id);

} // namespace pb::rules
