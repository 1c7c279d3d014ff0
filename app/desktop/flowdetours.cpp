#include "app/desktop/flowdetours.h"

#include "app/desktop/kinds.h"

#include <QLineF>
#include <QRectF>
#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pb::app {

namespace {
// A line closer to a box than this still looks as if it touched it.
constexpr double kClearance = 10;
constexpr double kCell = 240;

bool crosses(const QLineF& line, const QRectF& r)
{
    if (r.contains(line.p1()) || r.contains(line.p2())) return true;
    const QLineF sides[] = {{r.topLeft(), r.topRight()},
                            {r.topRight(), r.bottomRight()},
                            {r.bottomRight(), r.bottomLeft()},
                            {r.bottomLeft(), r.topLeft()}};
    return std::any_of(std::begin(sides), std::end(sides), [&](const QLineF& s) {
        return line.intersects(s, nullptr) == QLineF::BoundedIntersection;
    });
}

// The components' boxes in cells of a grid: a line is tested against the boxes of the cells it
// passes, not against every component.
class Boxes
{
public:
    explicit Boxes(const model::Design& d)
    {
        for (const auto& c : d.components()) {
            const QRectF r = QRectF(QPointF(c.pos.x, c.pos.y), componentSize(c))
                                 .adjusted(-kClearance, -kClearance, kClearance, kClearance);
            m_rects.push_back(r);
            const int i = static_cast<int>(m_rects.size() - 1);
            for (long x = cell(r.left()); x <= cell(r.right()); ++x)
                for (long y = cell(r.top()); y <= cell(r.bottom()); ++y)
                    m_cells[key(x, y)].push_back(i);
        }
        m_stamp.assign(m_rects.size(), 0);
    }
    const QRectF& rect(int i) const { return m_rects[static_cast<std::size_t>(i)]; }

    // The first component other than `a` and `b` whose box the line crosses, by distance from its
    // start; -1 when it crosses none.
    int blocker(const QLineF& line, int a, int b)
    {
        ++m_epoch;
        int found = -1;
        double nearest = 0;
        const int steps = static_cast<int>(std::ceil(line.length() / (kCell / 2))) + 1;
        for (int s = 0; s <= steps; ++s) {
            const QPointF p = line.pointAt(static_cast<double>(s) / steps);
            const auto it = m_cells.find(key(cell(p.x()), cell(p.y())));
            if (it == m_cells.end()) continue;
            for (int i : it->second) {
                int& stamp = m_stamp[static_cast<std::size_t>(i)];
                if (i == a || i == b || stamp == m_epoch) continue;
                stamp = m_epoch;
                if (!crosses(line, rect(i))) continue;
                const double d = QLineF(line.p1(), rect(i).center()).length();
                if (found < 0 || d < nearest) {
                    found = i;
                    nearest = d;
                }
            }
        }
        return found;
    }

private:
    static long cell(double v) { return static_cast<long>(std::floor(v / kCell)); }
    static long long key(long x, long y)
    {
        return (static_cast<long long>(x) << 32) ^ static_cast<unsigned long>(y);
    }
    std::vector<QRectF> m_rects;
    std::unordered_map<long long, std::vector<int>> m_cells;
    std::vector<int> m_stamp;
    int m_epoch = 0;
};

// A bend beside box `r`, off the line from p to q, that leaves both legs clear; nullopt: none.
std::optional<QPointF> detour(Boxes& boxes, const QLineF& line, const QRectF& r, int a, int b)
{
    const QPointF along = (line.p2() - line.p1()) / line.length();
    const QPointF normal(-along.y(), along.x());
    const QPointF foot = line.p1() + along * QPointF::dotProduct(r.center() - line.p1(), along);
    // How far the box reaches on each side of the line, the nearer side tried first.
    double reach[2] = {0, 0};
    for (const QPointF& corner : {r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()}) {
        const double d = QPointF::dotProduct(corner - foot, normal);
        reach[0] = std::max(reach[0], d);
        reach[1] = std::max(reach[1], -d);
    }
    const int first = reach[0] <= reach[1] ? 0 : 1;
    for (double extra : {40.0, 100.0, 200.0})
        for (int side : {first, 1 - first}) {
            const QPointF bend = foot + normal * ((side == 0 ? 1 : -1) * (reach[side] + extra));
            if (boxes.blocker(QLineF(line.p1(), bend), a, b) < 0 &&
                boxes.blocker(QLineF(bend, line.p2()), a, b) < 0)
                return bend;
        }
    return std::nullopt;
}
} // namespace

int detourFlows(model::Design& design)
{
    if (design.flows().size() > kMaxDetourFlows) return 0;
    Boxes boxes(design);
    // A component's number in the boxes is its index in the design's list.
    auto numberOf = [&](const std::string& id) {
        const auto at = design.placeOf(id);
        return at && at->type == model::ElementType::Component ? static_cast<int>(at->index) : -1;
    };
    int bent = 0;
    for (const auto& f : design.flows()) {
        const int from = numberOf(f.from), to = numberOf(f.to);
        if (!f.bends.empty() || from < 0 || to < 0 || from == to) continue;
        const QLineF line(boxes.rect(from).center(), boxes.rect(to).center());
        if (line.length() < 1) continue;
        const int blocker = boxes.blocker(line, from, to);
        if (blocker < 0) continue;
        if (const auto bend = detour(boxes, line, boxes.rect(blocker), from, to)) {
            // By id: flows() is the design's own list, read only, and a bend is no index's key.
            design.flow(f.id)->bends.push_back({std::round(bend->x()), std::round(bend->y())});
            ++bent;
        }
    }
    return bent;
}

} // namespace pb::app
