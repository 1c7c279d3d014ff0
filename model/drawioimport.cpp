#include "model/drawioimport.h"

#include "model/designfile.h"
#include "model/designpart.h"
#include "model/dotimport.h"
#include "model/dotinference.h"
#include "model/drawiofile.h"
#include "model/drawiostyle.h"
#include "model/printable.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <vector>

namespace pb::model {

namespace {

using Style = std::map<std::string, std::string, std::less<>>;

// One mxCell, with what its <object> or <UserObject> wrapper adds (Edit Data's properties).
struct Cell
{
    std::string id, parent, value, source, target;
    Style style;
    bool vertex = false, edge = false;
    Point pos;
    Size size;
    std::vector<Point> points;
    std::vector<std::pair<std::string, std::string>> data;
    int line = 0;
    // Worked out from the others: what it becomes, its place on the canvas, the id it gets.
    enum class Role
    {
        Layer,
        Component,
        Zone,
        Group,
        Note,
        EdgeLabel,
        Flow,
        Other
    } role = Role::Other;
    Point abs;
    std::string madeId;
    std::string ownId; // pb_id: the id a file Probeboard wrote gives the element
    std::string kind;  // a component's, and whether Edit Data said it (chooseScale())
    bool kindSaid = false;
};

// The attributes of a wrapper that are draw.io's own, not properties the user added.
bool drawioOwn(std::string_view key)
{
    for (std::string_view own : {"id", "label", "placeholders", "tooltip", "link", "tags"})
        if (key == own) return true;
    return false;
}

// A label or id as a message shows it: printable, and cut, since a cell may hold megabytes.
std::string shown(std::string_view text)
{
    constexpr std::size_t kMost = 80;
    if (text.size() <= kMost) return printable(text);
    return printable(text.substr(0, utf8Boundary(text, kMost))) + "…";
}

double number(const pugi::xml_node& n, const char* name)
{
    const double d = n.attribute(name).as_double(0);
    return std::isfinite(d) ? d : 0; // "NaN", "Infinity": nowhere
}

class Reader
{
public:
    Reader(const std::string& file, Diagnostics& diags, std::unordered_map<std::string, int>* lines,
           std::optional<std::size_t> page)
        : m_file(file)
        , m_diags(diags)
        , m_lines(lines)
        , m_pageAsked(page)
    {
    }
    std::optional<Design> run(const std::string& text);

private:
    void error(int line, const std::string& message, const std::string& code = "E-DRAWIO")
    {
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, 0, "", "", code, message, ""});
    }
    void warn(int line, const std::string& element, const std::string& message,
              const std::string& hint, const char* code)
    {
        m_diags.push_back(
            {Diagnostic::Level::Warning, m_file, line, 0, element, "", code, message, hint});
    }
    int lineAt(std::ptrdiff_t offset) const;
    std::optional<pugi::xml_node> page(const pugi::xml_node& root);
    bool readCells(const pugi::xml_node& model);
    void readCell(const pugi::xml_node& element);
    void classify();
    bool placeCells();
    void giveIds();
    void gatherMembers();
    void chooseScale();
    Point scaled(Point p) const { return {p.x * m_scale, p.y * m_scale}; }
    std::size_t index(const Cell& c) const { return static_cast<std::size_t>(&c - m_cells.data()); }
    void makeComponent(const Cell& c);
    void makeZone(const Cell& c);
    void makeFlow(const Cell& c);
    // The zone a cell is drawn in: its parent, through draw.io groups; nullptr for none.
    const Cell* zoneOf(const Cell& c) const;
    const Cell* cell(const std::string& id) const
    {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : &m_cells[it->second];
    }
    std::string name(const Cell& c) const
    {
        return c.value.empty() ? "cell " + shown(c.id) : "'" + shown(c.value) + "'";
    }

