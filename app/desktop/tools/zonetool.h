#pragma once

#include "app/desktop/tools/tool.h"

#include <QPointF>
#include <QRectF>
#include <string>

class QGraphicsRectItem;

namespace pb::app {

// Drag out a region, availability zone or trust boundary (a click places a default-sized one).
// Components and zones that end up fully inside become its members, and the new zone becomes a
// member of the zone it was drawn in, all in one undo step.
class ZoneTool : public Tool
{
public:
    ZoneTool(CanvasScene* scene, const std::string& kind);
    ~ZoneTool() override;
    QString name() const override
    {
        return QStringLiteral("zone:") + QString::fromStdString(m_kind);
    }
    QCursor cursor() const override { return Qt::CrossCursor; }
    bool mousePress(QGraphicsSceneMouseEvent* e) override;
    bool mouseMove(QGraphicsSceneMouseEvent* e) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* e) override;
    bool keyPress(QKeyEvent* e) override;
    void cancel() override;

    // Exposed for the palette's drop of a zone kind: create one at `rect` with adoption.
    static QString createZone(CanvasScene* scene, const std::string& kind, const QRectF& rect);

private:
    std::string m_kind;
    QPointF m_origin;
    QGraphicsRectItem* m_preview = nullptr;
};

} // namespace pb::app
