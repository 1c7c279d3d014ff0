#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "rules/finding.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace pb::rules {

// Public metadata of one loaded rule (for `rules list`, `rules explain`, the desktop panel).
struct RuleInfo
{
    std::string id;
    std::string packId;
    std::string title;
    std::string category;
    Severity severity = Severity::Medium;
    std::string level;       // mid | senior | staff
    bool probe = false;      // topic probe (info) rather than a defect finding
    std::string description; // what it looks for, in plain words (for `rules explain`)
    std::string fixHint;     // template text, placeholders shown as ‹api› or ‹db.rps›
    std::string sourceFile;  // pack file it came from
    std::vector<std::string> questions; // the same, one per question (variants included)
    std::string ask; // the question put when a fact it needs is not drawn; empty: the generic one
};

// Result of running the example cases a pack carries (`probeboard-cli rules test`).
struct ExampleResult
{
    std::string ruleId;
    std::string name;
    bool passed = false;
    std::string message; // why it failed, in plain words
};

struct Summary
{
    int total = 0;
    // Findings by Severity; asks and probes (always info) are counted apart, so that "info"
    // means info findings in every report, as the text summary had it.
    int bySeverity[5] = {0, 0, 0, 0, 0};
    int findings = 0, probes = 0, asks = 0;
    int accepted = 0; // settled by a decision (Finding::settled): reports call it "decided"
};

// The counts of a list of findings: a review's own, and again after a baseline took some away.
Summary summarize(const std::vector<Finding>& findings);

// A rule the review stopped before it had run everywhere: its matches grew much faster than the
// design (a pack's rule pairing every caller of a busy service with every other, say: 25 million
// findings, 13 GB and five minutes on a design of 5,000 components). What it found so far is
// kept. The limits scale with the design, far above what any built-in rule makes (at 100,000
// components the most is 21,000 matches of one rule).
struct StoppedRule
{
    std::string ruleId;
    std::size_t findings = 0; // made before it was stopped
    std::size_t matches = 0;
};
inline std::size_t ruleFindingsLimit(std::size_t elements) { return std::max<std::size_t>(10'000, elements); }
inline std::size_t ruleMatchesLimit(std::size_t elements) { return std::max<std::size_t>(1'000'000, 16 * elements); }

struct ReviewResult
{
    std::vector<Finding> findings; // deterministic order: findings, then asks, then probes
    Summary summary;
    std::vector<StoppedRule> stopped; // by rule id; empty in every review that ran in full
};

struct ReviewOptions
{
    std::string today; // YYYY-MM-DD for expiry of decisions; empty = the system date
    // Threads the rules are split over; 0: one per core (up to four) for designs of 1,000
    // elements or more (8,000 for a review through a ReviewCache), else one. The result is the
    // same for any number.
    int threads = 0;
};

class RuleSetImpl;
struct ReviewCacheData;

// What one review of a design leaves for the next: each rule's own results, before they are
// merged, and the design they came from. A review of an edited design through the same cache
// re-runs only the rules that read something the edit changed (ruledeps.h), those that stay in
// their part of the graph only around the edit (locality.h), and gives exactly what a full
// review gives. One review at a time per cache; it follows one RuleSet.
class ReviewCache
{
public:
    ReviewCache();
    ~ReviewCache();
    ReviewCache(ReviewCache&&) noexcept;
    ReviewCache& operator=(ReviewCache&&) noexcept;

    int lastRerun() const; // rules the last review through it ran (every rule the first time)
    // Of those, the rules it ran only from the anchors in the parts of the graph the edit
    // touched (rules/locality.h), keeping the rest of their results.
    int lastPartial() const;
    void clear();

private:
    friend class RuleSet;
    std::unique_ptr<ReviewCacheData> m_data;
};

// A set of loaded rule packs, compiled once and evaluated against many designs.
class RuleSet
{
public:
    RuleSet();
    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;

    // Built-in packs from resources/packs (all *.json there). Errors are appended to diags;
    // returns false if any pack was rejected.
    bool loadBuiltinPacks(model::Diagnostics& diags);
    // One pack file, or every *.json in a folder. A pack with any error is rejected whole and
    // every error is listed. A folder with no pack in it is a warning: a mistyped path in a CI
    // script would otherwise check nothing it was meant to, without a word.
    bool loadPack(const std::string& path, model::Diagnostics& diags);
    // The user's own packs folder (XDG data dir /probeboard/packs), if it exists.
    bool loadUserPacks(model::Diagnostics& diags);

    std::vector<RuleInfo> rules() const;
    const RuleInfo* rule(const std::string& id) const;

    ReviewResult review(const model::Design& design, const ReviewOptions& opts = {}) const;
    // The same review, reusing what `cache` holds from the last one (see ReviewCache). The
    // cache keeps the design, so it is taken shared rather than copied.
    ReviewResult review(std::shared_ptr<const model::Design> design, const ReviewOptions& opts,
                        ReviewCache& cache) const;
    std::vector<ExampleResult> runExamples(const std::string& packId = {}) const;

private:
    bool loadFolder(const std::string& dir, model::Diagnostics& diags, bool mayBeEmpty);

    std::unique_ptr<RuleSetImpl> m_impl;
};

} // namespace pb::rules
