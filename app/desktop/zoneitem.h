#pragma once

#include "model/design.h"

#include <QGraphicsItem>
#include <QPolygonF>
#include <QString>
#include <QStringList>

namespace pb::app {

class CanvasScene;
struct ZoneColors;

// A region, availability zone or trust boundary: a container with explicit members. Moving
// it by hand carries its members (and nested zones) along; positions set from the model do not.
class ZoneItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 3
    };

    ZoneItem(CanvasScene* scene, const QString& id);
    int type() const override { return Type; }
    QString id() const { return m_id; }
    QString kind() const { return m_kind; }

    void sync(const model::Zone& z);
    QRectF rect() const { return m_rect; }
    QRectF sceneRect() const { return m_rect.translated(pos()); }
    const QStringList& members() const { return m_members; }
    bool isOnResizeGrip(QPointF scenePos) const;
    // Title tab at the top-left, the place to grab a zone when its inside is covered.
    QRectF titleRect() const { return m_titleRect; }
    QRectF sceneTitleRect() const { return m_titleRect.translated(pos()); }
    // Where the title is painted at a design's usual fit zoom (about 50 %), grown to stay
    // readable (titleGrow): what a flow's label keeps off. Not the zoom's own: a label's place
    // does not change with the zoom.
    QRectF sceneTitleBand() const { return m_titleBand.translated(pos()); }

    // How much the title grows at zoom `lod`: enough to keep about 7 pt on screen, but no more
    // than lets its band (`bandAtOne` high at its own size) end above the first member, `room`
    // below the zone's top, and never below 5.5 pt on screen; 1 from 78 % zoom up.
    static qreal titleGrow(qreal lod, qreal room, qreal bandAtOne);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    CanvasScene* canvas() const;
    void paintTitle(QPainter* p, const ZoneColors& zc, qreal lod);
    qreal roomAboveMembers() const; // from the zone's top to its highest member's

    QString m_id, m_kind, m_label;
    QStringList m_members;
    QRectF m_rect;
    // Worked out when the label or size changes: flow labels keep off every zone's title, and
    // measuring the text per test was a font lookup each.
    QRectF m_titleRect, m_titleBand;
    QPolygonF m_outline; // m_rect's rounded outline, for dashed strokes: made when m_rect changes
};

} // namespace pb::app
