// Live review on the whiteboard: the controller, the findings panel, badges, fixes, decisions.
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/decisiondialog.h"
#include "app/desktop/document.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/kinds.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/showntext.h"
#include "model/diagnostic.h"
#include "testdesigns.h"

#include <QFile>
#include <QLabel>
#include <QLineF>
#include <QPushButton>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

namespace {
const rules::Finding* byRule(const ReviewController& rc, const std::string& rule)
{
    for (const auto& f : rc.result().findings)
        if (f.ruleId == rule && f.kind == rules::Finding::Kind::Finding) return &f;
    return nullptr;
}

// A payments service writing regulated records with no audit ledger (the add_component fix).
model::Design paymentsDesign()
{
    model::Design d;
    d.addComponent(test::component("payments", "service", 0, 0));
    auto db = test::component("payments-db", "database", 300, 0);
    db.props["data"] = model::StringList{"payment"};
    d.addComponent(db);
    d.addFlow(test::flow("f1", "payments", "payments-db"));
    return d;
}
} // namespace

class TestReview : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const rules::RuleSet> m_rules;
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<CanvasScene> m_scene;
    std::unique_ptr<CanvasView> m_view;
    std::unique_ptr<ReviewController> m_rc;
    std::unique_ptr<FindingsPanel> m_panel;

    void open(model::Design d)
    {
        m_doc->reset(std::move(d), QString());
        m_rc->reviewNow();
    }
    QString mcb() const
    {
        const auto* f = byRule(*m_rc, "missing-circuit-breaker");
        return f ? QString::fromStdString(f->fingerprint) : QString();
    }

