#pragma once

#include <QPointF>
#include <QString>

class QGraphicsPathItem;

namespace pb::app {

class CanvasScene;
class ComponentItem;

// Dragging a new flow from a component to another, shared by the connect tool and the
// select tool's connection handle. Holding Alt drops the flow without attaching it: the
// model has no dangling flow ends (rules need both ends), so nothing is created and the
// status bar says why.
class ConnectGesture
{
public:
    explicit ConnectGesture(CanvasScene* scene);
    ~ConnectGesture();

    bool isActive() const { return m_preview != nullptr; }
    void begin(ComponentItem* source, QPointF scenePos);
    void move(QPointF scenePos, bool detach);
    // Creates the flow when released over another component; returns the new flow id or "".
    QString finish(QPointF scenePos, bool detach);
    void cancel();

private:
    ComponentItem* targetAt(QPointF scenePos) const;

    CanvasScene* m_scene;
    QString m_source;
    QGraphicsPathItem* m_preview = nullptr;
};

} // namespace pb::app
