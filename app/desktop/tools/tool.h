#pragma once

#include <QCursor>
#include <QString>

class QGraphicsSceneMouseEvent;
class QKeyEvent;

namespace pb::app {

class CanvasScene;

// A canvas interaction mode as a small object (select, connect, insert, zone), so the scene
// never switches on a mode. Handlers return true when they consumed the event.
class Tool
{
public:
    explicit Tool(CanvasScene* scene)
        : m_scene(scene)
    {
    }
    virtual ~Tool() = default;
    Tool(const Tool&) = delete;
    Tool& operator=(const Tool&) = delete;

    virtual QString name() const = 0;
    virtual QCursor cursor() const { return Qt::ArrowCursor; }
    virtual bool mousePress(QGraphicsSceneMouseEvent*) { return false; }
    virtual bool mouseMove(QGraphicsSceneMouseEvent*) { return false; }
    virtual bool mouseRelease(QGraphicsSceneMouseEvent*) { return false; }
    virtual bool mouseDoubleClick(QGraphicsSceneMouseEvent*) { return false; }
    virtual bool keyPress(QKeyEvent*) { return false; }
    // Abandon a gesture in progress (Escape, tool switch).
    virtual void cancel() {}
    // One-shot tools (insert, zone) set this when done; the scene then returns to selecting.
    bool isFinished() const { return m_finished; }

protected:
    CanvasScene* m_scene;
    bool m_finished = false;
};

} // namespace pb::app
