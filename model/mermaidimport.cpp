#include "model/mermaidimport.h"

#include "model/designfile.h"
#include "model/dotinference.h"
#include "model/mermaidreader.h"
#include "model/mermaidtext.h"
#include "model/printable.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace pb::model {

namespace {

// People draw every store as a cylinder in Mermaid, Redis and Kafka included: what the name
// says comes first, and the cylinder makes a database of a store whose name says nothing.
std::string kindOf(const std::string& id, const std::string& label, const std::string& shape)
{
    const std::string named = inferKind(id, label, "");
    return named == "service" && shape == "cylinder" ? "database" : named;
}

class Importer
{
public:
    Importer(const std::string& file, Diagnostics& diags, std::unordered_map<std::string, int>* lines)
        : m_file(file), m_diags(diags), m_lines(lines)
    {
    }
    std::optional<Design> run(const std::string& text);

private:
    void error(int line, const std::string& message, const std::string& code = "E-MERMAID")
    {
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, 0, "", "", code, message, ""});
    }
    bool statement(std::string_view s, int line);
    bool subgraph(std::string_view s, int line);
    bool chain(std::string_view s, int line);
    // The nodes of `a & b & c`, each declared (with its shape and label) or named again.
    std::optional<std::vector<std::string>> nodeGroup(MermaidReader& r);
    std::optional<std::string> node(MermaidReader& r);
    // `[Label]`, `[(Label)]`, … or `@{ shape: …, label: … }` after a node's id, if any.
    bool shapeAndLabel(MermaidReader& r, const std::string& id, std::string& label, std::string& shape);
    void place(std::size_t comp);
    // A node named only bare in links (`a --> s`), then opened as `subgraph s`: Mermaid draws the
    // subgraph, so the node goes and its links become links to the subgraph.
    void becomesSubgraph(std::size_t comp, int line);
    // Mermaid draws a link to or from a subgraph to its box. Flows join components, so each such
    // link is left out and said, with its line, instead of refusing the flowchart or guessing
    // which member it meant.
    void dropSubgraphLinks();

    bool tooMany() const { return m_comps.size() + m_flows.size() + m_zones.size() >= kMaxElements; }
    static std::string tooManyMessage() { return "the flowchart has more than " + std::to_string(kMaxElements) + " elements"; }
    void noteLine(const std::string& id, int line)
    {
        if (m_lines) m_lines->emplace(id, line);
    }

    std::string m_file;
    Diagnostics& m_diags;
    std::unordered_map<std::string, int>* m_lines;
    int m_line = 0; // of the statement being read
    std::vector<int> m_flowLines;
    Design m_design;
    std::map<std::string, std::size_t> m_components; // id → index in m_comps
    std::vector<Component> m_comps;
    std::vector<char> m_inZone; // per component: placed in a subgraph already
    std::vector<char> m_bare;   // per component: named without a label, shape or class so far
    std::vector<char> m_gone;   // per component: became a subgraph (becomesSubgraph)
    std::vector<Zone> m_zones;
    std::map<std::string, std::size_t> m_zoneIds;
    std::vector<std::size_t> m_open; // the subgraphs open, outermost first
    std::vector<int> m_openedAt;     // the line each was opened on
    std::vector<Flow> m_flows;
    std::string m_refusal, m_refusalCode; // why the statement being read was refused
    // `class a,b database` and `a:::database`: id and class, in the order met. A class that names
    // a kind of the vocabulary is the element's kind (how Probeboard writes kinds); any other is
    // styling. Applied once every element is read: a class may come before its node.
    std::vector<std::pair<std::string, std::string>> m_classes;
    std::set<std::string> m_edgeIds; // `e1@-->`: ids the flowchart gave its edges
    void classStatement(std::string_view s);
    void applyClasses();
};

