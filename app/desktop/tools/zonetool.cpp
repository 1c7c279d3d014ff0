#include "app/desktop/tools/zonetool.h"

#include "app/desktop/tools/freespot.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPen>
#include <QUndoStack>

namespace pb::app {

ZoneTool::ZoneTool(CanvasScene* scene, const std::string& kind)
    : Tool(scene)
    , m_kind(kind)
{
}

ZoneTool::~ZoneTool()
{
    cancel();
}

bool ZoneTool::mousePress(QGraphicsSceneMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) {
        m_finished = true;
        return true;
    }
    m_origin = m_scene->snap(e->scenePos());
    m_preview = new QGraphicsRectItem(QRectF(m_origin, m_origin));
    m_preview->setPen(QPen(m_scene->colors().dropTarget, 1.5, Qt::DashLine));
    m_preview->setBrush(m_scene->colors().dropTargetFill);
    m_preview->setZValue(1000);
    m_scene->addItem(m_preview);
    return true;
}

bool ZoneTool::mouseMove(QGraphicsSceneMouseEvent* e)
{
    if (m_preview) m_preview->setRect(QRectF(m_origin, m_scene->snap(e->scenePos())).normalized());
    return true;
}

bool ZoneTool::mouseRelease(QGraphicsSceneMouseEvent* e)
{
    if (!m_preview) return true;
    QRectF r = QRectF(m_origin, m_scene->snap(e->scenePos())).normalized();
    cancel();
    if (r.width() < 40 || r.height() < 40) r = QRectF(m_origin, QSizeF(360, 240));
    r.setSize(r.size().expandedTo(zoneMinimumSize()));
    const QString id = createZone(m_scene, m_kind, r);
    m_scene->selectIds({id});
    m_finished = true;
    return true;
}

// Keyboard only: Enter draws the zone around what is selected (found with Find, say), which it
// then holds; with nothing selected, a zone of a default size in the middle of the view, or the
// nearest free spot: in the middle regardless, it lay over components it did not hold.
bool ZoneTool::keyPress(QKeyEvent* e)
{
    if (e->key() != Qt::Key_Return && e->key() != Qt::Key_Enter) return false;
    QRectF around;
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (item->type() == ComponentItem::Type || item->type() == ZoneItem::Type) around |= item->sceneBoundingRect();
    QRectF rect(QPointF(), QSizeF(480, 320));
    if (!around.isEmpty()) {
        rect = around.adjusted(-40, -56, 40, 40); // room for the zone's title above
        rect.setSize(rect.size().expandedTo(zoneMinimumSize()));
    } else {
        rect.moveCenter(m_scene->snap(freeSpotNear(m_scene, m_scene->visibleCentre(), rect.size())));
    }
    createZone(m_scene, m_kind, rect);
    m_finished = true;
    return true;
}

void ZoneTool::cancel()
{
    if (!m_preview) return;
    m_scene->removeItem(m_preview);
    delete m_preview;
    m_preview = nullptr;
}

QString ZoneTool::createZone(CanvasScene* scene, const std::string& kind, const QRectF& rect)
{
    Document* doc = scene->document();
    AddElementsCommand* add = commands::addZone(doc, kind, rect);
    const QString id = add->ids().value(0);
    QUndoStack* stack = doc->undoStack();
    stack->beginMacro(add->text());
    stack->push(add);
    // Adopt the outermost elements inside; nested ones keep their own inner zone.
    QHash<QString, QString> parents;
    const model::Design& d = doc->design();
    auto inside = [&](const QString& other) {
        QGraphicsItem* item = scene->itemFor(other);
        return item && other != id &&
               rect.contains(item->sceneBoundingRect().adjusted(4, 12, -10, -6));
    };
    const auto parentOf = d.parentZones(); // parentZone() per element read every zone's members
    auto adopt = [&](const std::string& other) {
        const QString oid = qs(other);
        if (!inside(oid)) return;
        const auto parent = parentOf.find(other);
        if (parent != parentOf.end() && inside(qs(parent->second->id))) return;
        parents.insert(oid, id);
    };
    for (const auto& c : d.components())
        adopt(c.id);
    for (const auto& z : d.zones())
        adopt(z.id);
    QSet<QString> exclude{id};
    for (auto it = parents.begin(); it != parents.end(); ++it)
        exclude.insert(it.key());
    if (ZoneItem* outer = scene->zoneAround(rect, exclude)) parents.insert(id, outer->id());
    if (QUndoCommand* m = commands::move(doc, {}, parents)) stack->push(m);
    stack->endMacro();
    return id;
}

} // namespace pb::app
