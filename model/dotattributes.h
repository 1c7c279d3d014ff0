#pragma once

#include "model/diagnostic.h"
#include "model/value.h"

#include <graphviz/cgraph.h>

#include <string>
#include <utility>
#include <vector>

namespace pb::model {

// How the attributes of one object of a parsed DOT graph become an element's texts and typed
// properties: which attributes are Graphviz's drawing and which the system's, how a value's text
// is typed (docs/format.md, "values"), and pb_types and pb_prop_ as exportDot() writes them.
// Kept apart from the walk over the graph (dotimport.cpp), which decides what each object is.
// Callers hold graphvizMutex().

using DotAttributes = std::vector<std::pair<std::string, std::string>>;

// The text of attribute `name` of `obj`; an HTML-like value (`label=<<b>API</b>>`) as its words.
std::string dotAttribute(void* obj, const char* name);

// Attributes of one graph object: declared ones with a non-empty value that is not simply
// inherited from `inheritFrom` (in cgraph a subgraph inherits its parent graph's attributes).
DotAttributes dotAttributes(Agraph_t* root, void* obj, int kind, void* inheritFrom = nullptr);

// "x,y" as two numbers (pb_pos, pb_size, a bend point); false when it is not that.
bool dotPair(const std::string& s, double& a, double& b);

// The properties among `attrs`, typed, added to `props`: every attribute but the element's
// label and kind, Graphviz's drawing attributes and Probeboard's pb_* (pb_prop_<name> is the
// property <name>), each typed as pb_types says when it says. A whole number that a number
// property cannot keep (rps="12345678901234567890") is read as the nearest number and said in
// `diags` as W-NUMBER-ROUNDED about `element`; a property the vocabulary does not know keeps
// such a number as text.
void applyDotProperties(Properties& props, const DotAttributes& attrs, const std::string& element,
                        Diagnostics& diags);

} // namespace pb::model
