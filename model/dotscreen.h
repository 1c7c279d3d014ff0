#pragma once

#include "model/diagnostic.h"

#include <string>

namespace pb::model {

// Checks DOT text for what Graphviz handles badly before it is parsed: NUL bytes, excessive
// size, nesting and subgraph counts, and attributes known to crash layout. Returns false and
// appends a diagnostic with the line when the text must not reach Graphviz.
bool screenDotText(const std::string& text, const std::string& fileName, Diagnostics& diags);

} // namespace pb::model
