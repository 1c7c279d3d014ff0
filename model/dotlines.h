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
    enum class Kind { Node, Edge, EdgeId, Cluster, Graph };
    Kind kind = Kind::Node;
    // Node: its name; Edge: the tail's name; EdgeId: the id; Cluster: the subgraph's name;
    // Graph (the title, the decisions): nothing
    std::string name;
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
    // One edge as the text makes it: `a -> {b c}` makes two, `a -> b -> c` two, `{a b} -> c` two.
    struct EdgeAt
    {
        int tail = -1; // the tail's token, where the edge is reported
        int id = -1;   // the token of its `id = …` value, or -1
        int last = -1; // the statement's last token before its attribute lists
    };
    bool is(int i, const char* punctuation) const;
    bool isKeyword(int i, const char* word) const; // DOT's keywords are in any case
    bool isAtom(int i) const;
    bool names(int i, const std::string& name) const;
    bool writes(int i, const DotPlace& place) const;
    // Every token that writes the place (for a node, each mention), worked out once: a file with
    // a problem on every one of 100,000 elements took minutes when each was searched for alone.
    const std::vector<int>& matches(const DotPlace& place) const;
    const EdgeAt* edgeAt(const DotPlace& place) const;
    int attributeAt(const DotPlace& place, int token, const std::string& key) const;
    // `key = value` in the body opened at token `open`, outside the attribute lists of its
    // nodes and edges (a cluster's label is not its node's); the first, or the last, which is the
    // one cgraph keeps.
    int bodyAttribute(int open, const std::string& key, bool last) const;
    // The edges, in the order cgraph makes them, read from the statements. Each function takes
    // the token it starts at and returns the one after what it read; `nodes` collects the node
    // tokens the statements name, so that a subgraph's are a range of it.
    void readEdges() const;
    int readBody(int i, std::vector<int>& nodes) const;
    int readStatement(int i, std::vector<int>& nodes) const;
    int readEnds(int i, std::vector<int>& nodes) const;
    int readLists(int i, int* id) const;
    void addEdges(const std::vector<std::pair<std::size_t, std::size_t>>& chain, const std::vector<int>& nodes,
                  int id, int last) const;

    std::vector<DotToken> m_tokens;
    std::unordered_map<std::string_view, std::vector<int>> m_byText;
    mutable std::map<std::tuple<int, std::string, std::string>, std::vector<int>> m_matches;
    // Filled on the first edge asked for: a hub's edges are not each found by reading all of
    // the hub's mentions.
    mutable std::vector<EdgeAt> m_edgeList;
    mutable std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> m_edges;
    mutable std::unordered_map<std::string_view, std::vector<std::size_t>> m_edgeIds;
    mutable bool m_edgesRead = false;
};

// Gives a line to each of diags[first…] that names an element of the DOT text but no line (or
// the graph's own title or decisions, by their pointer), and says where the first holder of a
// duplicate id is written.
void placeDotDiagnostics(const std::string& text, const DotPlaces& places, Diagnostics& diags, std::size_t first);

} // namespace pb::model
