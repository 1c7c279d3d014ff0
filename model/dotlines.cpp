#include "model/dotlines.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

namespace pb::model {

bool DotLines::is(int i, const char* punctuation) const
{
    if (i < 0 || i >= static_cast<int>(m_tokens.size())) return false;
    const DotToken& t = m_tokens[static_cast<std::size_t>(i)];
    return !t.quoted && t.text == punctuation;
}

bool DotLines::names(int i, const std::string& name) const
{
    return i >= 0 && i < static_cast<int>(m_tokens.size()) && m_tokens[static_cast<std::size_t>(i)].text == name &&
           !is(i, "{") && !is(i, "}") && !is(i, "[") && !is(i, "]") && !is(i, "=") && !is(i, ";");
}

bool DotLines::isKeyword(int i, const char* word) const
{
    if (i < 0 || i >= static_cast<int>(m_tokens.size())) return false;
    const DotToken& t = m_tokens[static_cast<std::size_t>(i)];
    if (t.quoted || t.text.size() != std::strlen(word)) return false;
    for (std::size_t k = 0; k < t.text.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(t.text[k])) != word[k]) return false;
    return true;
}

bool DotLines::isAtom(int i) const
{
    if (i < 0 || i >= static_cast<int>(m_tokens.size())) return false;
    if (m_tokens[static_cast<std::size_t>(i)].quoted) return true;
    for (const char* p : {"{", "}", "[", "]", "=", ";", ",", ":", "->", "--", "+"})
        if (is(i, p)) return false;
    return !isKeyword(i, "subgraph") && !isKeyword(i, "graph") && !isKeyword(i, "node") && !isKeyword(i, "edge");
}

DotLines::DotLines(const std::string& text) : m_tokens(dotTokens(text))
{
    for (int i = 0; i < static_cast<int>(m_tokens.size()); ++i)
        m_byText[m_tokens[static_cast<std::size_t>(i)].text].push_back(i);
}

bool DotLines::writes(int i, const DotPlace& place) const
{
    switch (place.kind) {
    case DotPlace::Kind::Node: // a mention, not an attribute's name or value, nor a subgraph's name
        return names(i, place.name) && !is(i - 1, "=") && !is(i + 1, "=") && !is(i - 1, "subgraph");
    case DotPlace::Kind::Edge:
    case DotPlace::Kind::EdgeId: return false; // read from the statements (edgeAt)
    case DotPlace::Kind::Cluster: return names(i, place.name) && is(i - 1, "subgraph");
    case DotPlace::Kind::Graph: return false; // find() takes its brace
    }
    return false;
}

const std::vector<int>& DotLines::matches(const DotPlace& place) const
{
    auto [it, fresh] = m_matches.try_emplace({static_cast<int>(place.kind), place.name, std::string()});
    if (!fresh) return it->second;
    if (const auto named = m_byText.find(place.name); named != m_byText.end())
        for (int i : named->second)
            if (writes(i, place)) it->second.push_back(i);
    return it->second;
}

const DotLines::EdgeAt* DotLines::edgeAt(const DotPlace& place) const
{
    if (!m_edgesRead) readEdges();
    const std::vector<std::size_t>* found = nullptr;
    if (place.kind == DotPlace::Kind::Edge) {
        if (const auto e = m_edges.find({place.name, place.to}); e != m_edges.end()) found = &e->second;
    } else if (const auto e = m_edgeIds.find(place.name); e != m_edgeIds.end()) {
        found = &e->second;
    }
    const auto nth = static_cast<std::size_t>(std::max(place.nth, 1));
    return found && nth <= found->size() ? &m_edgeList[(*found)[nth - 1]] : nullptr;
}

int DotLines::find(const DotPlace& place) const
{
    if (place.kind == DotPlace::Kind::Graph) { // its body's brace, after `strict digraph name`
        for (int i = 0; i < static_cast<int>(m_tokens.size()); ++i)
            if (is(i, "{")) return i;
        return -1;
    }
    if (place.kind == DotPlace::Kind::Edge || place.kind == DotPlace::Kind::EdgeId) {
        const EdgeAt* edge = edgeAt(place);
        return !edge ? -1 : place.kind == DotPlace::Kind::EdgeId ? edge->id : edge->tail;
    }
    const std::vector<int>& found = matches(place);
    return found.empty() ? -1 : found.front();
}

int DotLines::attribute(const DotPlace& place, const std::string& key) const
{
    if (place.kind == DotPlace::Kind::Edge || place.kind == DotPlace::Kind::EdgeId) {
        const EdgeAt* edge = edgeAt(place);
        return edge ? attributeAt(place, edge->last, key) : -1;
    }
    if (place.kind != DotPlace::Kind::Node) return attributeAt(place, find(place), key);
    for (int at : matches(place))
        if (const int token = attributeAt(place, at, key); token >= 0) return token;
    return -1;
}

