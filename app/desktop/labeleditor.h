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

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;

private:
    CanvasScene* m_canvas;
    QString m_id;
};

} // namespace pb::app
