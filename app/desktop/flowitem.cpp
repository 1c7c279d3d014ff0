#include "app/desktop/flowitem.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/dashedline.h"
#include "app/desktop/kinds.h"
#include "app/desktop/showntext.h"
#include "app/desktop/zoneitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace pb::app {

namespace {
// Where the segment from the rectangle's centre towards `toward` leaves the rectangle.
QPointF borderPoint(const QRectF& r, QPointF toward)
{
    const QPointF c = r.center();
    const qreal dx = toward.x() - c.x(), dy = toward.y() - c.y();
    if (qFuzzyIsNull(dx) && qFuzzyIsNull(dy)) return c;
    const qreal sx = std::abs(dx) > 1e-9 ? (r.width() / 2) / std::abs(dx) : 1e9;
    const qreal sy = std::abs(dy) > 1e-9 ? (r.height() / 2) / std::abs(dy) : 1e9;
    const qreal s = std::min(sx, sy);
    return {c.x() + dx * s, c.y() + dy * s};
}

// Where a line leaving `r` square to one of its sides heads for `p`: across, at p's height, when
// p is level with it; down or up, at p's x, when p is above or below it; else across from its
// middle, and `turn` is the corner where it turns towards p.
QPointF squareExit(const QRectF& r, QPointF p, std::optional<QPointF>& turn)
{
    const QPointF c = r.center();
    turn.reset();
    if (p.y() >= r.top() && p.y() <= r.bottom()) return {p.x() >= c.x() ? r.right() : r.left(), p.y()};
    if (p.x() >= r.left() && p.x() <= r.right()) return {p.x(), p.y() >= c.y() ? r.bottom() : r.top()};
    turn = QPointF(p.x(), c.y());
    return {p.x() >= c.x() ? r.right() : r.left(), c.y()};
}

// An orthogonal route through the bends drawn by hand: each leg across or down, a corner added
// where two points are level with neither. A bend is a waypoint, as on draw.io's orthogonal
// edges, so a component moved under one end keeps its line square.
bool same(qreal u, qreal v) { return std::abs(u - v) < 1e-6; }

QPolygonF squareThrough(const QRectF& a, const QRectF& b, const QPolygonF& bends)
{
    QPolygonF pts;
    std::optional<QPointF> turn;
    pts << squareExit(a, bends.first(), turn);
    if (turn) pts << *turn;
    auto to = [&](QPointF q) {
        const QPointF p = pts.last();
        if (!same(p.x(), q.x()) && !same(p.y(), q.y())) {
            // Alternate: after a leg across, go down first.
            const bool across = pts.size() >= 2 && same(pts[pts.size() - 2].y(), p.y());
            pts << (across ? QPointF(p.x(), q.y()) : QPointF(q.x(), p.y()));
        }
        if (pts.last() != q) pts << q;
    };
    for (const QPointF& q : bends) to(q);
    const QPointF entry = squareExit(b, pts.last(), turn);
    if (turn) to(*turn);
    to(entry);
    if (pts.size() < 2) pts << pts.last(); // a bend on both borders at once: the arrow needs a leg
    return pts;
}

constexpr qreal kMaxLabelWidth = 220;
// A bend's handle: drawn this wide, caught from a little further (scene units).
constexpr qreal kHandleSize = 8;
constexpr qreal kHandleReach = 7;

QFont labelFont()
{
    QFont f;
    f.setPointSizeF(8.5);
    return f;
}
} // namespace

FlowItem::FlowItem(CanvasScene* scene, const QString& id)
    : m_id(id)
{
    Q_UNUSED(scene);
    setFlags(ItemIsSelectable);
    setZValue(5);
}

CanvasScene* FlowItem::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

void FlowItem::sync(const model::Design& d, const model::Flow& f, ComponentItem* from,
                    ComponentItem* to)
{
    m_from = from;
    m_to = to;
    // Elided here, not in paint: a flow's label is a tag on the line, and a sentence pasted into
    // it used to draw a box as wide as the sentence across the canvas.
    // Measured once per label, not per move: a nudge of 20,000 components re-placed 60,000 labels
    // and shaped each of them again, most of the 13 s it took.
    if (f.label != m_labelSource || m_label.isNull()) {
        m_labelSource = f.label;
        const QFontMetricsF metrics(labelFont());
        m_label = metrics.elidedText(shownText(f.label), Qt::ElideRight, kMaxLabelWidth);
        m_labelBox = m_label.isEmpty() ? QRectF() : metrics.boundingRect(m_label);
    }
    m_bends = f.bends;
    m_modelBends = f.bends;
    m_orthogonal = model::stringProperty(f.props, "routing").value_or("") == "orthogonal";
    m_async = flowIsAsync(d, f);
    adjust();
}

