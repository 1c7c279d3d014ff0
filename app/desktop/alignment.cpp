#include "app/desktop/alignment.h"

#include <QList>
#include <algorithm>
#include <cmath>

namespace pb::app::alignment {

namespace {
bool distributes(Op op)
{
    return op == Op::DistributeHorizontally || op == Op::DistributeVertically;
}

// Where the box's top-left goes for an alignment to `bounds`, the union of the boxes.
QPointF aligned(const QRectF& box, const QRectF& bounds, Op op)
{
    QPointF at = box.topLeft();
    switch (op) {
    case Op::Left: at.setX(bounds.left()); break;
    case Op::Center: at.setX(bounds.center().x() - box.width() / 2); break;
    case Op::Right: at.setX(bounds.right() - box.width()); break;
    case Op::Top: at.setY(bounds.top()); break;
    case Op::Middle: at.setY(bounds.center().y() - box.height() / 2); break;
    case Op::Bottom: at.setY(bounds.bottom() - box.height()); break;
    default: break;
    }
    return at;
}

struct Placed
{
    QString id;
    QRectF box;
};

// Equal gaps between neighbours along one axis, in the order of their centres (ties by id, so
// the result does not depend on the hash's order). Where the boxes are wider together than the
// span, gaps would be negative: their centres are spaced evenly instead.
void distribute(QList<Placed>& list, bool horizontal, QHash<QString, QPointF>& out)
{
    auto lo = [horizontal](const QRectF& r) { return horizontal ? r.left() : r.top(); };
    auto len = [horizontal](const QRectF& r) { return horizontal ? r.width() : r.height(); };
    std::sort(list.begin(), list.end(), [&](const Placed& a, const Placed& b) {
        const qreal ca = lo(a.box) + len(a.box) / 2, cb = lo(b.box) + len(b.box) / 2;
        return ca != cb ? ca < cb : a.id < b.id;
    });
    const Placed& first = list.front();
    const Placed& last = list.back();
    qreal total = 0;
    for (const Placed& p : list) total += len(p.box);
    const qreal span = lo(last.box) + len(last.box) - lo(first.box);
    const auto gaps = static_cast<qreal>(list.size() - 1);
    const qreal gap = (span - total) / gaps;
    const qreal firstCentre = lo(first.box) + len(first.box) / 2;
    const qreal centreStep = (lo(last.box) + len(last.box) / 2 - firstCentre) / gaps;
    qreal next = lo(first.box);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QRectF& box = list[i].box;
        const qreal start = gap >= 0 ? next : firstCentre + centreStep * static_cast<qreal>(i) - len(box) / 2;
        next = start + len(box) + gap;
        QPointF at = box.topLeft();
        (horizontal ? at.rx() : at.ry()) = start;
        out.insert(list[i].id, at);
    }
}
} // namespace

int least(Op op)
{
    return distributes(op) ? 3 : 2;
}

QHash<QString, QPointF> plan(const QHash<QString, QRectF>& boxes, Op op)
{
    QHash<QString, QPointF> out;
    if (boxes.size() < least(op)) return out;
    if (distributes(op)) {
        QList<Placed> list;
        for (auto it = boxes.begin(); it != boxes.end(); ++it) list.push_back({it.key(), it.value()});
        distribute(list, op == Op::DistributeHorizontally, out);
    } else {
        QRectF bounds;
        for (const QRectF& r : boxes) bounds = bounds.isNull() ? r : bounds.united(r);
        for (auto it = boxes.begin(); it != boxes.end(); ++it) out.insert(it.key(), aligned(it.value(), bounds, op));
    }
    // A box within a thousandth of a unit of its place has not moved: no command for rounding.
    for (auto it = out.begin(); it != out.end();) {
        const QPointF d = it.value() - boxes.value(it.key()).topLeft();
        it = std::abs(d.x()) < 1e-3 && std::abs(d.y()) < 1e-3 ? out.erase(it) : std::next(it);
    }
    return out;
}

} // namespace pb::app::alignment
