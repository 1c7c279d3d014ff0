#include "app/desktop/canvasview.h"

#include "app/desktop/canvasaccessible.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/theme.h"
#include "app/desktop/tools/tool.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsItem>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

namespace pb::app {

namespace {
// Low enough to fit a 100,000-component design (about 80,000 scene units across) in a window;
// at 5 % it could not be seen whole.
constexpr qreal kMinZoom = 0.01;
constexpr qreal kMaxZoom = 6.0;
} // namespace

CanvasView::CanvasView(CanvasScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
{
    CanvasAccessible::install(); // before anything asks a reader's interface of this view
    setAccessibleName(tr("Design canvas"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::ContainsItemShape); // as in draw.io: only what is fully inside
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    // Items set every pen, brush, font and hint they use, so the per-item save/restore the view
    // would do is pure cost at 10k items.
    setOptimizationFlags(DontAdjustForAntialiasing | DontSavePainterState);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    applyTheme();
}

CanvasScene* CanvasView::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

void CanvasView::applyTheme()
{
    // The rubber band paints with the viewport palette's highlight colour.
    QPalette pal = viewport()->palette();
    pal.setColor(QPalette::Highlight, Theme::instance().color(QStringLiteral("canvas.rubberBand")));
    viewport()->setPalette(pal);
    viewport()->update();
}

void CanvasView::setZoom(qreal factor)
{
    factor = qBound(kMinZoom, factor, kMaxZoom);
    const qreal current = zoom();
    if (qFuzzyCompare(current, factor)) return;
    scale(factor / current, factor / current);
    emit zoomChanged(factor);
}

void CanvasView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void CanvasView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void CanvasView::resetZoom()
{
    setZoom(1.0);
}

void CanvasView::fitRect(const QRectF& r)
{
    if (r.isEmpty()) return;
    fitInView(r.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    if (zoom() > 1.5) setZoom(1.5); // a lone component should not fill the screen
    if (zoom() < kMinZoom) setZoom(kMinZoom);
    emit zoomChanged(zoom());
}

void CanvasView::zoomToFit()
{
    fitRect(canvas()->contentRect());
}

void CanvasView::zoomToSelection()
{
    QRectF r;
    for (QGraphicsItem* item : canvas()->selectedItems())
        r |= item->sceneBoundingRect();
    if (r.isEmpty()) return zoomToFit();
    fitRect(r);
}

void CanvasView::centerOnId(const QString& id)
{
    if (QGraphicsItem* item = canvas()->itemFor(id)) {
        canvas()->selectIds({id});
        if (zoom() < 0.6) setZoom(1.0);
        centerOn(item);
    }
}

void CanvasView::fitWhenShown()
{
    m_fitPending = true;
    zoomToFit();
}

void CanvasView::resizeEvent(QResizeEvent* e)
{
    QGraphicsView::resizeEvent(e);
    if (m_fitPending) zoomToFit();
}

void CanvasView::setGridVisible(bool on)
{
    m_grid = on;
    viewport()->update();
}

void CanvasView::drawBackground(QPainter* p, const QRectF& rect)
{
    const CanvasColors& k = canvas()->colors();
    p->fillRect(rect, k.background);
    if (!m_grid) return;
    const qreal g = canvas()->gridSize();
    const qreal onScreen = g * zoom();
    // Minor lines vanish when they would be closer than 6 px; major lines every 5th.
    const int step = onScreen < 6 ? 5 : 1;
    const qreal left = std::floor(rect.left() / (g * step)) * g * step;
    const qreal top = std::floor(rect.top() / (g * step)) * g * step;
    QVector<QLineF> minor, major;
    for (qreal x = left; x < rect.right(); x += g * step) {
        const bool isMajor = qRound(x / g) % 5 == 0;
        (isMajor ? major : minor) << QLineF(x, rect.top(), x, rect.bottom());
    }
    for (qreal y = top; y < rect.bottom(); y += g * step) {
        const bool isMajor = qRound(y / g) % 5 == 0;
        (isMajor ? major : minor) << QLineF(rect.left(), y, rect.right(), y);
    }
    p->setRenderHint(QPainter::Antialiasing, false);
    p->setPen(QPen(k.gridMinor, 0));
    p->drawLines(minor);
    p->setPen(QPen(k.gridMajor, 0));
    p->drawLines(major);
    p->setRenderHint(QPainter::Antialiasing, true);
}

void CanvasView::setKeyFocusId(const QString& id)
{
    if (id == m_keyFocus) return;
    m_keyFocus = id;
    updateKeyFocusFrame();
    CanvasAccessible::notifyFocus(this, id);
}

void CanvasView::updateKeyFocusFrame()
{
    viewport()->update(viewportArea(m_keyFocusDrawn));
    m_keyFocusDrawn = keyFocusFrame().boundingRect();
    viewport()->update(viewportArea(m_keyFocusDrawn));
}

QRect CanvasView::viewportArea(const QRectF& sceneRect) const
{
    if (sceneRect.isEmpty()) return {};
    // The pen is 2 pixels wide whatever the zoom, and antialiased.
    return mapFromScene(sceneRect).boundingRect().adjusted(-3, -3, 3, 3);
}

QPainterPath CanvasView::keyFocusFrame() const
{
    QPainterPath frame;
    if (m_keyFocus.isEmpty()) return frame;
    // A few pixels outside the selection outline at any zoom, so that both stay in sight.
    const qreal gap = 5 / zoom();
    if (const ComponentItem* c = canvas()->componentItem(m_keyFocus))
        frame.addRoundedRect(c->sceneRect().adjusted(-gap, -gap, gap, gap), 2 * gap, 2 * gap);
    else if (const ZoneItem* z = canvas()->zoneItem(m_keyFocus))
        frame.addRect(z->sceneRect().adjusted(-gap, -gap, gap, gap));
    else if (const FlowItem* f = canvas()->flowItem(m_keyFocus)) {
        QPainterPathStroker around;
        around.setWidth(4 * gap);
        around.setCapStyle(Qt::RoundCap);
        frame = f->mapToScene(around.createStroke(f->path()));
    }
    return frame;
}

void CanvasView::drawForeground(QPainter* p, const QRectF&)
{
    if (!hasFocus()) return;
    const QPainterPath frame = keyFocusFrame();
    if (frame.isEmpty()) return;
    QPen pen(canvas()->colors().focus, 2, Qt::DashLine);
    pen.setCosmetic(true);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(frame);
}

void CanvasView::focusInEvent(QFocusEvent* e)
{
    QGraphicsView::focusInEvent(e);
    if (!m_keyFocus.isEmpty()) updateKeyFocusFrame();
}

void CanvasView::focusOutEvent(QFocusEvent* e)
{
    QGraphicsView::focusOutEvent(e);
    if (!m_keyFocus.isEmpty()) updateKeyFocusFrame();
}

void CanvasView::wheelEvent(QWheelEvent* e)
{
    m_fitPending = false;
    if (e->modifiers() & Qt::ControlModifier) {
        const qreal steps = e->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(1.15, steps));
        e->accept();
        return;
    }
    QGraphicsView::wheelEvent(e);
}

void CanvasView::keyPressEvent(QKeyEvent* e)
{
    m_fitPending = false;
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat() && !canvas()->isEditingLabel()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        e->accept();
        return;
    }
    // "+" needs Shift on most layouts and may come from the keypad.
    const auto mods = e->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (!canvas()->isEditingLabel() && mods == Qt::NoModifier) {
        switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            return;
        case Qt::Key_Minus:
            zoomOut();
            return;
        case Qt::Key_0:
            resetZoom();
            return;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // With a kind armed from the palette, Enter places it (the tool's own key).
            if (canvas()->selectedIds().size() == 1 && canvas()->tool()->name() == QLatin1String("select")) {
                canvas()->editLabel(canvas()->selectedIds().first());
                return;
            }
            break;
        default:
            break;
        }
    }
    QGraphicsView::keyPressEvent(e);
}

void CanvasView::keyReleaseEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat() && m_spaceHeld) {
        m_spaceHeld = false;
        if (!m_panning) viewport()->unsetCursor();
        e->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(e);
}

void CanvasView::mousePressEvent(QMouseEvent* e)
{
    m_fitPending = false;
    setKeyFocusId(QString());
    if (e->button() == Qt::MiddleButton || (m_spaceHeld && e->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = e->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        e->accept();
        return;
    }
    QGraphicsView::mousePressEvent(e);
}

void CanvasView::mouseMoveEvent(QMouseEvent* e)
{
    if (m_panning) {
        const QPoint d = e->position().toPoint() - m_panLast;
        m_panLast = e->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        e->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(e);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* e)
{
    if (m_panning && (e->button() == Qt::MiddleButton || e->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->unsetCursor();
        e->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(e);
}

} // namespace pb::app
