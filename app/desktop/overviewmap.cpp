#include "app/desktop/overviewmap.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/canvascolors.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/kinds.h"
#include "app/desktop/document.h"
#include "app/desktop/theme.h"
#include "model/design.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace pb::app {

namespace {
// Its longer side, in pixels: an inset, not a second canvas; smaller in a small canvas.
int longSide(const QSize& port)
{
    return qBound(120, std::min(port.width(), port.height()) / 3, 200);
}
constexpr int kInset = 12;     // from the canvas's corner, clear of the scroll bars
constexpr int kPad = 4;
} // namespace

OverviewMap::OverviewMap(CanvasView* view, Document* doc)
    : QWidget(view)
    , m_view(view)
    , m_port(view->viewport())
    , m_doc(doc)
{
    setObjectName(QStringLiteral("overviewMap"));
    setAccessibleName(tr("Overview of the drawing"));
    setToolTip(tr("The whole drawing: click or drag to move the canvas there"));
    setCursor(Qt::PointingHandCursor);
    m_stale.setSingleShot(true);
    m_stale.setInterval(300);
    connect(&m_stale, &QTimer::timeout, this, [this] { renderNow(); });
    auto later = [this] { m_stale.start(); };
    connect(doc, &Document::changed, this, later);
    connect(doc, &Document::modelReset, this, later);
    connect(&Theme::instance(), &Theme::changed, this, later);
    // Scrolling and zooming only move the frame: the picture stays.
    auto frame = [this] { place(); };
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, frame);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, frame);
    connect(view, &CanvasView::zoomChanged, this, frame);
    m_port->installEventFilter(this); // its resizes
    hide();
    m_stale.start();
}

void OverviewMap::setOn(bool on)
{
    m_on = on;
    if (on) renderNow();
    else hide();
}

