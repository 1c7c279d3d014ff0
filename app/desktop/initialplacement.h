#pragma once

#include "model/design.h"

namespace pb::app {

// Gives a design that has no positions at all (a DOT file without `pos`, hand-written JSON)
// a readable first placement: components in columns by flow depth, zone members kept together,
// zones sized around their members. When positions exist they are never moved; only zones the
// file gives no size are fitted around their members. Returns true when anything was placed.
// Auto-layout can refine it afterwards.
bool placeIfUnpositioned(model::Design& design);

} // namespace pb::app
