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

// Whether shift `d` beats `best`: smaller, and of two as small the one to the left or up, so that
// what a drag settles on does not hang on the others' order.
bool nearerShift(qreal d, qreal best) { return std::abs(d) < std::abs(best) || (std::abs(d) == std::abs(best) && d < best); }

// The smallest shift along one axis that lines one of `moving`'s lines up with one of an
// other's.
template <typename Lines>
std::optional<qreal> bestShift(const QRectF& moving, const QVector<QRectF>& others, qreal reach, Lines lines)
{
    qreal best = reach + 1;
    for (const QRectF& o : others)
        for (qreal a : lines(moving))
            for (qreal b : lines(o)) {
                const qreal d = b - a;
                if (nearerShift(d, best)) best = d;
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

// Equal spacing is worked out across (x); a column is a row with x and y swapped.
QRectF swapped(const QRectF& r) { return {r.y(), r.x(), r.height(), r.width()}; }
QLineF swapped(const QLineF& l) { return {l.y1(), l.x1(), l.y2(), l.x2()}; }

// The others level with `m` (overlapping its band across) on each side, nearest first: a
// zone around it is on neither side.
struct Row
{
    std::optional<QRectF> left, leftLeft, right, rightRight;
};

Row rowOf(const QRectF& m, const QVector<QRectF>& others)
{
    auto level = [&](const QRectF& o) { return o.top() < m.bottom() && o.bottom() > m.top(); };
    auto nearest = [&](auto onSide, auto closer) {
        std::optional<QRectF> best;
        for (const QRectF& o : others)
            if (level(o) && onSide(o) && (!best || closer(o, *best))) best = o;
        return best;
    };
    Row r;
    r.left = nearest([&](const QRectF& o) { return o.right() <= m.left(); },
                     [](const QRectF& a, const QRectF& b) { return a.right() > b.right(); });
    r.right = nearest([&](const QRectF& o) { return o.left() >= m.right(); },
                      [](const QRectF& a, const QRectF& b) { return a.left() < b.left(); });
    if (r.left)
        r.leftLeft = nearest([&](const QRectF& o) { return o.right() <= r.left->left(); },
                             [](const QRectF& a, const QRectF& b) { return a.right() > b.right(); });
    if (r.right)
        r.rightRight = nearest([&](const QRectF& o) { return o.left() >= r.right->right(); },
                               [](const QRectF& a, const QRectF& b) { return a.left() < b.left(); });
    return r;
}

// Where `m`'s left edge would be spaced evenly: between its neighbours, and continuing the row
// on either side.
QVector<qreal> evenPlaces(const QRectF& m, const Row& r)
{
    QVector<qreal> out;
    if (r.left && r.right && r.right->left() - r.left->right() >= m.width())
        out << (r.left->right() + r.right->left() - m.width()) / 2;
    if (r.left && r.leftLeft) out << r.left->right() + (r.left->left() - r.leftLeft->right());
    if (r.right && r.rightRight) out << r.right->left() - (r.rightRight->left() - r.right->right()) - m.width();
    return out;
}

std::optional<qreal> evenShift(const QRectF& m, const QVector<QRectF>& others, qreal reach)
{
    std::optional<qreal> best;
    for (qreal x : evenPlaces(m, rowOf(m, others))) {
        const qreal d = x - m.left();
        if (std::abs(d) <= reach && (!best || nearerShift(d, *best))) best = d;
    }
    return best;
}

// A line across the gap between `a` and `b` (a left of b), with a tick at each end, just under
// the lower edge they share, as a dimension is drawn: half way down, it was lost in the guide
// through their centres.
void markGap(const QRectF& a, const QRectF& b, qreal tick, QVector<QLineF>& out)
{
    const qreal y = std::min(a.bottom(), b.bottom()) + 2 * tick;
    out << QLineF(a.right(), y, b.left(), y) << QLineF(a.right(), y - tick, a.right(), y + tick)
        << QLineF(b.left(), y - tick, b.left(), y + tick);
}

QVector<QLineF> evenMarks(const QRectF& p, const QVector<QRectF>& others, qreal tick)
{
    const Row r = rowOf(p, others);
    auto same = [](qreal g, qreal h) { return g > 0.5 && std::abs(g - h) < 0.5; };
    QVector<QLineF> out;
    if (r.left && r.right && same(p.left() - r.left->right(), r.right->left() - p.right())) {
        markGap(*r.left, p, tick, out);
        markGap(p, *r.right, tick, out);
    } else if (r.left && r.leftLeft && same(p.left() - r.left->right(), r.left->left() - r.leftLeft->right())) {
        markGap(*r.leftLeft, *r.left, tick, out);
        markGap(*r.left, p, tick, out);
    } else if (r.right && r.rightRight && same(r.right->left() - p.right(), r.rightRight->left() - r.right->right())) {
        markGap(p, *r.right, tick, out);
        markGap(*r.right, *r.rightRight, tick, out);
    }
    return out;
}

QVector<QRectF> swappedAll(const QVector<QRectF>& rects)
{
    QVector<QRectF> out;
    out.reserve(rects.size());
    for (const QRectF& r : rects) out << swapped(r);
    return out;
}

// Of two shifts, the smaller: an edge lined up and an even gap compete on the same axis.
std::optional<qreal> nearer(std::optional<qreal> a, std::optional<qreal> b)
{
    if (!a) return b;
    if (!b) return a;
    return std::abs(*b) < std::abs(*a) ? b : a; // a tie keeps the line
}

} // namespace

SnapGuides::Fit SnapGuides::spacing(const QRectF& moving, const QVector<QRectF>& others, qreal reach)
{
    return {evenShift(moving, others, reach), evenShift(swapped(moving), swappedAll(others), reach)};
}

QVector<QLineF> SnapGuides::spacingMarks(const QRectF& placed, const QVector<QRectF>& others, qreal tick)
{
    QVector<QLineF> out = evenMarks(placed, others, tick);
    for (const QLineF& l : evenMarks(swapped(placed), swappedAll(others), tick)) out << swapped(l);
    return out;
}

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
    const Fit lined = fit(free, m_others, m_reach), even = spacing(free, m_others, m_reach);
    const Fit f{nearer(lined.dx, even.dx), nearer(lined.dy, even.dy)};
    const QPointF shift(f.dx ? free.left() + *f.dx - snapped.left() : 0,
                        f.dy ? free.top() + *f.dy - snapped.top() : 0);
    const QRectF placed = snapped.translated(shift);
    show(linesFor(placed, m_others) + spacingMarks(placed, m_others, m_reach * 0.7));
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