    std::string m_file;
    Diagnostics& m_diags;
    std::unordered_map<std::string, int>* m_lines;
    std::optional<std::size_t> m_pageAsked; // "shop.drawio#2": the page; else the first
    double m_scale = 1;                     // chooseScale()
    // Written by Probeboard (host="Probeboard"): its places and sizes are the design's own, and
    // its zones say their region, so nothing is spread, grown or read from a label.
    bool m_ours = false;
    std::vector<std::size_t> m_lineStarts; // of the file's text, for the cells' lines
    int m_pageLine = 0;                    // a compressed page's cells are on its line
    pugi::xml_document m_doc, m_pageDoc;
    std::vector<Cell> m_cells;
    std::map<std::string, std::size_t> m_byId;
    std::map<std::string, std::string> m_edgeLabels; // edge id → its first label's text
    std::vector<std::vector<std::string>> m_members; // per zone cell, the ids it holds
    std::unordered_map<std::string, int> m_idLines;  // per element made, its cell's line
    Design m_design;
    WarningsAtMost m_leftOut{m_diags, 50}; // the connectors left out (makeFlow)
};

int Reader::lineAt(std::ptrdiff_t offset) const
{
    if (m_pageLine > 0 || offset < 0) return m_pageLine;
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(),
                                     static_cast<std::size_t>(offset));
    return static_cast<int>(it - m_lineStarts.begin());
}

// The first page's <mxGraphModel>: in place, or inflated from draw.io's compressed text.
std::optional<pugi::xml_node> Reader::page(const pugi::xml_node& root)
{
    if (std::string_view(root.name()) == "mxGraphModel") return root;
    if (std::string_view(root.name()) != "mxfile") {
        error(lineAt(root.offset_debug()),
              std::string("not a draw.io file: the outermost element is <") + root.name() +
                  ">, where draw.io writes <mxfile> or <mxGraphModel>");
        return std::nullopt;
    }
    std::vector<pugi::xml_node> pages;
    for (auto d : root.children("diagram"))
        pages.push_back(d);
    if (pages.empty()) {
        error(lineAt(root.offset_debug()), "the file has no page (no <diagram> in <mxfile>)",
              "E-EMPTY");
        return std::nullopt;
    }
    m_ours = std::string_view(root.attribute("host").as_string()) == "Probeboard";
    if (m_pageAsked && *m_pageAsked >= pages.size()) {
        error(0, "page " + std::to_string(*m_pageAsked + 1) +
                     " asked for, but this draw.io file has " + std::to_string(pages.size()) +
                     " page" + (pages.size() > 1 ? "s" : ""));
        return std::nullopt;
    }
    if (!m_pageAsked && pages.size() > 1) {
        std::string names;
        for (std::size_t i = 1; i < pages.size() && i <= 5; ++i)
            names +=
                std::string(i > 1 ? ", " : "") + "'" + pages[i].attribute("name").as_string() + "'";
        warn(lineAt(pages[1].offset_debug()), "",
             std::to_string(pages.size() - 1) + " more page" + (pages.size() > 2 ? "s" : "") +
                 " (" + names + (pages.size() > 6 ? ", …" : "") + ") not read",
             isDrawio(m_file)
                 ? "name one as " + m_file + "#2 (its place among the pages); " +
                       "probeboard-cli check reviews each page of a file of up to " +
                       std::to_string(kMaxFlowchartsPerPage)
                 : std::string("save it as a .drawio file, whose pages are each reviewed"),
             "W-DRAWIO-PAGES");
    }
    const pugi::xml_node first = pages[m_pageAsked.value_or(0)];
    if (const std::string title = first.attribute("name").as_string();
        !title.empty() && !(title.rfind("Page-", 0) == 0 &&
                            title.find_first_not_of("0123456789", 5) == std::string::npos))
        m_design.title = title;
    if (auto model = first.child("mxGraphModel")) return model;
    m_pageLine = lineAt(first.offset_debug());
    std::string why;
    const auto xml = drawioInflate(first.text().as_string(), kMaxDotBytes, why);
    if (!xml) {
        error(m_pageLine, why);
        return std::nullopt;
    }
    const auto parsed =
        m_pageDoc.load_buffer(xml->data(), xml->size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed || std::string_view(m_pageDoc.document_element().name()) != "mxGraphModel") {
        error(m_pageLine, std::string("the page's compressed diagram is not draw.io's XML") +
                              (parsed ? "" : std::string(": ") + parsed.description()));
        return std::nullopt;
    }
    return m_pageDoc.document_element();
}

