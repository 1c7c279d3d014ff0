#include "app/desktop/componentitem.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/kinds.h"
#include "app/desktop/labelfit.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

namespace pb::app {

ComponentItem::ComponentItem(CanvasScene* scene, const QString& id)
    : m_id(id)
{
    Q_UNUSED(scene);
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(10);
}

CanvasScene* ComponentItem::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

void ComponentItem::sync(const model::Component& c)
{
    const QSizeF size = componentSize(c);
    if (size != m_rect.size()) {
        prepareGeometryChange();
        m_rect = QRectF(QPointF(0, 0), size);
    }
    m_label = shownText(c.label.empty() ? c.id : c.label);
    m_labelFitLod = 0;
    m_kindName = kindDisplayName(c.kind);
    m_icon = kindIcon(c.kind);
    m_group = kindGroup(c.kind);
    m_inferred = c.kindInferred;
    setFlag(ItemIsMovable, !isLockedIn(c.props)); // a drag leaves it where it is
    setPos(c.pos.x, c.pos.y);
    update();
}

QPointF ComponentItem::handleScenePos() const
{
    return mapToScene(QPointF(m_rect.right(), m_rect.center().y()));
}

bool ComponentItem::isOnHandle(QPointF scenePos) const
{
    if (!(m_hover || isSelected())) return false;
    return QLineF(scenePos, handleScenePos()).length() <= kHandleRadius + 6;
}

bool ComponentItem::isOnResizeGrip(QPointF scenePos) const
{
    if (!isSelected()) return false;
    const QPointF corner = mapToScene(m_rect.bottomRight());
    return QRectF(corner - QPointF(8, 8), QSizeF(12, 12)).contains(scenePos);
}

void ComponentItem::setBadge(const QString& severity, int count)
{
    m_badgeSeverity = severity;
    m_badgeCount = count;
    update();
}

QRectF ComponentItem::boundingRect() const
{
    // Room for the selection outline, the connection handle, the shadow and a badge.
    return m_rect.adjusted(-4, -18, kHandleRadius + 8, 6); // -18: the larger badge at 30 % zoom
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath path;
    // Winding: with the default odd-even rule the half of the handle over the box was a hole,
    // and a press there went past the handle and dragged the component instead.
    path.setFillRule(Qt::WindingFill);
    path.addRoundedRect(m_rect, 8, 8);
    if (m_hover || isSelected())
        path.addEllipse(QPointF(m_rect.right(), m_rect.center().y()), kHandleRadius + 6,
                        kHandleRadius + 6);
    return path;
}

void ComponentItem::paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* widget)
{
    CanvasScene* s = canvas();
    const CanvasColors& k = s->colors();
    const GroupColors& gc = k.group(m_group);
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform());
    // The candidate's screen (presenter) and exports show the design, not the interviewer's
    // pointer into it: no selection, no highlighted finding, nothing dimmed.
    const bool reviewMarks = !CanvasScene::isAudienceView(widget);
    const bool lit = reviewMarks && s->isHighlighted(m_id);
    const bool dimmed = reviewMarks && s->dimOthers() && !lit;
    const bool selected = reviewMarks && isSelected();
    if (lod < 0.3) { // far away: a coloured block is all the eye can use
        p->setRenderHint(QPainter::Antialiasing, false);
        p->fillRect(m_rect, selected ? k.selection : gc.stroke);
        return;
    }
    // The view does not save painter state per item (DontSavePainterState): set what we use.
    p->setRenderHint(QPainter::Antialiasing, true);
    Q_UNUSED(opt);
    p->setPen(Qt::NoPen);
    p->setBrush(k.shadow);
    p->drawRoundedRect(m_rect.translated(0, 2), 8, 8);
    QPen border(selected ? k.selection : (m_hover && reviewMarks ? k.hover : gc.stroke), selected ? 2.0 : 1.2);
    if (m_inferred) border.setStyle(Qt::DashLine);
    p->setPen(border);
    p->setBrush(gc.fill);
    p->drawRoundedRect(m_rect, 8, 8);
    if (lit) {
        p->setPen(QPen(k.highlight, 3));
        p->setBrush(k.highlightFill);
        p->drawRoundedRect(m_rect.adjusted(-3, -3, 3, 3), 10, 10);
    }
    if (lod >= 0.55) {
        paintDetails(p, gc, reviewMarks);
    } else {
        paintLabelOnly(p, gc, lod);
        if (reviewMarks) paintBadge(p, 0.55 / lod);
    }
    if (dimmed) {
        p->setPen(Qt::NoPen);
        p->setBrush(k.dimOverlay);
        p->drawRoundedRect(m_rect.adjusted(-1, -1, 1, 1), 8, 8);
    }
}

