#pragma once
// Which results of a rule an edit can change, by place: a rule that only walks flows from its
// anchor sees nothing outside the anchor's part of the graph (its components joined by flows,
// in either direction), so after an edit only the anchors in the parts the edit touched need
// to run again (RuleSet::review with a ReviewCache).

#include "model/design.h"
#include "rules/pack.h"
#include "rules/snapshot.h"

#include <vector>

namespace pb::rules {

// True when whatever the rule finds from an anchor depends only on the anchor's part: it has
// an anchor (not `once`), is not a probe (probes gather every anchor into one finding), and
// nothing in it selects across the whole design (somewhere, nowhere, count over a select).
bool staysInItsPart(const Rule& rule);

// How the components of two versions of a design correspond, and where they differ: those
// added, removed or changed (kind, label, properties), and both ends of every flow added,
// removed or changed.
struct DesignMatch
{
    // False when elements both versions hold changed their order (the order anchors are
    // visited in decides which duplicate a rule keeps): nothing below is filled.
    bool sameOrder = false;
    // Zones give placements to components in many parts: when they differ, no edit is local.
    bool sameZones = false;
    std::vector<int> oldToNew;   // per component of `before`: its index in `after`, -1 if removed
    std::vector<int> touchedOld; // component indexes in `before`
    std::vector<int> touchedNew; // component indexes in `after`
};
DesignMatch matchDesigns(const model::Design& before, const model::Design& after);

// Per component: one component index shared by its whole part (flows join their ends in
// either direction; flows whose ends are not both drawn join nothing).
std::vector<int> partsOf(const Snapshot& snap);

// Per component of `after`: 1 when its part holds a touched component, or a component whose
// part before the edit held one (a part the edit split). Empty when the edit cannot be placed.
std::vector<char> partsToRerun(const DesignMatch& m, const std::vector<int>& partsBefore,
                               const std::vector<int>& partsAfter);

} // namespace pb::rules