void Reader::readCell(const pugi::xml_node& element)
{
    const std::string_view tag = element.name();
    const bool wrapped = tag == "object" || tag == "UserObject";
    if (!wrapped && tag != "mxCell") return;
    const pugi::xml_node mx = wrapped ? element.child("mxCell") : element;
    Cell c;
    c.line = lineAt(element.offset_debug());
    c.id = element.attribute("id").as_string();
    if (c.id.empty()) c.id = "#" + std::to_string(m_cells.size()); // draw.io gives every cell one
    c.parent = mx.attribute("parent").as_string();
    c.style = drawioStyle(mx.attribute("style").as_string());
    const auto html = c.style.find("html");
    c.value = drawioLabel(element.attribute(wrapped ? "label" : "value").as_string(),
                          html != c.style.end() && html->second == "1");
    c.vertex = std::string_view(mx.attribute("vertex").as_string()) == "1";
    c.edge = std::string_view(mx.attribute("edge").as_string()) == "1";
    c.source = mx.attribute("source").as_string();
    c.target = mx.attribute("target").as_string();
    if (wrapped) { // an <object>'s attributes: Edit Data's properties
        for (auto a : element.attributes()) {
            if (std::string_view(a.name()) == "pb_id")
                c.ownId = a.value();
            else if (!drawioOwn(a.name()))
                c.data.emplace_back(a.name(), a.value());
        }
    }
    const pugi::xml_node g = mx.child("mxGeometry");
    c.pos = {number(g, "x"), number(g, "y")};
    c.size = {std::max(0.0, number(g, "width")), std::max(0.0, number(g, "height"))};
    for (auto arr : g.children("Array"))
        if (std::string_view(arr.attribute("as").as_string()) == "points")
            for (auto p : arr.children("mxPoint"))
                c.points.push_back({number(p, "x"), number(p, "y")});
    m_cells.push_back(std::move(c));
}

bool Reader::readCells(const pugi::xml_node& model)
{
    for (auto e : model.child("root").children()) {
        if (m_cells.size() >= kMaxElements) {
            error(lineAt(e.offset_debug()),
                  "the page has more than " + std::to_string(kMaxElements) + " cells", "E-LIMIT");
            return false;
        }
        readCell(e);
    }
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        if (m_byId.emplace(m_cells[i].id, i).second) continue;
        error(m_cells[i].line, "two cells have the id '" + shown(m_cells[i].id) + "'", "E-DUP-ID");
        return false;
    }
    return true;
}

// What each cell becomes. A shape that holds others is a zone, unless it is a draw.io group
// (Ctrl+G), which only holds its members together; a swimlane, a container and an AWS group are
// zones even empty. A text shape no connector touches is a note, and a shape on a connector
// is the connector's label.
void Reader::classify()
{
    std::set<std::string> parents, joined;
    for (const Cell& c : m_cells) {
        if (c.vertex) parents.insert(c.parent);
        if (c.edge) joined.insert({c.source, c.target});
    }
    for (Cell& c : m_cells) {
        const Cell* up = cell(c.parent);
        if (c.edge) {
            c.role = Cell::Role::Flow;
        } else if (!c.vertex) {
            c.role = c.parent.empty() || (up && up->parent.empty()) ? Cell::Role::Layer
                                                                    : Cell::Role::Other;
        } else if (up && up->edge) {
            c.role = Cell::Role::EdgeLabel;
            if (!c.value.empty()) m_edgeLabels.emplace(up->id, c.value);
        } else if ((c.style.count("group") || drawioPassThrough(c.style)) && parents.count(c.id)) {
            c.role = Cell::Role::Group;
        } else if (parents.count(c.id) || drawioContainer(c.style)) {
            c.role = Cell::Role::Zone;
        } else if (c.style.count("text") && !joined.count(c.id)) {
            c.role = Cell::Role::Note;
        } else {
            c.role = Cell::Role::Component;
        }
    }
}

// Each shape's place on the page: draw.io keeps a child's place relative to its parent's. Each
// cell's parents are walked once (a chain is placed from the top down, and its cells are then
// known), so that a loop of parents, or nesting past any drawing's depth, is said, not followed.
bool Reader::placeCells()
{
    constexpr std::size_t kMaxDepth = 256;
    enum : char
    {
        Unplaced,
        Placing,
        Placed
    };
    std::vector<char> state(m_cells.size(), Unplaced);
    std::vector<std::size_t> chain;
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        chain.clear();
        std::size_t at = i;
        while (state[at] == Unplaced) { // up to a placed cell, or one with no shape above it
            state[at] = Placing;
            chain.push_back(at);
            const Cell* up = cell(m_cells[at].parent);
            if (!up || !up->vertex) break;
            at = static_cast<std::size_t>(up - m_cells.data());
            if (state[at] == Placing || chain.size() > kMaxDepth) {
                error(m_cells[i].line,
                      "the shapes holding " + name(m_cells[i]) + " nest more than " +
                          std::to_string(kMaxDepth) +
                          " deep, or hold each other (their parents form a loop)",
                      "E-LIMIT");
                return false;
            }
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) { // from the top down
            Cell& c = m_cells[*it];
            const Cell* up = cell(c.parent);
            c.abs = up && up->vertex ? Point{up->abs.x + up->pos.x, up->abs.y + up->pos.y}
                                     : Point{0, 0};
            state[*it] = Placed;
        }
    }
    return true;
}

