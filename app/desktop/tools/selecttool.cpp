#include "app/desktop/tools/selecttool.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QPen>
#include <QUndoStack>

namespace pb::app {

namespace {
// The view a mouse event came through (its viewport's parent): the guides' reach is in its pixels.
const QGraphicsView* viewOf(const QGraphicsSceneMouseEvent* e)
{
    return e->widget() ? qobject_cast<const QGraphicsView*>(e->widget()->parentWidget()) : nullptr;
}
} // namespace

SelectTool::SelectTool(CanvasScene* scene)
    : Tool(scene)
    , m_connect(scene)
    , m_bend(scene)
    , m_guides(scene)
{
}

SelectTool::~SelectTool()
{
    cancel();
}

bool SelectTool::mousePress(QGraphicsSceneMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) return false;
    const QPointF p = e->scenePos();
    for (QGraphicsItem* item : m_scene->items(p)) {
        if (item->type() == ComponentItem::Type) {
            auto* c = static_cast<ComponentItem*>(item);
            if (c->isOnHandle(p)) {
                m_connect.begin(c, p);
                e->accept();
                return true;
            }
            break;
        }
    }
    // Taken here: passed on, the view starts a rubber band whose selection replaces the one
    // being resized or bent, and a zone lost its selection when its grip was let go.
    if (m_bend.begin(p) || beginResize(p, viewOf(e))) {
        e->accept();
        return true;
    }
    m_scene->baseMousePress(e);
    recordPress();
    m_pressPos = p;
    if (m_scene->guidesEnabled() && !m_start.isEmpty()) {
        const QSet<QString> moving(m_start.keyBegin(), m_start.keyEnd());
        m_guides.begin(moving, viewOf(e));
    }
    return true;
}

bool SelectTool::mouseMove(QGraphicsSceneMouseEvent* e)
{
    const bool detach = e->modifiers() & Qt::AltModifier;
    if (m_connect.isActive()) {
        m_connect.move(e->scenePos(), detach);
        return true;
    }
    if (m_resizePreview) {
        m_resizePreview->setRect(resizedRect(e->scenePos(), true));
        return true;
    }
    if (m_bend.isActive()) {
        m_bend.move(e->scenePos());
        return true;
    }
    m_scene->baseMouseMove(e);
    if ((e->buttons() & Qt::LeftButton) && m_scene->guidesEnabled()) lineUp(e->scenePos());
    if ((e->buttons() & Qt::LeftButton) && m_roots.size() == 1) {
        // Show which zone the dragged element will belong to when dropped.
        QGraphicsItem* item = m_scene->itemFor(m_roots.first());
        QSet<QString> exclude = m_scene->descendantsOf(m_roots.first());
        exclude.insert(m_roots.first());
        m_scene->setDropTarget(item ? m_scene->zoneAt(item->sceneBoundingRect().center(), exclude)
                                    : nullptr);
    }
    return true;
}

bool SelectTool::mouseRelease(QGraphicsSceneMouseEvent* e)
{
    if (m_connect.isActive()) {
        m_connect.finish(e->scenePos(), e->modifiers() & Qt::AltModifier);
        return true;
    }
    if (m_resizePreview) {
        finishResize(e->scenePos());
        return true;
    }
    if (m_bend.isActive()) {
        m_bend.finish(e->scenePos());
        return true;
    }
    m_scene->baseMouseRelease(e);
    m_scene->setDropTarget(nullptr);
    m_guides.end();
    pushMove();
    return true;
}

bool SelectTool::mouseDoubleClick(QGraphicsSceneMouseEvent* e)
{
    return e->button() == Qt::LeftButton && m_bend.removeAt(e->scenePos());
}

bool SelectTool::keyPress(QKeyEvent* e)
{
    // Arrow keys nudge the selection by one grid step (Shift: five); a burst of presses is one
    // undo step (EditElementsCommand::mergeNudges).
    QPointF step;
    switch (e->key()) {
    case Qt::Key_Left:
        step = {-1, 0};
        break;
    case Qt::Key_Right:
        step = {1, 0};
        break;
    case Qt::Key_Up:
        step = {0, -1};
        break;
    case Qt::Key_Down:
        step = {0, 1};
        break;
    default:
        return false;
    }
    step *= m_scene->gridSize() * ((e->modifiers() & Qt::ShiftModifier) ? 5 : 1);
    recordPress();
    if (m_start.isEmpty()) return false;
    QHash<QString, QPointF> moved;
    for (auto it = m_start.begin(); it != m_start.end(); ++it)
        moved.insert(it.key(), it.value() + step);
    // Nudged into a zone, or out of one, it joins or leaves it as a drop does: otherwise the
    // keyboard alone could never put a component into a zone.
    const QHash<QString, QString> parents = newParents(step);
    m_start.clear();
    m_roots.clear();
    Document* doc = m_scene->document();
    if (EditElementsCommand* cmd = commands::move(doc, moved, parents)) {
        cmd->mergeNudges();
        doc->undoStack()->push(cmd);
    }
    return true;
}

void SelectTool::cancel()
{
    m_connect.cancel();
    m_bend.cancel();
    m_guides.end();
    if (m_resizePreview) {
        m_scene->removeItem(m_resizePreview);
        delete m_resizePreview;
        m_resizePreview = nullptr;
    }
    m_start.clear();
    m_roots.clear();
}

