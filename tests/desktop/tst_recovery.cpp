#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/recoveryindicator.h"
#include "app/desktop/recoverywriter.h"
#include "testdesigns.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QJsonObject>
#include <QTest>
#include <QUndoStack>
#include <cstdio>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace pb;
using namespace pb::app;

namespace {
// Child mode: draw something, let the recovery timer write the copy, report, then wait to be
// killed — the same situation as a crash after the last recovery write.
int runChild(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    Document doc;
    doc.reset(test::smallDesign(), QStringLiteral("/tmp/user-file.probeboard"));
    doc.recovery()->setDelay(50);
    QObject::connect(doc.recovery(), &RecoveryWriter::written, [](const QString& path) {
        std::printf("WRITTEN %s\n", qPrintable(path));
        std::fflush(stdout);
    });
    doc.undoStack()->push(commands::addComponent(&doc, "queue", QPointF(0, 400)));
    return app.exec();
}

// Points the recovery folder into a fresh home (test mode follows $HOME) and puts a plain file
// where the folder should be: every write fails, as for root too (a read-only folder would not).
// Removing the file lets writes succeed again.
struct BlockedRecoveryFolder
{
    QTemporaryDir home;
    QByteArray oldHome = qgetenv("HOME");
    QString folder;

    BlockedRecoveryFolder()
    {
        qputenv("HOME", home.path().toLocal8Bit());
        folder = RecoveryWriter::directory();
        QDir().mkpath(QFileInfo(folder).path());
        QFile blocker(folder);
        blocker.open(QIODevice::WriteOnly);
    }
    ~BlockedRecoveryFolder() { qputenv("HOME", oldHome); }
    bool unblock() { return QFile::remove(folder); }
};
} // namespace