// Readable ids from the labels ("orders-db"), unique across components, zones and flows: the
// ids draw.io gives ("2", "x7Fq-3") would name nothing in a report.
void Reader::giveIds()
{
    std::set<std::string> used;
    auto unique = [&](std::string base) {
        if (base.empty()) base = "element";
        std::string id = base;
        for (int n = 2; !used.insert(id).second; ++n)
            id = base + "-" + std::to_string(n);
        return id;
    };
    // A file Probeboard wrote names each element's own id (pb_id): kept, so that a design
    // comes back from draw.io as it went, its decisions' fingerprints still matching.
    for (Cell& c : m_cells) {
        const bool element = c.role == Cell::Role::Component || c.role == Cell::Role::Zone ||
                             c.role == Cell::Role::Flow;
        if (element && !c.ownId.empty() && used.insert(c.ownId).second) c.madeId = c.ownId;
    }
    for (Cell& c : m_cells)
        if ((c.role == Cell::Role::Component || c.role == Cell::Role::Zone) && c.madeId.empty())
            c.madeId = unique(drawioSlug(
                c.value.empty() ? (c.role == Cell::Role::Zone ? "zone" : "shape") : c.value));
    int n = 0;
    for (Cell& c : m_cells)
        if (c.role == Cell::Role::Flow && c.madeId.empty()) {
            std::string id = "f" + std::to_string(++n);
            while (used.count(id))
                id += "_";
            used.insert(id);
            c.madeId = id;
        }
}

// A zone holds the shapes draw.io made its children and, as the whiteboard does on a drop, the
// shapes drawn inside it that are no container's children: people draw a box labelled "VPC" and
// place the shapes over it. Each such shape (a zone too, when it is smaller) goes to the smallest
// zone around its centre. Checked shape by zone, so only for drawings of a bounded size.
void Reader::gatherMembers()
{
    m_members.resize(m_cells.size());
    std::vector<const Cell*> zones, loose;
    for (const Cell& c : m_cells) {
        if (c.role != Cell::Role::Component && c.role != Cell::Role::Zone) continue;
        if (c.role == Cell::Role::Zone) zones.push_back(&c);
        if (const Cell* zone = zoneOf(c))
            m_members[index(*zone)].push_back(c.madeId);
        else
            loose.push_back(&c);
    }
    constexpr std::size_t kMostTests = 50'000'000;
    // A file Probeboard wrote says each membership: a shape over a zone it is not in stays out.
    if (m_ours || zones.empty() || loose.size() * zones.size() > kMostTests) return;
    auto area = [](const Cell* c) { return c->size.width * c->size.height; };
    std::sort(zones.begin(), zones.end(),
              [&](const Cell* a, const Cell* b) { return area(a) < area(b); });
    for (const Cell* c : loose) {
        const double cx = c->abs.x + c->pos.x + c->size.width / 2,
                     cy = c->abs.y + c->pos.y + c->size.height / 2;
        for (const Cell* z : zones) {
            const double zx = z->abs.x + z->pos.x, zy = z->abs.y + z->pos.y;
            const bool inside =
                cx > zx && cx < zx + z->size.width && cy > zy && cy < zy + z->size.height;
            if (z == c || !inside || (c->role == Cell::Role::Zone && area(z) <= area(c))) continue;
            m_members[index(*z)].push_back(c->madeId); // strictly larger: no zone holds its holder
            break;
        }
    }
}

const Cell* Reader::zoneOf(const Cell& c) const
{
    const Cell* up = cell(c.parent);
    while (up && up->role == Cell::Role::Group)
        up = cell(up->parent); // no loop: placeCells()
    return up && up->role == Cell::Role::Zone ? up : nullptr;
}

