#include "model/drawioreader.h"

#include "model/designfile.h"
#include "model/designpart.h"
#include "model/dotimport.h"
#include "model/drawiofile.h"
#include "model/drawiostyle.h"
#include "model/printable.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

namespace pb::model {

namespace {

// The attributes of a wrapper that are draw.io's own, not properties the user added.
bool drawioOwn(std::string_view key)
{
    for (std::string_view own : {"id", "label", "placeholders", "tooltip", "link", "tags"})
        if (key == own) return true;
    return false;
}

double number(const pugi::xml_node& n, const char* name)
{
    const double d = n.attribute(name).as_double(0);
    return std::isfinite(d) ? d : 0; // "NaN", "Infinity": nowhere
}

} // namespace

std::string DrawioReader::shown(std::string_view text)
{
    constexpr std::size_t kMost = 80;
    if (text.size() <= kMost) return printable(text);
    return printable(text.substr(0, utf8Boundary(text, kMost))) + "…";
}

int DrawioReader::lineAt(std::ptrdiff_t offset) const
{
    if (!m_picture.empty()) return 0; // a line of the text a picture keeps is none of the file's
    if (m_pageLine > 0 || offset < 0) return m_pageLine;
    return m_lineIndex.lineOf(static_cast<std::size_t>(offset));
}

// The <mxGraphModel> of the page asked for (else the first): in place, or inflated from draw.io's
// compressed text.
std::optional<pugi::xml_node> DrawioReader::page(const pugi::xml_node& root)
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
                     " page" + (pages.size() > 1 ? "s" : "") +
                     (*m_pageAsked == SIZE_MAX ? ", counted from 1" : ""));
        return std::nullopt;
    }
    if (!m_pageAsked && pages.size() > 1) {
        const std::string& file = m_picture.empty() ? m_file : m_picture;
        std::string names;
        for (std::size_t i = 1; i < pages.size() && i <= 5; ++i)
            names +=
                std::string(i > 1 ? ", " : "") + "'" + pages[i].attribute("name").as_string() + "'";
        warn(lineAt(pages[1].offset_debug()), "",
             std::to_string(pages.size() - 1) + " more page" + (pages.size() > 2 ? "s" : "") +
                 " (" + names + (pages.size() > 6 ? ", …" : "") + ") not read",
             holdsPages(file)
                 ? "name one as " + file + "#2 (its place among the pages); " +
                       "probeboard-cli check reviews each page of a file of up to " +
                       std::to_string(kMaxFlowchartsPerPage)
                 : std::string("save it as a .drawio file, whose pages are each reviewed"),
             "W-DRAWIO-PAGES");
    }
    const pugi::xml_node first = pages[m_pageAsked.value_or(0)];
    m_pageName = first.attribute("name").as_string();
    m_pageNumber = m_pageAsked.value_or(0) + 1;
    m_pageCount = pages.size();
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

