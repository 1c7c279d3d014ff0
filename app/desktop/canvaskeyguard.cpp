#include "app/desktop/canvaskeyguard.h"

#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace pb::app {

CanvasKeyGuard::CanvasKeyGuard(QWidget* window, QWidget* canvas)
    : QObject(window)
    , m_window(window)
    , m_canvas(canvas)
{
    qApp->installEventFilter(this);
}

bool CanvasKeyGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress && watched == m_find &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_canvas->setFocus(Qt::ShortcutFocusReason);
        return true;
    }
    if (event->type() != QEvent::ShortcutOverride) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    // The event climbs from the focused widget to its parents: the canvas's own parents (the
    // central stack) pass it on too, or the canvas would lose its keys on the way up.
    if (!widget || widget == m_canvas || widget->isAncestorOf(m_canvas) || m_canvas->isAncestorOf(widget) ||
        !m_window->isAncestorOf(widget))
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if (widget == m_find) {
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            key->ignore();
            return true; // the field never sees it, so the window's Undo takes it
        }
    }
    // Ctrl, Alt and Meta chords stay the window's (Ctrl+Z, Ctrl+F, menus); Shift only makes a capital.
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) return false;
    const bool typed = !key->text().isEmpty() && key->text().at(0).isPrint();
    if (typed || key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) event->accept();
    return false;
}

} // namespace pb::app
