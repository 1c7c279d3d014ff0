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
// `db:::database`) the kind. Other styling (classDef, style, linkStyle, click) is skipped. Anything
// else is an error naming the line, never a guess: a design that silently lost a flow would
// lose the question the flow raises.
// `lines`, when given, gets the line each element comes from (a node's first mention, a flow's
// statement, a subgraph's opening): for reports that point into the file, such as SARIF's.
std::optional<Design> importMermaid(const std::string& text, const std::string& fileName, Diagnostics& diags,
                                    std::unordered_map<std::string, int>* lines = nullptr);

// A Mermaid flowchart in a Markdown file (a README, an architecture page in the repository):
// read as above, its lines counted in the Markdown. Without `block`, the first, and more
// flowcharts are a warning naming their lines and how to read them (`doc.md#2`, designfile.h);
// with it, that one (0: the first), and a number past the last is an error saying how many
// there are. None is an error that says what is looked for.
std::optional<Design> importMermaidInMarkdown(const std::string& markdown, const std::string& fileName,
                                              Diagnostics& diags,
                                              std::unordered_map<std::string, int>* lines = nullptr,
                                              std::optional<std::size_t> block = std::nullopt);

// The heading each flowchart of a Markdown text comes under ("" for none), in the order of
// mermaidFlowcharts(): what a person is shown to choose one by.
std::vector<std::string> markdownHeadingsOf(std::string_view markdown, const std::vector<int>& fenceLines);

// True when the first statement of `text` is a Mermaid flowchart header: how a name without a
// .mmd extension (standard input, a pipe) is told from a DOT graph or a JSON design.
bool looksLikeMermaid(std::string_view text);

} // namespace pb::model