void DrawioReader::readCell(const pugi::xml_node& element)
{
    const std::string_view tag = element.name();
    const bool wrapped = tag == "object" || tag == "UserObject";
    if (!wrapped && tag != "mxCell") return;
    const pugi::xml_node mx = wrapped ? element.child("mxCell") : element;
    DrawioCell c;
    c.line = lineAt(element.offset_debug());
    c.id = element.attribute("id").as_string();
    if (c.id.empty()) c.id = "#" + std::to_string(m_cells.size()); // draw.io gives every cell one
    c.parent = mx.attribute("parent").as_string();
    c.style = drawioStyle(mx.attribute("style").as_string());
    const auto html = c.style.find("html");
    c.html = html != c.style.end() && html->second == "1";
    const char* value = element.attribute(wrapped ? "label" : "value").as_string();
    if (wrapped && element.attribute("placeholders").as_int() == 1 && std::strchr(value, '%'))
        c.raw = value;
    c.value = drawioLabel(value, c.html);
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

bool DrawioReader::readCells(const pugi::xml_node& model)
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

// As draw.io shows a label with placeholders: a name is looked up on the shape's own Edit Data,
// then on each container's up to the page's, then among the page's own (%page%, …). %date% and
// %time% stay as written: a design read today and tomorrow should be the same.
void DrawioReader::fillPlaceholders()
{
    for (DrawioCell& c : m_cells)
        if (!c.raw.empty()) {
            c.value =
                drawioLabel(drawioPlaceholders(
                                c.raw, [&](std::string_view name) { return placeholder(c, name); }),
                            c.html);
            std::string().swap(c.raw);
        }
}

std::optional<std::string> DrawioReader::placeholder(const DrawioCell& c, std::string_view name)
{
    if (name == "id") return c.id;
    // Parents that hold each other, or nest too deep, are refused later (placeCells()); here the
    // walk stops at that depth, and all the walks together at a bound, past which placeholders
    // stay as written: a file of a million placeholders over looping parents must still open.
    const DrawioCell* at = &c;
    for (std::size_t up = 0; at && up <= kMaxDepth; ++up, at = cell(at->parent)) {
        if (m_placeholderWork > kMaxPlaceholderWork) return std::nullopt;
        m_placeholderWork += 1 + at->data.size();
        for (const auto& [k, v] : at->data)
            if (k == name) return v;
    }
    if (name == "page") return m_pageName;
    if (name == "pagenumber") return std::to_string(m_pageNumber);
    if (name == "pagecount") return std::to_string(m_pageCount);
    return std::nullopt;
}

// What each cell becomes. A shape that holds others is a zone, unless it is a draw.io group
// (Ctrl+G), which only holds its members together; a swimlane, a container and an AWS group are
// zones even empty. A text shape no connector touches is a note, and a shape on a connector
// is the connector's label.
void DrawioReader::classify()
{
    std::set<std::string> parents, joined;
    for (const DrawioCell& c : m_cells) {
        if (c.vertex) parents.insert(c.parent);
        if (c.edge) joined.insert({c.source, c.target});
    }
    for (DrawioCell& c : m_cells) {
        const DrawioCell* up = cell(c.parent);
        if (c.edge) {
            c.role = DrawioCell::Role::Flow;
        } else if (!c.vertex) {
            c.role = c.parent.empty() || (up && up->parent.empty()) ? DrawioCell::Role::Layer
                                                                    : DrawioCell::Role::Other;
        } else if (up && up->edge) {
            c.role = DrawioCell::Role::EdgeLabel;
            if (!c.value.empty()) m_edgeLabels.emplace(up->id, c.value);
        } else if ((c.style.count("group") || drawioPassThrough(c.style)) && parents.count(c.id)) {
            c.role = DrawioCell::Role::Group;
        } else if (parents.count(c.id) || drawioContainer(c.style)) {
            c.role = DrawioCell::Role::Zone;
        } else if (c.style.count("text") && !joined.count(c.id)) {
            c.role = DrawioCell::Role::Note;
        } else {
            c.role = DrawioCell::Role::Component;
        }
    }
}

// Each shape's place on the page: draw.io keeps a child's place relative to its parent's. Each
// cell's parents are walked once (a chain is placed from the top down, and its cells are then
// known), so that a loop of parents, or nesting past any drawing's depth, is said, not followed.
bool DrawioReader::placeCells()
{
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
            const DrawioCell* up = cell(m_cells[at].parent);
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
            DrawioCell& c = m_cells[*it];
            const DrawioCell* up = cell(c.parent);
            c.abs = up && up->vertex ? Point{up->abs.x + up->pos.x, up->abs.y + up->pos.y}
                                     : Point{0, 0};
            state[*it] = Placed;
        }
    }
    return true;
}

std::optional<Design> DrawioReader::run(const std::string& text)
{
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(0, "empty file: expected a draw.io diagram", "E-EMPTY");
        return std::nullopt;
    }
    m_lineIndex = LineIndex(text);
    const auto parsed =
        m_doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        const int line = lineAt(parsed.offset);
        const auto col =
            parsed.offset - static_cast<std::ptrdiff_t>(m_lineIndex.startOf(std::max(1, line))) + 1;
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, static_cast<int>(col), "", "",
                           "E-DRAWIO", std::string("not well-formed XML: ") + parsed.description(),
                           ""});
        return std::nullopt;
    }
    const auto model = page(m_doc.document_element());
    if (!model || !readCells(*model)) return std::nullopt;
    fillPlaceholders();
    classify();
    if (!placeCells()) return std::nullopt;
    giveIds();
    gatherMembers();
    chooseScale();
    for (const DrawioCell& c : m_cells) {
        if (c.role == DrawioCell::Role::Component)
            makeComponent(c);
        else if (c.role == DrawioCell::Role::Zone)
            makeZone(c);
    }
    for (const DrawioCell& c : m_cells)
        if (c.role == DrawioCell::Role::Flow) makeFlow(c);
    m_leftOut.finish(m_file, "W-DRAWIO-LOOSE", "connectors");
    // What validation finds wrong with an element is said at its cell's line.
    if (!validateImported(m_design, m_file, m_diags, &m_idLines)) return std::nullopt;
    if (m_lines) m_lines->insert(m_idLines.begin(), m_idLines.end());
    return std::move(m_design);
}

} // namespace pb::model
