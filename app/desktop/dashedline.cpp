#include "app/desktop/dashedline.h"

#include <QLineF>
#include <QPaintEngine>
#include <QPainter>
#include <QWidget>

#include <algorithm>

namespace pb::app {

bool clipSegment(QPointF a, QPointF b, const QRectF& r, qreal& t0, qreal& t1)
{
    const qreal dx = b.x() - a.x(), dy = b.y() - a.y();
    const qreal p[4] = {-dx, dx, -dy, dy};
    const qreal q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    t0 = 0;
    t1 = 1;
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] < 0) return false;
            continue;
        }
        const qreal t = q[i] / p[i];
        if (p[i] < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

bool crossesRect(const QPolygonF& line, const QRectF& r)
{
    qreal t0 = 0, t1 = 0;
    for (int i = 1; i < line.size(); ++i)
        if (clipSegment(line[i - 1], line[i], r, t0, t1)) return true;
    return false;
}

void drawDashedVisible(QPainter* p, const QPolygonF& points, QPen pen, const QRectF& visible)
{
    qreal along = 0; // distance from the start of the line to the start of this segment
    const qreal unit = pen.widthF() > 0 ? pen.widthF() : 1;
    for (int i = 1; i < points.size(); ++i) {
        const QPointF a = points[i - 1], b = points[i];
        const qreal length = QLineF(a, b).length();
        qreal t0 = 0, t1 = 0;
        if (length > 0 && clipSegment(a, b, visible, t0, t1)) {
            pen.setDashOffset((along + t0 * length) / unit);
            p->setPen(pen);
            p->drawLine(a + (b - a) * t0, a + (b - a) * t1);
        }
        along += length;
    }
}

void drawDashed(QPainter* p, const QPolygonF& points, const QPen& pen, const QWidget* widget)
{
    if (p->paintEngine() && p->paintEngine()->type() == QPaintEngine::SVG) {
        p->setPen(pen);
        p->drawPolyline(points);
        return;
    }
    drawDashedVisible(p, points, pen, widget ? visibleRect(p, widget) : points.boundingRect().adjusted(-8, -8, 8, 8));
}

QRectF visibleRect(const QPainter* p, const QWidget* widget)
{
    const QRectF device(QPointF(0, 0), QSizeF(widget->size()));
    return p->worldTransform().inverted().mapRect(device).adjusted(-8, -8, 8, 8);
}

} // namespace pb::app
