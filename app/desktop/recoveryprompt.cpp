#include "app/desktop/recoveryprompt.h"

#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/recoverywriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace pb::app {

int offerRecovery(QWidget* parent, QStringList* restoredFiles)
{
    const std::vector<RecoveryEntry> entries = RecoveryWriter::staleEntries();
    if (entries.empty()) return 0;
    QStringList lines;
    for (const RecoveryEntry& e : entries)
        lines << QCoreApplication::translate("Recovery", "• %1 — last change %2")
                     .arg(e.originalPath.isEmpty()
                              ? QCoreApplication::translate("Recovery", "an untitled design")
                              : QFileInfo(e.originalPath).fileName(),
                          QLocale().toString(e.written.toLocalTime(), QLocale::ShortFormat));
    QMessageBox box(
        QMessageBox::Question, QCoreApplication::translate("Recovery", "Restore unsaved work?"),
        QCoreApplication::translate("Recovery", "Probeboard did not close normally last time. "
                                                "Unsaved work was kept for:"),
        QMessageBox::NoButton, parent);
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
            auto* w = MainWindow::createWindow();
            if (w->restoreRecovery(e.designPath, e.originalPath)) {
                // The restored window writes its own copy on its first change; until then keep
                // the old one, so a second crash right now still loses nothing.
                ++opened;
                if (restoredFiles && !e.originalPath.isEmpty())
                    *restoredFiles << QFileInfo(e.originalPath).canonicalFilePath();
                RecoveryWriter::discard(e);
                w->document()->recovery()->writeNow();
            } else {
                w->close();
            }
        }
    } else if (box.clickedButton() == discard) {
        for (const RecoveryEntry& e : entries)
            RecoveryWriter::discard(e);
    }
    return opened;
}

} // namespace pb::app
