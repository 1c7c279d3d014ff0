#pragma once

#include <QMenu>

class QMainWindow;

namespace pb::app {

class ActionRegistry;
class CanvasNavigator;

// Go, after View as in IDEs: the keys that move through the drawing and between the panels, so
// that a mouse user comes across them and a screen reader user reaches them from the menu bar.
// It holds the registry's own actions, so the menu shows their keys and the shortcuts page lists
// each once. While it is open, an item that leads nowhere is disabled and its tips say why.
class GoMenu : public QMenu
{
    Q_OBJECT
public:
    GoMenu(QMainWindow* window, ActionRegistry* actions, CanvasNavigator* navigator, QWidget* canvas);

private:
    void insertAfterView(QMainWindow* window, ActionRegistry* actions);
};

} // namespace pb::app
