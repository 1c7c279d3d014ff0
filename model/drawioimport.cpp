#include "model/drawioimport.h"

#include "model/dotimport.h"
#include "model/drawioreader.h"
#include "model/drawiostyle.h"
#include "model/printable.h"
#include "model/uniqueids.h"
#include "model/vocabulary.h"

#include <algorithm>

namespace pb::model {

// Readable ids from the labels ("orders-db"), unique across components, zones and flows: the
// ids draw.io gives ("2", "x7Fq-3") would name nothing in a report.
void DrawioReader::giveIds()
{
    UniqueIds used;
    auto unique = [&](const std::string& base) {
        return used.make(base.empty() ? "element" : base);
    };
    // A file Probeboard wrote names each element's own id (pb_id): kept, so that a design
    // comes back from draw.io as it went, its decisions' fingerprints still matching.
    for (DrawioCell& c : m_cells) {
        const bool element = c.role == DrawioCell::Role::Component ||
                             c.role == DrawioCell::Role::Zone || c.role == DrawioCell::Role::Flow;
        if (element && !c.ownId.empty() && used.take(c.ownId)) c.madeId = c.ownId;
    }
    for (DrawioCell& c : m_cells)
        if ((c.role == DrawioCell::Role::Component || c.role == DrawioCell::Role::Zone) &&
            c.madeId.empty())
            c.madeId = unique(drawioSlug(
                c.value.empty() ? (c.role == DrawioCell::Role::Zone ? "zone" : "shape") : c.value));
    int n = 0;
    for (DrawioCell& c : m_cells)
        if (c.role == DrawioCell::Role::Flow && c.madeId.empty())
            c.madeId = unique("f" + std::to_string(++n));
}

// A zone holds the shapes draw.io made its children and, as the whiteboard does on a drop, the
// shapes drawn inside it that are no container's children: people draw a box labelled "VPC" and
// place the shapes over it. Each such shape (a zone too, when it is smaller) goes to the smallest
// zone around its centre. Checked shape by zone, so only for drawings of a bounded size.
void DrawioReader::gatherMembers()
{
    m_members.resize(m_cells.size());
    std::vector<const DrawioCell*> zones, loose;
    for (const DrawioCell& c : m_cells) {
        if (c.role != DrawioCell::Role::Component && c.role != DrawioCell::Role::Zone) continue;
        if (c.role == DrawioCell::Role::Zone) zones.push_back(&c);
        if (const DrawioCell* zone = zoneOf(c))
            m_members[index(*zone)].push_back(c.madeId);
        else
            loose.push_back(&c);
    }
    constexpr std::size_t kMostTests = 50'000'000;
    // A file Probeboard wrote says each membership: a shape over a zone it is not in stays out.
    if (m_ours || zones.empty() || loose.size() * zones.size() > kMostTests) return;
    auto area = [](const DrawioCell* c) { return c->size.width * c->size.height; };
    std::sort(zones.begin(), zones.end(),
              [&](const DrawioCell* a, const DrawioCell* b) { return area(a) < area(b); });
    for (const DrawioCell* c : loose) {
        const double cx = c->abs.x + c->pos.x + c->size.width / 2,
                     cy = c->abs.y + c->pos.y + c->size.height / 2;
        for (const DrawioCell* z : zones) {
            const double zx = z->abs.x + z->pos.x, zy = z->abs.y + z->pos.y;
            const bool inside =
                cx > zx && cx < zx + z->size.width && cy > zy && cy < zy + z->size.height;
            if (z == c || !inside || (c->role == DrawioCell::Role::Zone && area(z) <= area(c)))
                continue;
            m_members[index(*z)].push_back(c->madeId); // strictly larger: no zone holds its holder
            break;
        }
    }
}

const DrawioCell* DrawioReader::zoneOf(const DrawioCell& c) const
{
    const DrawioCell* up = cell(c.parent);
    while (up && up->role == DrawioCell::Role::Group)
        up = cell(up->parent); // no loop: placeCells()
    return up && up->role == DrawioCell::Role::Zone ? up : nullptr;
}

// draw.io's icons are small squares with their label underneath, where a box here holds its
// label and icon: 78 × 78 against 160 × 64. Grown in place, neighbouring icons overlapped. So the
// page is spread out by what the typical shape needs (the median of each one's need, at most 3×,
// one stick figure of 30 px does not triple the page), and each box then grows about its centre.
void DrawioReader::chooseScale()
{
    std::vector<double> needs;
    for (DrawioCell& c : m_cells) {
        if (c.role != DrawioCell::Role::Component) continue;
        c.kind = drawioComponentKind(c.style, c.value, c.data, c.kindSaid);
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

void DrawioReader::makeComponent(const DrawioCell& c)
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

void DrawioReader::makeZone(const DrawioCell& c)
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

void DrawioReader::makeFlow(const DrawioCell& c)
{
    const DrawioCell* from = cell(c.source);
    const DrawioCell* to = cell(c.target);
    const std::string label =
        c.value.empty() && m_edgeLabels.count(c.id) ? m_edgeLabels.at(c.id) : c.value;
    for (const DrawioCell* end : {from, to}) {
        if (end && end->role == DrawioCell::Role::Component) continue;
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

std::optional<Design> importDrawio(const std::string& text, const std::string& fileName,
                                   Diagnostics& diags, std::unordered_map<std::string, int>* lines,
                                   std::optional<std::size_t> page)
{
    return DrawioReader(fileName, diags, lines, page).run(text);
}

} // namespace pb::model
