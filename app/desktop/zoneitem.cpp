#include "app/desktop/zoneitem.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/dashedline.h"
#include "app/desktop/kinds.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace pb::app {

namespace {
QFont titleFont()
{
    QFont f;
    f.setPointSizeF(9);
    f.setBold(true);
    return f;
}
} // namespace

ZoneItem::ZoneItem(CanvasScene* scene, const QString& id)
    : m_id(id)
{
    Q_UNUSED(scene);
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setZValue(-100);
}

CanvasScene* ZoneItem::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

void ZoneItem::sync(const model::Zone& z)
{
    QSizeF size(z.size.width, z.size.height);
    size = size.expandedTo(zoneMinimumSize());
    if (size != m_rect.size()) {
        prepareGeometryChange();
        m_rect = QRectF(QPointF(0, 0), size);
        QPainterPath outline;
        outline.addRoundedRect(m_rect, 12, 12);
        m_outline = outline.toSubpathPolygons().value(0);
    }
    m_kind = QString::fromStdString(z.kind);
    m_label = shownText(z.label.empty() ? z.id : z.label);
    const QFontMetricsF fm(titleFont());
    const qreal tab = fm.horizontalAdvance(m_label) + 34, height = fm.height() + 8; // icon and margins
    m_titleRect = QRectF(m_rect.topLeft(), QSizeF(qMin(tab, m_rect.width()), height));
    const qreal grown = titleGrow(0.5, height * 2, height);
    m_titleBand = QRectF(m_rect.topLeft(), QSizeF(qMin(tab * grown, m_rect.width()), height * grown));
    m_members.clear();
    for (const auto& m : z.members)
        m_members << QString::fromStdString(m);
    setFlag(ItemIsMovable, !isLockedIn(z.props));
    setPos(z.pos.x, z.pos.y);
    update();
}

bool ZoneItem::isOnResizeGrip(QPointF scenePos) const
{
    if (!isSelected()) return false;
    const QPointF corner = mapToScene(m_rect.bottomRight());
    return QRectF(corner - QPointF(10, 10), QSizeF(14, 14)).contains(scenePos);
}

QRectF ZoneItem::boundingRect() const
{
    return m_rect.adjusted(-3, -3, 7, 7); // the resize grip overhangs the corner
}

QPainterPath ZoneItem::shape() const
{
    // Only the frame and the title tab grab the mouse, so a rubber band can start inside a
    // zone and clicks inside reach the empty canvas.
    QPainterPath outer, inner;
    outer.addRect(m_rect.adjusted(-3, -3, 3, 3));
    inner.addRect(m_rect.adjusted(6, 6, -6, -6));
    QPainterPath frame = outer.subtracted(inner);
    frame.addRect(titleRect());
    return frame;
}

void ZoneItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget* widget)
{
    CanvasScene* s = canvas();
    const CanvasColors& k = s->colors();
    const ZoneColors& zc = k.zone(m_kind);
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform());
    const bool reviewMarks = !CanvasScene::isAudienceView(widget); // as ComponentItem::paint
    const bool target = reviewMarks && s->dropTarget() == this;
    const bool selected = reviewMarks && isSelected();
    p->setRenderHint(QPainter::Antialiasing, lod >= 0.3);
    QPen pen(target ? k.dropTarget : (selected ? k.selection : zc.stroke), target || selected ? 2.5 : 1.5);
    if (m_kind == QLatin1String("trust_boundary")) pen.setStyle(Qt::DashLine);
    if (m_kind == QLatin1String("az")) pen.setStyle(Qt::DotLine);
    p->setBrush(target ? k.dropTargetFill : zc.fill);
    if (pen.style() == Qt::SolidLine) {
        p->setPen(pen);
        p->drawRoundedRect(m_rect, 12, 12);
    } else {
        // The dotted outline of a region-sized zone at 100 % was most of a repaint (drawDashed).
        p->setPen(Qt::NoPen);
        p->drawRoundedRect(m_rect, 12, 12);
        drawDashed(p, m_outline, pen, widget);
    }
    if (reviewMarks && s->isHighlighted(m_id)) {
        p->setPen(QPen(k.highlight, 3));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(m_rect.adjusted(-2, -2, 2, 2), 12, 12);
    }
    if (lod < 0.3) return;
    paintTitle(p, zc, lod);
    if (reviewMarks && isLocked(this) && lod >= 0.55)
        Theme::instance().paintIcon(p, QRectF(m_rect.right() - 22, m_rect.top() + 7, 13, 13),
                                    QStringLiteral("locked.svg"), zc.label);
    if (selected && !isLocked(this)) {
        p->setPen(QPen(k.handleStroke, 1.5));
        p->setBrush(k.handle);
        p->drawRect(QRectF(m_rect.bottomRight() - QPointF(5, 5), QSizeF(10, 10)));
    }
}

