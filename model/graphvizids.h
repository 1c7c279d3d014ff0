#pragma once

#include <graphviz/cgraph.h>

namespace pb::model {

// A cgraph discipline whose object ids follow the order of creation. cgraph's own gives a named
// object the address of its interned name as its id, and keeps subgraphs in id order: dot then
// met a design's zones in an order that depended on the heap, so one design laid out twice in a
// process, or in the whiteboard and in the CLI, could come out differently. Pass it to agopen.
Agdisc_t* creationOrderIds();

} // namespace pb::model