private slots:
    void initTestCase()
    {
        auto set = std::make_shared<rules::RuleSet>();
        model::Diagnostics diags;
        QVERIFY(set->loadBuiltinPacks(diags));
        m_rules = set;
    }

    void init()
    {
        m_doc = std::make_unique<Document>();
        m_scene = std::make_unique<CanvasScene>(m_doc.get());
        m_view = std::make_unique<CanvasView>(m_scene.get());
        m_rc = std::make_unique<ReviewController>(m_doc.get(), m_rules);
        m_panel = std::make_unique<FindingsPanel>(m_rc.get(), m_scene.get(), m_view.get());
        open(test::smallDesign());
    }

    void cleanup()
    {
        m_panel.reset();
        m_rc.reset();
        m_view.reset();
        m_scene.reset();
        m_doc.reset();
    }

    void findingNamesTheDrawnComponents()
    {
        const auto* f = byRule(*m_rc, "missing-circuit-breaker");
        QVERIFY(f);
        QVERIFY(QString::fromStdString(f->why).contains(QStringLiteral("orders-db")));
        QVERIFY(!f->questions.empty());
        QVERIFY(m_panel->visibleFingerprints().contains(mcb()));
        QVERIFY(m_panel->selectFinding(mcb()));
        QVERIFY(m_panel->details()->toPlainText().contains(QStringLiteral("api → orders-db")) ||
                m_panel->details()->toPlainText().contains(QStringLiteral("orders-db")));
    }

    // A row is cut to what a line can show: rows naming long labels were shaped whole on every
    // paint, and a 20,000-component review took seconds per selection to draw.
    void aRowNamingALongLabelIsCut()
    {
        const std::string longLabel = "orders " + std::string(400, 'x');
        m_doc->undoStack()->push(commands::setLabel(m_doc.get(), QStringLiteral("orders-db"), QString::fromStdString(longLabel)));
        m_rc->reviewNow();
        const QAbstractItemModel* model = m_panel->tree()->model();
        int naming = 0;
        for (int g = 0; g < model->rowCount(); ++g)
            for (int r = 0; r < model->rowCount(model->index(g, 0)); ++r) {
                const QModelIndex row = model->index(r, 0, model->index(g, 0));
                if (!row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("orders xxxxxxxxxx"))) continue;
                ++naming;
                QVERIFY(row.data(Qt::DisplayRole).toString().size() <= kShownChars + 1);
            }
        QVERIFY(naming > 0);
    }

    void relabelKeepsTheSelectionAndUpdatesTheText()
    {
        QVERIFY(m_panel->selectFinding(mcb()));
        m_doc->undoStack()->push(commands::setLabel(m_doc.get(), QStringLiteral("orders-db"), QStringLiteral("ledger-db")));
        QTRY_VERIFY(m_panel->details()->toPlainText().contains(QStringLiteral("ledger-db")));
        QCOMPARE(m_panel->currentFingerprint(), mcb()); // same finding, still selected
        QVERIFY(m_scene->isHighlighted(QStringLiteral("orders-db")));
    }

    void answerPointsCanBeHidden()
    {
        QVERIFY(m_panel->selectFinding(mcb()));
        const auto* f = byRule(*m_rc, "missing-circuit-breaker");
        const QString point = QString::fromStdString(f->questions.front().answerPoints.front());
        QVERIFY(m_panel->details()->toPlainText().contains(point.left(30)));
        m_panel->setAnswerPointsVisible(false);
        QVERIFY(!m_panel->details()->toPlainText().contains(point.left(30)));
        QVERIFY(m_panel->details()->toPlainText().contains(QString::fromStdString(f->questions.front().text).left(30)));
    }

    void highlightingFollowsSelection()
    {
        QVERIFY(m_panel->selectFinding(mcb()));
        QVERIFY(m_scene->isHighlighted(QStringLiteral("api")));
        QVERIFY(m_scene->isHighlighted(QStringLiteral("orders-db")));
        QVERIFY(m_scene->isHighlighted(QStringLiteral("f3")));
        QVERIFY(!m_scene->isHighlighted(QStringLiteral("client")));
        QVERIFY(m_scene->dimOthers());
        m_panel->tree()->setCurrentIndex(QModelIndex());
        QVERIFY(m_scene->highlighted().isEmpty());
        QVERIFY(!m_scene->dimOthers());
    }

    void componentSelectionFiltersThePanel()
    {
        QVERIFY(m_panel->visibleFingerprints().contains(mcb()));
        m_scene->selectIds({QStringLiteral("client")});
        QTRY_COMPARE(m_panel->filter(), QStringList{QStringLiteral("client")});
        QVERIFY(!m_panel->visibleFingerprints().contains(mcb()));
        m_scene->selectIds({QStringLiteral("orders-db")});
        QTRY_COMPARE(m_panel->filter(), QStringList{QStringLiteral("orders-db")});
        QVERIFY(m_panel->visibleFingerprints().contains(mcb()));
        m_scene->clearSelection();
        QTRY_VERIFY(m_panel->filter().isEmpty());
    }

    // The header named the component as it was when it was selected: renamed, the rows and the
    // inspector changed and the header did not.
    void filterHeaderFollowsARename()
    {
        m_scene->selectIds({QStringLiteral("orders-db")});
        QTRY_COMPARE(m_panel->filter(), QStringList{QStringLiteral("orders-db")});
        m_doc->undoStack()->push(commands::setLabel(m_doc.get(), QStringLiteral("orders-db"), QStringLiteral("ledger of orders")));
        QTRY_VERIFY2(m_panel->filterText().contains(QStringLiteral("ledger of orders")), qPrintable(m_panel->filterText()));
        m_doc->undoStack()->undo();
        QTRY_VERIFY2(m_panel->filterText().contains(QStringLiteral("orders-db")), qPrintable(m_panel->filterText()));
    }

    // Select All on 20,000 components put every name in the header, and Qt measured it whole on
    // each selection: three names are said, then how many more.
    void aLargeSelectionIsNamedInShort()
    {
        m_scene->selectIds({QStringLiteral("client"), QStringLiteral("api"), QStringLiteral("cache"), QStringLiteral("orders-db"),
                            QStringLiteral("eu"), QStringLiteral("f1"), QStringLiteral("f2"), QStringLiteral("f3")});
        QTRY_COMPARE(m_panel->filter().size(), 8);
        QVERIFY2(m_panel->filterText().endsWith(QStringLiteral(" and 5 more")), qPrintable(m_panel->filterText()));
        QCOMPARE(m_panel->filterText().count(QStringLiteral(", ")), 2);
    }

    void doubleClickZoomsWithoutChangingSelection()
    {
        m_view->resize(800, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setZoom(0.2);
        QVERIFY(m_panel->selectFinding(mcb()));
        emit m_panel->tree()->activated(m_panel->tree()->currentIndex());
        QVERIFY(m_view->zoom() > 0.2);
        QVERIFY(m_scene->selectedIds().isEmpty());
    }

    void badgesCountOpenFindings()
    {
        ComponentItem* api = m_scene->componentItem(QStringLiteral("api"));
        QVERIFY(api);
        QVERIFY(api->badgeCount() >= 1);
        QCOMPARE(api->badgeSeverity(), QStringLiteral("high"));
        QCOMPARE(m_scene->componentItem(QStringLiteral("client"))->badgeCount(), 0);
        const int before = api->badgeCount();
        QVERIFY(m_rc->decide(*byRule(*m_rc, "missing-circuit-breaker"), QStringLiteral("accepted"),
                             QStringLiteral("Reads tolerate errors during the pilot"), QStringLiteral("alice"), {}));
        QTRY_COMPARE(api->badgeCount(), before - 1);
    }

    void fixIsAppliedAndUndone()
    {
        QUndoStack* stack = m_doc->undoStack();
        const int steps = stack->count();
        QVERIFY(m_panel->selectFinding(mcb()));
        QVERIFY(m_panel->fixButton()->isEnabled());
        const QString fp = mcb();
        m_panel->fixButton()->click();
        QCOMPARE(stack->count(), steps + 1);
        QVERIFY(stack->undoText().contains(QStringLiteral("circuit_breaker")));
        QVERIFY(m_doc->design().flow("f3")->props.at("circuit_breaker") == model::Value(true));
        QTRY_VERIFY(!m_rc->finding(fp));
        QVERIFY(!m_panel->visibleFingerprints().contains(fp));
        stack->undo();
        QTRY_VERIFY(m_rc->finding(fp));
        QVERIFY(m_panel->visibleFingerprints().contains(fp));
        QCOMPARE(m_panel->currentFingerprint(), fp); // back, and selected again
        QVERIFY(m_scene->isHighlighted(QStringLiteral("orders-db")));
        QVERIFY(!m_doc->design().flow("f3")->props.count("circuit_breaker"));
    }

    void addComponentFixWiresTheWriters()
    {
        open(paymentsDesign());
        const auto* f = byRule(*m_rc, "missing-audit-ledger");
        QVERIFY(f);
        const std::string fp = f->fingerprint;
        const std::size_t components = m_doc->design().components().size();
        QVERIFY(m_rc->applyFix(*f));
        QCOMPARE(m_doc->design().components().size(), components + 1);
        const auto& ledger = m_doc->design().components().back();
        QCOMPARE(ledger.kind, std::string("audit_ledger"));
        bool wired = false;
        for (const auto& fl : m_doc->design().flows()) wired = wired || (fl.from == "payments" && fl.to == ledger.id);
        QVERIFY(wired);
        QTRY_VERIFY(!m_rc->finding(QString::fromStdString(fp)));
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->design().components().size(), components);
        QTRY_VERIFY(m_rc->finding(QString::fromStdString(fp)));
    }

    // The fix's "audit-ledger" drawn already (not append-only, not written by payments): the
    // fix wires payments to it and makes it append-only and hash-chained, instead of drawing a
    // second one beside it. One undo step takes all of it back.
    void addComponentFixUsesTheOneDrawnAlready()
    {
        model::Design d = paymentsDesign();
        auto ledger = test::component("ledger", "audit_ledger", 0, 300);
        ledger.label = "audit-ledger";
        d.addComponent(ledger);
        open(d);
        const model::Design before = m_doc->design();
        const auto* f = byRule(*m_rc, "missing-audit-ledger");
        QVERIFY(f);
        const std::string fp = f->fingerprint;
        QVERIFY(m_rc->applyFix(*f));
        QCOMPARE(m_doc->design().components().size(), before.components().size());
        QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Fix: connect to audit-ledger"));
        const model::Component* kept = m_doc->design().component("ledger");
        QCOMPARE(model::boolProperty(kept->props, "append_only"), std::optional<bool>(true));
        QCOMPARE(model::boolProperty(kept->props, "hash_chained"), std::optional<bool>(true));
        bool wired = false;
        for (const auto& fl : m_doc->design().flows()) wired = wired || (fl.from == "payments" && fl.to == "ledger");
        QVERIFY(wired);
        QTRY_VERIFY(!m_rc->finding(QString::fromStdString(fp)));
        m_doc->undoStack()->undo();
        QCOMPARE(test::dump(m_doc->design()), test::dump(before));
    }

    // A component the fix adds inside a zone's drawn area joins that zone (as a drop there
    // would), and is not put on a flow's line, where it looked like a step of that flow.
    void addedComponentJoinsTheZoneItLandsInAndMissesFlows()
    {
        model::Design d = paymentsDesign();
        d.addComponent(test::component("reports", "worker", 290, -300));
        d.addComponent(test::component("warehouse", "analytics", 290, 400));
        d.addFlow(test::flow("f2", "reports", "warehouse")); // a vertical line just right of payments
        model::Zone eu;
        eu.id = "eu";
        eu.kind = "region";
        eu.pos = {-100, -400};
        eu.size = {1000, 1400};
        eu.members = {"payments", "payments-db", "reports", "warehouse"};
        d.addZone(eu);
        open(d);
        QVERIFY(m_rc->applyFix(*byRule(*m_rc, "missing-audit-ledger")));
        const model::Design& now = m_doc->design();
        const model::Component& added = now.components().back();
        QCOMPARE(added.kind, std::string("audit_ledger"));
        QVERIFY(now.parentZone(added.id));
        QCOMPARE(now.parentZone(added.id)->id, std::string("eu"));
        const QRectF r(QPointF(added.pos.x, added.pos.y), componentSize(added));
        const QRectF from(QPointF(290, -300), componentSize(*now.component("reports")));
        const QRectF to(QPointF(290, 400), componentSize(*now.component("warehouse")));
        const QLineF line(from.center(), to.center());
        const bool across = r.left() <= line.x1() && r.right() >= line.x1() && r.bottom() >= line.y1() && r.top() <= line.y2();
        QVERIFY2(!across, qPrintable(QStringLiteral("placed on the flow: %1,%2").arg(r.left()).arg(r.top())));
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->design().zone("eu")->members.size(), std::size_t(4));
    }

    void staleFixIsRefused()
    {
        rules::Finding f = *byRule(*m_rc, "missing-circuit-breaker");
        m_doc->removeElements({"f3"});
        QVERIFY(!m_rc->canFix(f));
        QVERIFY(!m_rc->applyFix(f));
    }

    void acceptanceNeedsJustificationAndOwner()
    {
        const auto* f = byRule(*m_rc, "missing-circuit-breaker");
        QVERIFY(!m_rc->decide(*f, QStringLiteral("accepted"), QStringLiteral("  "), QStringLiteral("bob"), {}));
        QVERIFY(!m_rc->decide(*f, QStringLiteral("accepted"), QStringLiteral("fine"), QString(), {}));
        DecisionDialog dlg(QStringLiteral("t"));
        QVERIFY(!dlg.isComplete());
        dlg.setJustification(QStringLiteral("Pilot only"));
        dlg.setOwner(QStringLiteral("bob"));
        QVERIFY(dlg.isComplete());
        QCOMPARE(dlg.expires(), QString());
        dlg.setExpires(QStringLiteral("2031-02-03"));
        QCOMPARE(dlg.expires(), QStringLiteral("2031-02-03"));
        QVERIFY(dlg.isComplete());
        // Already past: it would settle nothing, so it cannot be saved.
        dlg.setExpires(QStringLiteral("2025-01-01"));
        QVERIFY(dlg.expiryPassed());
        QVERIFY(!dlg.isComplete());
        // The last day of a decision is its expiry date, as the engine reads it: today is
        // still in force, yesterday is not.
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        dlg.setExpires(today);
        QVERIFY(!dlg.expiryPassed());
        dlg.setExpires(QDate::currentDate().addDays(-1).toString(Qt::ISODate));
        QVERIFY(dlg.expiryPassed());
        QVERIFY(m_rc->decide(*f, QStringLiteral("accepted"), QStringLiteral("fine"), QStringLiteral("bob"), today));
        m_rc->reviewNow();
        QCOMPARE(QString::fromStdString(byRule(*m_rc, "missing-circuit-breaker")->status), QStringLiteral("accepted"));
    }

    void acceptanceSurvivesSaveAndReopen()
    {
        const QString fp = mcb();
        QVERIFY(m_rc->decide(*m_rc->finding(fp), QStringLiteral("accepted"),
                             QStringLiteral("Reads tolerate errors during the pilot"), QStringLiteral("alice"),
                             QStringLiteral("2099-01-01")));
        m_rc->reviewNow();
        QCOMPARE(m_rc->finding(fp)->status, std::string("accepted"));
        Document reopened;
        QString error;
        QVERIFY2(test::saveAndReopen(*m_doc, reopened, &error), qPrintable(error));
        ReviewController rc(&reopened, m_rules);
        rc.reviewNow();
        const rules::Finding* f = rc.finding(fp);
        QVERIFY(f);
        QCOMPARE(f->status, std::string("accepted"));
        QCOMPARE(f->owner, std::string("alice"));
        QCOMPARE(f->justification, std::string("Reads tolerate errors during the pilot"));
        QCOMPARE(f->expires, std::string("2099-01-01"));

        // Undo of the decision reopens it; Reopen removes it as one more step.
        m_doc->undoStack()->undo();
        m_rc->reviewNow();
        QCOMPARE(m_rc->finding(fp)->status, std::string("open"));
    }

    void expiredAcceptanceReopens()
    {
        m_rc->setToday(QStringLiteral("2030-06-01"));
        const QString fp = mcb();
        QVERIFY(m_rc->decide(*m_rc->finding(fp), QStringLiteral("accepted"), QStringLiteral("Until the migration"),
                             QStringLiteral("carol"), QStringLiteral("2030-05-31")));
        m_rc->reviewNow();
        const rules::Finding* f = m_rc->finding(fp);
        QCOMPARE(f->status, std::string("open"));
        QVERIFY(QString::fromStdString(f->justification).contains(QStringLiteral("expired")));
        QVERIFY(m_scene->componentItem(QStringLiteral("api"))->badgeCount() >= 1);
        QVERIFY(m_panel->selectFinding(fp));
        QVERIFY(m_panel->reopenButton()->isEnabled()); // the stale decision can be cleared

        m_rc->setToday(QStringLiteral("2030-05-01"));
        m_rc->reviewNow();
        QCOMPARE(m_rc->finding(fp)->status, std::string("accepted"));
        QVERIFY(m_panel->selectFinding(fp));
        QVERIFY(!m_panel->fixButton()->isEnabled());
        QVERIFY(m_panel->reopenCurrent());
        m_rc->reviewNow();
        QCOMPARE(m_rc->finding(fp)->status, std::string("open"));
        QVERIFY(m_doc->design().decisions.empty());
    }

    void geometryOnlyEditsReuseTheWorkerResult()
    {
        m_rc->setAsyncThreshold(0);
        m_rc->setDebounce(0);
        int published = 0;
        connect(m_rc.get(), &ReviewController::reviewed, this, [&] { ++published; });
        m_doc->undoStack()->push(commands::setLabel(m_doc.get(), QStringLiteral("api"), QStringLiteral("orders-api")));
        QTRY_VERIFY(published == 1 && !m_rc->isPending());
        const auto seeded = m_rc->resultPtr();
        m_doc->undoStack()->push(commands::move(m_doc.get(), {{QStringLiteral("api"), QPointF(260, 40)}}));
        QTRY_VERIFY(published == 2 && !m_rc->isPending());
        QCOMPARE(m_rc->resultPtr().get(), seeded.get()); // nothing the rules read changed
        const QString fp = mcb();
        m_doc->undoStack()->push(commands::setProperty(m_doc.get(), QStringLiteral("f3"), "circuit_breaker", model::Value(true)));
        QTRY_VERIFY(published == 3 && !m_rc->isPending());
        QVERIFY(m_rc->resultPtr().get() != seeded.get());
        QVERIFY(!m_rc->finding(fp));
        // A second call to the same database, without a breaker: not geometry, so the rules
        // that follow flows run again and the finding is back.
        const std::string db = m_doc->design().flow("f3")->to;
        m_doc->undoStack()->push(commands::addFlow(m_doc.get(), "api", db));
        QTRY_VERIFY(published == 4 && !m_rc->isPending());
        QVERIFY(m_rc->finding(fp));
        m_doc->undoStack()->undo();
        QTRY_VERIFY(published == 5 && !m_rc->isPending());
        QVERIFY(!m_rc->finding(fp));
    }

    void workerResultsForOldDrawingsAreDropped()
    {
        m_rc->setAsyncThreshold(0); // every review on the worker thread
        m_rc->setDebounce(0);
        const QString fp = mcb();
        int published = 0;
        connect(m_rc.get(), &ReviewController::reviewed, this, [&] { ++published; });
        // Three states in quick succession; only the last one may be what the panel shows.
        m_panel->selectFinding(fp);
        QSignalSpy said(m_scene.get(), &CanvasScene::statusMessage);
        QVERIFY(m_panel->fixCurrent());
        // The fix says what it changed and how to take it back: the finding just disappears.
        QCOMPARE(said.size(), 1);
        QVERIFY2(said.first().first().toString().startsWith(QStringLiteral("Fix: set circuit_breaker on ")) &&
                     said.first().first().toString().endsWith(QStringLiteral(" — undo with Ctrl+Z")),
                 qPrintable(said.first().first().toString()));
        m_doc->undoStack()->undo();
        m_doc->undoStack()->redo();
        QTRY_VERIFY(published > 0 && !m_rc->isPending());
        QVERIFY(!m_rc->finding(fp));
        QVERIFY(!m_panel->visibleFingerprints().contains(fp));
    }

    // A pack's runaway rule is stopped at its limits (rules/engine.h): the panel's counts say the
    // list is incomplete, and the tooltip names the rule and how far it got.
    void aStoppedRuleIsSaidInTheCounts()
    {
        QVERIFY(!m_panel->countsLabel()->text().contains(QStringLiteral("stopped")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pairs.json"));
        QFile pack(path);
        QVERIFY(pack.open(QIODevice::WriteOnly));
        // Every caller of a service paired with every other: 150 callers make 22,350 pairs, more
        // than the 10,000 findings a rule may make on a design this size.
        pack.write(R"({"format": "probeboard-rules/1", "pack": {"id": "pairs", "version": "1"}, "rules": [
          {"id": "every-pair", "title": "Two callers of one service", "category": "failure",
           "severity": "low", "level": "mid", "match": {"each": {"$a": {"kind": ["service"]}}, "where": [
             {"step": {"from": "$a", "dir": "out", "to": "$h", "kind": ["service"]}},
             {"step": {"from": "$h", "dir": "in", "to": "$b", "kind": ["service"]}}]},
           "report": {"targets": ["$a", "$b"]}, "why": "Both call the hub.",
           "questions": [{"text": "Q?", "answer_points": ["a", "b", "c"]}]}]})");
        pack.close();
        auto set = std::make_shared<rules::RuleSet>();
        model::Diagnostics diags;
        QVERIFY2(set->loadPack(path.toStdString(), diags), model::formatAll(diags).c_str());
        m_panel.reset();
        m_rc = std::make_unique<ReviewController>(m_doc.get(), set);
        m_panel = std::make_unique<FindingsPanel>(m_rc.get(), m_scene.get(), m_view.get());
        model::Design d;
        d.addComponent(test::component("hub", "service", 0, 0));
        for (int i = 0; i < 150; ++i) {
            const std::string id = "c" + std::to_string(i);
            d.addComponent(test::component(id, "service", 200.0 * (i % 15), 200.0 + 120.0 * (i / 15)));
            d.addFlow(test::flow("f" + std::to_string(i), id, "hub"));
        }
        open(std::move(d));
        QCOMPARE(m_rc->result().stopped.size(), std::size_t{1});
        QTRY_VERIFY(m_panel->countsLabel()->text().contains(QStringLiteral("1 rule stopped early")));
        const QString tip = m_panel->countsLabel()->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("'every-pair'")) && tip.contains(QStringLiteral("10000")), qPrintable(tip));
    }
};

QTEST_MAIN(TestReview)
#include "tst_review.moc"
