#pragma once
// Which results of a rule an edit can change, by place: a rule that only walks flows from its
// anchor sees nothing further from the anchor than its steps and reaches go (and nothing outside
// the anchor's part of the graph), so after an edit only the anchors that close to it need to
// run again (RuleSet::review with a ReviewCache).

#include "model/design.h"
#include "rules/pack.h"
#include "rules/snapshot.h"

#include <vector>

namespace pb::rules {

// True when whatever the rule finds from an anchor depends only on the anchor's part: it has
// an anchor (not `once`), is not a probe (probes gather every anchor into one finding), and
// nothing in it selects across the whole design (somewhere, nowhere, count over a select).
bool staysInItsPart(const Rule& rule);

// How many hops from its anchor a rule that stays in its part can look, in either direction: a
// step is one, a reach at most its max_hops, and a flow reaches one further to its far end.
// What the rule finds from an anchor depends only on the components and flows that close to it.
// -1 when that cannot be told (a variable bound in a way this does not follow).
int hopsSeen(const Rule& rule);

// Per component of the snapshot: 1 when it is at most `hops` flows away, in either direction,
// from a component in `from`.
std::vector<char> within(const Snapshot& snap, const std::vector<int>& from, int hops);

// How the components of two versions of a design correspond, and where they differ: those
// added, removed or changed (kind, label, properties), and both ends of every flow added,
// removed or changed. A component removed while flows still name it (a state undo passes
// through) also touches the components at the other ends of those flows.
struct DesignMatch
{
    // False when elements both versions hold changed their order (the order anchors are
    // visited in decides which duplicate a rule keeps): nothing below is filled.
    bool sameOrder = false;
    // Zones give placements to components in many parts: when they differ, no edit is local.
    bool sameZones = false;
    std::vector<int> oldToNew;   // per component of `before`: its index in `after`, -1 if removed
    std::vector<int> touchedNew; // component indexes in `after`
};
DesignMatch matchDesigns(const model::Design& before, const model::Design& after);

} // namespace pb::rules
