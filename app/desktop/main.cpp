#include "app/desktop/mainwindow.h"
#include "app/desktop/preferences.h"
#include "app/desktop/recoveryprompt.h"
#include "app/desktop/singleinstance.h"
#include "app/desktop/theme.h"
#include "model/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <clocale>
#include <cstdio>

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
    const QCommandLineOption newInstance(
        QStringLiteral("new-instance"),
        QApplication::translate("main", "Open the files in a process of its own, not in the running "
                                        "Probeboard (which then does not know about them)."));
    parser.addOption(newInstance);
    parser.process(app);

    // Before anything else: a launch handing its files over has nothing else to do.
    pb::app::SingleInstance instance(parser.isSet(newInstance) ? QString()
                                                               : pb::app::SingleInstance::defaultName());
    if (instance.start(parser.positionalArguments()) == pb::app::SingleInstance::Outcome::HandedOff) {
        const QString said = parser.positionalArguments().isEmpty()
                                 ? QApplication::translate("main", "Opened a window in the running Probeboard "
                                                                   "(process %1); --new-instance starts a process "
                                                                   "of its own.")
                                 : QApplication::translate("main", "Opened in the running Probeboard (process %1); "
                                                                   "--new-instance opens a process of its own.");
        std::printf("%s\n", qPrintable(said.arg(instance.answeredBy())));
        return 0;
    }
    instance.acceptFileOpenEvents(); // from here: held while the recovery offer is up

    pb::app::Theme::instance().setMode(pb::app::preferences::themeMode());
    QStringList restoredFiles;
    const int restored = pb::app::offerRecovery(nullptr, &restoredFiles);
    // A file just restored is open already, with the work the crash would have lost: opening it
    // again from disk put a stale window on top of it.
    QStringList files;
    for (const QString& f : parser.positionalArguments())
        if (!restoredFiles.contains(QFileInfo(f).canonicalFilePath())) files << f;
    if (!files.isEmpty())
        pb::app::openFromCommandLine(files);
    else if (restored == 0)
        pb::app::MainWindow::createWindow();
    QObject::connect(&instance, &pb::app::SingleInstance::openRequested, &pb::app::openFromCommandLine);
    instance.startDelivering();
    return app.exec();
}
