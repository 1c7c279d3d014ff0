// The interview session in the recovery copy: an interviewer killed mid-interview gets the marks,
// ratings, notes and phase times back at the next start, on the design as it was (saved or
// not, untitled or not); a clean save of the design keeps the session's copy, an export or a
// normal close removes it.
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/interviewpanel.h"
#include "app/desktop/interviewstate.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/presenterwindow.h"
#include "app/desktop/recoveryprompt.h"
#include "app/desktop/recoverywriter.h"
#include "app/desktop/reviewcontroller.h"
#include "testdesigns.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <cstdio>

using namespace pb;
using namespace pb::app;

namespace {

const QString kNotes = QStringLiteral("knew the breaker\nmissed the warm-up");

model::Design cacheDesign()
{
    return test::cacheDesign("api", "cache", "db");
}

QStringList recoveryFiles(const QString& pattern)
{
    return QDir(RecoveryWriter::directory()).entryList({pattern}, QDir::Files);
}

// Child mode: an interviewer's window on `file` (or, for "untitled", on an unsaved design that
// nothing changed, as an example opens), a question rated with notes, one skipped, time on the
// clock; then for "modified" a change to the drawing, and for "saved" that change saved
// cleanly. Says READY once the copies on disk are what they will stay, then waits to be killed.
int runChild(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
    const QString file = QString::fromLocal8Bit(argv[2]);
    const QString how = QString::fromLocal8Bit(argv[3]);
    auto* w = new MainWindow;
    w->show();
    Document* doc = w->document();
    doc->recovery()->setDelay(50);
    if (how == QLatin1String("untitled")) {
        w->newDesign();
        doc->reset(cacheDesign(), QString());
    } else if (!w->openFile(file)) {
        return 2;
    }
    w->review()->reviewNow();
    auto* modes = w->findChild<ModeController*>();
    modes->setMode(ModeController::Mode::Interview);
    InterviewPanel* panel = modes->interview();
    panel->showPresenter(true); // the candidate's screen, open when the window dies
    panel->selectQuestion(0);
    panel->setRating(3);
    panel->setNotes(kNotes);
    panel->selectQuestion(1);
    panel->markSkipped();
    panel->setPhase(InterviewPanel::Design);
    panel->start();
    panel->advanceClock(42);
    panel->pause();
    // Polled rather than signalled, so that a build without the session copy says NOTHING.
    const bool untitled = how == QLatin1String("untitled");
    int stage = 0, ticks = 0;
    auto* poll = new QTimer(&app);
    QObject::connect(poll, &QTimer::timeout, [&] {
        const bool session = !recoveryFiles(QStringLiteral("*.interview")).isEmpty();
        const bool design = !recoveryFiles(QStringLiteral("*.probeboard")).isEmpty();
        QString say;
        if (++ticks > 500) {
            say = QStringLiteral("NOTHING");
        } else if (stage == 0 && session && (!untitled || design)) {
            if (untitled) {
                say = QStringLiteral("READY");
            } else {
                doc->undoStack()->push(commands::addComponent(doc, "queue", QPointF(0, 400)));
                stage = 1;
            }
        } else if (stage == 1 && design) {
            QString error;
            if (how != QLatin1String("saved"))
                say = QStringLiteral("READY");
            else if (!doc->save(file, &error))
                say = error;
            stage = 2;
        } else if (stage == 2 && !design) { // a background write may still finish after the save
            say = QStringLiteral("READY");
        }
        if (say.isEmpty()) return;
        std::printf("%s\n", qPrintable(say));
        std::fflush(stdout);
        poll->stop();
    });
    poll->start(20);
    return app.exec();
}

} // namespace

