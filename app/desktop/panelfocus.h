#pragma once

#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace pb::app {

// Which panel has the keys, drawn plainly. The style's focus frame on a list is a faint line round
// one row, and after F6 the user could not tell which dock the keys had gone to: a frame in the
// theme's `panel.focus` goes round the whole dock that holds the focus, and the dock's
// "panelFocus" property says the same to tests. The canvas shows its own (the element framed).
class PanelFocus : public QObject
{
    Q_OBJECT
public:
    explicit PanelFocus(QMainWindow* window);

    QDockWidget* focusedDock() const { return m_dock; }
    // The widget that draws the frame, laid over the focused dock; null before any dock had focus.
    QWidget* frame() const { return m_frame; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void follow(QWidget* now);
    QDockWidget* dockOf(QWidget* w) const;

    QMainWindow* m_window;
    QPointer<QDockWidget> m_dock;
    QPointer<QWidget> m_frame;
};

} // namespace pb::app