class TstRecovery : public QObject
{
    Q_OBJECT

private:
    // The small design saved in `dir`: a document loaded from it needs no design copy.
    static QString saveSmallDesign(const QTemporaryDir& dir)
    {
        const QString path = dir.filePath(QStringLiteral("d.probeboard"));
        Document saved;
        saved.reset(test::smallDesign(), QString());
        QString error;
        if (!saved.save(path, &error)) qFatal("cannot save %s: %s", qPrintable(path), qPrintable(error));
        return path;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const auto& e : RecoveryWriter::staleEntries())
            RecoveryWriter::discard(e);
    }

    void killedProcessLeavesRestorableCopy()
    {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--recovery-child")});
        QVERIFY(child.waitForStarted());
        QString written;
        for (int i = 0; i < 100 && written.isEmpty(); ++i) {
            child.waitForReadyRead(100);
            const QString out = QString::fromUtf8(child.readAllStandardOutput());
            if (out.startsWith(QStringLiteral("WRITTEN "))) written = out.mid(8).trimmed();
        }
        QVERIFY2(!written.isEmpty(), "child never wrote its recovery copy");
        // While the child lives, its copy is not stale (another window is still using it).
        for (const auto& e : RecoveryWriter::staleEntries())
            QVERIFY(e.designPath != written);

        child.kill();
        QVERIFY(child.waitForFinished());

        const auto stale = RecoveryWriter::staleEntries();
        auto it = std::find_if(stale.begin(), stale.end(),
                               [&](const RecoveryEntry& e) { return e.designPath == written; });
        QVERIFY(it != stale.end());
        QCOMPARE(it->originalPath, QStringLiteral("/tmp/user-file.probeboard"));
        QString error;
        auto design = readDesign(it->designPath, &error);
        QVERIFY2(design, qPrintable(error));
        QCOMPARE(design->components().size(), size_t(5)); // the queue drawn before the kill
        RecoveryWriter::discard(*it);
        QVERIFY(RecoveryWriter::staleEntries().empty());
    }

    // Killed, and not yet reaped by whatever started it, a window is a zombie: kill(pid, 0)
    // still succeeds, and its copy was not offered until the next start.
    void aZombieWindowsCopyIsOffered()
    {
        int out[2];
        QVERIFY(::pipe(out) == 0);
        const QByteArray exe = QCoreApplication::applicationFilePath().toLocal8Bit();
        const pid_t pid = ::fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            ::dup2(out[1], 1);
            ::execl(exe.constData(), exe.constData(), "--recovery-child", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(out[1]);
        QByteArray said;
        char buf[512];
        for (ssize_t n; !said.contains('\n') && (n = ::read(out[0], buf, sizeof buf)) > 0;) said.append(buf, n);
        ::close(out[0]);
        QVERIFY2(said.startsWith("WRITTEN "), said.constData());
        const QString written = QString::fromLocal8Bit(said.mid(8)).trimmed();
        ::kill(pid, SIGKILL);
        // Dead but not reaped (no waitpid until the end): the copy is offered once it has died.
        bool offered = false;
        for (int i = 0; i < 50 && !offered; ++i) {
            for (const auto& e : RecoveryWriter::staleEntries()) offered = offered || e.designPath == written;
            if (!offered) QTest::qWait(20);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        QVERIFY(offered);
        for (const auto& e : RecoveryWriter::staleEntries())
            if (e.designPath == written) RecoveryWriter::discard(e);
    }

    void cleanSaveAndCloseRemoveTheCopy()
    {
        QTemporaryDir dir;
        QString copy;
        {
            Document doc;
            doc.reset(test::smallDesign(), QString());
            doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 0)));
            QVERIFY(doc.recovery()->writeNow());
            copy = doc.recovery()->designPath();
            QVERIFY(QFile::exists(copy));
            QString error;
            QVERIFY(doc.save(dir.filePath(QStringLiteral("d.probeboard")), &error));
            QVERIFY(!QFile::exists(copy)); // saved cleanly: nothing to recover
            doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 100)));
            QVERIFY(doc.recovery()->writeNow());
            QVERIFY(QFile::exists(copy));
        }
        QVERIFY(!QFile::exists(copy)); // closed normally
    }

    // A copy that cannot be written is said once, with its reason, and said no more once copies
    // are written again or none is needed; the user is not left believing the work is safe.
    void aFailedCopyIsToldOnceUntilCopiesWork()
    {
        BlockedRecoveryFolder blocked;
        QVERIFY(blocked.folder.startsWith(blocked.home.path()));
        QVERIFY(QFileInfo(blocked.folder).isFile());
        Document doc;
        doc.reset(test::smallDesign(), QString());
        doc.recovery()->setDelay(10);
        QSignalSpy failed(doc.recovery(), &RecoveryWriter::failed);
        QSignalSpy recovered(doc.recovery(), &RecoveryWriter::recovered);
        doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 0)));
        QTRY_COMPARE(failed.count(), 1); // the timer's write, on the worker thread
        const QString reason = failed.at(0).at(0).toString();
        QVERIFY2(reason.contains(QStringLiteral("recovery folder")) && reason.contains(QStringLiteral("Not a directory")),
                 qPrintable(reason));
        QCOMPARE(doc.recovery()->lastError(), reason);
        QVERIFY(!doc.recovery()->hasCopy());

        // Still failing, by the timer and directly: not said again.
        doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 100)));
        QTest::qWait(100);
        doc.recovery()->waitForIdle();
        QVERIFY(!doc.recovery()->writeNow());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(recovered.count(), 0);
        QVERIFY(!doc.recovery()->lastError().isEmpty());

        // Saved cleanly: no copy is needed, so none is missing.
        QTemporaryDir files;
        QString error;
        QVERIFY2(doc.save(files.filePath(QStringLiteral("d.probeboard")), &error), qPrintable(error));
        QCOMPARE(recovered.count(), 1);
        QVERIFY(doc.recovery()->lastError().isEmpty());

        // Failing again is said again; a copy written afterwards ends it.
        doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 200)));
        QTRY_COMPARE(failed.count(), 2);
        QVERIFY(blocked.unblock());
        doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 300)));
        QTRY_VERIFY(doc.recovery()->hasCopy());
        QCOMPARE(recovered.count(), 2);
        QCOMPARE(failed.count(), 2);
        QVERIFY(doc.recovery()->lastError().isEmpty());
    }

    // The interview's marks and notes are in no file until exported: their copy failing is said
    // as the design's is (it used to be dropped), once, and ends when a copy is written.
    void aFailedSessionCopyIsToldToo()
    {
        QTemporaryDir files;
        const QString path = saveSmallDesign(files);
        QString error;
        BlockedRecoveryFolder blocked;
        Document doc;
        QVERIFY2(doc.load(path, &error), qPrintable(error)); // saved: no design copy is needed
        doc.recovery()->setSessionSource([] { return QJsonObject{{QStringLiteral("notes"), QStringLiteral("good on caching")}}; });
        QSignalSpy failed(doc.recovery(), &RecoveryWriter::failed);
        QSignalSpy recovered(doc.recovery(), &RecoveryWriter::recovered);
        QVERIFY(!doc.recovery()->writeSessionNow());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("interview notes")),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(!doc.recovery()->writeSessionNow());
        QCOMPARE(failed.count(), 1);
        QVERIFY(blocked.unblock());
        QVERIFY(doc.recovery()->writeSessionNow());
        QCOMPARE(recovered.count(), 1);
        QVERIFY(doc.recovery()->lastError().isEmpty());
        QVERIFY(doc.recovery()->hasSessionCopy());
        doc.recovery()->removeAll();
    }

    // While copies keep failing for another reason (the notes' copy first, then the design's too),
    // the label says the reason now, not the spell's first; the status bar is not told again.
    void aChangedReasonIsShownNotTheFirst()
    {
        QTemporaryDir files;
        const QString path = saveSmallDesign(files);
        QString error;
        BlockedRecoveryFolder blocked;
        Document doc;
        QVERIFY2(doc.load(path, &error), qPrintable(error));
        doc.recovery()->setSessionSource([] { return QJsonObject{{QStringLiteral("notes"), QStringLiteral("asked about fencing")}}; });
        QStatusBar bar;
        RecoveryIndicator indicator(doc.recovery(), &bar);
        QSignalSpy failed(doc.recovery(), &RecoveryWriter::failed);
        QSignalSpy changed(doc.recovery(), &RecoveryWriter::reasonChanged);
        QVERIFY(!doc.recovery()->writeSessionNow());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(indicator.toolTip().contains(QStringLiteral("interview notes")), qPrintable(indicator.toolTip()));
        bar.clearMessage();
        doc.undoStack()->push(commands::addComponent(&doc, "cache", QPointF(0, 0))); // now the design needs a copy too
        QVERIFY(!doc.recovery()->writeNow());
        QCOMPARE(failed.count(), 1); // the same spell
        QCOMPARE(changed.count(), 1);
        const QString now = doc.recovery()->lastError();
        QVERIFY2(!now.contains(QStringLiteral("interview notes")), qPrintable(now));
        QVERIFY2(indicator.toolTip().contains(now.toHtmlEscaped()), qPrintable(indicator.toolTip()));
        QVERIFY(bar.currentMessage().isEmpty());
        QVERIFY(!doc.recovery()->writeNow()); // the same reason again: nothing to tell
        QCOMPARE(changed.count(), 1);
        doc.undoStack()->setClean();
        doc.recovery()->removeAll();
    }

    // The window shows it without a dialog: a label in the status bar that stays while copies
    // fail, and a message once.
    void theWindowShowsThatRecoveryIsOff()
    {
        BlockedRecoveryFolder blocked;
        MainWindow w;
        w.show();
        w.newDesign();
        Document* doc = w.document();
        doc->recovery()->setDelay(10);
        auto* indicator = w.statusBar()->findChild<QLabel*>(QStringLiteral("recoveryIndicator"));
        QVERIFY(indicator);
        QVERIFY(indicator->isHidden());
        doc->undoStack()->push(commands::addComponent(doc, "cache", QPointF(0, 0)));
        QTRY_VERIFY(indicator->isVisible());
        QVERIFY2(indicator->text().startsWith(QStringLiteral("Crash recovery is off")), qPrintable(indicator->text()));
        QVERIFY(indicator->toolTip().contains(doc->recovery()->lastError()));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("not protected from a crash")),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(blocked.unblock());
        doc->undoStack()->push(commands::addComponent(doc, "cache", QPointF(0, 100)));
        QTRY_VERIFY(indicator->isHidden());
        doc->recovery()->removeAll();
        doc->undoStack()->setClean(); // no "unsaved changes" question when it closes
    }

    void copyNeverOverwritesTheUsersFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.probeboard"));
        Document doc;
        doc.reset(test::smallDesign(), QString());
        QString error;
        QVERIFY(doc.save(path, &error));
        const QByteArray saved = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        doc.undoStack()->push(commands::addComponent(&doc, "queue", QPointF(0, 0)));
        QVERIFY(doc.recovery()->writeNow());
        QVERIFY(doc.recovery()->designPath() != path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), saved);
    }
};

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--recovery-child") == 0) return runChild(argc, argv);
    QApplication app(argc, argv);
    TstRecovery t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_recovery.moc"
