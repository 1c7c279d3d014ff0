#include "app/desktop/tools/bendgesture.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <cmath>

namespace pb::app {

namespace {
// The selected flow with a handle under `scenePos`, and which handle.
FlowItem* flowWithHandle(const CanvasScene* scene, QPointF scenePos, FlowItem::Handle& handle)
{
    for (QGraphicsItem* item : scene->selectedItems()) {
        if (item->type() != FlowItem::Type) continue;
        auto* flow = static_cast<FlowItem*>(item);
        if (auto h = flow->handleAt(scenePos)) {
            handle = *h;
            return flow;
        }
    }
    return nullptr;
}
} // namespace

BendGesture::BendGesture(CanvasScene* scene)
    : m_scene(scene)
{
}

BendGesture::~BendGesture()
{
    cancel();
}

FlowItem* BendGesture::item() const
{
    return m_scene->flowItem(m_flow);
}

bool BendGesture::begin(QPointF scenePos)
{
    FlowItem* flow = flowWithHandle(m_scene, scenePos, m_handle);
    if (!flow) return false;
    m_flow = flow->id();
    m_from = flow->innerPoints();
    m_orthogonal = flow->isOrthogonal();
    m_pressPos = scenePos;
    m_moved = false;
    return true;
}

QPolygonF BendGesture::bendsFor(QPointF scenePos) const
{
    const QPointF at = m_scene->snapEnabled() ? m_scene->snap(scenePos) : scenePos;
    QPolygonF bends = m_from;
    // On an orthogonal route, a leg between two corners moves whole, square to itself, as in
    // draw.io: a new bend in it would only add a jog.
    const int leg = m_handle.index; // between corners leg - 1 and leg
    if (m_handle.insert && m_orthogonal && leg >= 1 && leg < bends.size()) {
        QPointF& p = bends[leg - 1];
        QPointF& q = bends[leg];
        if (std::abs(p.x() - q.x()) < 1e-6) {
            p.setX(at.x());
            q.setX(at.x());
            return bends;
        }
        if (std::abs(p.y() - q.y()) < 1e-6) {
            p.setY(at.y());
            q.setY(at.y());
            return bends;
        }
    }
    if (m_handle.insert)
        bends.insert(m_handle.index, at);
    else if (m_handle.index < bends.size())
        bends[m_handle.index] = at;
    return bends;
}

void BendGesture::move(QPointF scenePos)
{
    // A hand never holds still: a click that wanders a pixel or two is still a click.
    m_moved = m_moved || QLineF(m_pressPos, scenePos).length() > 2;
    if (FlowItem* flow = item(); flow && m_moved) flow->previewBends(bendsFor(scenePos));
}

void BendGesture::finish(QPointF scenePos)
{
    const bool clicked = !m_moved && QLineF(m_pressPos, scenePos).length() <= 2;
    const QPolygonF bends = bendsFor(scenePos);
    const QString id = m_flow;
    cancel();
    // A click on a handle changes nothing: on a round one it would bend a straight line in
    // place, on a square one pull its bend onto the grid.
    if (clicked) return;
    Document* doc = m_scene->document();
    if (QUndoCommand* cmd = commands::setBends(doc, id, bends, tr("Bend %1"))) doc->undoStack()->push(cmd);
}

void BendGesture::cancel()
{
    if (FlowItem* flow = item()) flow->endPreview();
    m_flow.clear();
}

bool BendGesture::removeAt(QPointF scenePos)
{
    FlowItem::Handle handle;
    FlowItem* flow = flowWithHandle(m_scene, scenePos, handle);
    if (!flow || handle.insert || !flow->hasBends()) return false;
    QPolygonF bends = flow->innerPoints();
    bends.remove(handle.index);
    Document* doc = m_scene->document();
    if (QUndoCommand* cmd = commands::setBends(doc, flow->id(), bends, tr("Remove a bend of %1")))
        doc->undoStack()->push(cmd);
    return true;
}

} // namespace pb::app
