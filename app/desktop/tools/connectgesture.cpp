#include "app/desktop/tools/connectgesture.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"

#include <QCoreApplication>
#include <QGraphicsPathItem>
#include <QPen>
#include <QUndoStack>

namespace pb::app {

ConnectGesture::ConnectGesture(CanvasScene* scene)
    : m_scene(scene)
{
}

ConnectGesture::~ConnectGesture()
{
    cancel();
}

void ConnectGesture::begin(ComponentItem* source, QPointF scenePos)
{
    cancel();
    m_source = source->id();
    m_preview = new QGraphicsPathItem();
    QPen pen(m_scene->colors().dropTarget, 2, Qt::DashLine);
    m_preview->setPen(pen);
    m_preview->setZValue(1000);
    m_scene->addItem(m_preview);
    move(scenePos, false);
}

ComponentItem* ConnectGesture::targetAt(QPointF scenePos) const
{
    for (QGraphicsItem* item : m_scene->items(scenePos)) {
        if (item->type() != ComponentItem::Type) continue;
        auto* c = static_cast<ComponentItem*>(item);
        if (c->id() != m_source) return c;
    }
    return nullptr;
}

void ConnectGesture::move(QPointF scenePos, bool detach)
{
    if (!m_preview) return;
    ComponentItem* source = m_scene->componentItem(m_source);
    if (!source) return cancel();
    ComponentItem* target = detach ? nullptr : targetAt(scenePos);
    QPainterPath path(source->sceneRect().center());
    path.lineTo(target ? target->sceneRect().center() : scenePos);
    m_preview->setPath(path);
    QPen pen = m_preview->pen();
    pen.setColor(detach ? m_scene->colors().flowUnattached : m_scene->colors().dropTarget);
    m_preview->setPen(pen);
    m_scene->setDropTarget(target);
}

QString ConnectGesture::finish(QPointF scenePos, bool detach)
{
    if (!m_preview) return {};
    ComponentItem* target = detach ? nullptr : targetAt(scenePos);
    const QString source = m_source;
    cancel();
    if (!target) {
        m_scene->showStatus(
            detach ? QCoreApplication::translate(
                         "Canvas", "Flow dropped: a flow needs a component at both ends.")
                   : QCoreApplication::translate("Canvas",
                                                 "Release over another component to connect it."));
        return {};
    }
    Document* doc = m_scene->document();
    AddElementsCommand* cmd =
        commands::addFlow(doc, source.toStdString(), target->id().toStdString());
    if (!cmd) return {};
    const QString id = cmd->ids().value(0);
    doc->undoStack()->push(cmd);
    return id;
}

void ConnectGesture::cancel()
{
    if (m_preview) {
        m_scene->setDropTarget(nullptr);
        m_scene->removeItem(m_preview);
        delete m_preview;
        m_preview = nullptr;
    }
    m_source.clear();
}

} // namespace pb::app
