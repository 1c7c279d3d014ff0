#pragma once
// What a rule can read of a design, and what an edit changed: together they tell which rules
// an edit cannot affect, so that a review of the edited design reuses their results
// (RuleSet::review with a ReviewCache).

#include "model/design.h"
#include "rules/pack.h"

#include <set>
#include <string>

namespace pb::rules {

// Every property key the rule's conditions, questions, templates and filter arguments name,
// with the special keys (.id .kind .label @region @jurisdiction) as the evaluator spells them,
// and kReadsFlows when it follows flows at all (a step, a reach, a flow anchor or a selection of
// flows).
std::set<std::string> keysRead(const Rule& rule);
extern const char* const kReadsFlows;

// How two versions of a design differ, as far as any rule can tell.
struct DesignChange
{
    // Components added or removed, their ids, kinds or labels, zones or their members changed:
    // every rule may see something new.
    bool all = true;
    // Otherwise: flows added, removed, rewired or relabelled (components and zones as they
    // were): only rules that follow flows may see something new.
    bool flows = false;
    // Otherwise: the property keys whose value differs on some component or flow, with the
    // derived keys they feed (a component's `region` moves its @region and @jurisdiction).
    std::set<std::string> keys;
    bool none() const { return !all && !flows && keys.empty(); }
};

// Geometry (positions, sizes, bends) and review decisions are not compared: no rule reads them.
DesignChange changeBetween(const model::Design& before, const model::Design& after);

// Zones as the rules see them: ids, kinds, labels, properties and members, in order.
bool sameZonesForRules(const std::vector<model::Zone>& a, const std::vector<model::Zone>& b);

// True when a rule that reads `reads` may give another result after `change`.
bool affects(const DesignChange& change, const std::set<std::string>& reads);

} // namespace pb::rules