std::string componentKind(const Cell& c, bool& said)
{
    const Vocabulary& vocab = Vocabulary::builtin();
    for (const auto& [k, v] : c.data)
        if (k == "kind" && vocab.kind(lowerAscii(v))) {
            said = true;
            return lowerAscii(v);
        }
    said = false;
    // The icon names a product; the label names a thing; a cylinder or a stick figure only hints.
    if (std::string icon = drawioIconKind(c.style); !icon.empty()) return icon;
    if (std::string named = inferKind("", c.value, ""); named != "service") return named;
    const auto shape = c.style.find("shape");
    const std::string s = shape == c.style.end() ? "" : shape->second;
    if (s == "cylinder" || s == "cylinder3" || s == "datastore" || c.style.count("cylinder"))
        return "database";
    if (s == "umlActor" || s == "actor") return "client";
    return "service";
}

// draw.io's icons are small squares with their label underneath, where a box here holds its
// label and icon: 78 × 78 against 160 × 64. Grown in place, neighbouring icons overlapped. So the
// page is spread out by what the typical shape needs (the median of each one's need, at most 3×,
// one stick figure of 30 px does not triple the page), and each box then grows about its centre.
void Reader::chooseScale()
{
    std::vector<double> needs;
    for (Cell& c : m_cells) {
        if (c.role != Cell::Role::Component) continue;
        c.kind = componentKind(c, c.kindSaid);
        const KindSpec* spec = Vocabulary::builtin().kind(c.kind);
        if (!spec || c.size.width <= 0 || c.size.height <= 0) continue;
        needs.push_back(std::max({1.0, spec->defaultSize.width / c.size.width,
                                  spec->defaultSize.height / c.size.height}));
    }
    if (needs.empty() || m_ours) return;
    std::nth_element(needs.begin(), needs.begin() + static_cast<std::ptrdiff_t>(needs.size() / 2),
                     needs.end());
    m_scale = std::min(3.0, needs[needs.size() / 2]);
}

void Reader::makeComponent(const Cell& c)
{
    Component out;
    out.id = c.madeId;
    out.label = c.value;
    out.kind = c.kind;
    out.kindInferred = !c.kindSaid;
    for (const auto& [k, v] : c.data)
        if (k != "kind") out.props[k] = dotAttributeValue(k, v);
    // A box smaller than its kind's grows to it about its centre, the page spread by m_scale.
    const Point centre =
        scaled({c.abs.x + c.pos.x + c.size.width / 2, c.abs.y + c.pos.y + c.size.height / 2});
    out.size = c.size;
    if (const KindSpec* spec = Vocabulary::builtin().kind(out.kind); spec && !m_ours)
        out.size = {std::max(c.size.width, spec->defaultSize.width),
                    std::max(c.size.height, spec->defaultSize.height)};
    out.pos = {centre.x - out.size.width / 2, centre.y - out.size.height / 2};
    // Written by Probeboard at the kind's size: the design said "the kind's size" (0 × 0).
    if (const KindSpec* spec = Vocabulary::builtin().kind(out.kind);
        m_ours && spec && out.size == spec->defaultSize)
        out.size = {};
    m_idLines.emplace(out.id, c.line);
    m_design.addComponent(std::move(out));
}

void Reader::makeZone(const Cell& c)
{
    Zone z;
    z.id = c.madeId;
    z.label = c.value;
    const Vocabulary& vocab = Vocabulary::builtin();
    for (const auto& [k, v] : c.data) {
        if (k == "kind" && vocab.zoneKind(lowerAscii(v)))
            z.kind = lowerAscii(v);
        else if (k != "kind")
            z.props[k] = dotAttributeValue(k, v);
    }
    const bool kindSaid =
        std::any_of(c.data.begin(), c.data.end(), [](const auto& d) { return d.first == "kind"; });
    if (!kindSaid) {
        const std::string styled = drawioZoneKind(c.style);
        z.kind = styled.empty() ? inferZoneKind(c.value, c.value) : styled;
    }
    if (!m_ours && !z.props.count("region") && z.kind != "trust_boundary")
        if (const std::string region = regionInLabel(z.label); !region.empty())
            z.props["region"] = region;
    z.members = std::move(m_members[static_cast<std::size_t>(&c - m_cells.data())]);
    z.pos = scaled({c.abs.x + c.pos.x, c.abs.y + c.pos.y});
    z.size = {c.size.width * m_scale, c.size.height * m_scale};
    m_idLines.emplace(z.id, c.line);
    m_design.addZone(std::move(z));
}

