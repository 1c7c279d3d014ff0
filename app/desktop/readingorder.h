#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <utility>

namespace pb::app {

class CanvasScene;

// Orders for moving through the drawing from the keyboard, read from the scene's items (what is
// drawn, where it is drawn).

// Ids of `rects` in reading order: rows from the top, left to right within a row. An element
// whose middle lies within the height of the row's first one belongs to that row, so that a
// row drawn a few pixels out of line still reads as one row.
QStringList readingOrder(QList<std::pair<QString, QRectF>> rects);

// Every element in the order Tab visits them: components in reading order, then zones in
// reading order, then flows by their source's place among the components, then their target's.
// Grouped rather than interleaved, as a screen reader's list would be: the components, which
// most keys act on, come first and without zones and arrows between them.
QStringList elementOrder(const CanvasScene* scene);

// The component nearest to `from` in `direction` (a unit step such as (1, 0)), not `exclude`:
// among those whose middle lies beyond `from` that way, the one with the least distance along
// the direction plus twice the distance across it, so that one straight ahead wins over a
// nearer one far off to the side. Empty when there is none that way.
QString nearestComponent(const CanvasScene* scene, QPointF from, QPointF direction,
                         const QString& exclude);

// Where an element is for moving from it: a component's or zone's middle, a flow's halfway point.
QPointF elementCentre(const CanvasScene* scene, const QString& id);

} // namespace pb::app