bool Importer::shapeAndLabel(MermaidReader& r, const std::string& id, std::string& label, std::string& shape)
{
    if (r.eat("@{")) { // Mermaid 11: `A@{ shape: cyl, label: "Orders" }`
        const auto attrs = r.attributes();
        if (!attrs) {
            m_refusal = "the attributes of '" + id + "' (@{ … }) are not closed with '}'";
            return false;
        }
        if (auto it = attrs->find("label"); it != attrs->end()) label = mermaidPlain(it->second);
        if (auto it = attrs->find("shape"); it != attrs->end()) shape = mermaidShapeNamed(it->second);
        return true;
    }
    for (const MermaidShape& s : kMermaidShapes) {
        if (!r.eat(s.open)) continue;
        // A trapezoid closes the other way round: [/…\] and [\…/].
        std::string_view close = s.close;
        if (s.open == "[/" || s.open == "[\\") {
            const std::string_view other = s.open == "[/" ? "\\]" : "/]";
            const std::size_t mine = r.rest().find(s.close), theirs = r.rest().find(other);
            if (theirs < mine) close = other;
        }
        auto text = r.textUntil(close);
        if (!text) {
            m_refusal = "the label of '" + id + "' is not closed with '" + std::string(close) + "'";
            return false;
        }
        label = mermaidPlain(*text);
        shape = s.graphviz;
        return true;
    }
    return true; // named only
}

std::optional<std::string> Importer::node(MermaidReader& r)
{
    r.skipSpace();
    std::string id = r.id();
    if (id.empty()) {
        m_refusal = r.atEnd() ? "a node is missing at the end" : "expected a node id at '" + std::string(r.rest().substr(0, 20)) + "'";
        return std::nullopt;
    }
    std::string label, shape;
    if (!shapeAndLabel(r, id, label, shape)) return std::nullopt;
    const std::string styled = r.eat(":::") ? r.id() : std::string();
    if (m_zoneIds.count(id)) { // a link's end: dropSubgraphLinks() leaves the link out
        if (!label.empty() || !shape.empty()) {
            m_refusal = "'" + id + "' is a subgraph and cannot be drawn as a node too";
            return std::nullopt;
        }
        if (!styled.empty()) m_classes.emplace_back(id, styled);
        return id;
    }
    if (!m_components.count(id) && tooMany()) {
        m_refusal = tooManyMessage();
        m_refusalCode = "E-LIMIT";
        return std::nullopt;
    }
    auto [it, fresh] = m_components.try_emplace(id, m_comps.size());
    if (fresh) {
        Component c;
        c.id = id;
        c.label = label.empty() ? id : label;
        c.kind = kindOf(id, label, shape);
        c.kindInferred = true;
        m_comps.push_back(std::move(c));
        m_inZone.push_back(false);
        m_bare.push_back(label.empty() && shape.empty() && styled.empty());
        m_gone.push_back(false);
        noteLine(id, m_line);
    } else if (!label.empty()) {
        Component& c = m_comps[it->second];
        c.label = label;
        c.kind = kindOf(id, label, shape);
    }
    if (!label.empty() || !shape.empty() || !styled.empty()) m_bare[it->second] = false;
    place(it->second);
    if (!styled.empty()) m_classes.emplace_back(id, styled);
    return id;
}

void Importer::place(std::size_t comp)
{
    // As Mermaid draws it: a node is in the first subgraph that names it, wherever it was
    // declared (mermaid-js/mermaid#2707); naming it outside every subgraph places it nowhere.
    if (m_open.empty() || m_inZone[comp]) return;
    m_zones[m_open.back()].members.push_back(m_comps[comp].id);
    m_inZone[comp] = true;
}

std::optional<std::vector<std::string>> Importer::nodeGroup(MermaidReader& r)
{
    std::vector<std::string> ids;
    do {
        auto id = node(r);
        if (!id) return std::nullopt;
        ids.push_back(std::move(*id));
        r.skipSpace();
    } while (r.eat("&"));
    return ids;
}

bool Importer::chain(std::string_view s, int line)
{
    m_refusal.clear();
    m_refusalCode = "E-MERMAID";
    MermaidReader r(s);
    auto from = nodeGroup(r);
    bool whole = from.has_value();
    while (whole && !r.atEnd()) {
        const auto arrow = readMermaidArrow(r);
        if (!arrow) {
            m_refusal = "expected an arrow (-->, -.->, ==>, ---) at '" + std::string(r.rest().substr(0, 20)) + "'";
            whole = false;
            break;
        }
        auto to = nodeGroup(r);
        if (!to) {
            whole = false;
            break;
        }
        for (const auto& a : *from)
            for (const auto& b : *to) {
                // `a1 & … & a1000 --> b1 & … & b1000` is a million flows from one line.
                if (tooMany()) {
                    error(line, tooManyMessage(), "E-LIMIT");
                    return false;
                }
                Flow f; // its id is given at the end, clear of every node's and subgraph's
                // `a e1@--> b`: the edge's own id, for the first flow it makes.
                if (!arrow->id.empty() && m_edgeIds.insert(arrow->id).second) f.id = arrow->id;
                f.from = arrow->reversed ? b : a;
                f.to = arrow->reversed ? a : b;
                f.label = arrow->label;
                if (arrow->dotted) f.props["sync"] = false;
                m_flows.push_back(std::move(f));
                m_flowLines.push_back(line);
            }
        from = std::move(to);
    }
    if (whole) return true;
    error(line, m_refusal.empty() ? "cannot read this statement" : m_refusal, m_refusalCode);
    return false;
}

