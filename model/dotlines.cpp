#include "model/dotlines.h"

#include <algorithm>

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

int DotLines::headOf(int i) const
{
    if (!names(i, m_tokens[static_cast<std::size_t>(i)].text)) return -1;
    int j = i + 1;
    for (int port = 0; port < 2 && is(j, ":"); ++port) j += 2; // `a:port:compass -> b`
    if (!is(j, "->") && !is(j, "--")) return -1;
    return j + 1 < static_cast<int>(m_tokens.size()) && names(j + 1, m_tokens[static_cast<std::size_t>(j + 1)].text)
               ? j + 1
               : -1;
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
    case DotPlace::Kind::Edge: return false; // read all at once (matches)
    case DotPlace::Kind::EdgeId: return names(i, place.name) && is(i - 1, "=") && is(i - 2, "id");
    case DotPlace::Kind::Cluster: return names(i, place.name) && is(i - 1, "subgraph");
    }
    return false;
}

const std::vector<int>& DotLines::matches(const DotPlace& place) const
{
    const std::string& to = place.kind == DotPlace::Kind::Edge ? place.to : std::string();
    auto [it, fresh] = m_matches.try_emplace({static_cast<int>(place.kind), place.name, to});
    if (!fresh) return it->second;
    if (place.kind == DotPlace::Kind::Edge) {
        if (!m_edgesRead) {
            for (int i = 0; i < static_cast<int>(m_tokens.size()); ++i)
                if (const int head = headOf(i); head >= 0)
                    m_edges[{m_tokens[static_cast<std::size_t>(i)].text, m_tokens[static_cast<std::size_t>(head)].text}]
                        .push_back(i);
            m_edgesRead = true;
        }
        if (const auto e = m_edges.find({place.name, place.to}); e != m_edges.end()) it->second = e->second;
        return it->second;
    }
    if (const auto named = m_byText.find(place.name); named != m_byText.end())
        for (int i : named->second)
            if (writes(i, place)) it->second.push_back(i);
    return it->second;
}

int DotLines::find(const DotPlace& place) const
{
    const std::vector<int>& found = matches(place);
    const std::size_t nth = place.kind == DotPlace::Kind::Node || place.kind == DotPlace::Kind::Cluster
                                ? 1
                                : static_cast<std::size_t>(std::max(place.nth, 1));
    return nth <= found.size() ? found[nth - 1] : -1;
}

int DotLines::attribute(const DotPlace& place, const std::string& key) const
{
    if (place.kind != DotPlace::Kind::Node) return attributeAt(place, find(place), key);
    for (int at : matches(place))
        if (const int token = attributeAt(place, at, key); token >= 0) return token;
    return -1;
}

int DotLines::attributeAt(const DotPlace& place, int token, const std::string& key) const
{
    const int end = static_cast<int>(m_tokens.size());
    if (token < 0) return -1;
    if (place.kind == DotPlace::Kind::Cluster) {
        // `key = value` statements and `graph [key = value]` in the subgraph's own body.
        int depth = 0;
        for (int i = token + 1; i < end; ++i) {
            if (depth == 0 && !is(i, "{")) return -1; // `subgraph name` with no body here
            if (is(i, "{") && ++depth > 1) continue;
            if (is(i, "}") && --depth <= 0) return -1;
            if (depth == 1 && names(i, key) && is(i + 1, "=")) return i;
        }
        return -1;
    }
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

namespace {
// The DOT attribute behind a diagnostic's pointer into the element ("properties/rps", "bends/3").
std::string attributeOf(const std::string& pointer)
{
    if (pointer.rfind("properties/", 0) == 0) return pointer.substr(11);
    if (pointer.rfind("bends", 0) == 0) return "pb_bends";
    if (pointer == "position") return "pb_pos";
    if (pointer == "size") return "pb_size";
    return {};
}

const char* whatIs(const DotPlace& place)
{
    switch (place.kind) {
    case DotPlace::Kind::Node: return "node";
    case DotPlace::Kind::Cluster: return "cluster";
    default: return "edge";
    }
}
} // namespace

void placeDotDiagnostics(const std::string& text, const DotPlaces& places, Diagnostics& diags, std::size_t first)
{
    bool needed = false;
    for (std::size_t i = first; i < diags.size(); ++i) needed |= diags[i].line == 0 && !diags[i].element.empty();
    if (!needed) return; // a clean file is not scanned again
    const DotLines lines(text);
    std::map<std::size_t, const DotPlace*> own;
    for (const auto& [index, place] : places.at) own[index] = &place;
    for (std::size_t i = first; i < diags.size(); ++i) {
        Diagnostic& d = diags[i];
        if (d.line != 0 || d.element.empty()) continue;
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
