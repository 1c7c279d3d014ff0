#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// A Mermaid flowchart of the design, for a README, a wiki page or a pull request, where GitHub
// and GitLab draw it. It carries the drawing's graph: components with their ids, labels and kinds
// (a class per kind, `class db database`, which importMermaid() reads back as the kind), flows
// with their labels (asynchronous ones dotted), zones as nested subgraphs with their kinds.
// Properties, positions, bends and review decisions are not carried: the .probeboard file stays
// the source. An id Mermaid cannot take (a space, a keyword such as `end`) is written under a new
// one, and a comment says which. Unchecked: see the overload below.
std::string exportMermaid(const Design& design);

// The same, or nothing when the flowchart would not read back: a text holding a NUL byte or
// bytes that are not UTF-8 (E-MERMAID-EXPORT, naming the element), zones nested more than
// kMaxZoneDepth deep or a text past the 32 MiB a flowchart may be (E-LIMIT). Whatever writes a
// file should use this one.
std::optional<std::string> exportMermaid(const Design& design, const std::string& fileName, Diagnostics& diags);

} // namespace pb::model
