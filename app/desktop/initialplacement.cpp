#include "app/desktop/initialplacement.h"

#include "app/desktop/kinds.h"
#include "model/autolayout.h"
#include "model/jurisdiction.h"

#include <QRectF>
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace pb::app {

namespace {
// Longest-path depth from the sources, bounded so cycles cannot loop forever.
std::unordered_map<std::string, int> depths(const model::Design& d)
{
    std::unordered_map<std::string, int> depth;
    for (const auto& c : d.components())
        depth[c.id] = 0;
    const int limit = int(d.components().size());
    bool changed = true;
    for (int round = 0; changed && round < limit; ++round) {
        changed = false;
        for (const auto& f : d.flows()) {
            auto from = depth.find(f.from), to = depth.find(f.to);
            if (from == depth.end() || to == depth.end() || f.from == f.to) continue;
            if (to->second < from->second + 1 && from->second + 1 < limit) {
                to->second = from->second + 1;
                changed = true;
            }
        }
    }
    return depth;
}

// The outermost zone of each element, so members of one zone sit together in a column.
// `parents` is model::zoneParents, worked out once: Design::parentZone scans every zone.
std::string outermostZone(const std::unordered_map<std::string, std::string>& parents, const std::string& id)
{
    std::string top;
    auto up = parents.find(id);
    for (int guard = 0; up != parents.end() && guard < 64; ++guard) {
        top = up->second;
        up = parents.find(top);
    }
    return top;
}

bool sized(const model::Zone& z)
{
    return z.size.width > 0 && z.size.height > 0;
}

// With `keepSized`, a zone that has a size keeps it (it was drawn), and encloses its members as
// drawn.
QRectF zoneRect(const model::Design& d, const model::Zone& z, std::map<std::string, QRectF>& done,
                int depth, bool keepSized = false)
{
    if (auto it = done.find(z.id); it != done.end()) return it->second;
    if (keepSized && sized(z)) return done[z.id] = QRectF(z.pos.x, z.pos.y, z.size.width, z.size.height);
    QRectF r;
    if (depth < 64)
        for (const auto& m : z.members) {
            if (const auto* c = d.component(m))
                r |= QRectF(QPointF(c->pos.x, c->pos.y), componentSize(*c));
            else if (const auto* inner = d.zone(m))
                r |= zoneRect(d, *inner, done, depth + 1, keepSized);
        }
    if (!r.isNull()) r.adjust(-30, -46, 30, 30); // room for the title tab
    done[z.id] = r;
    return r;
}

// Zones a file gives no size (hand-written JSON naming only their members) were drawn as a
// small box at the origin, behind whatever stood there, instead of around their members.
bool fitUnsizedZones(model::Design& design)
{
    std::map<std::string, QRectF> rects;
    bool changed = false;
    for (auto& z : std::vector<model::Zone>(design.zones())) {
        if (sized(z)) continue;
        const QRectF r = zoneRect(design, z, rects, 0, true);
        if (r.isNull()) continue; // no members to go around: the whiteboard's default box
        model::Zone* target = design.zone(z.id);
        target->pos = {r.x(), r.y()};
        target->size = {r.width(), r.height()};
        changed = true;
    }
    return changed;
}
} // namespace

bool placeIfUnpositioned(model::Design& design)
{
    if (!model::isUnpositioned(design)) return fitUnsizedZones(design);
    const auto depth = depths(design);
    std::map<int, std::vector<std::pair<std::string, std::size_t>>> columns;
    std::map<std::string, std::size_t> zoneOrder;
    for (std::size_t i = 0; i < design.zones().size(); ++i)
        zoneOrder[design.zones()[i].id] = i + 1;
    const auto parents = model::zoneParents(design);
    for (std::size_t i = 0; i < design.components().size(); ++i) {
        const auto& c = design.components()[i];
        const std::string zone = outermostZone(parents, c.id);
        columns[depth.at(c.id)].push_back({c.id, zone.empty() ? 0 : zoneOrder[zone] * 100000 + i});
    }
    for (auto& [col, ids] : columns) {
        std::stable_sort(ids.begin(), ids.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
        double y = 0;
        for (const auto& [id, order] : ids) {
            model::Component* c = design.component(id);
            c->pos = {col * 280.0, y};
            y += componentSize(*c).height() + 60;
        }
    }
    std::map<std::string, QRectF> rects;
    double spare = 0;
    for (auto& z : std::vector<model::Zone>(design.zones())) {
        QRectF r = zoneRect(design, z, rects, 0);
        if (r.isNull()) { // an empty zone: park it below the drawing
            r = QRectF(spare, -320, 300, 200);
            spare += 340;
        }
        model::Zone* target = design.zone(z.id);
        target->pos = {r.x(), r.y()};
        target->size = {r.width(), r.height()};
    }
    return true;
}

} // namespace pb::app
