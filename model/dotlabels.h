#pragma once

#include "model/diagnostic.h"

#include <cstddef>
#include <string>

namespace pb::model {

// What Graphviz's label escapes stand for: \N the node's name, \G the graph's, \E the edge's
// ("tail->head"), \T and \H its ends. "\N (primary)" is a common way to label a node.
struct DotLabelNames
{
    std::string node, graph, tail, head;
};

// What the escapes may insert: in one label, and in all the labels of one file. Each \N repeats
// a name that may itself be 64 KiB long, so a 61 KB file made a 30 MB label and one label could
// reach 2 GiB; across the file, a default `node [label="\N\N…"]` repeats that for every node.
inline constexpr std::size_t kMaxDotLabelInsert = 1u << 20;
inline constexpr std::size_t kMaxDotFileInsert = 32u << 20;

// Reads the labels of one DOT file as Graphviz shows them: "\n", "\l" and "\r" end a line, "\\"
// is one backslash, and the escapes above are replaced by their names. A label whose escapes
// would insert more than the limits allow is kept as written and reported as an E-LIMIT error
// naming the element (its line is found later, from `element` and the pointer "label").
class DotLabelReader
{
public:
    explicit DotLabelReader(Diagnostics& diags) : m_diags(diags) {}

    // `kind` and `name` name the element in the message ("node", "api"; "cluster", "cluster_eu");
    // `element` is its id in the design, empty for the graph's own label (the title).
    std::string read(const std::string& text, const DotLabelNames& names, const char* kind,
                     const std::string& name, const std::string& element);
    // One line counting the refusals past those listed, if any.
    void finish();

private:
    void refuse(const std::string& what, const std::string& element, std::size_t inserted, bool perLabel);

    Diagnostics& m_diags;
    std::size_t m_inserted = 0; // by every label read so far
    std::size_t m_refused = 0;
    static constexpr std::size_t kListed = 10;
};

} // namespace pb::model
