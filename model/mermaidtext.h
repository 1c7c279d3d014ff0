#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

// The texts of a Mermaid flowchart, shared by its reader (mermaidimport.h) and its writer
// (mermaidexport.h), so that what one writes the other reads back the same.

// A character of an id as the reader takes it: a letter, a digit, '_' or any non-ASCII byte.
bool isMermaidIdChar(char c);

// A Mermaid word that cannot name a node: `end` closes a subgraph, `class` styles, … In any case.
bool isMermaidKeyword(std::string_view word);

// A label as written between quotes. What Mermaid would read as markup or as the end of the text
// becomes its entity code (" is #quot;, < #lt;, > #gt;, | #124;, ` #96;, and a # that would
// start a code is #35;); a line break is <br/>.
std::string mermaidEscaped(std::string_view text);

// A label as read: a Markdown string ("`**bold** words`") without its backticks and emphasis
// marks, entity codes (#quot;, #amp;, #lt;, #gt;, #35;, any #number; that is a character)
// decoded, <br/> a space. In one pass, so that "#35;quot;" reads "#quot;".
std::string mermaidPlain(std::string_view text);

// A ```mermaid block of a Markdown text whose diagram is a flowchart: the line of its fence and
// its body (a view into the Markdown). In the order they come; other diagrams (sequenceDiagram,
// …) are left out.
struct MermaidBlock
{
    int line = 0;
    std::string_view body;
    // The body after as many blank lines as come before it, so that a line number in it is the
    // same line of the Markdown: made for the block that is read, not for every block (a file of
    // a million small blocks would have made a million texts of up to a million lines).
    std::string text() const { return std::string(static_cast<std::size_t>(line), '\n') + std::string(body); }
};
std::vector<MermaidBlock> mermaidFlowcharts(std::string_view markdown);

} // namespace pb::model
