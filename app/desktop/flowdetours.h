#pragma once

#include "model/design.h"

namespace pb::app {

// Gives each flow whose straight line would pass under a third component one bend beside it, so
// that the line no longer reads as a flow into or out of the component it crosses. An imported
// design (Threagile, OTM, DOT without positions) placed in columns drew "api → accounts-db"
// straight through "key-cache" stacked between them, and it read as key-cache → accounts-db.
//
// Only flows without bends are touched, and only when a bend clears every component on both of
// its legs; otherwise the flow stays straight. Designs with more than kMaxDetourFlows flows are
// left as they are: at that size the first placement is a grid to be laid out anyway. Returns the
// number of flows given a bend.
int detourFlows(model::Design& design);

inline constexpr std::size_t kMaxDetourFlows = 20000;

} // namespace pb::app
