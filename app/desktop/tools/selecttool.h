#pragma once

#include "app/desktop/tools/bendgesture.h"
#include "app/desktop/tools/connectgesture.h"
#include "app/desktop/tools/snapguides.h"
#include "app/desktop/tools/tool.h"

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QStringList>

class QGraphicsRectItem;
class QGraphicsView;

namespace pb::app {

// The default tool: click and rubber-band selection (Qt's own), moving with one undo command
// per gesture (positions recorded on press, pushed on release, membership updated by where the
// element lands) and lined up by smart guides on the way, resizing from the corner grip, new
// flows from a component's handle, and bending a selected flow by its handles.
class SelectTool : public Tool
{
public:
    explicit SelectTool(CanvasScene* scene);
    ~SelectTool() override;
    QString name() const override { return QStringLiteral("select"); }
    bool mousePress(QGraphicsSceneMouseEvent* e) override;
    bool mouseMove(QGraphicsSceneMouseEvent* e) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* e) override;
    bool mouseDoubleClick(QGraphicsSceneMouseEvent* e) override;
    bool keyPress(QKeyEvent* e) override;
    void cancel() override;

private:
    void recordPress();
    void pushMove();
    // Moves what Qt dragged onto a guide in reach (SnapGuides::follow), once Qt has moved it.
    void lineUp(QPointF scenePos);
    // The zone each moved root lands in, where it differs from its zone now; `offset` is a move
    // not yet made (a nudge).
    QHash<QString, QString> newParents(QPointF offset = {}) const;
    bool beginResize(QPointF scenePos, const QGraphicsView* view);
    void finishResize(QPointF scenePos);
    // The rectangle the grip dragged to `scenePos` makes, lined up by the guides in reach
    // (and showing them when `show`).
    QRectF resizedRect(QPointF scenePos, bool show = false);

    ConnectGesture m_connect;
    BendGesture m_bend;
    SnapGuides m_guides;
    QPointF m_pressPos; // scene
    QHash<QString, QPointF> m_start; // element id → position at press
    QStringList m_roots;             // what the user picked up (not carried members)
    QString m_resizeId;
    QRectF m_resizeFrom;
    QGraphicsRectItem* m_resizePreview = nullptr;
};

} // namespace pb::app