bool Importer::subgraph(std::string_view s, int line)
{
    if (tooMany()) {
        error(line, tooManyMessage(), "E-LIMIT");
        return false;
    }
    if (static_cast<int>(m_open.size()) >= kMaxZoneDepth) {
        error(line, "subgraphs nested more than " + std::to_string(kMaxZoneDepth) + " deep", "E-LIMIT");
        return false;
    }
    MermaidReader r(s.substr(8));
    r.skipSpace();
    std::string id = r.id(), title;
    r.skipSpace();
    if (r.eat("[")) {
        auto text = r.textUntil("]");
        if (!text) {
            error(line, "the subgraph's title is not closed with ']'");
            return false;
        }
        title = *text;
    } else if (!r.atEnd()) {
        title = std::string(mermaidTrim(s.substr(8))); // `subgraph Two words`: a title, no id
        if (title.size() >= 2 && title.front() == '"' && title.back() == '"') title = title.substr(1, title.size() - 2);
        id.clear();
    }
    if (id.empty()) id = "subgraph" + std::to_string(m_zones.size() + 1);
    if (auto c = m_components.find(id); c != m_components.end() && m_bare[c->second]) {
        becomesSubgraph(c->second, line);
    } else if (m_zoneIds.count(id) || c != m_components.end()) {
        error(line, "'" + id + "' names two things: ids are shared by nodes and subgraphs", "E-DUP-ID");
        return false;
    }
    Zone z;
    z.id = id;
    z.label = mermaidPlain(title.empty() ? id : title);
    z.kind = inferZoneKind(id, z.label);
    if (const std::string region = regionInLabel(z.label); !region.empty()) z.props["region"] = region;
    if (!m_open.empty()) m_zones[m_open.back()].members.push_back(id);
    m_zoneIds.emplace(id, m_zones.size());
    noteLine(id, line);
    m_open.push_back(m_zones.size());
    m_openedAt.push_back(line);
    m_zones.push_back(std::move(z));
    return true;
}

void Importer::becomesSubgraph(std::size_t comp, int line)
{
    const std::string& id = m_comps[comp].id;
    if (m_inZone[comp])
        for (Zone& z : m_zones) std::erase(z.members, id);
    if (m_lines) (*m_lines)[id] = line; // where the subgraph opens, not where a link named it
    m_gone[comp] = true;
    m_components.erase(id);
}

void Importer::dropSubgraphLinks()
{
    // One warning per line, naming its first such link: `a & … & z --> s` is one mistake, and a
    // flowchart of a million of them says so a bounded number of times.
    WarningsAtMost said(m_diags, 50);
    std::optional<std::size_t> warning; // this line's, when one was said
    std::size_t kept = 0, onLine = 0;
    int line = -1;
    auto closeLine = [&] {
        if (warning && onLine > 1)
            m_diags[*warning].message += " (and " + std::to_string(onLine - 1) + " more on this line)";
    };
    for (std::size_t i = 0; i < m_flows.size(); ++i) {
        const Flow& f = m_flows[i];
        const bool fromZone = m_zoneIds.count(f.from) > 0, toZone = m_zoneIds.count(f.to) > 0;
        if (!fromZone && !toZone) {
            if (kept != i) { // a vector moved into itself empties
                m_flows[kept] = std::move(m_flows[i]);
                m_flowLines[kept] = m_flowLines[i];
            }
            ++kept;
            continue;
        }
        if (m_flowLines[i] == line) {
            ++onLine;
            if (!warning) said.count();
            continue;
        }
        closeLine();
        line = m_flowLines[i];
        onLine = 1;
        warning.reset();
        if (said.full()) { // counted, not worded
            said.count();
            continue;
        }
        const std::string& zone = toZone ? f.to : f.from;
        const std::string& other = toZone ? f.from : f.to;
        warning = said.add({Diagnostic::Level::Warning, m_file, line, 0, zone, "", "W-MERMAID-SUBGRAPH-LINK",
                            "the link " + f.from + " --> " + f.to + " was left out: '" + zone +
                                "' is a subgraph, and flows join components, so no check sees this link",
                            fromZone && toZone ? "link a node inside each subgraph instead"
                                               : "link " + other + " to the node inside " + zone + " that it means"});
    }
    closeLine();
    m_flows.resize(kept);
    m_flowLines.resize(kept);
    said.finish(m_file, "W-MERMAID-SUBGRAPH-LINK", "links to or from subgraphs");
}

