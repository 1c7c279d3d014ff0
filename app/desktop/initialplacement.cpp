#include "app/desktop/initialplacement.h"

#include "app/desktop/flowdetours.h"
#include "app/desktop/kinds.h"
#include "model/autolayout.h"
#include "model/jurisdiction.h"

#include <QRectF>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace pb::app {

namespace {
// Flow depth of each component: the longest path from a source over the design with each cycle
// taken as one step (Tarjan's strongly connected components, then one pass in topological
// order). Relaxing flows round after round made a cycle climb to the component count: 20,000
// components with cycles went 1,600 columns wide, and took a minute to work out.
class Levels
{
public:
    explicit Levels(const model::Design& d)
    {
        const auto& comps = d.components();
        for (std::size_t i = 0; i < comps.size(); ++i) m_index.emplace(comps[i].id, int(i));
        m_out.resize(comps.size());
        for (const auto& f : d.flows()) {
            auto from = m_index.find(f.from), to = m_index.find(f.to);
            if (from != m_index.end() && to != m_index.end() && from->second != to->second)
                m_out[std::size_t(from->second)].push_back(to->second);
        }
        components();
        level.assign(comps.size(), 0);
        std::vector<int> sccLevel(m_sccs.size(), 0);
        for (std::size_t k = m_sccs.size(); k-- > 0;) // Tarjan finds sinks first
            for (int v : m_sccs[k])
                for (int w : m_out[std::size_t(v)]) {
                    const int to = m_scc[std::size_t(w)];
                    if (to != int(k)) sccLevel[std::size_t(to)] = std::max(sccLevel[std::size_t(to)], sccLevel[k] + 1);
                }
        for (std::size_t v = 0; v < comps.size(); ++v) level[v] = sccLevel[std::size_t(m_scc[v])];
    }

    int of(const std::string& id) const { return level[std::size_t(m_index.at(id))]; }
    int indexOf(const std::string& id) const { return m_index.at(id); }

    std::vector<int> level;

private:
    // Iterative, so a chain of 100,000 components cannot overflow the stack.
    void components()
    {
        const std::size_t n = m_out.size();
        m_scc.assign(n, -1);
        std::vector<int> order(n, -1), low(n, 0), stack;
        std::vector<char> onStack(n, 0);
        std::vector<std::pair<int, std::size_t>> calls; // node, next edge
        int counter = 0;
        for (std::size_t root = 0; root < n; ++root) {
            if (order[root] >= 0) continue;
            calls.push_back({int(root), 0});
            while (!calls.empty()) {
                auto& [v, edge] = calls.back();
                const auto uv = std::size_t(v);
                if (edge == 0 && order[uv] < 0) {
                    order[uv] = low[uv] = counter++;
                    stack.push_back(v);
                    onStack[uv] = 1;
                }
                if (edge < m_out[uv].size()) {
                    const auto w = std::size_t(m_out[uv][edge++]);
                    if (order[w] < 0) calls.push_back({int(w), 0});
                    else if (onStack[w]) low[uv] = std::min(low[uv], order[w]);
                    continue;
                }
                if (low[uv] == order[uv]) {
                    m_sccs.emplace_back();
                    int w = -1;
                    while (w != v) {
                        w = stack.back();
                        stack.pop_back();
                        onStack[std::size_t(w)] = 0;
                        m_scc[std::size_t(w)] = int(m_sccs.size() - 1);
                        m_sccs.back().push_back(w);
                    }
                }
                const int done = v;
                calls.pop_back();
                if (!calls.empty()) {
                    const auto parent = std::size_t(calls.back().first);
                    low[parent] = std::min(low[parent], low[std::size_t(done)]);
                }
            }
        }
    }

    std::unordered_map<std::string, int> m_index;
    std::vector<std::vector<int>> m_out;
    std::vector<int> m_scc;
    std::vector<std::vector<int>> m_sccs;
};

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

// Lays each zone out as a block of its own, so that zones never overlap: the components directly
// in it in columns by flow depth, its nested zones packed in rows to their right. Columns and
// rows are capped near the square root of the count, so a large design stays roughly square
// instead of one row or one column the width of the format's limit.
class Placer
{
public:
    explicit Placer(model::Design& d) : m_d(d), m_levels(d)
    {
        const auto parents = model::zoneParents(d);
        auto parentOf = [&](const std::string& id) {
            auto it = parents.find(id);
            return it == parents.end() ? std::string() : it->second;
        };
        for (const auto& c : d.components()) m_comps[parentOf(c.id)].push_back(c.id);
        for (const auto& z : d.zones()) m_zones[parentOf(z.id)].push_back(z.id);
    }

