#pragma once

#include <QPointF>
#include <QSizeF>

namespace pb::app {

class CanvasScene;

// Where something of `size` placed without a pointer goes: the middle of the view, or the nearest
// spot around it where no component is in the way and no zone's edge crosses it (inside a zone
// is fine). The centre itself when nothing near is free.
QPointF freeSpotNear(const CanvasScene* scene, QPointF centre, QSizeF size);

} // namespace pb::app