bool Importer::statement(std::string_view s, int line)
{
    s = mermaidTrim(s);
    m_line = line;
    if (s.empty() || s.substr(0, 2) == "%%") return true;
    if (startsWithMermaidWord(s, "subgraph")) return subgraph(s, line);
    if (startsWithMermaidWord(s, "end")) {
        if (m_open.empty()) {
            error(line, "'end' without a subgraph to close");
            return false;
        }
        m_open.pop_back();
        m_openedAt.pop_back();
        return true;
    }
    {
        // `e1@{ animate: true }`: how an edge named before is drawn.
        MermaidReader r(s);
        const std::string id = r.id();
        if (m_edgeIds.count(id) && r.eat("@{")) return true;
    }
    if (startsWithMermaidWord(s, "class")) {
        classStatement(s.substr(5));
        return true;
    }
    // Styling and interaction: how it looks, nothing a rule reads.
    for (std::string_view skip : {"classDef", "style", "linkStyle", "click", "direction", "accTitle", "accDescr"})
        if (startsWithMermaidWord(s, skip) || s.substr(0, skip.size() + 1) == std::string(skip) + ":") return true;
    return chain(s, line);
}

void Importer::classStatement(std::string_view s)
{
    // `class a,b,c name`: the ids, then one class name (Mermaid's form; anything after it is
    // styling Probeboard does not read).
    MermaidReader r(s);
    std::vector<std::string> ids;
    do {
        r.skipSpace();
        if (std::string id = r.id(); !id.empty()) ids.push_back(std::move(id));
        r.skipSpace();
    } while (r.eat(","));
    r.skipSpace();
    const std::string name = r.id();
    if (name.empty()) return;
    for (auto& id : ids) m_classes.emplace_back(std::move(id), name);
}

void Importer::applyClasses()
{
    const Vocabulary& vocab = Vocabulary::builtin();
    for (const auto& [id, name] : m_classes) {
        if (auto c = m_components.find(id); c != m_components.end() && vocab.kind(name)) {
            m_comps[c->second].kind = name;
            m_comps[c->second].kindInferred = false; // said, not guessed
        } else if (auto z = m_zoneIds.find(id); z != m_zoneIds.end() && vocab.zoneKind(name)) {
            m_zones[z->second].kind = name;
        }
    }
}

// Statements may share a line, separated by semicolons outside quotes and brackets.
std::vector<std::string_view> statements(std::string_view line)
{
    std::vector<std::string_view> out;
    bool quoted = false;
    int depth = 0;
    std::size_t from = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '[' || c == '(' || c == '{')) ++depth;
        else if (!quoted && (c == ']' || c == ')' || c == '}')) depth = std::max(0, depth - 1);
        else if (!quoted && depth == 0 && c == ';') {
            out.push_back(line.substr(from, i - from));
            from = i + 1;
        }
    }
    out.push_back(line.substr(from));
    return out;
}

// The line of the first byte that is not UTF-8, or 0: the front matter's title included.
int firstNonUtf8Line(std::string_view text)
{
    const std::size_t bad = firstNonUtf8(text);
    return bad == std::string_view::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
}

// The header's words: `flowchart` or `graph`, and a direction.
bool isHeader(std::string_view s)
{
    s = mermaidTrim(s);
    if (!s.empty() && s.back() == ';') s.remove_suffix(1);
    std::string_view word = s.substr(0, s.find_first_of(" \t"));
    if (word != "flowchart" && word != "graph") return false;
    const std::string_view dir = mermaidTrim(s.substr(word.size()));
    for (std::string_view d : {"", "TB", "TD", "BT", "RL", "LR"})
        if (dir == d) return true;
    return false;
}