QPolygonF FlowItem::route() const
{
    const QRectF a = m_from->sceneRect(), b = m_to->sceneRect();
    QPolygonF pts;
    if (!m_bends.empty()) {
        QPolygonF mid;
        for (const auto& p : m_bends)
            mid << QPointF(p.x, p.y);
        if (m_orthogonal) return squareThrough(a, b, mid);
        pts << borderPoint(a, mid.first()) << mid << borderPoint(b, mid.last());
        return pts;
    }
    if (!m_orthogonal) {
        pts << borderPoint(a, b.center()) << borderPoint(b, a.center());
        return pts;
    }
    const QPointF ca = a.center(), cb = b.center();
    if (std::abs(cb.x() - ca.x()) >= std::abs(cb.y() - ca.y())) {
        const bool right = cb.x() > ca.x();
        const QPointF s(right ? a.right() : a.left(), ca.y());
        const QPointF e(right ? b.left() : b.right(), cb.y());
        const qreal mx = (s.x() + e.x()) / 2;
        pts << s << QPointF(mx, s.y()) << QPointF(mx, e.y()) << e;
    } else {
        const bool down = cb.y() > ca.y();
        const QPointF s(ca.x(), down ? a.bottom() : a.top());
        const QPointF e(cb.x(), down ? b.top() : b.bottom());
        const qreal my = (s.y() + e.y()) / 2;
        pts << s << QPointF(s.x(), my) << QPointF(e.x(), my) << e;
    }
    return pts;
}

void FlowItem::adjust()
{
    if (!m_from || !m_to) return;
    prepareGeometryChange();
    const QPolygonF pts = route();
    m_points = pts;
    m_path = QPainterPath();
    m_path.addPolygon(pts);
    // Arrowhead at the target end, along the last segment.
    const QPointF tip = pts.last(), prev = pts[pts.size() - 2];
    const QLineF last(prev, tip);
    const qreal angle = std::atan2(-last.dy(), last.dx());
    const qreal size = 10;
    m_arrow = QPolygonF() << tip
                          << tip - QPointF(std::cos(angle - M_PI / 7) * size,
                                           -std::sin(angle - M_PI / 7) * size)
                          << tip - QPointF(std::cos(angle + M_PI / 7) * size,
                                           -std::sin(angle + M_PI / 7) * size);
    m_labelRect = m_label.isEmpty() ? QRectF() : placeLabel();
    m_bounds = m_path.boundingRect()
                   .united(m_arrow.boundingRect())
                   .united(m_labelRect)
                   .adjusted(-6, -6, 6, 6); // the bend handles of a selected flow
}

QRectF FlowItem::placeLabel() const
{
    // On the longest segment: half way along an orthogonal route is often its short middle leg,
    // which the label then covered with both of its bends.
    int longest = 0;
    for (int i = 1; i + 1 < m_points.size(); ++i)
        if (QLineF(m_points[i], m_points[i + 1]).length() > QLineF(m_points[longest], m_points[longest + 1]).length())
            longest = i;
    const QLineF segment(m_points[longest], m_points[longest + 1]);
    // Half way, unless that hides a zone's name: "Charge Card" sat on "AWS eu-west-1" where the
    // flow left the zone. Then further along, where it hides none; else half way after all.
    const QRectF half = labelAt(segment, 0.5);
    if (!overZoneTitle(half)) return half;
    for (const qreal t : {0.35, 0.65, 0.2, 0.8})
        if (const QRectF r = labelAt(segment, t); !overZoneTitle(r)) return r;
    return half;
}

bool FlowItem::overZoneTitle(const QRectF& r) const
{
    if (!scene()) return false;
    const auto& zones = canvas()->zoneItems();
    return std::any_of(zones.cbegin(), zones.cend(),
                       [&](const ZoneItem* z) { return z->sceneTitleBand().intersects(r); });
}

QRectF FlowItem::labelAt(const QLineF& segment, qreal t) const
{
    const QPointF mid = segment.pointAt(t);
    QRectF r = m_labelBox;
    r.adjust(-4, -2, 4, 2);
    r.moveCenter(mid);
    // Centred on a line little longer than itself, the label hid the line and its arrowhead, so
    // which way the flow went could not be seen. It then sits beside the line: above it, or to
    // the right of a vertical one. Room for an arrowhead at each end is asked for.
    const qreal a = qDegreesToRadians(segment.angle());
    const QPointF along(std::cos(a), -std::sin(a));
    const qreal extent = std::abs(along.x()) * r.width() + std::abs(along.y()) * r.height();
    if (segment.length() >= extent + 24) return r;
    QPointF n(along.y(), -along.x()); // the line's normal, pointing up or right after the flip
    if (n.y() > 1e-6 || (std::abs(n.y()) <= 1e-6 && n.x() < 0)) n = -n;
    const qreal away = (std::abs(n.x()) * r.width() + std::abs(n.y()) * r.height()) / 2 + 4;
    // Components paint above flows: a label still under one of its ends moves on until clear.
    // The bounding rects: they hold the finding badge that sits on a component's top edge, so
    // above a line between two boxes the label ended far from it. The other side is taken when
    // it is clear sooner by more than the room every box keeps for a badge (16 units).
    const QRectF from = m_from->sceneBoundingRect(), to = m_to->sceneBoundingRect();
    auto clear = [&](QPointF dir, int& steps) {
        QRectF at = r;
        at.moveCenter(mid + dir * away);
        for (steps = 0; steps < 100 && (at.intersects(from) || at.intersects(to)); ++steps)
            at.translate(dir * 4);
        return at;
    };
    int stepsN = 0, stepsOther = 0;
    const QRectF side = clear(n, stepsN), other = clear(-n, stepsOther);
    return stepsOther + 4 < stepsN ? other : side;
}

