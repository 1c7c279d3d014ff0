#pragma once

#include "model/diagnostic.h"
#include "model/dotscreen.h"

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pb::model {

// Where an element read from DOT is written. cgraph keeps no line numbers, so a problem that the
// import or the validation finds in an element (a duplicate id, a property of the wrong type) is
// placed by looking for the element in the text's tokens.
struct DotPlace
{
    enum class Kind { Node, Edge, EdgeId, Cluster };
    Kind kind = Kind::Node;
    std::string name; // Node: its name; Edge: the tail's name; EdgeId: the id; Cluster: the subgraph's name
    std::string to;   // Edge: the head's name
    int nth = 1;      // Edge, EdgeId: the nth such edge in the text
};

struct DotPlaces
{
    std::map<std::string, DotPlace> of;                // element id → where it is written (not nodes: the rest)
    std::vector<std::pair<std::size_t, DotPlace>> at;  // diagnostic index → the place it is about
};

class DotLines
{
public:
    explicit DotLines(const std::string& text);
    // The token that writes the element, or -1 when the text does not show it plainly.
    int find(const DotPlace& place) const;
    // The token of `key` in the attributes written with the element, or -1: for a node, in any
    // statement that names it (`a -> b; b [rps=x]`).
    int attribute(const DotPlace& place, const std::string& key) const;
    int line(int token) const { return token < 0 ? 0 : m_tokens[static_cast<std::size_t>(token)].line; }

private:
    bool is(int i, const char* punctuation) const;
    bool names(int i, const std::string& name) const;
    int headOf(int i) const; // the head's token when an edge starts at token i, else -1
    bool writes(int i, const DotPlace& place) const;
    // Every token that writes the place (for a node, each mention), worked out once: a file with
    // a problem on every one of 100,000 elements took minutes when each was searched for alone.
    const std::vector<int>& matches(const DotPlace& place) const;
    int attributeAt(const DotPlace& place, int token, const std::string& key) const;

    std::vector<DotToken> m_tokens;
    std::unordered_map<std::string_view, std::vector<int>> m_byText;
    mutable std::map<std::tuple<int, std::string, std::string>, std::vector<int>> m_matches;
    // Edges by (tail, head), filled on the first edge asked for: a hub's edges are not each
    // found by reading all of the hub's mentions.
    mutable std::map<std::pair<std::string_view, std::string_view>, std::vector<int>> m_edges;
    mutable bool m_edgesRead = false;
};

// Gives a line to each of diags[first…] that names an element of the DOT text but no line, and
// says where the first holder of a duplicate id is written.
void placeDotDiagnostics(const std::string& text, const DotPlaces& places, Diagnostics& diags, std::size_t first);

} // namespace pb::model
