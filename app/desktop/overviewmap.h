#pragma once

#include <QPixmap>
#include <QRectF>
#include <QTimer>
#include <QWidget>

namespace pb::app {

class CanvasView;
class Document;

// The whole drawing in small, in the canvas's bottom-right corner, with the part the canvas
// shows framed: a click or a drag there moves the canvas (draw.io's outline, a map's inset).
// Shown only while the drawing does not fit in the canvas, where it has something to add.
// The picture is made again a moment after the design changes, never on each frame: at 10,000
// components it costs about ten milliseconds, which a scroll or a zoom must not pay.
class OverviewMap : public QWidget
{
    Q_OBJECT
public:
    OverviewMap(CanvasView* view, Document* doc);

    // On (the default) it shows whenever the drawing does not fit; off it never does.
    void setOn(bool on);
    bool isOn() const { return m_on; }
    // The scene point a spot of this widget stands for, and back.
    QPointF toScene(QPointF local) const;
    QPointF fromScene(QPointF scene) const;
    // Makes the picture now instead of after the pause (tests, benchmarks); the time it took.
    double renderNow();

protected:
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* e) override;

private:
    void place();
    // The drawing as the canvas shows it far away (coloured blocks, zones, straight flows),
    // drawn from the model in batches: through the scene's own painting it took 32 ms at 10,000
    // components, on the UI thread. `fit` scales the scene into the picture.
    void paintDrawing(QPainter& p, qreal fit) const;
    void follow(QPointF local);
    QRectF picture() const; // where the drawing sits inside this widget

    CanvasView* m_view;
    QWidget* m_port; // the view's viewport, watched for its resizes
    Document* m_doc;
    bool m_on = true;
    QTimer m_stale;
    QPixmap m_pixmap;
    QRectF m_source; // the scene rect the picture shows
    QRectF m_drawn;  // the drawing's own rect, when the picture was made
    int m_longSide = 0; // the picture's longer side then, with its padding
};

} // namespace pb::app
