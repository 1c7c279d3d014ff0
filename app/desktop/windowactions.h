#pragma once

#include <QCoreApplication>

namespace pb::app {

class MainWindow;

// A window's actions (by id in its ActionRegistry), its menus and its toolbar: the long lists
// of what the user can trigger and where it shows. Kept apart from MainWindow, which keeps the
// pages and the file flow; a friend of it, since each action is wired to the window's parts.
class WindowActions
{
    // The window's own translation context, so the strings kept theirs when they moved here.
    Q_DECLARE_TR_FUNCTIONS(pb::app::MainWindow)
public:
    static void createActions(MainWindow* w);
    // After createActions, and after the window's CanvasKeyGuard exists (the find field
    // is given to it).
    static void createMenus(MainWindow* w);
    static void createToolBar(MainWindow* w);

private:
    static void createFileActions(MainWindow* w);
    static void createEditActions(MainWindow* w);
    static void createToolActions(MainWindow* w);
    static void createViewActions(MainWindow* w);
};

} // namespace pb::app
