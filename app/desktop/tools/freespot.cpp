#include "app/desktop/tools/freespot.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/zoneitem.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pb::app {

namespace {
// Room for a component or a zone: no component in it, and no zone's edge across it.
bool isFree(const CanvasScene* scene, const QRectF& room)
{
    for (QGraphicsItem* item : scene->items(room, Qt::IntersectsItemBoundingRect)) {
        if (dynamic_cast<ComponentItem*>(item)) return false;
        if (auto* zone = dynamic_cast<ZoneItem*>(item); zone && !zone->sceneBoundingRect().contains(room)) return false;
    }
    return true;
}
} // namespace

// Placed in the middle regardless, a component covered what was there and could straddle a zone's
// border.
QPointF freeSpotNear(const CanvasScene* scene, QPointF centre, QSizeF size)
{
    constexpr qreal gap = 24;
    const QPointF step(size.width() + gap, size.height() + gap);
    for (int ring = 0; ring <= 10; ++ring) {
        std::vector<QPointF> around;
        for (int i = -ring; i <= ring; ++i)
            for (int j = -ring; j <= ring; ++j)
                if (std::max(std::abs(i), std::abs(j)) == ring) around.push_back(centre + QPointF(i * step.x(), j * step.y()));
        std::stable_sort(around.begin(), around.end(), [centre](QPointF a, QPointF b) {
            return QLineF(centre, a).length() < QLineF(centre, b).length();
        });
        for (const QPointF at : around) {
            const QRectF room(at - QPointF(size.width() + gap, size.height() + gap) / 2, size + QSizeF(gap, gap));
            if (isFree(scene, room)) return at;
        }
    }
    return centre;
}

} // namespace pb::app
