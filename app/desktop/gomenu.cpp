#include "app/desktop/gomenu.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasnavigator.h"

#include <QMainWindow>
#include <QMenuBar>

namespace pb::app {

GoMenu::GoMenu(QMainWindow* window, ActionRegistry* actions, CanvasNavigator* navigator, QWidget* canvas)
    : QMenu(tr("&Go"), window)
{
    setObjectName(QStringLiteral("goMenu"));
    // Fusion does not let the pointer or the keys rest on a disabled item, so its status tip
    // would never show; a tooltip does.
    setToolTipsVisible(true);
    for (const char* id : {"canvas.nextElement", "canvas.previousElement", "-", "canvas.nearestLeft",
                           "canvas.nearestRight", "canvas.nearestUp", "canvas.nearestDown", "-",
                           "canvas.followOut", "canvas.followIn", "canvas.up", "canvas.down", "-",
                           "window.nextPanel", "window.previousPanel"}) {
        if (QLatin1String(id) == QLatin1String("-"))
            addSeparator();
        else
            addAction(actions->get(QLatin1String(id)));
    }
    // Worked out as the menu opens rather than on each change of the selection, which a Select
    // All of 10,000 components makes expensive; the keys stay enabled in between.
    connect(this, &QMenu::aboutToShow, navigator,
            [navigator, canvas] { navigator->describeActions(canvas->isVisible()); });
    connect(this, &QMenu::aboutToHide, navigator, &CanvasNavigator::enableActions);
    insertAfterView(window, actions);
}

void GoMenu::insertAfterView(QMainWindow* window, ActionRegistry* actions)
{
    // The View menu is the one holding Zoom In; its title is translated.
    const QList<QAction*> top = window->menuBar()->actions();
    QAction* zoomIn = actions->get(QStringLiteral("view.zoomIn"));
    QAction* before = nullptr;
    for (qsizetype i = 0; i < top.size(); ++i)
        if (top[i]->menu() && top[i]->menu()->actions().contains(zoomIn)) before = top.value(i + 1);
    window->menuBar()->insertMenu(before, this);
}

} // namespace pb::app
