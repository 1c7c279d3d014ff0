#include "app/desktop/mainwindow.h"
#include "app/desktop/recoveryprompt.h"
#include "app/desktop/theme.h"
#include "model/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <clocale>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Probeboard"));
    QApplication::setApplicationName(QStringLiteral("probeboard"));
    QApplication::setApplicationDisplayName(QStringLiteral("Probeboard"));
    QApplication::setApplicationVersion(QString::fromUtf8(pb::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/probeboard.svg")));
    // Qt applies the user's locale; keep C number formatting for the model, JSON and Graphviz.
    std::setlocale(LC_NUMERIC, "C");

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Probeboard: a whiteboard for system-design reviews."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("main", "Design to open (.probeboard, .json, .dot)."),
        QStringLiteral("[file...]"));
    parser.process(app);

    pb::app::Theme::instance();
    QStringList restoredFiles;
    const int restored = pb::app::offerRecovery(nullptr, &restoredFiles);
    // A file just restored is open already, with the work the crash would have lost: opening it
    // again from disk put a stale window on top of it.
    QStringList files;
    for (const QString& f : parser.positionalArguments())
        if (!restoredFiles.contains(QFileInfo(f).canonicalFilePath())) files << f;
    if (!files.isEmpty()) {
        auto* w = pb::app::MainWindow::createWindow();
        for (const QString& f : files)
            w->openFile(f);
    } else if (restored == 0) {
        pb::app::MainWindow::createWindow();
    }
    return app.exec();
}