double OverviewMap::renderNow()
{
    QElapsedTimer clock;
    clock.start();
    m_stale.stop();
    // Kept: working it out walks every item, and a scroll asks where the drawing is.
    m_drawn = m_view->canvas()->contentRect();
    m_source = m_drawn.isEmpty() ? QRectF() : m_drawn.adjusted(-40, -40, 40, 40);
    if (m_source.isEmpty()) {
        m_pixmap = QPixmap();
        place();
        return 0;
    }
    m_longSide = longSide(m_view->viewport()->size());
    const qreal fit = (m_longSide - 2 * kPad) / std::max(m_source.width(), m_source.height());
    const QSize size = (m_source.size() * fit).toSize().expandedTo(QSize(8, 8));
    const qreal dpr = devicePixelRatioF();
    m_pixmap = QPixmap(size * dpr);
    m_pixmap.setDevicePixelRatio(dpr);
    m_pixmap.fill(Qt::transparent);
    {
        QPainter p(&m_pixmap);
        paintDrawing(p, fit);
    }
    resize(size + QSize(2 * kPad, 2 * kPad));
    place();
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

void OverviewMap::paintDrawing(QPainter& p, qreal fit) const
{
    const CanvasColors& k = m_view->canvas()->colors();
    const model::Design& d = m_doc->design();
    const QPointF origin = m_source.topLeft();
    auto at = [&](double x, double y) { return QPointF((x - origin.x()) * fit, (y - origin.y()) * fit); };
    auto box = [&](const model::Component& c) {
        const QPointF topLeft = at(c.pos.x, c.pos.y);
        return QRectF(topLeft, componentSize(c) * fit);
    };
    p.setRenderHint(QPainter::Antialiasing, false);
    // In the design's order: their fills are faint, so a nested zone listed before the zone
    // around it still shows through.
    for (const auto& z : d.zones()) {
        const ZoneColors& zc = k.zone(qs(z.kind));
        p.setPen(zc.stroke);
        p.setBrush(zc.fill);
        const QSizeF size = QSizeF(z.size.width, z.size.height).expandedTo(zoneMinimumSize());
        p.drawRect(QRectF(at(z.pos.x, z.pos.y), size * fit));
    }
    // Both ends of every flow in one pipelined run of lookups, as the review's snapshot does.
    const auto& flows = d.flows();
    std::vector<const model::Component*> ends(2 * flows.size(), nullptr);
    d.componentsOf(
        ends.size(), [&](std::size_t i) -> const std::string& { return i % 2 ? flows[i / 2].to : flows[i / 2].from; },
        [&](std::size_t i, const model::Component* c) { ends[i] = c; });
    QList<QLineF> lines;
    lines.reserve(static_cast<qsizetype>(flows.size()));
    for (std::size_t f = 0; f < flows.size(); ++f)
        if (ends[2 * f] && ends[2 * f + 1]) lines.push_back(QLineF(box(*ends[2 * f]).center(), box(*ends[2 * f + 1]).center()));
    p.setPen(QPen(k.flowStroke, 1));
    p.drawLines(lines);
    // One list of boxes per colour: a few kinds stand for thousands of components.
    std::vector<std::pair<std::string, QColor>> colourOf;
    QHash<QRgb, QList<QRectF>> boxes;
    for (const auto& c : d.components()) {
        auto it = std::find_if(colourOf.begin(), colourOf.end(), [&](const auto& e) { return e.first == c.kind; });
        if (it == colourOf.end()) it = colourOf.insert(colourOf.end(), {c.kind, k.group(kindGroup(c.kind)).stroke});
        boxes[it->second.rgba()].push_back(box(c));
    }
    p.setPen(Qt::NoPen);
    for (auto it = boxes.begin(); it != boxes.end(); ++it) {
        p.setBrush(QColor::fromRgba(it.key()));
        p.drawRects(it.value());
    }
}

QRectF OverviewMap::picture() const
{
    return QRectF(QPointF(kPad, kPad), QSizeF(width() - 2 * kPad, height() - 2 * kPad));
}

QPointF OverviewMap::toScene(QPointF local) const
{
    const QRectF pic = picture();
    if (pic.isEmpty() || m_source.isEmpty()) return {};
    return m_source.topLeft() + QPointF((local.x() - pic.left()) * m_source.width() / pic.width(),
                                        (local.y() - pic.top()) * m_source.height() / pic.height());
}

QPointF OverviewMap::fromScene(QPointF scene) const
{
    const QRectF pic = picture();
    if (pic.isEmpty() || m_source.isEmpty()) return {};
    return pic.topLeft() + QPointF((scene.x() - m_source.left()) * pic.width() / m_source.width(),
                                   (scene.y() - m_source.top()) * pic.height() / m_source.height());
}

void OverviewMap::place()
{
    const QRect port = m_view->viewport()->geometry(); // in the view's own coordinates
    move(port.right() - width() - kInset + 1, port.bottom() - height() - kInset + 1);
    // Worth showing only where the canvas shows a part of the drawing (less than nine tenths of
    // it: a fit that the scroll bars cut a few pixels off still shows it all), and with room.
    const QRectF seen = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const QRectF shown = seen.intersected(m_drawn);
    const bool part = shown.width() * shown.height() < 0.9 * m_drawn.width() * m_drawn.height();
    const bool roomy = port.width() > 2 * width() && port.height() > 2 * height();
    setVisible(m_on && !m_pixmap.isNull() && roomy && part);
    if (isVisible()) {
        raise();
        update();
    }
}

void OverviewMap::paintEvent(QPaintEvent*)
{
    const Theme& t = Theme::instance();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(t.color(QStringLiteral("canvas.overviewBorder")), 1));
    p.setBrush(t.color(QStringLiteral("canvas.overview")));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QRectF pic = picture();
    p.drawPixmap(pic, m_pixmap, QRectF());
    // The part the canvas shows, clipped to the picture: zoomed far out it is larger.
    const QRectF seen = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const QRectF frame = QRectF(fromScene(seen.topLeft()), fromScene(seen.bottomRight())).intersected(pic);
    p.setPen(QPen(t.color(QStringLiteral("canvas.overviewViewport")), 1.5));
    p.setBrush(t.color(QStringLiteral("canvas.overviewViewportFill")));
    p.drawRect(frame);
}

void OverviewMap::follow(QPointF local)
{
    m_view->centerOn(toScene(local));
}

void OverviewMap::mousePressEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton) follow(e->position());
}

void OverviewMap::mouseMoveEvent(QMouseEvent* e)
{
    if (e->buttons() & Qt::LeftButton) follow(e->position());
}

bool OverviewMap::eventFilter(QObject* watched, QEvent* e)
{
    // The type first, and the viewport as it was when watched: while the view is torn down its
    // viewport still sends events here, and asking the half-destroyed view for its viewport was
    // undefined behaviour (UBSan, in every test that closed a window).
    if (e->type() == QEvent::Resize && watched == m_port) {
        place();
        // A canvas made larger or smaller gets a map to match, after the resize settles.
        if (longSide(m_view->viewport()->size()) != m_longSide) m_stale.start();
    }
    return QWidget::eventFilter(watched, e);
}

} // namespace pb::app
