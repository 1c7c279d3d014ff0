#pragma once

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace pb::app::alignment {

// Arrange > Align and Distribute, as draw.io, Figma and slide tools do them: edges and centres
// line up with the selection's outermost one (or the middle of its bounds), and distributing
// leaves equal gaps between neighbours, the two outermost staying where they are.
enum class Op
{
    Left,
    Center,
    Right,
    Top,
    Middle,
    Bottom,
    DistributeHorizontally,
    DistributeVertically
};

// How many elements the operation needs to mean anything: two to align, three to distribute.
int least(Op op);

// The new top-left of each box that moves, by its id; boxes already in place are left out, so
// an empty result means nothing would change. Fewer boxes than least(op): empty.
QHash<QString, QPointF> plan(const QHash<QString, QRectF>& boxes, Op op);

} // namespace pb::app::alignment
