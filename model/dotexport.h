#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// DOT text that importDot() reads back to the same design (ids, kinds, labels, properties with
// their types, zones with their nesting, positions, decisions). Probeboard's own attributes
// start with pb_ (docs/format.md). Unchecked: a design the overload below refuses is written
// anyway, and its file is refused when read.
std::string exportDot(const Design& design);

// The same, or nothing when importDot() would not read the text back: a text holding a NUL byte
// (DOT cannot carry one) or longer than kMaxDotText (about 4 MB) as written, each an error in `diags`
// naming `fileName`, the element and the attribute; or a design past DOT import's limits (more
// than 32 MiB of DOT, more than 10,000 zones). Whatever writes a file should use this one.
std::optional<std::string> exportDot(const Design& design, const std::string& fileName, Diagnostics& diags);

// A value as an attribute's text that dotAttributeValue() reads back: a number in its shortest
// form, a list joined with its items escaped (dotlists.h). The draw.io export writes Edit Data
// with it too.
std::string dotAttributeText(const Value& v);

// The texts of `design` that exportDot() would not write (a NUL byte, longer than kMaxDotText as
// written, a joined list such as pb_members too long), each an error naming the element and the
// attribute: E-DOT-EXPORT "cannot write DOT: …" for Export, E-LIMIT for Import, where importDot()
// checks the design it read, so that it refuses exactly what could not be written back. Returns
// how many texts were found, of which at most ten are listed.
enum class DotCheck { Export, Import };
std::size_t checkDotTexts(const Design& design, const std::string& fileName, Diagnostics& diags, DotCheck mode);

} // namespace pb::model
