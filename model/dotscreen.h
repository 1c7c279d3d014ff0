#pragma once

#include "model/diagnostic.h"

#include <string>
#include <vector>

namespace pb::model {

// Checks DOT text for what Graphviz handles badly before it is parsed: NUL bytes, excessive
// size, nesting and subgraph counts, and attributes known to crash layout. Returns false and
// appends a diagnostic with the line when the text must not reach Graphviz.
bool screenDotText(const std::string& text, const std::string& fileName, Diagnostics& diags);

// One token of DOT text as cgraph's scanner splits it: a name or numeral, a quoted string (its
// text unescaped, `quoted` set), an HTML label, "->" or "--", or one of `[]{}=;,:`. Comments
// are left out.
struct DotToken
{
    std::string text;
    int line = 0;
    bool quoted = false;
};

// The tokens of text that screenDotText() accepted, in order: cgraph keeps no line numbers, so a
// problem found in the graph it built is placed by finding its element in these.
std::vector<DotToken> dotTokens(const std::string& text);

} // namespace pb::model
