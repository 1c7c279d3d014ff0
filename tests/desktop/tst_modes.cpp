// Practice, interview and review modes: scoring in the practice panel, the interview queue,
// ratings and notes in the session export, the presenter window, review decisions, reports in
// every format, comparison with a previous version, and the mode switcher in the window.
#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/interviewpanel.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/practicepanel.h"
#include "app/desktop/presenterwindow.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/reviewpanel.h"
#include "app/desktop/whydisabled.h"
#include "model/diagnostic.h"
#include "rules/sessionreport.h"
#include "testdesigns.h"

#include <QComboBox>
#include <QFile>
#include <QGraphicsView>
#include <QPushButton>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QCheckBox>
#include <QDateEdit>
#include <QTest>
#include <QTextBrowser>
#include <QToolTip>
#include <QTreeWidget>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

namespace {

using test::cacheDesign;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList allTexts(QWidget* w)
{
    QStringList out{w->windowTitle()};
    for (auto* l : w->findChildren<QLabel*>()) out << l->text();
    for (auto* t : w->findChildren<QPlainTextEdit*>()) out << t->toPlainText();
    for (auto* t : w->findChildren<QTextBrowser*>()) out << t->toPlainText();
    return out;
}

} // namespace

class TestModes : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const rules::RuleSet> m_rules;
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<CanvasScene> m_scene;
    std::unique_ptr<ReviewController> m_rc;
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    const rules::Finding* mcb() const
    {
        for (const auto& f : m_rc->result().findings)
            if (f.ruleId == "missing-circuit-breaker") return &f;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
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
        QVERIFY(mcb());
    }

    void cleanup()
    {
        m_rc.reset();
        m_scene.reset();
        m_doc.reset();
    }

    void practiceHidesPointsAndScoresAnAnswer()
    {
        PracticePanel panel;
        panel.setResult(m_rc->result());
        QVERIFY(panel.questionCount() > 0);
        // Select the circuit-breaker question.
        int at = -1;
        for (int i = 0; i < panel.questionCount() && at < 0; ++i) {
            panel.selectQuestion(i);
            if (panel.currentItem()->key.startsWith(QString::fromStdString(mcb()->fingerprint))) at = i;
        }
        QVERIFY(at >= 0);
        const auto* item = panel.currentItem();
        QVERIFY(panel.questionLabel()->text().contains(QStringLiteral("orders-cache")));
        {
            // The top of a category path only: "consistency/outbox" named the answer.
            rules::ReviewResult sub = m_rc->result();
            for (auto& f : sub.findings) f.category = "consistency/outbox";
            PracticePanel other;
            other.setResult(sub);
            other.selectQuestion(0);
            QVERIFY2(other.contextLabel()->text().contains(QStringLiteral("Consistency")),
                     qPrintable(other.contextLabel()->text()));
            QVERIFY(!other.contextLabel()->text().contains(QStringLiteral("outbox")));
        }
        for (const auto& p : item->points)
            QVERIFY(!panel.resultView()->toPlainText().contains(QString::fromStdString(p)));

        panel.answerEdit()->setPlainText(QStringLiteral(
            "Put a circuit breaker on the database call that opens on errors or latency over a "
            "threshold and fails fast; coalesce misses so one request per key refills the cache."));
        panel.checkButton()->click();
        const auto score = panel.scoreFor(item->key);
        QVERIFY(score.has_value());
        QVERIFY(score->covered >= 1);
        QVERIFY(score->covered < score->total);
        QVERIFY(panel.resultView()->toPlainText().contains(QStringLiteral("Covered")));
        QVERIFY(panel.resultView()->toPlainText().contains(QStringLiteral("Missed")));
        QVERIFY(panel.scorecardLabel()->text().contains(QStringLiteral("Failure")));
        QCOMPARE(panel.scorecard().overall().covered, score->covered);

        // The answer survives a re-review of the drawing.
        m_rc->reviewNow();
        panel.setResult(m_rc->result());
        QCOMPARE(panel.currentItem()->key, item->key);
        QVERIFY(panel.answerEdit()->toPlainText().contains(QStringLiteral("circuit breaker")));
    }

    void practiceTimeBoxChecksWhenTimeIsUp()
    {
        PracticePanel panel;
        panel.setResult(m_rc->result());
        panel.setTimeBox(60);
        QCOMPARE(panel.remainingSeconds(), 60);
        panel.answerEdit()->setPlainText(QStringLiteral("breaker"));
        panel.advanceClock(59);
        QCOMPARE(panel.remainingSeconds(), 1);
        QVERIFY(!panel.scoreFor(panel.currentItem()->key));
        panel.advanceClock(1);
        QCOMPARE(panel.remainingSeconds(), 0);
        QVERIFY(panel.scoreFor(panel.currentItem()->key).has_value());
        panel.setTimeBox(0);
        QCOMPARE(panel.remainingSeconds(), -1);
    }

    void interviewQueueIsOrderedBySeverityThenLevel()
    {
        rules::ReviewResult r;
        auto add = [&](const char* fp, rules::Severity s, const char* level, rules::Finding::Kind k) {
            rules::Finding f;
            f.fingerprint = fp;
            f.severity = s;
            f.level = level;
            f.kind = k;
            f.questions.push_back({std::string("q-") + fp, std::vector<std::string>{"p"}});
            r.findings.push_back(f);
        };
        add("a", rules::Severity::Low, "mid", rules::Finding::Kind::Finding);
        add("b", rules::Severity::High, "staff", rules::Finding::Kind::Finding);
        add("c", rules::Severity::High, "mid", rules::Finding::Kind::Finding);
        add("d", rules::Severity::Critical, "senior", rules::Finding::Kind::Finding);
        add("e", rules::Severity::Info, "mid", rules::Finding::Kind::Ask); // asks are not questions
        add("f", rules::Severity::Info, "mid", rules::Finding::Kind::Probe);
        auto q = rules::interviewQueue(r);
        QStringList keys;
        for (const auto& x : q) keys << QString::fromStdString(x.key);
        QCOMPARE(keys, (QStringList{"d#0", "c#0", "b#0", "a#0", "f#0"}));

        // Marks, ratings and notes follow their question through a re-review; a handled question
        // that disappeared stays in the session.
        q[1].rating = 3;
        q[1].notes = "good";
        q[2].mark = "asked";
        r.findings.erase(r.findings.begin() + 1); // "b" is gone
        auto again = rules::interviewQueue(r, q);
        QCOMPARE(QString::fromStdString(again[1].key), QStringLiteral("c#0"));
        QCOMPARE(again[1].rating, 3);
        QCOMPARE(QString::fromStdString(again.back().key), QStringLiteral("b#0"));
        QCOMPARE(QString::fromStdString(again.back().mark), QStringLiteral("asked"));
    }

    void interviewExportCarriesRatingsAndNotes()
    {
        InterviewPanel panel(m_doc.get(), m_scene.get());
        panel.setResult(m_rc->result());
        QVERIFY(panel.queue().size() >= 2);
        for (std::size_t i = 1; i < panel.queue().size(); ++i)
            QVERIFY(panel.queue()[i - 1].severityRank >= panel.queue()[i].severityRank);
        panel.selectQuestion(0);
        panel.markAsked();
        panel.setRating(3);
        panel.setNotes(QStringLiteral("Named the breaker <b>and</b> stale reads"));
        const QString askedText = QString::fromStdString(panel.queue()[0].text);
        panel.selectQuestion(1);
        panel.markSkipped();
        panel.start();
        panel.advanceClock(90);
        panel.setPhase(InterviewPanel::Design);
        panel.advanceClock(30);
        panel.pause();
        panel.advanceClock(500); // paused: not counted
        QCOMPARE(panel.totalSeconds(), 120);
        QCOMPARE(panel.phaseSeconds(InterviewPanel::Scope), 90);

        QString error;
        QVERIFY2(panel.exportSession(path("s.md"), &error), qPrintable(error));
        const QString md = QString::fromUtf8(readAll(path("s.md")));
        QVERIFY(md.contains(QStringLiteral("rating 3 — good")));
        QVERIFY(md.contains(QStringLiteral("Named the breaker \\<b\\>and\\</b\\> stale reads")));
        QVERIFY(md.contains(QStringLiteral("## Skipped")));
        QVERIFY(md.contains(QStringLiteral("| Scope | 1:30 |")));
        QVERIFY(md.contains(QStringLiteral("![Diagram](s.png)")));
        QVERIFY(QFile::exists(path("s.png")));
        // Answer points are the interviewer's crib, never part of the export.
        for (const auto& p : panel.queue()[0].answerPoints) QVERIFY(!md.contains(QString::fromStdString(p)));

        QVERIFY2(panel.exportSession(path("s.html"), &error), qPrintable(error));
        const QString html = QString::fromUtf8(readAll(path("s.html")));
        QVERIFY(html.contains(QStringLiteral("Named the breaker &lt;b&gt;and&lt;/b&gt; stale reads")));
        QVERIFY(html.contains(QStringLiteral("data:image/png;base64,")));
        QVERIFY(html.contains(askedText.toHtmlEscaped().left(30)));

        QVERIFY2(panel.exportSession(path("s.pdf"), &error), qPrintable(error));
        const QByteArray pdf = readAll(path("s.pdf"));
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.size() > 2000);
    }

    // A finding badge changes the pixels of the interviewer's canvas, never the candidate's.
    void presenterLeavesBadgesOut(PresenterWindow* p)
    {
        const QString id = QString::fromStdString(m_doc->design().components().front().id);
        QGraphicsView own(m_scene.get());
        own.resize(p->view()->size());
        own.setTransform(p->view()->transform());
        own.centerOn(m_scene->itemsBoundingRect().center());
        p->view()->centerOn(m_scene->itemsBoundingRect().center());
        auto shots = [&] { return std::pair{own.viewport()->grab().toImage(), p->view()->viewport()->grab().toImage()}; };
        m_scene->setBadge(id, QStringLiteral("critical"), 7);
        const auto [ownWith, audienceWith] = shots();
        m_scene->setBadge(id, QString(), 0);
        const auto [ownWithout, audienceWithout] = shots();
        QVERIFY(ownWith != ownWithout);
        QVERIFY(audienceWith == audienceWithout);
        // Nor does the finding the interviewer has picked (outlined, the rest dimmed), or the
        // selection: the candidate would see what is being looked at.
        m_scene->setHighlighted({id}, true);
        m_scene->selectIds({id});
        const auto [ownLit, audienceLit] = shots();
        m_scene->setHighlighted({}, false);
        m_scene->clearSelection();
        QVERIFY(ownLit != ownWithout);
        QVERIFY(audienceLit == audienceWithout);
    }

    void presenterShowsNoAnswerPointsOrNotes()
    {
        InterviewPanel panel(m_doc.get(), m_scene.get());
        panel.setResult(m_rc->result());
        panel.selectQuestion(0);
        panel.setNotes(QStringLiteral("secret interviewer note"));
        panel.setAnswerPointsShown(true); // the interviewer looks at the crib…
        panel.showPresenter(true);
        PresenterWindow* p = panel.presenter();
        QVERIFY(p);
        QVERIFY(p->question().isEmpty()); // nothing asked yet
        panel.markAsked();
        const auto& q = panel.queue()[0];
        QCOMPARE(p->question(), QString::fromStdString(q.text));
        QCOMPARE(p->view()->scene(), m_scene.get());
        QVERIFY(!p->view()->isInteractive());
        const QString seen = allTexts(p).join(QLatin1Char('\n'));
        QVERIFY(!seen.contains(QStringLiteral("secret interviewer note")));
        for (const auto& point : q.answerPoints) QVERIFY(!seen.contains(QString::fromStdString(point).left(40)));
        QVERIFY(panel.pointsLabel()->text().contains(QString::fromStdString(q.answerPoints.front()).toHtmlEscaped().left(30)));
        presenterLeavesBadgesOut(p);
        panel.showPresenter(false);
        QTRY_VERIFY(!panel.presenter());
    }

    void reviewDecisionsNeedOwnerAndJustificationAndUndo()
    {
        ReviewPanel panel(m_rc.get(), m_scene.get());
        const QString fp = QString::fromStdString(mcb()->fingerprint);
        QVERIFY(panel.selectFinding(fp));
        panel.statusBox()->setCurrentIndex(panel.statusBox()->findData(QStringLiteral("mitigated")));
        panel.ownerEdit()->clear();
        panel.justificationEdit()->setPlainText(QStringLiteral("breaker in PR 42"));
        QVERIFY(!panel.applyDecision());
        QVERIFY(m_doc->design().decisions.empty());
        QVERIFY(panel.messageLabel()->text().contains(QStringLiteral("owner")));

        panel.ownerEdit()->setText(QStringLiteral("ana"));
        // An expiry already past would settle nothing: refused, not "saved".
        panel.expiresBox()->setChecked(true);
        panel.expiresEdit()->setDate(QDate(2025, 1, 1));
        QVERIFY(!panel.applyDecision());
        QVERIFY(m_doc->design().decisions.empty());
        QVERIFY(panel.messageLabel()->text().contains(QStringLiteral("expiry date has passed")));
        panel.expiresBox()->setChecked(false);
        QVERIFY(panel.applyDecision());
        QCOMPARE(m_doc->design().decisions.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(m_doc->design().decisions[0].status), QStringLiteral("mitigated"));
        QCOMPARE(QString::fromStdString(mcb()->status), QStringLiteral("mitigated"));
        QCOMPARE(panel.currentFingerprint(), fp);

        m_doc->undoStack()->undo();
        m_rc->reviewNow();
        QVERIFY(m_doc->design().decisions.empty());
        QCOMPARE(QString::fromStdString(mcb()->status), QStringLiteral("open"));
    }

    void reviewReportInEveryFormatEscapesLabels()
    {
        m_doc->reset(cacheDesign("<script>alert(1)</script>"), QString());
        m_rc->reviewNow();
        ReviewPanel panel(m_rc.get(), m_scene.get());
        QVERIFY(panel.selectFinding(QString::fromStdString(mcb()->fingerprint)));
        panel.statusBox()->setCurrentIndex(panel.statusBox()->findData(QStringLiteral("accepted")));
        panel.ownerEdit()->setText(QStringLiteral("sre-team"));
        panel.justificationEdit()->setPlainText(QStringLiteral("cache is warm-started"));
        QVERIFY(panel.applyDecision());

        QString error;
        QVERIFY2(panel.exportReport(path("r.html"), &error), qPrintable(error));
        const QString html = QString::fromUtf8(readAll(path("r.html")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QStringLiteral("<h2>Decisions</h2>")));
        QVERIFY(html.contains(QStringLiteral("sre-team")));
        QVERIFY(html.contains(QStringLiteral("<h2>Questions</h2>")));

        QVERIFY2(panel.exportReport(path("r.md"), &error), qPrintable(error));
        const QString md = QString::fromUtf8(readAll(path("r.md")));
        QVERIFY(md.startsWith(QStringLiteral("# Design review")));
        QVERIFY(!md.contains(QStringLiteral("<script>")));
        QVERIFY(md.contains(QStringLiteral("## Decisions")));

        QVERIFY2(panel.exportReport(path("r.CSV"), &error), qPrintable(error));
        const QString csv = QString::fromUtf8(readAll(path("r.CSV")));
        QVERIFY(csv.startsWith(QStringLiteral("file,kind,severity,rule,")));
        QVERIFY(csv.contains(QStringLiteral("sre-team"))); // decisions travel with their rows
        QCOMPARE(csv.count(QStringLiteral("\r\n")) - 1, qsizetype(m_rc->result().findings.size()));
        QVERIFY(csv.contains(QStringLiteral("<script>alert(1)</script>"))); // text, not markup, in a sheet

        QVERIFY2(panel.exportReport(path("r.pdf"), &error), qPrintable(error));
        const QByteArray pdf = readAll(path("r.pdf"));
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.size() > 2000);
    }

    void compareWithPreviousVersion()
    {
        QString error;
        QVERIFY(writeDesign(cacheDesign(), path("v1.probeboard"), &error));
        // v2: the breaker is on, a queue is added, the cache is renamed.
        model::Design v2 = cacheDesign();
        v2.flow("f2")->props["circuit_breaker"] = true;
        v2.component("cache")->label = "hot-cache";
        v2.addComponent(test::component("events", "queue", 600, 0));
        m_doc->reset(v2, QString());
        m_rc->reviewNow();
        ReviewPanel panel(m_rc.get(), m_scene.get());
        QVERIFY(!panel.compareWith(path("missing.probeboard"), &error));
        QVERIFY(error.contains(QStringLiteral("missing.probeboard")));
        QVERIFY2(panel.compareWith(path("v1.probeboard"), &error), qPrintable(error));
        const auto& d = *panel.comparison();
        QCOMPARE(d.added.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(d.added[0].id), QStringLiteral("events"));
        QCOMPARE(d.changed.size(), std::size_t(2)); // cache label, f2 breaker
        bool resolved = false;
        for (const auto& f : d.resolvedFindings) resolved = resolved || f.ruleId == "missing-circuit-breaker";
        QVERIFY(resolved);
        QVERIFY(panel.exportReport(path("cmp.html"), &error));
        const QString html = QString::fromUtf8(readAll(path("cmp.html")));
        QVERIFY(html.contains(QStringLiteral("Changes since v1.probeboard")));
        QVERIFY(html.contains(QStringLiteral("component events")));
        // An edit after the comparison: it follows the drawing, as `probeboard-cli diff` would.
        m_doc->undoStack()->push(commands::setLabel(m_doc.get(), QStringLiteral("events"), QStringLiteral("orders-events")));
        m_rc->reviewNow();
        QCOMPARE(panel.comparison()->added.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(panel.comparison()->added[0].label), QStringLiteral("orders-events"));
        QVERIFY(panel.exportReport(path("cmp2.html"), &error));
        QVERIFY(QString::fromUtf8(readAll(path("cmp2.html"))).contains(QStringLiteral("component orders-events")));
    }

    void modeSwitcherChoosesPanelsAndAnswerPoints()
    {
        auto* w = new MainWindow;
        w->show();
        w->newDesign();
        auto* modes = w->findChild<ModeController*>();
        QVERIFY(modes);
        QVERIFY(w->findings()->isVisible());
        // A finding lit from the list in Draw mode, then Practice: nothing stays lit, and the
        // list (its fixes and answer points) cannot be brought back from the View menu.
        const QString id = QStringLiteral("api");
        w->scene()->setHighlighted({id}, true);
        modes->action(ModeController::Mode::Practice)->trigger();
        QCOMPARE(modes->mode(), ModeController::Mode::Practice);
        QVERIFY(modes->practice()->isVisible());
        QVERIFY(!modes->interview()->isVisible());
        QVERIFY(!w->findings()->answerPointsVisible());
        QVERIFY(!w->scene()->isHighlighted(id));
        QVERIFY(!w->scene()->dimOthers());
        QVERIFY(!w->findings()->toggleViewAction()->isEnabled());
        // Nor through the review report, or the decisions panel (empty outside Review anyway).
        QVERIFY(!w->actions()->get(QStringLiteral("file.report"))->isEnabled());
        QVERIFY(!modes->reviewPanel()->toggleViewAction()->isEnabled());
        QVERIFY(!modes->interview()->toggleViewAction()->isEnabled());
        QVERIFY(modes->practice()->toggleViewAction()->isEnabled());
        modes->setMode(ModeController::Mode::Interview);
        QVERIFY(w->actions()->get(QStringLiteral("file.report"))->isEnabled());
        QVERIFY(modes->interview()->isVisible());
        QVERIFY(!modes->practice()->isVisible());
        QVERIFY(!w->findings()->answerPointsVisible());
        modes->setMode(ModeController::Mode::Review);
        QVERIFY(modes->reviewPanel()->isVisible());
        QVERIFY(w->findings()->isVisible());
        QVERIFY(w->findings()->toggleViewAction()->isEnabled());
        QVERIFY(modes->reviewPanel()->toggleViewAction()->isEnabled());
        QVERIFY(w->findings()->answerPointsVisible());
        modes->setMode(ModeController::Mode::Draw);
        QVERIFY(!modes->reviewPanel()->isVisible());
        QVERIFY(modes->action(ModeController::Mode::Draw)->isChecked());
        // File > Compare With… and Review Report… sit in the File menu.
        QMenu* file = w->menuBar()->actions().first()->menu();
        QVERIFY(file->actions().contains(w->actions()->get(QStringLiteral("file.compare"))));
        QVERIFY(file->actions().contains(w->actions()->get(QStringLiteral("file.report"))));
        w->close();
    }

    // A menu item a mode greys out says why when the pointer rests on it, and stops saying it
    // once the item works again.
    void greyedItemsSayWhy()
    {
        auto* w = new MainWindow;
        w->show();
        w->newDesign();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        auto* modes = w->findChild<ModeController*>();
        QVERIFY(modes);
        QAction* report = w->actions()->get(QStringLiteral("file.report"));
        QMenu* file = w->menuBar()->actions().first()->menu();
        modes->setMode(ModeController::Mode::Practice);
        QVERIFY(!report->isEnabled());
        QVERIFY(whydisabled::of(report).contains(QStringLiteral("answer points")));
        QVERIFY(whydisabled::of(modes->interview()->toggleViewAction()).contains(QStringLiteral("Interview mode")));
        QVERIFY(whydisabled::of(w->findings()->toggleViewAction()).contains(QStringLiteral("Practice mode")));
        QVERIFY(whydisabled::of(modes->practice()->toggleViewAction()).isEmpty());
        file->popup(w->mapToGlobal(QPoint(10, 10)));
        QVERIFY(QTest::qWaitForWindowExposed(file));
        const QPoint at = file->actionGeometry(report).center();
        QHelpEvent help(QEvent::ToolTip, at, file->mapToGlobal(at));
        QApplication::sendEvent(file, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), whydisabled::of(report));
        QToolTip::hideText();
        file->hide();
        modes->setMode(ModeController::Mode::Draw);
        QVERIFY(report->isEnabled());
        QVERIFY(whydisabled::of(report).isEmpty());
        QVERIFY(whydisabled::of(w->findings()->toggleViewAction()).isEmpty());
        QVERIFY(whydisabled::of(modes->interview()->toggleViewAction()).contains(QStringLiteral("Interview mode")));
        w->close();
    }
};

QTEST_MAIN(TestModes)
#include "tst_modes.moc"
