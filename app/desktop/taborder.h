#pragma once

#include <QList>
#include <QObject>

class QMainWindow;
class QWidget;

namespace pb::app {

class MainWindow;

// The order the keyboard goes through the window. Panels (the toolbar's find field, the palette,
// the canvas, the inspector, the findings and the other docks) are visited by column, left to
// right, and top to bottom within a column, as they stand on the screen; within a panel, its
// fields in reading order. Tab and Shift+Tab move field by field and on into the next panel;
// F6 and Ctrl+Tab (Shift+F6, Ctrl+Shift+Tab back) jump to the next panel. On the canvas Tab
// moves between elements (CanvasNavigator), so F6 or Ctrl+Tab is the way out of it.
//
// Qt's own chain follows the order widgets were made: the inspector rebuilds its fields on each
// selection, so they came last in the window, after the findings and the history, and Tab from
// the palette went anywhere.
class TabOrder : public QObject
{
    Q_OBJECT
public:
    TabOrder(QMainWindow* window, QWidget* canvas);
    // The canvas's navigation keys, the Go menu, the focused panel's frame and this order, for
    // `window`: its one hook.
    static void install(MainWindow* window);

    // The panels shown, in the order above.
    QList<QWidget*> panels() const;
    // Where Tab stops in `panel`, in reading order.
    QList<QWidget*> stops(QWidget* panel) const;
    // Focus to the first stop of the next (`step` 1) or previous (-1) panel that has one.
    void focusPanel(int step);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* panelOf(const QWidget* w, const QList<QWidget*>& panels) const;
    bool tab(QWidget* from, bool forward);
    static void focus(QWidget* w);

    QMainWindow* m_window;
    QWidget* m_canvas;
};

} // namespace pb::app
