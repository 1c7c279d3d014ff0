#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/vocabulary.h"

namespace pb::model {

// How deeply zones may nest (a region holding an availability zone holding a trust boundary is
// three). Deeper designs are refused when loaded: nothing drawn needs more, and the whiteboard,
// the DOT export (whose import allows 256 levels) and Graphviz's layout need not handle more.
inline constexpr int kMaxZoneDepth = 64;

// Checks the graph after loading, whatever the source format:
// errors  — flows to missing components, zone members that do not exist, zone membership
//           cycles, zones nested more than kMaxZoneDepth deep, an element listed in two zones that
//           are not nested, property values of
//           the wrong type for a well-known property;
// warnings — unknown kinds and property names that look like misspellings ("did you mean"),
//           values outside a property's allowed set.
// Diagnostics name the element id; a pointer without a leading '/' ("properties/rps") is
// relative to the element's own entry. Callers add the file and line.
void validateDesign(const Design& design, const Vocabulary& vocab, Diagnostics& diags);

} // namespace pb::model
