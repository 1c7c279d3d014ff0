#pragma once

#include <QGraphicsView>
#include <QPainterPath>

namespace pb::app {

class CanvasScene;

// View concerns only: zoom (Ctrl+wheel, keyboard), pan (space-drag, middle button), zoom to
// fit/selection, and the grid drawn in the background.
class CanvasView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit CanvasView(CanvasScene* scene, QWidget* parent = nullptr);

    CanvasScene* canvas() const;
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    bool gridVisible() const { return m_grid; }
    // The element reached from the keyboard, framed while the canvas has the focus; a click on
    // the canvas clears it (the mouse shows where it is working without one).
    QString keyFocusId() const { return m_keyFocus; }
    void setKeyFocusId(const QString& id);
    // Repaints where the frame was and where it is now: its element moved or changed shape.
    void updateKeyFocusFrame();

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void zoomToFit();
    void zoomToSelection();
    void setGridVisible(bool on);
    void applyTheme();
    void centerOnId(const QString& id);
    // Fit now and again after the window settles its size, until the user zooms or clicks.
    void fitWhenShown();

signals:
    void zoomChanged(qreal factor);

protected:
    void drawBackground(QPainter* p, const QRectF& rect) override;
    // The keyboard's focus frame: drawn by this view only, so exports and the presenter's
    // window never show it.
    void drawForeground(QPainter* p, const QRectF& rect) override;
    void focusInEvent(QFocusEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void keyReleaseEvent(QKeyEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    void fitRect(const QRectF& r);

    bool m_grid = true;
    bool m_fitPending = false;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    QString m_keyFocus;
    // The frame's outline, and where in the scene it was last drawn (kept in the scene: a scroll
    // moves the pixels drawn with the scene). A frame that moves repaints those two places
    // alone: a whole repaint of 10,000 components at fit took a fifth of a second on each Tab.
    QPainterPath keyFocusFrame() const;
    QRect viewportArea(const QRectF& sceneRect) const;
    QRectF m_keyFocusDrawn;
};

} // namespace pb::app