    void run() { layout(std::string(), 0); }

private:
    struct Block
    {
        std::vector<std::string> comps; // every component inside, nested ones too
        double w = 0;
        double h = 0;
    };
    // Room a zone's frame takes around its members (zoneRect's margins) and between blocks.
    static constexpr double kSide = 30, kTitle = 46, kGap = 60;

    static std::size_t cap(std::size_t n) { return std::max<std::size_t>(6, std::size_t(std::ceil(1.5 * std::sqrt(double(n))))); }

    Block layout(const std::string& zone, int depth)
    {
        Block out;
        grid(m_comps[zone], out);
        std::vector<Block> kids;
        if (depth < 64)
            for (const auto& z : m_zones[zone])
                if (Block b = layout(z, depth + 1); !b.comps.empty()) kids.push_back(std::move(b));
        pack(kids, out);
        return out;
    }

    // The components directly in a block, in columns by depth; a tall column is split, and
    // columns past the cap start a band below.
    void grid(std::vector<std::string> ids, Block& out)
    {
        if (ids.empty()) return;
        std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
            const int la = m_levels.of(a), lb = m_levels.of(b);
            return la != lb ? la < lb : m_levels.indexOf(a) < m_levels.indexOf(b);
        });
        const std::size_t rows = cap(ids.size()), cols = cap(ids.size());
        std::vector<std::vector<std::string>> columns;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const bool newLevel = i == 0 || m_levels.of(ids[i]) != m_levels.of(ids[i - 1]);
            if (newLevel || columns.back().size() >= rows) columns.emplace_back();
            columns.back().push_back(ids[i]);
        }
        double x = 0, bandTop = 0, bandHeight = 0;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c > 0 && c % cols == 0) {
                bandTop += bandHeight + kGap;
                bandHeight = 0;
                x = 0;
            }
            double y = bandTop, width = 0;
            for (const auto& id : columns[c]) {
                model::Component* comp = m_d.component(id);
                const QSizeF size = componentSize(*comp);
                comp->pos = {x, y};
                y += size.height() + 60;
                width = std::max(width, size.width());
                out.comps.push_back(id);
            }
            bandHeight = std::max(bandHeight, y - 60 - bandTop);
            out.w = std::max(out.w, x + width);
            x += width + 120;
        }
        out.h = bandTop + bandHeight;
    }

    // Nested blocks in rows to the right of the block's own components, each inside its frame.
    void pack(std::vector<Block>& kids, Block& out)
    {
        if (kids.empty()) return;
        double area = 0, widest = 0;
        for (const auto& k : kids) {
            area += (k.w + 2 * kSide + kGap) * (k.h + kTitle + kSide + kGap);
            widest = std::max(widest, k.w + 2 * kSide);
        }
        const double left = out.w > 0 ? out.w + kGap : 0;
        const double rowWidth = std::max(widest, 1.4 * std::sqrt(area));
        double x = 0, y = 0, rowHeight = 0;
        for (auto& k : kids) {
            if (x > 0 && x + k.w + 2 * kSide > rowWidth) {
                y += rowHeight + kGap;
                x = 0;
                rowHeight = 0;
            }
            move(k, left + x + kSide, y + kTitle);
            x += k.w + 2 * kSide + kGap;
            rowHeight = std::max(rowHeight, k.h + kTitle + kSide);
            out.w = std::max(out.w, left + x - kGap);
            out.h = std::max(out.h, y + rowHeight);
            out.comps.insert(out.comps.end(), k.comps.begin(), k.comps.end());
        }
    }

    void move(const Block& b, double dx, double dy)
    {
        for (const auto& id : b.comps) {
            model::Component* c = m_d.component(id);
            c->pos = {c->pos.x + dx, c->pos.y + dy};
        }
    }

    model::Design& m_d;
    Levels m_levels;
    std::unordered_map<std::string, std::vector<std::string>> m_comps; // by zone; "" is outside any
    std::unordered_map<std::string, std::vector<std::string>> m_zones;
};
} // namespace

bool placeIfUnpositioned(model::Design& design)
{
    if (!model::isUnpositioned(design)) return fitUnsizedZones(design);
    Placer(design).run();
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
    detourFlows(design);
    return true;
}

} // namespace pb::app
