#pragma once

#include "model/design.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <QString>

#include <optional>

namespace pb::app {

class CanvasScene;
class ComponentItem;
struct CanvasColors;

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

    // Bending by hand, as draw.io's waypoints: a selected flow shows a square handle on each
    // bend and a round one half way along each segment. Dragging a square moves its bend,
    // dragging a round one makes a new bend there.
    struct Handle
    {
        int index = 0;       // the bend (a square), or the segment whose middle it is (round)
        bool insert = false; // round: a new bend goes in at `index`
    };
    // The handle of a selected flow under `scenePos`, if any.
    std::optional<Handle> handleAt(QPointF scenePos) const;
    // The points the line passes through between its ends: its bends, or where its routing
    // turns when it has none (an orthogonal route's elbows become bends once one is dragged).
    QPolygonF innerPoints() const { return m_points.mid(1, m_points.size() - 2); }
    bool hasBends() const { return !m_bends.empty(); }
    // The line as drawn, from end to end.
    const QPolygonF& points() const { return m_points; }
    // Shows the flow through `bends` while a drag is under way; endPreview() goes back to the
    // model's (the command that ends the drag brings the new ones through sync()).
    void previewBends(const QPolygonF& bends);
    void endPreview();

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;

private:
    QPolygonF route() const;
    QVector<QPointF> handlePoints(bool inserts) const;
    void paintHandles(QPainter* p, const CanvasColors& k) const;
    QRectF placeLabel() const;
    // The label's box at `t` along `segment`: on it, or beside it when the segment is too short.
    QRectF labelAt(const QLineF& segment, qreal t) const;
    bool overZoneTitle(const QRectF& r) const;
    CanvasScene* canvas() const;

    QString m_id;
    ComponentItem* m_from = nullptr;
    ComponentItem* m_to = nullptr;
    QString m_label;
    std::string m_labelSource; // the model's label that m_label and m_labelBox were made from
    QRectF m_labelBox;
    std::vector<model::Point> m_bends;      // as drawn now (a preview while bending)
    std::vector<model::Point> m_modelBends; // as the model has them
    bool m_orthogonal = false;
    bool m_async = false;
    QPainterPath m_path;
    QPolygonF m_points;
    QPolygonF m_arrow;
    QRectF m_labelRect;
    QRectF m_bounds;
};

} // namespace pb::app
