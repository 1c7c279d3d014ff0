#pragma once

#include <QObject>

class QWidget;

namespace pb::app {

// The canvas's one-key shortcuts (V, C, R, T; Delete, Backspace) belong to the canvas. Typed
// into a panel's list, combo box or spin box, "t" started the trust-boundary tool and Delete
// removed the canvas selection, instead of reaching the widget that had focus. Qt gives a
// shortcut the key first unless the focused widget claims it in ShortcutOverride, which only
// text fields do; this claims the key for every other widget of the window outside the canvas.
class CanvasKeyGuard : public QObject
{
    Q_OBJECT
public:
    // Watches the application's events for `window`'s widgets; `canvas` keeps its shortcuts.
    CanvasKeyGuard(QWidget* window, QWidget* canvas);
    // The find field keeps no undo of its own: Ctrl+Z there undid the typed text, not the flow
    // just connected from it. Escape leaves it for the canvas.
    void setFindField(QWidget* field) { m_find = field; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_window;
    QWidget* m_canvas;
    QWidget* m_find = nullptr;
};

} // namespace pb::app
