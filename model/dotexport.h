#pragma once

#include "model/design.h"

#include <string>

namespace pb::model {

// DOT text that importDot() reads back to the same design (ids, kinds, labels, properties,
// zones with their nesting, positions).
std::string exportDot(const Design& design);

} // namespace pb::model
