#pragma once

#include "model/design.h"

#include <string>

namespace pb::model {

// DOT text that importDot() reads back to the same design (ids, kinds, labels, properties with
// their types, zones with their nesting, positions, decisions). Probeboard's own attributes
// start with pb_ (docs/format.md).
std::string exportDot(const Design& design);

} // namespace pb::model
