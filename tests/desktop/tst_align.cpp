#include "app/desktop/actionregistry.h"
#include "app/desktop/alignment.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/whydisabled.h"
#include "model/jurisdiction.h"
#include "testdesigns.h"

#include <QAction>
#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;
using alignment::Op;

// Arrange > Align and Distribute: the geometry alone, then the window's actions on a design
// (one undo step, zones carrying their members, membership following where things land).
class TstAlign : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    QAction* action(const char* id) const { return m_w->actions()->get(QLatin1String(id)); }
    const model::Component& comp(const char* id) const { return *m_w->document()->design().component(id); }
    void select(const QStringList& ids)
    {
        m_w->scene()->selectIds(ids);
        QApplication::processEvents(); // the actions follow the selection once per turn
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void alignsToTheOutermostEdgeOrTheMiddle()
    {
        const QHash<QString, QRectF> boxes{{"a", {0, 0, 100, 40}}, {"b", {200, 100, 60, 20}}, {"c", {50, 300, 80, 80}}};
        auto left = alignment::plan(boxes, Op::Left);
        QCOMPARE(left.size(), 2); // a is already at the left edge
        QCOMPARE(left.value("b"), QPointF(0, 100));
        QCOMPARE(left.value("c"), QPointF(0, 300));
        auto right = alignment::plan(boxes, Op::Right); // the outermost right edge is b's, at 260
        QCOMPARE(right.value("a"), QPointF(160, 0));
        QCOMPARE(right.value("c"), QPointF(180, 300));
        auto centre = alignment::plan(boxes, Op::Center); // bounds 0..260: centre 130
        QCOMPARE(centre.value("a"), QPointF(80, 0));
        QCOMPARE(centre.value("b"), QPointF(100, 100));
        auto bottom = alignment::plan(boxes, Op::Bottom); // c's bottom, 380
        QCOMPARE(bottom.value("a"), QPointF(0, 340));
        auto middle = alignment::plan(boxes, Op::Middle); // bounds 0..380: middle 190
        QCOMPARE(middle.value("b"), QPointF(200, 180));
        QVERIFY(alignment::plan({{"a", {0, 0, 10, 10}}}, Op::Left).isEmpty());
        QVERIFY(alignment::plan({{"a", {0, 0, 10, 10}}, {"b", {0, 50, 30, 10}}}, Op::Left).isEmpty());
    }

    void distributesWithEqualGapsKeepingTheEnds()
    {
        // Widths 100, 20, 60 across 0..400: 220 of gap, 110 each.
        const QHash<QString, QRectF> boxes{{"a", {0, 0, 100, 10}}, {"b", {300, 50, 20, 10}}, {"c", {340, 0, 60, 10}}};
        auto spread = alignment::plan(boxes, Op::DistributeHorizontally);
        QVERIFY(!spread.contains("a"));
        QVERIFY(!spread.contains("c"));
        QCOMPARE(spread.value("b"), QPointF(210, 50));
        QVERIFY(alignment::plan({{"a", {0, 0, 10, 10}}, {"b", {50, 0, 10, 10}}}, Op::DistributeHorizontally).isEmpty());
        // Wider together than their span: centres evenly spaced instead (0+50, 250, 450).
        const QHash<QString, QRectF> crowded{{"a", {0, 0, 100, 10}}, {"b", {10, 0, 300, 10}}, {"c", {400, 0, 100, 10}}};
        QCOMPARE(alignment::plan(crowded, Op::DistributeHorizontally).value("b"), QPointF(100, 0));
        const QHash<QString, QRectF> column{{"a", {0, 0, 10, 10}}, {"b", {0, 15, 10, 10}}, {"c", {0, 100, 10, 10}}};
        QCOMPARE(alignment::plan(column, Op::DistributeVertically).value("b"), QPointF(0, 50));
    }

    void init()
    {
        m_w = new MainWindow;
        m_w->show();
        m_w->document()->reset(test::smallDesign(), QString());
        m_w->showCanvas();
        QApplication::processEvents();
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    void greyedUntilEnoughIsSelected()
    {
        select({"api"});
        QVERIFY(!action("arrange.alignLeft")->isEnabled());
        QVERIFY(whydisabled::of(action("arrange.alignLeft")).contains(QStringLiteral("two or more")));
        select({"api", "cache"});
        QVERIFY(action("arrange.alignLeft")->isEnabled());
        QVERIFY(whydisabled::of(action("arrange.alignLeft")).isEmpty());
        QVERIFY(!action("arrange.distributeH")->isEnabled());
        QVERIFY(whydisabled::of(action("arrange.distributeH")).contains(QStringLiteral("three or more")));
        select({"api", "cache", "orders-db"});
        QVERIFY(action("arrange.distributeV")->isEnabled());
    }

    void alignIsOneUndoStep()
    {
        select({"api", "cache", "orders-db"});
        QUndoStack* undo = m_w->document()->undoStack();
        const int before = undo->index();
        QTest::keyClick(m_w->view(), Qt::Key_T, Qt::AltModifier | Qt::ShiftModifier); // Align Top
        QCOMPARE(undo->index(), before + 1);
        QCOMPARE(undo->undoText(), QStringLiteral("Align Top"));
        QCOMPARE(comp("api").pos.y, -120.0);
        QCOMPARE(comp("orders-db").pos.y, -120.0);
        QCOMPARE(comp("cache").pos.y, -120.0);
        QCOMPARE(comp("api").pos.x, 240.0); // only the one axis moves
        undo->undo();
        QCOMPARE(comp("api").pos.y, 0.0);
        QCOMPARE(comp("orders-db").pos.y, 120.0);
        // Already lined up: nothing to undo is added.
        select({"cache", "orders-db"});
        action("arrange.alignLeft")->trigger();
        QCOMPARE(undo->index(), before);
    }

    void aZoneCarriesItsMembersAndLandingsChangeMembership()
    {
        // The client, left of the zone, lined up with the zone's right edge lands inside it
        // and joins it; the zone itself (with its members) stays, being the outermost.
        select({"eu", "client"});
        action("arrange.alignRight")->trigger();
        const auto zoneOf = model::zoneParents(m_w->document()->design());
        QCOMPARE(zoneOf.count("client"), std::size_t(1));
        QCOMPARE(zoneOf.at("client"), std::string("eu"));
        m_w->document()->undoStack()->undo();
        QCOMPARE(model::zoneParents(m_w->document()->design()).count("client"), std::size_t(0));
        // Lined up with the client's left edge, the zone moves 200 left with everything in it,
        // and a member selected with its zone is not moved twice.
        select({"eu", "client", "api"});
        action("arrange.alignLeft")->trigger();
        QCOMPARE(m_w->document()->design().zone("eu")->pos.x, 0.0);
        QCOMPARE(comp("api").pos.x, 40.0);
        QCOMPARE(comp("cache").pos.x, 280.0);
        QCOMPARE(comp("client").pos.x, 0.0);
        QCOMPARE(model::zoneParents(m_w->document()->design()).at("api"), std::string("eu"));
        m_w->document()->undoStack()->undo();
        QCOMPARE(comp("cache").pos.x, 480.0);
    }
};

QTEST_MAIN(TstAlign)
#include "tst_align.moc"
