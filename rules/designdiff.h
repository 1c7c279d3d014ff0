#pragma once

#include "model/design.h"
#include "rules/engine.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pb::rules {

// One element present in only one of the two versions.
struct DiffElement
{
    std::string id;
    std::string type;  // "component" | "flow" | "zone"
    std::string label; // display name in the version that has it
    std::string kind;  // component/zone kind; for flows "from → to" labels
};

// One element present in both versions with different content. Moves and resizes are layout,
// not design, so they are listed only when DiffOptions::includeLayout is set.
struct DiffChange
{
    std::string id;
    std::string type;
    std::string label;                 // display name in the new version
    std::vector<std::string> fields;   // "label", "kind", "from", "to", "members", "position", …
    // Before and after, for the fields that are one text (label, kind, from, to): a reader of
    // "label changed" had to open both files to see what it had been.
    std::map<std::string, std::pair<std::string, std::string>> values;
    struct Property
    {
        std::string key;
        std::string before; // display string; empty when absent
        std::string after;
        bool hadBefore = false;
        bool hasAfter = false;
    };
    std::vector<Property> properties; // changed, added or removed properties, by key
};

// A finding that only one of the two reviews has (matched by fingerprint).
struct DiffFinding
{
    std::string fingerprint;
    std::string ruleId;
    std::string title;
    Severity severity = Severity::Medium;
    Finding::Kind kind = Finding::Kind::Finding;
};

// A reviewer's decision added, removed or changed (matched by fingerprint): accepting a high
// finding changes what `check` fails on, and a diff that said "No differences" hid it.
struct DiffDecision
{
    std::optional<model::Decision> before, after;
    std::string finding; // "[HIGH] title (rule)" from either review; else the rule and fingerprint
};

struct DesignDiff
{
    std::vector<DiffElement> added;
    std::vector<DiffElement> removed;
    std::vector<DiffChange> changed;
    std::vector<DiffFinding> newFindings;      // in the new review, not the old
    std::vector<DiffFinding> resolvedFindings; // in the old review, not the new
    std::vector<DiffDecision> decisions;
    bool titleChanged = false;
    std::pair<std::string, std::string> titles; // before and after, when titleChanged

    bool designChanged() const
    {
        return titleChanged || !added.empty() || !removed.empty() || !changed.empty() || !decisions.empty();
    }
    bool empty() const { return !designChanged() && newFindings.empty() && resolvedFindings.empty(); }
};

struct DiffOptions
{
    bool includeLayout = false; // report moved/resized elements and flow bends
};

// Elements are matched by id (ids are stable); output follows file order of the new version
// for added and changed elements and of the old version for removed ones.
DesignDiff diffDesigns(const model::Design& before, const model::Design& after, const DiffOptions& opts = {});
// Fills newFindings/resolvedFindings. Accepted findings count as present: a decision is not a fix.
void diffFindings(DesignDiff& diff, const ReviewResult& before, const ReviewResult& after);

// Writers (everything the user wrote is escaped in Markdown and HTML).
std::string diffText(const DesignDiff& diff);
std::string diffMarkdown(const DesignDiff& diff, const std::string& beforeName, const std::string& afterName);
std::string diffHtmlFragment(const DesignDiff& diff);

} // namespace pb::rules