int DotLines::attributeAt(const DotPlace& place, int token, const std::string& key) const
{
    const int end = static_cast<int>(m_tokens.size());
    if (token < 0) return -1;
    if (place.kind == DotPlace::Kind::Graph) return bodyAttribute(token, key, true);
    if (place.kind == DotPlace::Kind::Cluster) return is(token + 1, "{") ? bodyAttribute(token + 1, key, false) : -1;
    // The attribute lists that close the statement: `a -> b [key = value][…]`.
    int inList = 0;
    for (int i = token + 1; i < end; ++i) {
        if (is(i, "[")) ++inList;
        else if (is(i, "]") && --inList == 0 && !is(i + 1, "[")) return -1;
        else if (inList == 0 && (is(i, ";") || is(i, "{") || is(i, "}"))) return -1;
        else if (inList > 0 && names(i, key) && is(i + 1, "=")) return i;
    }
    return -1;
}

int DotLines::bodyAttribute(int open, const std::string& key, bool last) const
{
    // `key = value` statements and `graph [key = value]`, at the body's own depth.
    const int end = static_cast<int>(m_tokens.size());
    int depth = 0, found = -1;
    bool ownList = false, inList = false;
    for (int i = open; i < end; ++i) {
        if (is(i, "{") && ++depth > 1) continue;
        if (is(i, "}") && --depth <= 0) break;
        if (depth != 1) continue;
        if (is(i, "[")) inList = true, ownList = isKeyword(i - 1, "graph");
        else if (is(i, "]")) inList = false;
        else if ((!inList || ownList) && names(i, key) && is(i + 1, "=")) {
            found = i;
            if (!last) break;
        }
    }
    return found;
}

// cgraph makes an edge from each tail to each head of every `->` in a statement, a subgraph
// standing for every node in it. Matching `tail -> head` tokens alone missed `a -> {b c}`, so a
// later `a -> b` was taken for the first one and the edges after it were not found at all.
void DotLines::readEdges() const
{
    m_edgesRead = true;
    int i = 0;
    while (i < static_cast<int>(m_tokens.size()) && !is(i, "{")) ++i; // `strict digraph name`
    std::vector<int> nodes;
    readBody(i, nodes);
}

int DotLines::readBody(int i, std::vector<int>& nodes) const
{
    const int end = static_cast<int>(m_tokens.size());
    for (++i; i < end && !is(i, "}");) {
        if (is(i, ";") || is(i, ","))
            ++i;
        else if ((isKeyword(i, "graph") || isKeyword(i, "node") || isKeyword(i, "edge")) && is(i + 1, "["))
            i = readLists(i + 1, nullptr);
        else if (isAtom(i) && is(i + 1, "="))
            i += 3; // `key = value`
        else
            i = readStatement(i, nodes);
    }
    return i + 1;
}

int DotLines::readStatement(int i, std::vector<int>& nodes) const
{
    std::vector<std::pair<std::size_t, std::size_t>> chain; // each end: a range of `nodes`
    std::size_t from = nodes.size();
    int at = readEnds(i, nodes);
    if (at == i) return i + 1; // not a statement cgraph reads: stepped over
    chain.emplace_back(from, nodes.size());
    while (is(at, "->") || is(at, "--")) {
        from = nodes.size();
        at = readEnds(at + 1, nodes);
        chain.emplace_back(from, nodes.size());
    }
    int id = -1;
    const int after = readLists(at, &id);
    // Made once the statement is read, after the edges inside its subgraphs, as cgraph does.
    if (chain.size() > 1) addEdges(chain, nodes, id, at - 1);
    return after;
}

int DotLines::readEnds(int i, std::vector<int>& nodes) const
{
    if (isKeyword(i, "subgraph") || is(i, "{")) {
        if (isKeyword(i, "subgraph")) i += isAtom(i + 1) ? 2 : 1;
        return is(i, "{") ? readBody(i, nodes) : i;
    }
    while (isAtom(i)) { // `a`, `a:port:compass`, `a, b`
        nodes.push_back(i++);
        for (int port = 0; port < 2 && is(i, ":"); ++port) i += 2;
        if (!is(i, ",") || !isAtom(i + 1)) break;
        ++i;
    }
    return i;
}

int DotLines::readLists(int i, int* id) const
{
    const int end = static_cast<int>(m_tokens.size());
    while (is(i, "[")) {
        for (++i; i < end && !is(i, "]"); ++i)
            if (id && names(i, "id") && is(i + 1, "=") && i + 2 < end) *id = i + 2; // the last one counts
        ++i;
    }
    return i;
}