QVector<QPointF> FlowItem::handlePoints(bool inserts) const
{
    QVector<QPointF> out;
    if (inserts) {
        // Half way along, or where the segment comes out from under its label when the label
        // sits there: a handle drawn on the label hid its words.
        const QRectF label = m_labelRect.adjusted(-kHandleSize, -kHandleSize, kHandleSize, kHandleSize);
        for (int i = 0; i + 1 < m_points.size(); ++i) {
            const QLineF segment(m_points[i], m_points[i + 1]);
            qreal t = 0.5;
            while (t > 0.1 && label.contains(segment.pointAt(t))) t -= 0.02;
            out << segment.pointAt(t > 0.1 ? t : 0.5);
        }
    } else if (!m_bends.empty()) {
        out = innerPoints();
    }
    return out;
}

std::optional<FlowItem::Handle> FlowItem::handleAt(QPointF scenePos) const
{
    if (!isSelected()) return std::nullopt;
    // Bends first: where a bend and a segment's middle meet, the bend is what was meant.
    for (bool inserts : {false, true}) {
        const QVector<QPointF> points = handlePoints(inserts);
        for (int i = 0; i < points.size(); ++i)
            if (QLineF(points[i], scenePos).length() <= kHandleReach) return Handle{i, inserts};
    }
    return std::nullopt;
}

void FlowItem::previewBends(const QPolygonF& bends)
{
    m_bends.clear();
    for (const QPointF& p : bends) m_bends.push_back({p.x(), p.y()});
    adjust();
}

void FlowItem::endPreview()
{
    m_bends = m_modelBends;
    adjust();
}

QPainterPath FlowItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath s = stroker.createStroke(m_path);
    s.addPolygon(m_arrow);
    if (!m_labelRect.isNull()) s.addRect(m_labelRect);
    return s;
}

void FlowItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget* widget)
{
    const CanvasColors& k = canvas()->colors();
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform());
    // As ComponentItem: the presenter and exports show no selection, highlight or dimming.
    const bool reviewMarks = !CanvasScene::isAudienceView(widget);
    const bool lit = reviewMarks && canvas()->isHighlighted(m_id);
    const bool selected = reviewMarks && isSelected();
    QColor c = selected ? k.flowSelected : (m_async ? k.flowAsync : k.flowStroke);
    if (lit) c = k.highlight;
    if (reviewMarks && canvas()->dimOthers() && !lit) c.setAlphaF(c.alphaF() * 0.3);
    QPen pen(c, lit || selected ? 2.4 : 1.5);
    if (m_async) pen.setStyle(Qt::DashLine);
    if (lod < 0.3) {
        // Far away: a solid aliased hairline, the cheapest line there is.
        p->setRenderHint(QPainter::Antialiasing, false);
        p->setPen(QPen(c, 0));
        p->drawPolyline(m_points);
        return;
    }
    p->setRenderHint(QPainter::Antialiasing, true);
    pen.setJoinStyle(Qt::RoundJoin);
    p->setBrush(Qt::NoBrush);
    if (m_async) {
        drawDashed(p, m_points, pen, widget);
    } else {
        p->setPen(pen);
        p->drawPath(m_path);
    }
    p->setPen(QPen(c, 1));
    p->setBrush(c);
    p->drawPolygon(m_arrow);
    if (!m_labelRect.isNull() && lod >= 0.5) {
        p->setPen(Qt::NoPen);
        p->setBrush(k.flowLabelBackground);
        p->drawRoundedRect(m_labelRect, 3, 3);
        p->setFont(labelFont());
        p->setPen(k.flowLabel);
        p->drawText(m_labelRect, Qt::AlignCenter, m_label);
    }
    if (selected && lod >= 0.4) paintHandles(p, k);
}

void FlowItem::paintHandles(QPainter* p, const CanvasColors& k) const
{
    p->setPen(QPen(k.handleStroke, 1));
    QColor faint = k.handle;
    faint.setAlphaF(faint.alphaF() * 0.6); // a bend not made yet: lighter than one that is
    p->setBrush(faint);
    for (const QPointF& c : handlePoints(true)) p->drawEllipse(c, kHandleSize / 2 - 1, kHandleSize / 2 - 1);
    p->setBrush(k.handle);
    for (const QPointF& c : handlePoints(false))
        p->drawRect(QRectF(c - QPointF(kHandleSize / 2, kHandleSize / 2), QSizeF(kHandleSize, kHandleSize)));
}

} // namespace pb::app
