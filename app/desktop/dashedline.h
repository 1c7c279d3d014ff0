#pragma once

#include <QPen>
#include <QPolygonF>
#include <QRectF>

class QPainter;
class QWidget;

namespace pb::app {

// A dashed or dotted polyline stroked only where it can be seen. Qt's dash stroker walks a line's
// whole length dash by dash, wherever the clip is: the long asynchronous flows and the dotted
// outlines of large zones in a big design were most of a repaint. The dash offset keeps each
// piece in step with the whole line, so the pattern does not crawl as the view scrolls. Also
// what a PNG export draws (with everything visible): past about 10,000 dashes in one call, Qt's
// stroker draws the line solid.
void drawDashedVisible(QPainter* p, const QPolygonF& points, QPen pen, const QRectF& visible);

// A dashed polyline as it should look on the painter's device: pieces on screen and in images,
// one polyline for an SVG export (one element, dashed by whatever reads it). `widget` is what
// QGraphicsItem::paint() is given: null when exporting.
void drawDashed(QPainter* p, const QPolygonF& points, const QPen& pen, const QWidget* widget);

// Liang–Barsky: the part of segment a→b inside r, as t0 ≤ t1 along it (0 at a, 1 at b); false
// when none of it is. Shared by the dashed lines and by fixes looking for a clear spot.
bool clipSegment(QPointF a, QPointF b, const QRectF& r, qreal& t0, qreal& t1);

// True when any segment of the polyline passes through r.
bool crossesRect(const QPolygonF& line, const QRectF& r);

// What of the scene the widget shows, in the painter's item coordinates, with a margin for pen
// widths.
QRectF visibleRect(const QPainter* p, const QWidget* widget);

} // namespace pb::app