void SelectTool::recordPress()
{
    m_start.clear();
    m_roots.clear();
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        const QString id = CanvasScene::idOf(item);
        if (item->type() != ComponentItem::Type && item->type() != ZoneItem::Type) continue;
        if (isLocked(item)) continue; // held in place: neither a drag nor a nudge moves it
        m_roots << id;
        m_start.insert(id, item->pos());
        if (item->type() == ZoneItem::Type)
            for (const QString& member : m_scene->descendantsOf(id))
                if (QGraphicsItem* m = m_scene->itemFor(member)) m_start.insert(member, m->pos());
    }
}

QHash<QString, QString> SelectTool::newParents(QPointF offset) const
{
    QHash<QString, QPointF> offsets;
    for (const QString& id : m_roots) offsets.insert(id, offset);
    return m_scene->zonesAfterMove(offsets);
}

void SelectTool::pushMove()
{
    QHash<QString, QPointF> moved;
    for (auto it = m_start.begin(); it != m_start.end(); ++it)
        if (QGraphicsItem* item = m_scene->itemFor(it.key()); item && item->pos() != it.value())
            moved.insert(it.key(), item->pos());
    if (!moved.isEmpty()) {
        Document* doc = m_scene->document();
        if (QUndoCommand* cmd = commands::move(doc, moved, newParents()))
            doc->undoStack()->push(cmd);
    }
    m_start.clear();
    m_roots.clear();
}

void SelectTool::lineUp(QPointF scenePos)
{
    // Qt moves the selection only when the element pressed on may move (not a locked one). Not
    // "has it moved": the grid may leave it in place for a few pixels while a guide is in reach.
    const QGraphicsItem* grabber = m_scene->mouseGrabberItem();
    const QPointF dragged = scenePos - m_pressPos;
    if (!grabber || !(grabber->flags() & QGraphicsItem::ItemIsMovable) || dragged.isNull() || m_roots.isEmpty()) {
        m_guides.hide();
        return;
    }
    // Where the grid put the picked-up elements, and where the mouse alone would have.
    QRectF snapped, free;
    for (const QString& id : std::as_const(m_roots)) {
        QGraphicsItem* item = m_scene->itemFor(id);
        if (!item) continue;
        const QRectF box = CanvasScene::boxOf(item);
        snapped |= box;
        free |= box.translated(m_start.value(id) + dragged - item->pos());
    }
    const QPointF shift = m_guides.follow(free, snapped);
    if (shift.isNull()) return;
    m_scene->setPlacingExactly(true);
    for (const QString& id : std::as_const(m_roots))
        if (QGraphicsItem* item = m_scene->itemFor(id)) item->setPos(item->pos() + shift);
    m_scene->setPlacingExactly(false);
}

bool SelectTool::beginResize(QPointF scenePos, const QGraphicsView* view)
{
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        QRectF r;
        if (isLocked(item)) continue;
        if (item->type() == ComponentItem::Type &&
            static_cast<ComponentItem*>(item)->isOnResizeGrip(scenePos))
            r = static_cast<ComponentItem*>(item)->sceneRect();
        else if (item->type() == ZoneItem::Type &&
                 static_cast<ZoneItem*>(item)->isOnResizeGrip(scenePos))
            r = static_cast<ZoneItem*>(item)->sceneRect();
        if (r.isNull()) continue;
        m_resizeId = CanvasScene::idOf(item);
        m_resizeFrom = r;
        if (m_scene->guidesEnabled())
            m_guides.begin({m_resizeId}, view); // the grip's own edges line up
        m_resizePreview = new QGraphicsRectItem(r);
        m_resizePreview->setPen(QPen(m_scene->colors().selection, 1.5, Qt::DashLine));
        m_resizePreview->setZValue(1000);
        m_scene->addItem(m_resizePreview);
        return true;
    }
    return false;
}

QRectF SelectTool::resizedRect(QPointF scenePos, bool show)
{
    const bool zone = m_scene->zoneItem(m_resizeId) != nullptr;
    const QSizeF minimum = zone ? zoneMinimumSize() : QSizeF(80, 40);
    const QPointF snapped = m_scene->snapEnabled() ? m_scene->snap(scenePos) : scenePos;
    QPointF br = m_scene->guidesEnabled() ? m_guides.followCorner(scenePos, snapped) : snapped;
    br.setX(qMax(br.x(), m_resizeFrom.left() + minimum.width()));
    br.setY(qMax(br.y(), m_resizeFrom.top() + minimum.height()));
    const QRectF r(m_resizeFrom.topLeft(), br);
    if (show && m_scene->guidesEnabled()) m_guides.showCorner(br, r);
    return r;
}

void SelectTool::finishResize(QPointF scenePos)
{
    const QRectF r = resizedRect(scenePos);
    const QString id = m_resizeId;
    cancel();
    if (r == m_resizeFrom) return;
    Document* doc = m_scene->document();
    if (QUndoCommand* cmd = commands::resize(doc, id, r)) doc->undoStack()->push(cmd);
}

} // namespace pb::app
