#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// The design as a draw.io file, to go on drawing or presenting in draw.io after a review, and
// to come back: importDrawio() reads it as the same design. Components are shapes (a database a
// cylinder), zones containers holding their members, flows connectors with their labels and
// bends (asynchronous ones dashed). Each element's id, kind and properties travel as draw.io's
// Edit Data (an <object> around the cell: pb_id, kind, failover, data, …), so draw.io shows
// them and keeps them. Review decisions are not carried: a warning says how many.
//
// Nothing, with an error naming the element, when the file would not read back: a label or value
// holding a character XML cannot (a NUL, a control character) or bytes that are not UTF-8
// (E-DRAWIO-EXPORT). A property whose name cannot be an XML attribute, or is one draw.io keeps
// for itself (label, id, tooltip, …), is left out with a warning naming it.
std::optional<std::string> exportDrawio(const Design& design, const std::string& fileName,
                                        Diagnostics& diags);

} // namespace pb::model
