#pragma once

#include "app/desktop/flowitem.h"

#include <QCoreApplication>
#include <QPolygonF>
#include <QString>

namespace pb::app {

class CanvasScene;

// Bending a flow by hand, for the select tool: a press on a selected flow's handle starts it,
// the flow follows the mouse (a preview: the model changes once, on release, in one undo step),
// and a double-click on a bend takes it out. Bends snap to the grid as components do.
class BendGesture
{
    Q_DECLARE_TR_FUNCTIONS(pb::app::BendGesture)

public:
    explicit BendGesture(CanvasScene* scene);
    ~BendGesture();
    BendGesture(const BendGesture&) = delete;
    BendGesture& operator=(const BendGesture&) = delete;

    bool isActive() const { return !m_flow.isEmpty(); }
    // Starts when `scenePos` is on a handle of a selected flow; false otherwise.
    bool begin(QPointF scenePos);
    void move(QPointF scenePos);
    void finish(QPointF scenePos);
    void cancel();
    // Takes out the bend under `scenePos` of a selected flow; false when there is none there.
    bool removeAt(QPointF scenePos);

private:
    FlowItem* item() const;
    QPolygonF bendsFor(QPointF scenePos) const;

    CanvasScene* m_scene;
    QString m_flow;
    FlowItem::Handle m_handle;
    QPolygonF m_from; // the points between the ends at the press
    bool m_orthogonal = false;
    QPointF m_pressPos;
    bool m_moved = false;
};

} // namespace pb::app
