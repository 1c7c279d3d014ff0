#pragma once

// The reading of a draw.io page into a design, shared by drawioreader.cpp (the XML: pages, cells,
// placeholders, what each cell is and where) and drawioimport.cpp (the design made of them).
// Internal to the model library: importDrawio() (drawioimport.h) is its interface.

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/drawiofile.h"
#include "model/lineindex.h"

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pb::model {

// One mxCell, with what its <object> or <UserObject> wrapper adds (Edit Data's properties).
struct DrawioCell
{
    std::string id, parent, value, source, target;
    std::map<std::string, std::string, std::less<>> style;
    bool vertex = false, edge = false;
    Point pos;
    Size size;
    std::vector<Point> points;
    std::vector<std::pair<std::string, std::string>> data;
    // Its label as written, when Edit Data's placeholders are on and it holds one: read once
    // every cell is, since a placeholder may name an attribute of the shape's container.
    std::string raw;
    bool html = false;
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

class DrawioReader
{
public:
    DrawioReader(const std::string& file, Diagnostics& diags,
                 std::unordered_map<std::string, int>* lines, std::optional<std::size_t> page)
        : m_file(file)
        , m_diags(diags)
        , m_lines(lines)
        , m_pageAsked(page)
        , m_picture(pictureOfDrawioName(file))
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
    void fillPlaceholders();
    std::optional<std::string> placeholder(const DrawioCell& c, std::string_view name);
    // How deep shapes may nest, their parents walked (placeCells(), placeholder()).
    static constexpr std::size_t kMaxDepth = 256;
    // Cells and attributes read by all placeholders' lookups together, at most.
    static constexpr std::size_t kMaxPlaceholderWork = 20'000'000;
    std::size_t m_placeholderWork = 0;
    void readCell(const pugi::xml_node& element);
    void classify();
    bool placeCells();
    void giveIds();
    void gatherMembers();
    void chooseScale();
    Point scaled(Point p) const { return {p.x * m_scale, p.y * m_scale}; }
    std::size_t index(const DrawioCell& c) const
    {
        return static_cast<std::size_t>(&c - m_cells.data());
    }
    void makeComponent(const DrawioCell& c);
    void makeZone(const DrawioCell& c);
    void makeFlow(const DrawioCell& c);
    // The zone a cell is drawn in: its parent, through draw.io groups; nullptr for none.
    const DrawioCell* zoneOf(const DrawioCell& c) const;
    const DrawioCell* cell(const std::string& id) const
    {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : &m_cells[it->second];
    }
    // A label or id as a message shows it: printable, and cut, since a cell may hold megabytes.
    static std::string shown(std::string_view text);
    std::string name(const DrawioCell& c) const
    {
        return c.value.empty() ? "cell " + shown(c.id) : "'" + shown(c.value) + "'";
    }

    std::string m_file;
    Diagnostics& m_diags;
    std::unordered_map<std::string, int>* m_lines;
    std::optional<std::size_t> m_pageAsked; // "shop.drawio#2": the page; else the first
    std::string m_picture;  // the picture the diagram was kept in (drawioInPictureName()), or empty
    std::string m_pageName; // for placeholders: %page%, %pagenumber%, %pagecount%
    std::size_t m_pageNumber = 1, m_pageCount = 1;
    double m_scale = 1; // chooseScale()
    // Written by Probeboard (host="Probeboard"): its places and sizes are the design's own, and
    // its zones say their region, so nothing is spread, grown or read from a label.
    bool m_ours = false;
    LineIndex m_lineIndex; // of the file's text, for the cells' lines
    int m_pageLine = 0;                    // a compressed page's cells are on its line
    pugi::xml_document m_doc, m_pageDoc;
    std::vector<DrawioCell> m_cells;
    std::map<std::string, std::size_t> m_byId;
    std::map<std::string, std::string> m_edgeLabels; // edge id → its first label's text
    std::vector<std::vector<std::string>> m_members; // per zone cell, the ids it holds
    std::unordered_map<std::string, int> m_idLines;  // per element made, its cell's line
    Design m_design;
    WarningsAtMost m_leftOut{m_diags, 50}; // the connectors left out (makeFlow)
};

} // namespace pb::model