class TstSessionRecovery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTimer m_boxes;
    QString m_button;

    static void discardAll()
    {
        for (const auto& e : RecoveryWriter::staleEntries()) RecoveryWriter::discard(e);
    }

    // Clicks `buttonText` in the start-up box when it comes.
    void answerRecoveryBox(const QString& buttonText) { m_button = buttonText; }

    // Runs through each test: the start-up box as answerRecoveryBox() says, Discard to the
    // boxes a close asks (the session not exported, the design not saved), OK to the rest (the
    // file a session belonged to cannot be opened).
    void answerBoxes()
    {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        if (box->objectName() == QStringLiteral("recoveryBox")) {
            for (QAbstractButton* b : box->buttons())
                if (b->text() == m_button) b->click();
        } else if (QAbstractButton* discard = box->button(QMessageBox::Discard)) {
            discard->click();
        } else {
            box->close();
        }
    }

    static QList<MainWindow*> windows()
    {
        QList<MainWindow*> out;
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* w = qobject_cast<MainWindow*>(top); w && w->isVisible()) out << w;
        return out;
    }

    static InterviewPanel* panelOf(MainWindow* w) { return w->findChild<ModeController*>()->interview(); }

    static const rules::SessionQuestion* rated(InterviewPanel* panel, int rating)
    {
        for (const auto& q : panel->queue())
            if (q.rating == rating) return &q;
        return nullptr;
    }

    // Closes `w`, answering Discard to what it asks (answerBoxes).
    static void closeDiscarding(MainWindow* w)
    {
        QPointer<MainWindow> alive(w);
        w->close();
        QTRY_VERIFY(!alive);
    }

    // A window in Interview mode on `path`, with a question rated; copies written at once.
    static MainWindow* ratedWindow(const QString& path)
    {
        auto* w = new MainWindow;
        w->show();
        w->document()->recovery()->setDelay(20);
        if (!w->openFile(path)) return w;
        w->review()->reviewNow();
        w->findChild<ModeController*>()->setMode(ModeController::Mode::Interview);
        panelOf(w)->selectQuestion(0);
        panelOf(w)->setRating(2);
        return w;
    }

    QString designFile(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QString error;
        return writeDesign(cacheDesign(), path, &error) ? path : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        QVERIFY(m_dir.isValid());
        connect(&m_boxes, &QTimer::timeout, this, &TstSessionRecovery::answerBoxes);
    }

    void init()
    {
        discardAll();
        m_button.clear();
        m_boxes.start(20);
    }

    void cleanup()
    {
        for (MainWindow* w : windows()) closeDiscarding(w);
        m_boxes.stop();
        discardAll();
    }

    void killedInterviewComesBack_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("design saved cleanly after the marks") << QStringLiteral("saved");
        QTest::newRow("design changed, not saved") << QStringLiteral("modified");
        QTest::newRow("untitled design, unchanged") << QStringLiteral("untitled");
    }

    void killedInterviewComesBack()
    {
        QFETCH(QString, how);
        const QString file = designFile(how + QStringLiteral(".probeboard"));
        QVERIFY(!file.isEmpty());
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--session-child"), file, how});
        QVERIFY(child.waitForStarted());
        QString said;
        while (!said.contains(QLatin1Char('\n')) && child.waitForReadyRead(60000)) said += QString::fromUtf8(child.readAllStandardOutput());
        child.kill();
        QVERIFY(child.waitForFinished());
        QCOMPARE(said.trimmed(), QStringLiteral("READY"));

        const auto stale = RecoveryWriter::staleEntries();
        QCOMPARE(stale.size(), size_t(1));
        QCOMPARE(stale[0].designPath.isEmpty(), how == QLatin1String("saved")); // nothing unsaved there
        QVERIFY(!stale[0].sessionPath.isEmpty());
        const QString oldSession = stale[0].sessionPath;
        answerRecoveryBox(QStringLiteral("Restore"));
        QCOMPARE(offerRecovery(), 1);
        QCOMPARE(int(windows().size()), 1);
        MainWindow* w = windows().first();
        Document* doc = w->document();
        QCOMPARE(doc->filePath(), how == QLatin1String("untitled") ? QString() : file);
        QCOMPARE(doc->isModified(), how != QLatin1String("saved"));
        QCOMPARE(doc->design().components().size(), size_t(how == QLatin1String("untitled") ? 3 : 4));

        auto* modes = w->findChild<ModeController*>();
        QCOMPARE(modes->mode(), ModeController::Mode::Interview);
        w->review()->reviewNow(); // the questions not handled come back around the marks
        InterviewPanel* panel = modes->interview();
        QVERIFY(panel->queue().size() > 2);
        const rules::SessionQuestion* q = rated(panel, 3);
        QVERIFY(q);
        QCOMPARE(q->mark, std::string("asked"));
        QCOMPARE(QString::fromStdString(q->notes), kNotes);
        QCOMPARE(panel->presenterQuestion(), QString::fromStdString(q->text));
        QCOMPARE(int(std::count_if(panel->queue().begin(), panel->queue().end(),
                                   [](const auto& s) { return s.mark == "skipped"; })),
                 1);
        QCOMPARE(panel->phase(), InterviewPanel::Design);
        QCOMPARE(panel->phaseSeconds(InterviewPanel::Design), 42);
        QVERIFY(panel->hasUnexportedSession()); // closing asks to export it again
        // The presenter window was open when the window died: the candidate's screen is back,
        // showing the question they were asked.
        QVERIFY(panel->presenter());
        QVERIFY(panel->presenter()->isVisible());
        QCOMPARE(panel->presenter()->question(), QString::fromStdString(q->text));

        // The restored window keeps its own copy; the old one is gone and not offered again.
        QVERIFY(!QFile::exists(oldSession));
        QVERIFY(doc->recovery()->hasSessionCopy());
        QVERIFY(QFile::exists(doc->recovery()->sessionPath()));
        closeDiscarding(w);
        QCOMPARE(recoveryFiles(QStringLiteral("*")), QStringList());
    }

    // Ctrl+S in the middle of an interview threw nothing of the design away, and must not throw
    // the session away either: the design file does not hold it. An export does hold it.
    void cleanSaveKeepsTheSessionExportRemovesIt()
    {
        const QString file = designFile(QStringLiteral("kept.probeboard"));
        MainWindow* w = ratedWindow(file);
        Document* doc = w->document();
        RecoveryWriter* recovery = doc->recovery();
        QTRY_VERIFY(recovery->hasSessionCopy());
        doc->undoStack()->push(commands::addComponent(doc, "queue", QPointF(0, 400)));
        QTRY_VERIFY(recovery->hasCopy());
        QString error;
        QVERIFY(doc->save(file, &error));
        QVERIFY(!recovery->hasCopy());
        QVERIFY(!QFile::exists(recovery->designPath()));
        QVERIFY(recovery->hasSessionCopy());
        QCOMPARE(int(recoveryFiles(QStringLiteral("*.json")).size()), 1); // its sidecar stays too

        QVERIFY2(panelOf(w)->exportSession(m_dir.filePath(QStringLiteral("kept.md")), &error), qPrintable(error));
        QTRY_VERIFY(!recovery->hasSessionCopy());
        QCOMPARE(recoveryFiles(QStringLiteral("*")), QStringList());
        // A note after the export is a session not exported again.
        panelOf(w)->setNotes(QStringLiteral("one more thing"));
        QTRY_VERIFY(recovery->hasSessionCopy());
        closeDiscarding(w);
        QCOMPARE(recoveryFiles(QStringLiteral("*")), QStringList());
    }

    // Saved under a new name: a crash then restores the session on the new file.
    void saveAsTakesTheSessionAlong()
    {
        MainWindow* w = ratedWindow(designFile(QStringLiteral("old-name.probeboard")));
        RecoveryWriter* recovery = w->document()->recovery();
        QTRY_VERIFY(recovery->hasSessionCopy());
        const QString renamed = m_dir.filePath(QStringLiteral("new-name.probeboard"));
        QString error;
        QVERIFY(w->document()->save(renamed, &error));
        const QStringList metas = recoveryFiles(QStringLiteral("*.json"));
        QCOMPARE(int(metas.size()), 1);
        QFile meta(QDir(RecoveryWriter::directory()).filePath(metas.first()));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(meta.readAll()).object().value(QStringLiteral("original")).toString(), renamed);
    }

    // The file the session was on is gone: the session still comes back, on a blank design,
    // with the questions' own text, so that the notes can be exported.
    void sessionWithoutItsFileComesBackOnABlankDesign()
    {
        const QString dir = RecoveryWriter::directory();
        QVERIFY(QDir().mkpath(dir));
        InterviewState state;
        rules::SessionQuestion q;
        q.key = "0123456789abcdef#0";
        q.text = "What happens to the database when the cache is flushed?";
        q.mark = "asked";
        q.rating = 2;
        q.notes = "said retries";
        state.questions.push_back(q);
        state.askedOrder.push_back(q.key);
        QFile session(dir + QStringLiteral("/lost.interview"));
        QVERIFY(session.open(QIODevice::WriteOnly));
        session.write(QJsonDocument(interviewStateToJson(state)).toJson());
        session.close();
        QFile meta(dir + QStringLiteral("/lost.json"));
        QVERIFY(meta.open(QIODevice::WriteOnly));
        meta.write(QJsonDocument(QJsonObject{{QStringLiteral("pid"), 0},
                                             {QStringLiteral("original"), m_dir.filePath(QStringLiteral("deleted.probeboard"))},
                                             {QStringLiteral("written"), QStringLiteral("2025-12-06T10:00:00Z")}})
                       .toJson());
        meta.close();
        answerRecoveryBox(QStringLiteral("Restore"));
        QCOMPARE(offerRecovery(), 1);
        QCOMPARE(int(windows().size()), 1);
        InterviewPanel* panel = panelOf(windows().first());
        QVERIFY(panel->isVisible());
        const rules::SessionQuestion* back = rated(panel, 2);
        QVERIFY(back);
        QCOMPARE(back->text, q.text);
        QCOMPARE(back->notes, q.notes);
        QCOMPARE(panel->presenterQuestion(), QString::fromStdString(q.text));
        QVERIFY(!QFile::exists(session.fileName()));
        QVERIFY(!panel->presenter()); // a copy that does not say it was open (older ones) opens none
    }

    // Whether the candidate's screen is open is in the session's copy, and follows it: a restore
    // does not open a presenter the interviewer had closed.
    void theSessionCopyFollowsThePresenterWindow()
    {
        MainWindow* w = ratedWindow(designFile(QStringLiteral("presented.probeboard")));
        RecoveryWriter* recovery = w->document()->recovery();
        QTRY_VERIFY(recovery->hasSessionCopy());
        const auto presenterInCopy = [recovery] {
            QFile f(recovery->sessionPath());
            if (!f.open(QIODevice::ReadOnly)) return -1;
            const auto state = interviewStateFromJson(QJsonDocument::fromJson(f.readAll()).object());
            return state ? int(state->presenterOpen) : -1;
        };
        QCOMPARE(presenterInCopy(), 0);
        panelOf(w)->showPresenter(true);
        QTRY_COMPARE(presenterInCopy(), 1);
        panelOf(w)->presenter()->close(); // its own close box, not the panel's button
        QTRY_VERIFY(!panelOf(w)->presenter());
        QTRY_COMPARE(presenterInCopy(), 0);
    }
};

int main(int argc, char** argv)
{
    if (argc > 3 && qstrcmp(argv[1], "--session-child") == 0) return runChild(argc, argv);
    QApplication app(argc, argv);
    TstSessionRecovery t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_sessionrecovery.moc"
