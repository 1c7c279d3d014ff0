#include "app/desktop/tools/connecttool.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/kinds.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

#include <algorithm>
#include <cmath>

namespace pb::app {

namespace {
// Room for a component: no other component in it, and no zone's edge across it.
bool isFree(const CanvasScene* scene, const QRectF& room)
{
    for (QGraphicsItem* item : scene->items(room, Qt::IntersectsItemBoundingRect)) {
        if (dynamic_cast<ComponentItem*>(item)) return false;
        if (auto* zone = dynamic_cast<ZoneItem*>(item); zone && !zone->sceneBoundingRect().contains(room)) return false;
    }
    return true;
}

// With no pointer to say where, a component goes in the middle of the view, or the nearest spot
// around it that is free: placed in the middle regardless, it covered what was there and could
// straddle a zone's border.
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
} // namespace

ConnectTool::ConnectTool(CanvasScene* scene)
    : Tool(scene)
    , m_gesture(scene)
{
}

bool ConnectTool::mousePress(QGraphicsSceneMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) return false;
    // Taken here: passed on, the view starts a rubber band, and a connection dragged to empty
    // canvas selected every flow it crossed.
    e->accept();
    for (QGraphicsItem* item : m_scene->items(e->scenePos()))
        if (item->type() == ComponentItem::Type) {
            m_gesture.begin(static_cast<ComponentItem*>(item), e->scenePos());
            return true;
        }
    return true;
}

bool ConnectTool::mouseMove(QGraphicsSceneMouseEvent* e)
{
    m_gesture.move(e->scenePos(), e->modifiers() & Qt::AltModifier);
    return true;
}

bool ConnectTool::mouseRelease(QGraphicsSceneMouseEvent* e)
{
    const QString id = m_gesture.finish(e->scenePos(), e->modifiers() & Qt::AltModifier);
    if (!id.isEmpty()) m_scene->selectIds({id});
    return true;
}

InsertComponentTool::InsertComponentTool(CanvasScene* scene, const std::string& kind)
    : Tool(scene)
    , m_kind(kind)
{
}

bool InsertComponentTool::mousePress(QGraphicsSceneMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) {
        m_finished = true; // right click: give up placing
        return true;
    }
    m_scene->placeComponent(m_kind, e->scenePos());
    // Taken here: passed on, the view would start a rubber band, which clears the selection and
    // left the new component unselected (and the inspector empty).
    e->accept();
    m_finished = true;
    return true;
}

// Keyboard only: the palette arms the kind, Enter places it in the middle of the view.
bool InsertComponentTool::keyPress(QKeyEvent* e)
{
    if (e->key() != Qt::Key_Return && e->key() != Qt::Key_Enter) return false;
    model::Component probe;
    probe.kind = m_kind;
    m_scene->placeComponent(m_kind, freeSpotNear(m_scene, m_scene->visibleCentre(), componentSize(probe)));
    m_finished = true;
    return true;
}

} // namespace pb::app
