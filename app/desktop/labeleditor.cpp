#include "app/desktop/labeleditor.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/theme.h"

#include <QKeyEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextCursor>
#include <QTimer>

namespace pb::app {

LabelEditor::LabelEditor(CanvasScene* scene, const QString& id, const QString& text)
    : QGraphicsTextItem(text)
    , m_canvas(scene)
    , m_id(id)
{
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setZValue(2000);
    setDefaultTextColor(Theme::instance().color(QStringLiteral("panel.text")));
    QFont f = font();
    f.setPointSizeF(10);
    f.setBold(true);
    setFont(f);
    document()->setModified(false); // set by typing only: CanvasScene commits typed labels alone
}

void LabelEditor::paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w)
{
    // An opaque field over the element, so the old label does not show through while typing.
    const Theme& t = Theme::instance();
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setPen(QPen(t.color(QStringLiteral("canvas.selection")), 1.5));
    p->setBrush(t.color(QStringLiteral("panel.inputBackground")));
    p->drawRoundedRect(frameRect(), 4, 4);
    QStyleOptionGraphicsItem plain(*opt);
    plain.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus); // no dashed focus frame
    QGraphicsTextItem::paint(p, &plain, w);
}

void LabelEditor::keyPressEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) {
        m_canvas->finishLabelEdit(true);
        return;
    }
    if (e->key() == Qt::Key_Escape) {
        m_canvas->finishLabelEdit(false);
        return;
    }
    QGraphicsTextItem::keyPressEvent(e);
}

void LabelEditor::focusOutEvent(QFocusEvent* e)
{
    QGraphicsTextItem::focusOutEvent(e);
    // Deferred: finishing deletes this item, which must not happen inside its own handler.
    QTimer::singleShot(0, m_canvas, [c = m_canvas] {
        if (c->isEditingLabel()) c->finishLabelEdit(true);
    });
}

} // namespace pb::app