// A YAML scalar as the front matter's title holds it: quoted ("a \"b\"" or 'it''s') or plain.
std::string yamlText(std::string_view s)
{
    if (s.size() < 2 || (s.front() != '"' && s.front() != '\'') || s.back() != s.front()) return std::string(s);
    const char quote = s.front();
    s = s.substr(1, s.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (quote == '"' && s[i] == '\\' && i + 1 < s.size()) out += s[++i];
        else if (quote == '\'' && s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') out += s[i++];
        else out += s[i];
    }
    return out;
}

// Skips a front matter block (`---` … `---`), keeping its `title:`.
std::size_t frontMatter(const std::string& text, std::string& title, int& line)
{
    if (text.compare(0, 3, "---") != 0) return 0;
    std::size_t at = text.find('\n');
    while (at != std::string::npos) {
        ++line;
        const std::size_t next = text.find('\n', at + 1);
        const std::string_view l = mermaidTrim(std::string_view(text).substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
        if (l == "---") return next == std::string::npos ? text.size() : next + 1;
        if (l.substr(0, 6) == "title:") title = yamlText(mermaidTrim(l.substr(6)));
        at = next;
    }
    return text.size(); // never closed: the header check below says so
}

std::optional<Design> Importer::run(const std::string& text)
{
    if (const int bad = firstNonUtf8Line(text); bad > 0) {
        error(bad, "not UTF-8 text (convert the file to UTF-8)");
        return std::nullopt;
    }
    int line = 1;
    std::size_t at = frontMatter(text, m_design.title, line);
    if (at > 0) ++line;
    bool header = false;
    while (at < text.size()) {
        const std::size_t next = std::min(text.find('\n', at), text.size());
        const std::string_view l = std::string_view(text).substr(at, next - at);
        if (l.find('\0') != std::string_view::npos) {
            error(line, "a NUL byte: this is not a Mermaid text file");
            return std::nullopt;
        }
        const std::string_view t = mermaidTrim(l);
        if (!header && !t.empty() && t.substr(0, 2) != "%%") {
            if (!isHeader(t)) {
                error(line, "a Mermaid design starts with 'flowchart' or 'graph' and a direction (TB, TD, BT, RL, LR); "
                            "only flowcharts are read");
                return std::nullopt;
            }
            header = true;
        } else if (header) {
            for (std::string_view part : statements(l))
                if (!statement(part, line)) return std::nullopt;
        }
        at = next + 1;
        ++line;
    }
    if (!header) {
        error(line - 1, "no 'flowchart' or 'graph' line: not a Mermaid flowchart", "E-EMPTY");
        return std::nullopt;
    }
    if (!m_open.empty()) {
        error(m_openedAt.back(), "subgraph '" + m_zones[m_open.back()].id + "' is never closed with 'end'");
        return std::nullopt;
    }
    applyClasses();
    dropSubgraphLinks();
    for (std::size_t i = 0; i < m_flows.size(); ++i) {
        std::string id = m_flows[i].id.empty() ? "f" + std::to_string(i + 1) : m_flows[i].id;
        if (m_flows[i].id.empty())
            while (m_components.count(id) || m_zoneIds.count(id) || m_edgeIds.count(id)) id += "_";
        noteLine(id, m_flowLines[i]);
        m_flows[i].id = std::move(id);
    }
    for (std::size_t i = 0; i < m_comps.size(); ++i)
        if (!m_gone[i]) m_design.addComponent(std::move(m_comps[i]));
    for (auto& f : m_flows) m_design.addFlow(std::move(f));
    for (auto& z : m_zones) m_design.addZone(std::move(z));
    if (!validateImported(m_design, m_file, m_diags)) return std::nullopt;
    return std::move(m_design);
}

} // namespace

std::optional<Design> importMermaid(const std::string& text, const std::string& fileName, Diagnostics& diags,
                                    std::unordered_map<std::string, int>* lines)
{
    return Importer(fileName, diags, lines).run(text);
}

bool looksLikeMermaid(std::string_view text)
{
    if (text.substr(0, 3) == "---") return text.find("\nflowchart") != std::string_view::npos ||
                                            text.find("\ngraph") != std::string_view::npos;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view l = mermaidTrim(text.substr(0, end));
        if (!l.empty() && l.substr(0, 2) != "%%") return isHeader(l);
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return false;
}

} // namespace pb::model
