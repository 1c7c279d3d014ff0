#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::model {

// Mermaid flowcharts (`flowchart LR`, `graph TD`), the diagrams people already keep in READMEs
// and wikis, read into a design by the mapping in docs/format.md: a node is a component (its
// kind from its shape, `[(…)]` a database, else from its id and label as a DOT node's, and
// marked for the user to confirm), an arrow a flow (dotted `-.->` asynchronous, `|text|` or
// `-- text -->` its label), a `subgraph` a zone (nesting kept; a node belongs to the first
// subgraph that names it, as Mermaid draws it), a class that names a kind (`class db database`,
// `db:::database`) the kind. Other styling (classDef, style, linkStyle, click) is skipped. A link
// to or from a subgraph, which has no component to join, is left out with a warning naming its
// line. Anything else is an error naming the line, never a guess: a design that silently lost a
// flow would lose the question the flow raises.
// `lines`, when given, gets the line each element comes from (a node's first mention, a flow's
// statement, a subgraph's opening): for reports that point into the file, such as SARIF's.
std::optional<Design> importMermaid(const std::string& text, const std::string& fileName, Diagnostics& diags,
                                    std::unordered_map<std::string, int>* lines = nullptr);


// True when the first statement of `text` is a Mermaid flowchart header: how a name without a
// .mmd extension (standard input, a pipe) is told from a DOT graph or a JSON design.
bool looksLikeMermaid(std::string_view text);

} // namespace pb::model
