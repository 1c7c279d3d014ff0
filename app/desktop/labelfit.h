#pragma once

#include <QFont>
#include <QSizeF>
#include <QStringList>

class QPaintDevice;

namespace pb::app {

// How a component's label is set in its box when the whole design is in view (30–55 % zoom, the
// label alone). One line elided at the large font cut most service names ("dispatch-se…",
// "location-s…") in the example designs: a name that does not fit is broken in two where it has
// a natural break ('-', '_', '.', '/', ' '), or set smaller, and elided only when neither fits.
struct LabelLayout
{
    QFont font;
    QStringList lines; // one or two, each fitting the box's width
};

// `font` is the size wanted; `smallest` the point size it may shrink to; `device` the painter's
// (its resolution sets the metrics), nullptr for the screen's.
LabelLayout fitLabel(const QString& text, QFont font, const QSizeF& box, qreal smallest,
                     const QPaintDevice* device = nullptr);

} // namespace pb::app
