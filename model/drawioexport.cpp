#include "model/drawioexport.h"

#include "model/dotexport.h"
#include "model/printable.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

namespace pb::model {

namespace {

// Names draw.io keeps for itself on an <object>, and the ones this file gives meaning to.
bool reservedName(const std::string& key)
{
    for (const char* taken :
         {"id", "label", "placeholders", "tooltip", "link", "tags", "pb_id", "kind"})
        if (key == taken) return true;
    return false;
}

// An XML attribute name as draw.io's Edit Data accepts one: a letter or '_', then letters,
// digits, '_', '-', '.'. Property names outside that (a space, a colon) cannot travel.
bool xmlName(const std::string& key)
{
    auto letter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (key.empty() || !letter(key.front())) return false;
    return std::all_of(key.begin(), key.end(), [&](char c) {
        return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
}

// Text XML 1.0 can hold: UTF-8 without NUL or other control characters (tab and line breaks
// aside). Anything else would make a file no XML reader opens.
bool xmlText(const std::string& text)
{
    if (firstNonUtf8(text) != std::string::npos) return false;
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

std::string number(double d)
{
    return dotAttributeText(Value{d});
}

struct Box
{
    double x = 0, y = 0, w = 0, h = 0;
};

class Writer
{
public:
    Writer(const Design& design, const std::string& file, Diagnostics& diags)
        : m_design(design)
        , m_file(file)
        , m_diags(diags)
    {
    }
    std::optional<std::string> run();

private:
    bool checked(const std::string& element, const std::string& what, const std::string& text)
    {
        if (xmlText(text)) return true;
        m_diags.push_back({Diagnostic::Level::Error, m_file, 0, 0, element, "", "E-DRAWIO-EXPORT",
                           "the " + what + " of '" + printable(element) +
                               "' holds a control character or bytes that are not UTF-8, which a "
                               "draw.io file cannot",
                           ""});
        return false;
    }
    Box componentBox(const Component& c) const;
    Box zoneBox(const Zone& z, int depth = 0) const;
    Box membersBox(const Zone& z, int depth) const;
    std::string parentCell(const std::string& id, Box& origin) const;
    pugi::xml_node cell(const std::string& element, const std::string& label,
                        const std::string& kind, const Properties& props);
    bool writeZones();
    bool writeComponents();
    bool writeFlows();

    const Design& m_design;
    std::string m_file;
    Diagnostics& m_diags;
    pugi::xml_document m_doc;
    pugi::xml_node m_root;
    std::map<std::string, std::string> m_cellOf;    // element id → its cell's id
    mutable std::map<const Zone*, Box> m_zoneBoxes; // zoneBox() of zones drawn without a size
    // Each member's zone (Design::parentZones()): parentZone() per element was quadratic.
    std::unordered_map<std::string, const Zone*> m_zoneOf;
    bool m_ok = true;
};

Box Writer::componentBox(const Component& c) const
{
    Size s = c.size;
    if (s.width <= 0 || s.height <= 0)
        if (const KindSpec* spec = Vocabulary::builtin().kind(c.kind)) s = spec->defaultSize;
    return {c.pos.x, c.pos.y, s.width, s.height};
}

// A zone drawn with no size yet takes its members' bounds and a margin, as the canvas draws it.
// Worked out once per zone: each member asks for its zone's box, and a zone of 30,000 members
// summed them all again for each (40 s).
Box Writer::zoneBox(const Zone& z, int depth) const
{
    if (z.size.width > 0 && z.size.height > 0)
        return {z.pos.x, z.pos.y, z.size.width, z.size.height};
    if (auto known = m_zoneBoxes.find(&z); known != m_zoneBoxes.end()) return known->second;
    return m_zoneBoxes[&z] = membersBox(z, depth);
}

Box Writer::membersBox(const Zone& z, int depth) const
{
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& m : z.members) {
        Box b;
        if (const Component* c = m_design.component(m))
            b = componentBox(*c);
        else if (const Zone* inner = m_design.zone(m); inner && depth < 64)
            b = zoneBox(*inner, depth + 1);
        else
            continue;
        x0 = std::min(x0, b.x), y0 = std::min(y0, b.y), x1 = std::max(x1, b.x + b.w),
        y1 = std::max(y1, b.y + b.h);
    }
    if (x0 > x1) return {z.pos.x, z.pos.y, 200, 120};
    constexpr double kMargin = 30;
    return {x0 - kMargin, y0 - kMargin, x1 - x0 + 2 * kMargin, y1 - y0 + 2 * kMargin};
}

// The cell an element is drawn in (its zone's, else the layer), and that cell's place on the
// page: draw.io keeps a child's place relative to its parent's.
std::string Writer::parentCell(const std::string& id, Box& origin) const
{
    const auto holder = m_zoneOf.find(id);
    const Zone* z = holder == m_zoneOf.end() ? nullptr : holder->second;
    if (!z || !m_cellOf.count(z->id)) return "1";
    origin = zoneBox(*z);
    return m_cellOf.at(z->id);
}

pugi::xml_node Writer::cell(const std::string& element, const std::string& label,
                            const std::string& kind, const Properties& props)
{
    const std::string& id = m_cellOf.at(element);
    pugi::xml_node object = m_root.append_child("object");
    object.append_attribute("label") = label.c_str();
    object.append_attribute("pb_id") = element.c_str();
    if (!kind.empty()) object.append_attribute("kind") = kind.c_str();
    m_ok = checked(element, "id", element) && checked(element, "label", label) && m_ok;
    for (const auto& [key, value] : props) {
        if (!xmlName(key) || reservedName(key)) {
            m_diags.push_back({Diagnostic::Level::Warning, m_file, 0, 0, element, "",
                               "W-DRAWIO-EXPORT",
                               "the property '" + printable(key) + "' of '" + printable(element) +
                                   "' was left out: draw.io cannot hold a property of that name",
                               "rename it to letters, digits and '_'"});
            continue;
        }
        const std::string text = dotAttributeText(value);
        m_ok = checked(element, "property " + key, text) && m_ok;
        object.append_attribute(key.c_str()) = text.c_str();
    }
    object.append_attribute("id") = id.c_str();
    pugi::xml_node mx = object.append_child("mxCell");
    return mx;
}

void geometry(pugi::xml_node mx, const Box& b, const Box& origin)
{
    pugi::xml_node g = mx.append_child("mxGeometry");
    g.append_attribute("x") = number(b.x - origin.x).c_str();
    g.append_attribute("y") = number(b.y - origin.y).c_str();
    g.append_attribute("width") = number(b.w).c_str();
    g.append_attribute("height") = number(b.h).c_str();
    g.append_attribute("as") = "geometry";
}

bool Writer::writeZones()
{
    // In the design's order, a zone before or after the zone holding it: draw.io reads a parent
    // named before it is written, and the zones come back in the order they went.
    for (const Zone& z : m_design.zones()) {
        Box origin;
        const std::string parent = parentCell(z.id, origin);
        pugi::xml_node mx = cell(z.id, z.label, z.kind, z.props);
        const bool boundary = z.kind == "trust_boundary";
        mx.append_attribute("style") =
            boundary ? "swimlane;container=1;collapsible=0;dashed=1;fillColor=none;"
                     : "swimlane;container=1;collapsible=0;fillColor=none;";
        mx.append_attribute("vertex") = "1";
        mx.append_attribute("parent") = parent.c_str();
        geometry(mx, zoneBox(z), origin);
    }
    return m_ok;
}

bool Writer::writeComponents()
{
    for (const Component& c : m_design.components()) {
        Box origin;
        const std::string parent = parentCell(c.id, origin);
        pugi::xml_node mx = cell(c.id, c.label, c.kind, c.props);
        mx.append_attribute("style") = c.kind == "database"
                                           ? "shape=cylinder3;whiteSpace=wrap;boundedLbl=1;"
                                           : "rounded=1;whiteSpace=wrap;";
        mx.append_attribute("vertex") = "1";
        mx.append_attribute("parent") = parent.c_str();
        geometry(mx, componentBox(c), origin);
    }
    return m_ok;
}

bool Writer::writeFlows()
{
    for (const Flow& f : m_design.flows()) {
        if (!m_cellOf.count(f.from) || !m_cellOf.count(f.to)) continue; // validation's to say
        pugi::xml_node mx = cell(f.id, f.label, "", f.props);
        const Value* sync = findProperty(f.props, "sync");
        const bool dashed = sync && std::holds_alternative<bool>(*sync) && !std::get<bool>(*sync);
        mx.append_attribute("style") = dashed ? "endArrow=classic;dashed=1;" : "endArrow=classic;";
        mx.append_attribute("edge") = "1";
        mx.append_attribute("parent") = "1";
        mx.append_attribute("source") = m_cellOf.at(f.from).c_str();
        mx.append_attribute("target") = m_cellOf.at(f.to).c_str();
        pugi::xml_node g = mx.append_child("mxGeometry");
        g.append_attribute("relative") = "1";
        g.append_attribute("as") = "geometry";
        if (f.bends.empty()) continue;
        pugi::xml_node points = g.append_child("Array");
        points.append_attribute("as") = "points";
        for (const Point& p : f.bends) {
            pugi::xml_node pt = points.append_child("mxPoint");
            pt.append_attribute("x") = number(p.x).c_str();
            pt.append_attribute("y") = number(p.y).c_str();
        }
    }
    return m_ok;
}

std::optional<std::string> Writer::run()
{
    pugi::xml_node file = m_doc.append_child("mxfile");
    file.append_attribute("host") = "Probeboard";
    pugi::xml_node page = file.append_child("diagram");
    const std::string title = m_design.title.empty() ? "Page-1" : m_design.title;
    if (!checked("title", "text", title)) return std::nullopt;
    page.append_attribute("name") = title.c_str();
    page.append_attribute("id") = "probeboard";
    pugi::xml_node model = page.append_child("mxGraphModel");
    for (const char* on : {"grid", "guides", "tooltips", "connect", "arrows"})
        model.append_attribute(on) = "1";
    m_root = model.append_child("root");
    m_root.append_child("mxCell").append_attribute("id") = "0";
    pugi::xml_node layer = m_root.append_child("mxCell");
    layer.append_attribute("id") = "1";
    layer.append_attribute("parent") = "0";
    // Every cell's id first: a component names its zone's cell, written after it. Components
    // come before zones, so that a zone's members read back in their usual order (components,
    // then the zones inside it).
    m_zoneOf = m_design.parentZones();
    for (const Component& c : m_design.components())
        m_cellOf.emplace(c.id, "pb" + std::to_string(m_cellOf.size() + 2));
    for (const Zone& z : m_design.zones())
        m_cellOf.emplace(z.id, "pb" + std::to_string(m_cellOf.size() + 2));
    for (const Flow& f : m_design.flows())
        m_cellOf.emplace(f.id, "pb" + std::to_string(m_cellOf.size() + 2));
    if (!writeComponents() || !writeZones() || !writeFlows()) return std::nullopt;
    if (!m_design.decisions.empty())
        m_diags.push_back({Diagnostic::Level::Warning, m_file, 0, 0, "", "", "W-DRAWIO-EXPORT",
                           std::to_string(m_design.decisions.size()) + " review decision" +
                               (m_design.decisions.size() > 1 ? "s are" : " is") +
                               " not carried by a draw.io file",
                           "keep the .probeboard file as the source of the review"});
    std::ostringstream out;
    m_doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
}

} // namespace

std::optional<std::string> exportDrawio(const Design& design, const std::string& fileName,
                                        Diagnostics& diags)
{
    return Writer(design, fileName, diags).run();
}

} // namespace pb::model
