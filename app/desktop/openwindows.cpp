#include "app/desktop/openwindows.h"

#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStatusBar>

namespace pb::app::openwindows {

namespace {
QString identity(const QString& path)
{
    const QFileInfo fi(path);
    const QString canonical = fi.canonicalFilePath();
    // A file deleted since it was opened has no canonical path; its window still shows it.
    return canonical.isEmpty() ? QDir::cleanPath(fi.absoluteFilePath()) : canonical;
}
} // namespace

MainWindow* find(const QString& path)
{
    if (path.isEmpty()) return nullptr;
    const QString wanted = identity(path);
    for (QWidget* top : QApplication::topLevelWidgets()) {
        auto* w = qobject_cast<MainWindow*>(top);
        // A closed window waits hidden for its deletion: nothing to go back to.
        if (!w || !w->isVisible() || w->document()->filePath().isEmpty()) continue;
        if (identity(w->document()->filePath()) == wanted) return w;
    }
    return nullptr;
}

void bringForward(MainWindow* w)
{
    if (w->isMinimized()) w->setWindowState(w->windowState() & ~Qt::WindowMinimized);
    w->raise();
    w->activateWindow();
}

bool raise(const QString& path)
{
    MainWindow* w = find(path);
    if (!w) return false;
    // Only from the Start Page: showCanvas() shows the default docks, which Interview mode hides.
    if (!w->view()->isVisibleTo(w)) w->showCanvas();
    bringForward(w);
    w->statusBar()->showMessage(
        QCoreApplication::translate("OpenWindows", "“%1” is already open in this window.")
            .arg(w->document()->displayName()),
        6000);
    return true;
}

} // namespace pb::app::openwindows