qreal ZoneItem::titleGrow(qreal lod, qreal room, qreal bandAtOne)
{
    const qreal wanted = 7.0 / (9.0 * lod), least = 5.5 / (9.0 * lod);
    const qreal fits = bandAtOne > 0 ? room / bandAtOne : wanted;
    return qMax<qreal>(1, qMin(wanted, qMax(fits, least)));
}

qreal ZoneItem::roomAboveMembers() const
{
    qreal room = m_rect.height();
    const qreal top = sceneRect().top();
    for (const QString& id : m_members) {
        QRectF r;
        if (const auto* c = canvas()->componentItem(id)) r = c->sceneRect();
        else if (const auto* z = canvas()->zoneItem(id)) r = z->sceneRect();
        else continue;
        room = qMin(room, r.top() - top);
    }
    return room;
}

// A design fitted into a window often sits at 40-60 % zoom, where a 9 pt title is 4-5 pt on
// screen. Zoomed out, the title grows to keep about 7 pt on screen, drawn over the top of the
// zone and elided to its width; the title tab that takes the mouse keeps its size, so nothing
// about the item's geometry depends on the zoom.
void ZoneItem::paintTitle(QPainter* p, const ZoneColors& zc, qreal lod)
{
    // Grown past the room above the first row of members, the band slid under their boxes at fit
    // zoom ("phi-sto" under its first database in the health-records example). The badges that
    // stand over a box's top edge need a few units more.
    QFont font = titleFont();
    // From 78 % zoom up the title keeps its own size whatever the room: its members are not read
    // on every frame there.
    const qreal grow = 7.0 / (9.0 * lod) <= 1
                           ? 1.0
                           : titleGrow(lod, roomAboveMembers() - 6, QFontMetricsF(font).height() + 8);
    font.setPointSizeF(font.pointSizeF() * grow);
    const QFontMetricsF fm(font);
    const qreal iconSize = 16 * grow;
    const qreal height = qMin(fm.height() + 8 * grow, m_rect.height());
    const QRectF band(m_rect.topLeft(), QSizeF(m_rect.width(), height)); // the tab's top-left
    // Qt's PDF writer draws a picture with the alpha of the brush set: the zone's faint fill made
    // its icon all but vanish in an exported PDF.
    p->setBrush(Qt::NoBrush);
    Theme::instance().paintIcon(p, QRectF(band.left() + 8 * grow, band.center().y() - iconSize / 2, iconSize, iconSize),
                                m_kind + QStringLiteral(".svg"), zc.stroke);
    const QRectF text = band.adjusted(12 * grow + iconSize, 0, -4, 0);
    p->setFont(font);
    p->setPen(zc.label);
    p->drawText(text, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(m_label, Qt::ElideRight, text.width()));
}

QVariant ZoneItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    CanvasScene* s = canvas();
    if (change == ItemPositionChange && s && !s->applyingModel()) {
        const QPointF next = s->snapEnabled() && !s->placingExactly() ? s->snap(value.toPointF()) : value.toPointF();
        // Carry members that the user did not select themselves (Qt moves those already).
        const QPointF delta = next - pos();
        for (const QString& id : std::as_const(m_members))
            if (QGraphicsItem* item = s->itemFor(id); item && !item->isSelected())
                item->setPos(item->pos() + delta);
        return next;
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace pb::app
