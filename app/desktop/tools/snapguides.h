#pragma once

#include <QLineF>
#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

class QGraphicsPathItem;
class QGraphicsView;

namespace pb::app {

class CanvasScene;

// Smart guides while dragging, as draw.io shows them: when an edge or the centre of what is
// dragged comes within a few pixels of an edge or centre of an element near it, or of a place
// spaced as evenly as its neighbours, the drag lines up exactly and thin lines show what it lines
// up with. Lining up after the fact is Arrange > Align and Distribute; this is the same while
// the hand is still on the mouse.
class SnapGuides
{
public:
    // The pure geometry. Per axis, independently: the smallest shift within `reach` that puts
    // one of `moving`'s left, centre and right (top, middle, bottom) on one of an other's;
    // none when nothing is in reach.
    struct Fit
    {
        std::optional<qreal> dx, dy;
    };
    static Fit fit(const QRectF& moving, const QVector<QRectF>& others, qreal reach);
    // A guide for each line `placed` shares with others, spanning all that share it.
    static QVector<QLineF> linesFor(const QRectF& placed, const QVector<QRectF>& others);
    // Equal spacing, as draw.io shows it. Per axis, among the others level with `moving` (a
    // row across, a column down): the smallest shift within `reach` that centres it between its
    // neighbours on either side, or puts it as far from its neighbour as that one is from the
    // next (a row continued); none when nothing is in reach.
    static Fit spacing(const QRectF& moving, const QVector<QRectF>& others, qreal reach);
    // For each gap `placed` makes equal to another: a line across each of the equal gaps, with a
    // tick `tick` long at both its ends.
    static QVector<QLineF> spacingMarks(const QRectF& placed, const QVector<QRectF>& others, qreal tick);

    explicit SnapGuides(CanvasScene* scene);
    ~SnapGuides();
    SnapGuides(const SnapGuides&) = delete;
    SnapGuides& operator=(const SnapGuides&) = delete;

    // At the press: the elements the drag may line up with are those near what `view` shows
    // that do not move with it (`moving`: every element the drag carries). Read once, so that a
    // move costs arithmetic over rectangles, not a walk of the scene.
    void begin(const QSet<QString>& moving, const QGraphicsView* view);
    // What the dragged elements cover where the mouse alone puts them (`free`) and where the
    // grid put them (`snapped`). Returns what to add to their positions now: on an axis where a
    // guide is in reach of the free place, the guide wins over the grid, as in draw.io (a centre
    // ten units off the grid could never be reached through it). Shows the guides of where they
    // end up; none when nothing lines up.
    QPointF follow(const QRectF& free, const QRectF& snapped);
    // The same for the corner of a resize: where the corner dragged to `free` goes (a guide in
    // reach of it wins over the grid's `snapped`, per axis), with the guides through the corner
    // shown across `resized`, the rectangle it makes.
    QPointF followCorner(QPointF free, QPointF snapped);
    void showCorner(QPointF corner, const QRectF& resized);
    void hide();
    void end(); // hides the guides and forgets the candidates

private:
    void show(const QVector<QLineF>& lines);

    CanvasScene* m_scene;
    QVector<QRectF> m_others;
    qreal m_reach = 6;
    QGraphicsPathItem* m_item = nullptr;
};

} // namespace pb::app
