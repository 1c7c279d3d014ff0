#pragma once

#include "model/design.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <QString>

namespace pb::app {

class CanvasScene;
class ComponentItem;

// An arrow between two components. Straight or orthogonal (per flow, property `routing`),
// dashed when asynchronous. The path is recomputed in adjust() — called when an end moves —
// never in paint(); the bounding rect hugs the path so the BSP index stays effective.
class FlowItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 2
    };

    FlowItem(CanvasScene* scene, const QString& id);
    int type() const override { return Type; }
    QString id() const { return m_id; }

    void sync(const model::Design& d, const model::Flow& f, ComponentItem* from, ComponentItem* to);
    void adjust();
    ComponentItem* source() const { return m_from; }
    ComponentItem* target() const { return m_to; }
    bool isOrthogonal() const { return m_orthogonal; }
    bool isAsync() const { return m_async; }
    QPainterPath path() const { return m_path; }
    QRectF labelRect() const { return m_labelRect; }

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;

private:
    QPolygonF route() const;
    QRectF placeLabel() const;
    CanvasScene* canvas() const;

    QString m_id;
    ComponentItem* m_from = nullptr;
    ComponentItem* m_to = nullptr;
    QString m_label;
    std::string m_labelSource; // the model's label that m_label and m_labelBox were made from
    QRectF m_labelBox;
    std::vector<model::Point> m_bends;
    bool m_orthogonal = false;
    bool m_async = false;
    QPainterPath m_path;
    QPolygonF m_points;
    QPolygonF m_arrow;
    QRectF m_labelRect;
    QRectF m_bounds;
};

} // namespace pb::app
