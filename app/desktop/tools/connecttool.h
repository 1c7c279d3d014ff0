#pragma once

#include "app/desktop/tools/connectgesture.h"
#include "app/desktop/tools/tool.h"

namespace pb::app {

// Press on one component, release on another: a flow. Stays active for several flows.
class ConnectTool : public Tool
{
public:
    explicit ConnectTool(CanvasScene* scene);
    QString name() const override { return QStringLiteral("connect"); }
    QCursor cursor() const override { return Qt::CrossCursor; }
    bool mousePress(QGraphicsSceneMouseEvent* e) override;
    bool mouseMove(QGraphicsSceneMouseEvent* e) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* e) override;
    void cancel() override { m_gesture.cancel(); }

private:
    ConnectGesture m_gesture;
};

// Click-then-place from the palette: the next click adds a component of `kind` there.
class InsertComponentTool : public Tool
{
public:
    InsertComponentTool(CanvasScene* scene, const std::string& kind);
    QString name() const override
    {
        return QStringLiteral("insert:") + QString::fromStdString(m_kind);
    }
    QCursor cursor() const override { return Qt::CrossCursor; }
    bool mousePress(QGraphicsSceneMouseEvent* e) override;
    bool mouseMove(QGraphicsSceneMouseEvent*) override { return true; }
    bool mouseRelease(QGraphicsSceneMouseEvent*) override { return true; }
    bool keyPress(QKeyEvent* e) override;

private:
    std::string m_kind;
};

} // namespace pb::app