void Reader::makeFlow(const Cell& c)
{
    const Cell* from = cell(c.source);
    const Cell* to = cell(c.target);
    const std::string label =
        c.value.empty() && m_edgeLabels.count(c.id) ? m_edgeLabels.at(c.id) : c.value;
    for (const Cell* end : {from, to}) {
        if (end && end->role == Cell::Role::Component) continue;
        if (m_leftOut.full()) { // counted, not worded
            m_leftOut.count();
            return;
        }
        const std::string said =
            label.empty() ? "a connector" : "the connector '" + shown(label) + "'";
        const char* side = end == from ? "start" : "end";
        if (!end)
            m_leftOut.add({Diagnostic::Level::Warning, m_file, c.line, 0, "", "", "W-DRAWIO-LOOSE",
                           said + " has no shape at its " + side + " and was left out",
                           "attach both ends to shapes in draw.io (drop the end on the shape until "
                           "it is outlined)"});
        else
            m_leftOut.add(
                {Diagnostic::Level::Warning, m_file, c.line, 0, end->madeId, "",
                 "W-DRAWIO-CONTAINER-LINK",
                 said + " was left out: at its " + std::string(side) + " is " + name(*end) +
                     ", which holds shapes rather than being one, and flows join components",
                 "attach it to the shape inside " + name(*end) + " that it means"});
        return;
    }
    Flow f;
    f.id = c.madeId;
    f.from = from->madeId;
    f.to = to->madeId;
    f.label = label;
    if (auto dashed = c.style.find("dashed"); dashed != c.style.end() && dashed->second == "1")
        f.props["sync"] = false;
    for (const auto& [k, v] : c.data)
        f.props[k] = dotAttributeValue(k, v);
    for (const Point& p : c.points)
        f.bends.push_back(scaled({c.abs.x + p.x, c.abs.y + p.y}));
    m_idLines.emplace(f.id, c.line);
    m_design.addFlow(std::move(f));
}

std::optional<Design> Reader::run(const std::string& text)
{
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(0, "empty file: expected a draw.io diagram", "E-EMPTY");
        return std::nullopt;
    }
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') m_lineStarts.push_back(i + 1);
    const auto parsed =
        m_doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        const int line = lineAt(parsed.offset);
        const auto col = parsed.offset -
                         static_cast<std::ptrdiff_t>(
                             m_lineStarts[static_cast<std::size_t>(std::max(1, line) - 1)]) +
                         1;
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, static_cast<int>(col), "", "",
                           "E-DRAWIO", std::string("not well-formed XML: ") + parsed.description(),
                           ""});
        return std::nullopt;
    }
    const auto model = page(m_doc.document_element());
    if (!model || !readCells(*model)) return std::nullopt;
    classify();
    if (!placeCells()) return std::nullopt;
    giveIds();
    gatherMembers();
    chooseScale();
    for (const Cell& c : m_cells) {
        if (c.role == Cell::Role::Component)
            makeComponent(c);
        else if (c.role == Cell::Role::Zone)
            makeZone(c);
    }
    for (const Cell& c : m_cells)
        if (c.role == Cell::Role::Flow) makeFlow(c);
    m_leftOut.finish(m_file, "W-DRAWIO-LOOSE", "connectors");
    Diagnostics checks;
    validateDesign(m_design, Vocabulary::builtin(), checks);
    for (auto& d : checks) { // what validation finds wrong with an element, at its cell's line
        d.file = m_file;
        if (auto at = m_idLines.find(d.element); d.line == 0 && at != m_idLines.end())
            d.line = at->second;
        m_diags.push_back(std::move(d));
    }
    if (hasErrors(m_diags)) return std::nullopt;
    if (m_lines) m_lines->insert(m_idLines.begin(), m_idLines.end());
    return std::move(m_design);
}

} // namespace

std::optional<Design> importDrawio(const std::string& text, const std::string& fileName,
                                   Diagnostics& diags, std::unordered_map<std::string, int>* lines,
                                   std::optional<std::size_t> page)
{
    return Reader(fileName, diags, lines, page).run(text);
}

} // namespace pb::model