// Between 30 % and 55 % zoom the icon and the kind line are too small to read, but a design
// fitted into a laptop window lands there, and blank boxes say nothing: the label alone, in a
// font that keeps about 7 pt on screen, in two lines or smaller when it does not fit (fitLabel).
void ComponentItem::paintLabelOnly(QPainter* p, const GroupColors& gc, qreal lod)
{
    QFont f = p->font();
    f.setBold(true);
    f.setPointSizeF(qMax<qreal>(10, 7 / lod));
    const QRectF r = m_rect.adjusted(6, 2, -6, -2);
    if (m_labelFitLod != lod || m_labelFitFor != f) {
        m_labelFit = fitLabel(m_label, f, r.size(), qMax<qreal>(8, 5.5 / lod), p->device());
        m_labelFitLod = lod;
        m_labelFitFor = f;
    }
    p->setFont(m_labelFit.font);
    p->setPen(gc.text);
    if (m_labelFit.lines.size() == 1) p->drawText(r, Qt::AlignCenter | Qt::TextSingleLine, m_labelFit.lines.front());
    else p->drawText(r, Qt::AlignCenter, m_labelFit.lines.join(QLatin1Char('\n')));
}

void ComponentItem::paintDetails(QPainter* p, const GroupColors& gc, bool reviewMarks)
{
    const CanvasColors& k = canvas()->colors();
    const qreal iconSize = qMin<qreal>(28, m_rect.height() - 16);
    const QRectF iconRect(m_rect.left() + 12, m_rect.center().y() - iconSize / 2, iconSize,
                          iconSize);
    Theme::instance().paintIcon(p, iconRect, m_icon, gc.icon);
    const QRectF textRect = m_rect.adjusted(iconSize + 20, 6, -8, -6);
    QFont f = p->font();
    f.setPointSizeF(10);
    f.setBold(true);
    p->setFont(f);
    p->setPen(gc.text);
    const QRectF labelRect(textRect.left(), textRect.top(), textRect.width(),
                           textRect.height() * 0.55);
    p->drawText(labelRect, Qt::AlignLeft | Qt::AlignBottom | Qt::TextSingleLine,
                p->fontMetrics().elidedText(m_label, Qt::ElideRight, int(labelRect.width())));
    f.setBold(false);
    f.setPointSizeF(8);
    p->setFont(f);
    p->setPen(k.textMuted);
    const QString kind = m_inferred ? m_kindName + QStringLiteral(" ?") : m_kindName;
    p->drawText(
        QRectF(textRect.left(), labelRect.bottom() + 1, textRect.width(), textRect.height() * 0.45),
        Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine, kind);
    if (!reviewMarks) return; // the candidate's screen: no finding counts, no editing handles
    if (m_hover || isSelected()) {
        p->setPen(QPen(k.handleStroke, 1.5));
        p->setBrush(k.handle);
        p->drawEllipse(QPointF(m_rect.right(), m_rect.center().y()), kHandleRadius, kHandleRadius);
        if (isSelected() && !isLocked(this)) p->drawRect(QRectF(m_rect.bottomRight() - QPointF(4, 4), QSizeF(8, 8)));
    }
    if (isLocked(this))
        Theme::instance().paintIcon(p, QRectF(m_rect.right() - 18, m_rect.bottom() - 17, 12, 12),
                                    QStringLiteral("locked.svg"), gc.icon); // the muted text colour was lost on the dark scheme's boxes
    paintBadge(p, 1.0);
}

// `grow` keeps the badge legible when the label-only view paints it at mid zoom.
void ComponentItem::paintBadge(QPainter* p, qreal grow)
{
    if (m_badgeCount <= 0) return;
    const auto it = canvas()->colors().badges.find(m_badgeSeverity);
    if (it == canvas()->colors().badges.end()) return;
    const QSizeF size(24 * grow, 18 * grow);
    const QRectF b(QPointF(m_rect.right() - size.width() - 2, m_rect.top() - size.height() / 2 - 1), size);
    QFont f = p->font();
    f.setBold(false);
    f.setPointSizeF(8 * grow);
    p->setFont(f);
    p->setPen(QPen(it->stroke, 1));
    p->setBrush(it->fill);
    p->drawRoundedRect(b, size.height() / 2, size.height() / 2);
    p->setPen(it->text);
    p->drawText(b, Qt::AlignCenter, QString::number(m_badgeCount));
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    CanvasScene* s = canvas();
    if (change == ItemPositionChange && s && !s->applyingModel() && s->snapEnabled() && !s->placingExactly())
        return s->snap(value.toPointF());
    if (change == ItemPositionHasChanged && s)
        for (FlowItem* f : std::as_const(m_flows))
            f->adjust();
    return QGraphicsItem::itemChange(change, value);
}

void ComponentItem::hoverEnterEvent(QGraphicsSceneHoverEvent* e)
{
    prepareGeometryChange(); // the shape grows by the handle
    m_hover = true;
    QGraphicsItem::hoverEnterEvent(e);
}

void ComponentItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* e)
{
    prepareGeometryChange();
    m_hover = false;
    QGraphicsItem::hoverLeaveEvent(e);
}

} // namespace pb::app
