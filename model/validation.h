#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/vocabulary.h"

namespace pb::model {

// Checks the graph after loading, whatever the source format:
// errors  — flows to missing components, zone members that do not exist, zone membership
//           cycles, an element listed in two zones that are not nested, property values of
//           the wrong type for a well-known property;
// warnings — unknown kinds and property names that look like misspellings ("did you mean"),
//           values outside a property's allowed set.
// Diagnostics name the element id; a pointer without a leading '/' ("properties/rps") is
// relative to the element's own entry. Callers add the file and line.
void validateDesign(const Design& design, const Vocabulary& vocab, Diagnostics& diags);

} // namespace pb::model
