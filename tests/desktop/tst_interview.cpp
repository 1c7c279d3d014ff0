// Interview mode as an interviewer runs it: what the presenter window shows as questions are
// marked, answer points shown for one question, the session offered for export before the window
// closes, multi-line notes in the Markdown export, and the canvas left unlit by the hidden
// findings list.
#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/interviewpanel.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/presenterwindow.h"
#include "app/desktop/reviewcontroller.h"
#include "model/diagnostic.h"
#include "rules/sessionreport.h"
#include "testdesigns.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

namespace {

// Labelled by their ids, as the session texts below expect.
model::Design cacheDesign()
{
    return test::cacheDesign("api", "cache", "db");
}

} // namespace

class TestInterview : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const rules::RuleSet> m_rules;
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<CanvasScene> m_scene;
    std::unique_ptr<ReviewController> m_rc;
    QTemporaryDir m_dir;
    QString m_seen; // the text of the last close box answered

    // Answers the next modal box from the interview panel with `button`; m_seen gets its text
    // (stays empty when no such box came).
    void answerCloseBox(QMessageBox::StandardButton button)
    {
        m_seen.clear();
        QTimer::singleShot(50, this, [this, button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QStringLiteral("interviewCloseBox")) return;
            m_seen = box->text();
            box->button(button)->click();
        });
    }

    // A window in Interview mode on the cache design, reviewed.
    static MainWindow* interviewWindow()
    {
        auto* w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        w->newDesign();
        w->document()->reset(cacheDesign(), QString());
        w->review()->reviewNow();
        w->findChild<ModeController*>()->setMode(ModeController::Mode::Interview);
        return w;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        m_rules = test::builtinRules();
        QVERIFY(m_rules);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_doc = std::make_unique<Document>();
        m_scene = std::make_unique<CanvasScene>(m_doc.get());
        m_rc = std::make_unique<ReviewController>(m_doc.get(), m_rules);
        m_doc->reset(cacheDesign(), QString());
        m_rc->reviewNow();
    }

    void cleanup()
    {
        m_rc.reset();
        m_scene.reset();
        m_doc.reset();
    }

    // Skipping another question blanked the question on the candidate's screen, and so did
    // unmarking an old one: it shows the last question marked asked that is still asked.
    void presenterKeepsTheLastQuestionStillAsked()
    {
        InterviewPanel panel(m_doc.get(), m_scene.get());
        panel.setResult(m_rc->result());
        QVERIFY(panel.queue().size() >= 2);
        const QString first = QString::fromStdString(panel.queue()[0].text);
        const QString second = QString::fromStdString(panel.queue()[1].text);
        panel.selectQuestion(0);
        panel.markAsked();
        panel.showPresenter(true);
        PresenterWindow* p = panel.presenter();
        QVERIFY(p);
        QCOMPARE(p->question(), first);
        panel.selectQuestion(1);
        panel.markSkipped();
        QCOMPARE(p->question(), first);
        panel.markAsked(); // skipped, then asked after all
        QCOMPARE(p->question(), second);
        panel.markAsked(); // unmarked: back to the one still asked
        QCOMPARE(p->question(), first);
        panel.setRating(2); // rating marks it asked
        QCOMPARE(p->question(), second);
        panel.selectQuestion(0);
        panel.markSkipped();
        QCOMPARE(p->question(), second);
        panel.selectQuestion(1);
        panel.markAsked();
        QVERIFY(p->question().isEmpty());
        // A re-review keeps it.
        panel.markAsked();
        panel.setResult(m_rc->result());
        QCOMPARE(p->question(), second);
        panel.showPresenter(false);
    }

    // "Show answer points" stayed on for every later question.
    void answerPointsAreShownForOneQuestion()
    {
        InterviewPanel panel(m_doc.get(), m_scene.get());
        panel.setResult(m_rc->result());
        QVERIFY(panel.queue().size() >= 2);
        panel.selectQuestion(0);
        panel.setAnswerPointsShown(true);
        QVERIFY(!panel.pointsLabel()->isHidden());
        // The candidate keeps drawing: the crib stays open on the same question.
        m_rc->reviewNow();
        panel.setResult(m_rc->result());
        QVERIFY(panel.answerPointsShown());
        panel.selectQuestion(1);
        QVERIFY(!panel.answerPointsShown());
        QVERIFY(panel.pointsLabel()->isHidden());
    }

    // Ctrl+Q lost every mark, rating and note: the session is in no file.
    void closingOffersToExportTheSession()
    {
        QPointer<MainWindow> w = interviewWindow();
        InterviewPanel* panel = w->findChild<ModeController*>()->interview();
        QVERIFY(!panel->hasUnexportedSession());
        panel->selectQuestion(0);
        panel->markAsked();
        QVERIFY(panel->hasUnexportedSession());
        answerCloseBox(QMessageBox::Cancel);
        QVERIFY(!w->close());
        QVERIFY(m_seen.contains(QStringLiteral("Export the interview session")));
        QVERIFY(w && w->isVisible());

        // Exported: nothing left to lose, no question.
        QString error;
        QVERIFY2(panel->exportSession(m_dir.filePath(QStringLiteral("s.md")), &error), qPrintable(error));
        QVERIFY(!panel->hasUnexportedSession());
        panel->setNotes(QStringLiteral("a note after the export"));
        QVERIFY(panel->hasUnexportedSession());

        answerCloseBox(QMessageBox::Discard);
        QVERIFY(w->close());
        QVERIFY(!m_seen.isEmpty());
        QTRY_VERIFY(!w);
    }

    void exportedSessionClosesWithoutAsking()
    {
        QPointer<MainWindow> w = interviewWindow();
        InterviewPanel* panel = w->findChild<ModeController*>()->interview();
        panel->selectQuestion(0);
        panel->setRating(4);
        QString error;
        QVERIFY2(panel->exportSession(m_dir.filePath(QStringLiteral("t.html")), &error), qPrintable(error));
        answerCloseBox(QMessageBox::Cancel);
        QVERIFY(w->close());
        QTest::qWait(100); // the timer has fired: no box was there to answer
        QVERIFY(m_seen.isEmpty());
    }

    // The notes ran together into one line, "> line one # not a heading".
    void markdownNotesKeepTheirLines()
    {
        rules::InterviewSession s;
        s.title = "shop";
        rules::SessionQuestion q;
        q.text = "What if the cache is cold?";
        q.mark = "asked";
        q.notes = "line one\n# not a heading\n  1. not a list\n\n<b>after</b> a blank";
        s.questions.push_back(q);
        const QString md = QString::fromStdString(rules::sessionMarkdown(s, cacheDesign()));
        QVERIFY2(md.contains(QStringLiteral("   > line one  \n   > \\# not a heading  \n   > 1\\. not a list  \n"
                                            "   >  \n   > \\<b\\>after\\</b\\> a blank\n")),
                 qPrintable(md));
        const QString html = QString::fromStdString(rules::sessionHtml(s, cacheDesign()));
        QVERIFY(html.contains(QStringLiteral("line one<br># not a heading<br>")));
    }

    // Undoing a fix brought the finding back selected in the hidden findings list, lit on the
    // canvas with the rest dimmed, in Interview mode where nothing was selected.
    void hiddenFindingsListLightsNothingInInterview()
    {
        QPointer<MainWindow> w = interviewWindow();
        auto* modes = w->findChild<ModeController*>();
        modes->setMode(ModeController::Mode::Draw);
        QString fp;
        for (const auto& f : w->review()->result().findings)
            if (f.ruleId == "missing-circuit-breaker") fp = QString::fromStdString(f.fingerprint);
        QVERIFY(!fp.isEmpty());
        QVERIFY(w->findings()->selectFinding(fp));
        QVERIFY(w->scene()->dimOthers());
        // The fix, then Interview, then undo.
        w->document()->undoStack()->push(
            commands::setProperty(w->document(), QStringLiteral("f2"), "circuit_breaker", model::Value{true}));
        w->review()->reviewNow();
        modes->setMode(ModeController::Mode::Interview);
        w->document()->undoStack()->undo();
        w->review()->reviewNow();
        QCOMPARE(w->findings()->currentFingerprint(), fp); // the list did re-select it
        QVERIFY(!w->scene()->dimOthers());
        QVERIFY(w->scene()->highlighted().isEmpty());
        w->close();
    }

    // "2 to ask" read as two questions left; it counts the facts the drawing does not give.
    void statusBarCountsFactsNotDrawn()
    {
        QPointer<MainWindow> w = interviewWindow();
        const int asks = w->review()->result().summary.asks;
        QVERIFY(asks > 0);
        const QString text = w->findings()->countsLabel()->text();
        QVERIFY2(text.contains(asks == 1 ? QStringLiteral("1 fact not drawn")
                                         : QStringLiteral("%1 facts not drawn").arg(asks)),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("to ask")));
        w->close();
    }
};

QTEST_MAIN(TestInterview)
#include "tst_interview.moc"
