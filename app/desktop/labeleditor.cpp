#include "app/desktop/labeleditor.h"

#include "app/desktop/canvasscene.h"

#include <QKeyEvent>
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
    setDefaultTextColor(scene->colors().textPrimary);
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
