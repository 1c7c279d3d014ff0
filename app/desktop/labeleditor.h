#pragma once

#include <QGraphicsTextItem>

namespace pb::app {

class CanvasScene;

// The in-place label editor laid over a component, flow or zone. Enter commits, Escape
// cancels, clicking elsewhere commits (as in draw.io).
class LabelEditor : public QGraphicsTextItem
{
public:
    LabelEditor(CanvasScene* scene, const QString& id, const QString& text);
    QString elementId() const { return m_id; }

    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;
    // The field's frame, drawn a little outside the text, and the item's bounds, which hold the
    // frame and its pen: drawn outside them, the frame stayed on the canvas after Escape, since
    // Qt repaints only an item's bounds when it goes.
    QRectF textRect() const { return QGraphicsTextItem::boundingRect(); }
    QRectF frameRect() const { return textRect().adjusted(-2, -1, 2, 1); }
    QRectF boundingRect() const override { return frameRect().adjusted(-1, -1, 1, 1); }

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;

private:
    CanvasScene* m_canvas;
    QString m_id;
};

} // namespace pb::app