void DotLines::addEdges(const std::vector<std::pair<std::size_t, std::size_t>>& chain,
                        const std::vector<int>& nodes, int id, int last) const
{
    // A subgraph holds a node once, however often its statements name it.
    auto once = [&](const std::pair<std::size_t, std::size_t>& range) {
        std::vector<int> out;
        std::unordered_set<std::string_view> seen;
        for (std::size_t k = range.first; k < range.second; ++k)
            if (seen.insert(m_tokens[static_cast<std::size_t>(nodes[k])].text).second) out.push_back(nodes[k]);
        return out;
    };
    std::vector<int> tails = once(chain.front());
    for (std::size_t k = 1; k < chain.size(); ++k) {
        std::vector<int> heads = once(chain[k]);
        for (const int t : tails)
            for (const int h : heads) {
                const std::size_t e = m_edgeList.size();
                m_edgeList.push_back({t, id, last});
                m_edges[{m_tokens[static_cast<std::size_t>(t)].text, m_tokens[static_cast<std::size_t>(h)].text}]
                    .push_back(e);
                if (id >= 0) m_edgeIds[m_tokens[static_cast<std::size_t>(id)].text].push_back(e);
            }
        tails = std::move(heads);
    }
}

namespace {
// The DOT attribute behind a diagnostic's pointer into the element ("properties/rps", "bends/3").
std::string attributeOf(const std::string& pointer)
{
    if (pointer.rfind("properties/", 0) == 0) return pointer.substr(11);
    if (pointer.rfind("bends", 0) == 0) return "pb_bends";
    if (pointer == "position") return "pb_pos";
    if (pointer == "size") return "pb_size";
    if (pointer == "label" || pointer == "title") return "label";
    if (pointer == "kind") return "kind";
    return {};
}

// The graph attribute behind a problem of the design as a whole: its title is the graph's label,
// and decision N (from 0) is written pb_decision_<N+1>_<field> (exportDot()).
std::string graphAttributeOf(const Diagnostic& d)
{
    if (!d.element.empty()) return {};
    if (d.pointer == "title" || d.pointer == "label") return "label";
    if (d.pointer.rfind("decisions/", 0) != 0) return {};
    const std::size_t slash = d.pointer.find('/', 10);
    if (slash == std::string::npos) return {};
    const std::string n = d.pointer.substr(10, slash - 10);
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos) return {};
    return "pb_decision_" + std::to_string(std::stol(n) + 1) + "_" + d.pointer.substr(slash + 1);
}

const char* whatIs(const DotPlace& place)
{
    switch (place.kind) {
    case DotPlace::Kind::Node: return "node";
    case DotPlace::Kind::Cluster: return "cluster";
    case DotPlace::Kind::Graph: return "graph";
    default: return "edge";
    }
}
} // namespace

void placeDotDiagnostics(const std::string& text, const DotPlaces& places, Diagnostics& diags, std::size_t first)
{
    auto placeable = [](const Diagnostic& d) {
        return d.line == 0 && (!d.element.empty() || !graphAttributeOf(d).empty());
    };
    if (std::none_of(diags.begin() + static_cast<std::ptrdiff_t>(first), diags.end(), placeable))
        return; // a clean file is not scanned again
    const DotLines lines(text);
    std::map<std::size_t, const DotPlace*> own;
    for (const auto& [index, place] : places.at) own[index] = &place;
    for (std::size_t i = first; i < diags.size(); ++i) {
        Diagnostic& d = diags[i];
        if (!placeable(d)) continue;
        if (const std::string key = graphAttributeOf(d); !key.empty()) {
            const DotPlace graph{DotPlace::Kind::Graph, {}, {}, 1};
            const int at = lines.attribute(graph, key);
            d.line = lines.line(at >= 0 ? at : lines.find(graph));
            continue;
        }
        const auto known = places.of.find(d.element);
        const auto mine = own.find(i);
        const DotPlace node{DotPlace::Kind::Node, d.element, {}, 1};
        const DotPlace* place = mine != own.end() ? mine->second : known != places.of.end() ? &known->second : &node;
        const int token = lines.find(*place);
        const std::string key = attributeOf(d.pointer);
        const int attr = key.empty() ? -1 : lines.attribute(*place, key);
        d.line = lines.line(attr >= 0 ? attr : token);
        if (d.code == "E-DUP-ID" && mine != own.end()) {
            const DotPlace& holder = known != places.of.end() ? known->second : node;
            if (const int held = lines.line(lines.find(holder)); held > 0)
                d.message += "; the " + std::string(whatIs(holder)) + " at line " + std::to_string(held) + " has it already";
        }
    }
}

} // namespace pb::model
