#include "app/desktop/tools/snapguides.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsPathItem>
#include <QGraphicsView>
#include <QPainterPath>
#include <QPen>

#include <array>
#include <cmath>
#include <map>

namespace pb::app {

namespace {

// How close, in screen pixels, an edge must come to be pulled into line: draw.io's feel, near
// enough to catch on purpose, far enough not to catch on every passing box.
constexpr qreal kReachPixels = 6;

std::array<qreal, 3> across(const QRectF& r) { return {r.left(), r.center().x(), r.right()}; }
std::array<qreal, 3> down(const QRectF& r) { return {r.top(), r.center().y(), r.bottom()}; }

// The smallest shift along one axis that lines one of `moving`'s lines up with one of an
// other's; ties go to the shift to the left or up, so that the result does not hang on the
// others' order.
template <typename Lines>
std::optional<qreal> bestShift(const QRectF& moving, const QVector<QRectF>& others, qreal reach, Lines lines)
{
    qreal best = reach + 1;
    for (const QRectF& o : others)
        for (qreal a : lines(moving))
            for (qreal b : lines(o)) {
                const qreal d = b - a;
                if (std::abs(d) < std::abs(best) || (std::abs(d) == std::abs(best) && d < best)) best = d;
            }
    if (std::abs(best) > reach) return std::nullopt;
    return best;
}

// Where the shifted rectangle shares a line with others: per line, the span covering all of them.
template <typename Lines, typename Span>
std::map<qreal, std::pair<qreal, qreal>> sharedLines(const QRectF& placed, const QVector<QRectF>& others,
                                                     Lines lines, Span span)
{
    std::map<qreal, std::pair<qreal, qreal>> out;
    for (const QRectF& o : others)
        for (qreal a : lines(placed))
            for (qreal b : lines(o)) {
                if (std::abs(a - b) > 0.5) continue;
                const auto [lo, hi] = span(o);
                auto it = out.try_emplace(b, span(placed)).first;
                it->second = {std::min(it->second.first, lo), std::max(it->second.second, hi)};
            }
    return out;
}

} // namespace

SnapGuides::Fit SnapGuides::fit(const QRectF& moving, const QVector<QRectF>& others, qreal reach)
{
    return {bestShift(moving, others, reach, across), bestShift(moving, others, reach, down)};
}

QVector<QLineF> SnapGuides::linesFor(const QRectF& placed, const QVector<QRectF>& others)
{
    QVector<QLineF> lines;
    const auto vertical = sharedLines(placed, others, across,
                                      [](const QRectF& r) { return std::pair{r.top(), r.bottom()}; });
    for (const auto& [x, span] : vertical) lines << QLineF(x, span.first, x, span.second);
    const auto horizontal = sharedLines(placed, others, down,
                                        [](const QRectF& r) { return std::pair{r.left(), r.right()}; });
    for (const auto& [y, span] : horizontal) lines << QLineF(span.first, y, span.second, y);
    return lines;
}

SnapGuides::SnapGuides(CanvasScene* scene)
    : m_scene(scene)
{
}

SnapGuides::~SnapGuides()
{
    end();
}

void SnapGuides::begin(const QSet<QString>& moving, const QGraphicsView* view)
{
    end();
    const qreal scale = view ? view->transform().m11() : 1.0;
    m_reach = kReachPixels / (scale > 0 ? scale : 1.0);
    // What is on screen, and as much again around it: a drag may scroll a little further.
    QRectF near = view ? view->mapToScene(view->viewport()->rect()).boundingRect() : m_scene->sceneRect();
    near.adjust(-near.width() / 2, -near.height() / 2, near.width() / 2, near.height() / 2);
    auto consider = [&](const QString& id, const QGraphicsItem* item) {
        const QRectF box = CanvasScene::boxOf(item);
        if (!moving.contains(id) && near.intersects(box)) m_others << box;
    };
    for (auto it = m_scene->componentItems().begin(); it != m_scene->componentItems().end(); ++it)
        consider(it.key(), it.value());
    for (auto it = m_scene->zoneItems().begin(); it != m_scene->zoneItems().end(); ++it)
        consider(it.key(), it.value());
}

QPointF SnapGuides::follow(const QRectF& free, const QRectF& snapped)
{
    const Fit f = fit(free, m_others, m_reach);
    const QPointF shift(f.dx ? free.left() + *f.dx - snapped.left() : 0,
                        f.dy ? free.top() + *f.dy - snapped.top() : 0);
    show(linesFor(snapped.translated(shift), m_others));
    return shift;
}

QPointF SnapGuides::followCorner(QPointF free, QPointF snapped)
{
    const Fit f = fit(QRectF(free, QSizeF()), m_others, m_reach);
    return {f.dx ? free.x() + *f.dx : snapped.x(), f.dy ? free.y() + *f.dy : snapped.y()};
}

void SnapGuides::showCorner(QPointF corner, const QRectF& resized)
{
    QVector<QLineF> lines = linesFor(QRectF(corner, QSizeF()), m_others);
    for (QLineF& l : lines) {
        if (l.x1() == l.x2())
            l = QLineF(l.x1(), std::min(l.y1(), resized.top()), l.x2(), std::max(l.y2(), resized.bottom()));
        else
            l = QLineF(std::min(l.x1(), resized.left()), l.y1(), std::max(l.x2(), resized.right()), l.y2());
    }
    show(lines);
}

void SnapGuides::hide()
{
    show({});
}

void SnapGuides::end()
{
    m_others.clear();
    hide();
}

void SnapGuides::show(const QVector<QLineF>& lines)
{
    // Made for each gesture and removed after it: the scene may be rebuilt between two drags,
    // and a new theme's colour is picked up.
    if (lines.isEmpty()) {
        if (m_item) {
            m_scene->removeItem(m_item);
            delete m_item;
            m_item = nullptr;
        }
        return;
    }
    if (!m_item) {
        m_item = new QGraphicsPathItem;
        QPen pen(m_scene->colors().snapGuide, 1);
        pen.setCosmetic(true); // one pixel at any zoom
        m_item->setPen(pen);
        m_item->setZValue(1001); // over everything drawn, under nothing
        m_item->setAcceptedMouseButtons(Qt::NoButton);
        m_scene->addItem(m_item);
    }
    QPainterPath path;
    for (const QLineF& l : lines) {
        path.moveTo(l.p1());
        path.lineTo(l.p2());
    }
    m_item->setPath(path);
}

} // namespace pb::app
