#include "app/desktop/tools/connecttool.h"

#include "app/desktop/tools/freespot.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/kinds.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

#include <algorithm>
#include <cmath>

namespace pb::app {


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
