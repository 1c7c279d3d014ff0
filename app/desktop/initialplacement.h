#pragma once

#include "model/design.h"

namespace pb::app {

// Gives a design that has no positions at all (a DOT file without `pos`, hand-written JSON)
// a readable first placement: components in columns by flow depth, zone members kept together,
// zones sized around their members. Returns false, changing nothing, when any position exists —
// hand-placed positions are never moved. Auto-layout can refine it afterwards.
bool placeIfUnpositioned(model::Design& design);

} // namespace pb::app
