#pragma once

#include "app/desktop/labelfit.h"
#include "model/design.h"

#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace pb::app {

class CanvasScene;
class FlowItem;

// One component on the canvas: a card with the kind icon, the label and the kind name.
// Geometry comes only from the model (sync()); flows attached to it follow its moves.
class ComponentItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 1
    };
    static constexpr qreal kHandleRadius = 7;

    ComponentItem(CanvasScene* scene, const QString& id);
    int type() const override { return Type; }
    QString id() const { return m_id; }

    void sync(const model::Component& c);
    QRectF rect() const { return m_rect; }
    QRectF sceneRect() const { return m_rect.translated(pos()); }
    QString label() const { return m_label; }

    // The connection handle (right edge, shown on hover/selection): dragging it starts a flow.
    QPointF handleScenePos() const;
    bool isOnHandle(QPointF scenePos) const;
    // The resize grip (bottom-right corner, shown when selected).
    bool isOnResizeGrip(QPointF scenePos) const;

    void addFlow(FlowItem* f) { m_flows.append(f); }
    void removeFlow(FlowItem* f) { m_flows.removeAll(f); }
    const QList<FlowItem*>& flows() const { return m_flows; }
    void setBadge(const QString& severity, int count);
    QString badgeSeverity() const { return m_badgeSeverity; }
    int badgeCount() const { return m_badgeCount; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* e) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* e) override;

private:
    void paintDetails(QPainter* p, const struct GroupColors& gc, bool reviewMarks);
    void paintLabelOnly(QPainter* p, const struct GroupColors& gc, qreal lod);
    void paintBadge(QPainter* p, qreal grow);
    CanvasScene* canvas() const;

    QString m_id;
    QRectF m_rect;
    QString m_label, m_kindName, m_icon, m_group, m_badgeSeverity;
    // How the label was last set by paintLabelOnly, and at what zoom: working it out for every
    // item on every frame cost a third more per frame at 40 %.
    LabelLayout m_labelFit;
    QFont m_labelFitFor;      // the font it was fitted from (the painter's, at that zoom)
    qreal m_labelFitLod = 0;  // 0: fit again (the label or the box changed)
    int m_badgeCount = 0;
    bool m_inferred = false;
    bool m_hover = false;
    QList<FlowItem*> m_flows;
};

} // namespace pb::app
