#include "app/desktop/recoveryprompt.h"

#include "app/desktop/document.h"
#include "app/desktop/interviewstate.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/openwindows.h"
#include "app/desktop/recoverywriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace pb::app {

namespace {

QString entryLine(const RecoveryEntry& e)
{
    const QString name = e.originalPath.isEmpty()
                             ? QCoreApplication::translate("Recovery", "an untitled design")
                             : QFileInfo(e.originalPath).fileName();
    const QString when = QLocale().toString(e.written.toLocalTime(), QLocale::ShortFormat);
    if (e.sessionPath.isEmpty())
        return QCoreApplication::translate("Recovery", "• %1 — last change %2").arg(name, when);
    if (e.designPath.isEmpty())
        return QCoreApplication::translate("Recovery", "• the interview session on %1 — last change %2")
            .arg(name, when);
    return QCoreApplication::translate("Recovery", "• %1 and its interview session — last change %2")
        .arg(name, when);
}

// Puts the session's marks, ratings and notes back in `w`, in Interview mode.
void restoreSession(MainWindow* w, const QString& sessionPath)
{
    QFile f(sessionPath);
    if (!f.open(QIODevice::ReadOnly)) return;
    const auto state = interviewStateFromJson(QJsonDocument::fromJson(f.readAll()).object());
    auto* modes = w->findChild<ModeController*>();
    if (!state || !modes) return;
    modes->restoreInterview(*state);
    w->statusBar()->showMessage(
        w->document()->isModified()
            ? QCoreApplication::translate("Recovery", "Restored unsaved work and the interview session. "
                                                      "Save the design and export the session to keep them.")
            : QCoreApplication::translate("Recovery", "Restored the interview session. Export it to keep it."),
        10000);
}

// The window an entry's work is back in, or nullptr. Without a design copy (the design was saved
// cleanly after the session began) the session goes on the user's file; with neither, on a blank
// design: the questions handled carry their own text, so the notes can still be exported.
MainWindow* restoreEntry(const RecoveryEntry& e)
{
    MainWindow* w = MainWindow::createWindow();
    MainWindow* target = w;
    if (!e.designPath.isEmpty()) {
        if (!w->restoreRecovery(e.designPath, e.originalPath)) {
            w->close();
            return nullptr;
        }
    } else if (!e.originalPath.isEmpty() && w->openFile(e.originalPath)) {
        // Another window restored a moment ago may show the file already.
        if (MainWindow* showing = openwindows::find(e.originalPath)) target = showing;
    } else {
        w->newDesign();
    }
    if (target != w) w->close();
    if (!e.sessionPath.isEmpty()) restoreSession(target, e.sessionPath);
    return target;
}

} // namespace

int offerRecovery(QWidget* parent, QStringList* restoredFiles)
{
    const std::vector<RecoveryEntry> entries = RecoveryWriter::staleEntries();
    if (entries.empty()) return 0;
    QStringList lines;
    for (const RecoveryEntry& e : entries) lines << entryLine(e);
    QMessageBox box(
        QMessageBox::Question, QCoreApplication::translate("Recovery", "Restore unsaved work?"),
        QCoreApplication::translate("Recovery", "Probeboard did not close normally last time. "
                                                "Unsaved work was kept for:"),
        QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("recoveryBox"));
    box.setInformativeText(lines.join(QLatin1Char('\n')));
    QPushButton* restore =
        box.addButton(QCoreApplication::translate("Recovery", "Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(QCoreApplication::translate("Recovery", "Discard"),
                                         QMessageBox::DestructiveRole);
    box.addButton(QCoreApplication::translate("Recovery", "Ask Me Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    int opened = 0;
    if (box.clickedButton() == restore) {
        for (const RecoveryEntry& e : entries) {
            MainWindow* w = restoreEntry(e);
            if (!w) continue; // unreadable: kept, offered again next time
            ++opened;
            if (restoredFiles && !e.originalPath.isEmpty())
                *restoredFiles << QFileInfo(e.originalPath).canonicalFilePath();
            // The restored window keeps its own copies from now on, written at once so that a
            // second crash right away still loses nothing.
            RecoveryWriter::discard(e);
            RecoveryWriter* recovery = w->document()->recovery();
            if (w->document()->isModified()) recovery->writeNow();
            recovery->writeSessionNow();
        }
    } else if (box.clickedButton() == discard) {
        for (const RecoveryEntry& e : entries)
            RecoveryWriter::discard(e);
    }
    return opened;
}

} // namespace pb::app
