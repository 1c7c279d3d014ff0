#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/mainwindow.h"
#include "canvasmouse.h"
#include "testdesigns.h"

#include <QAction>
#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// Bending a flow by hand, as draw.io's waypoints: a selected flow's round handle makes a bend,
// its square handle moves one, a double-click takes one out; each is one undo step, the bends
// snap to the grid, travel with a flow whose two ends move together, and Straight Flows clears
// them.
class TstBends : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    std::vector<model::Point> bends() const { return m_w->document()->design().flow("f")->bends; }
    QUndoStack* undo() const { return m_w->document()->undoStack(); }
    QPoint onView(QPointF scene) const { return test::onView(m_w->view(), scene); }
    void drag(QPointF from, QPointF to) { test::drag(m_w->view(), from, to); }
    void selectFlow()
    {
        m_w->scene()->selectIds({QStringLiteral("f")});
        QApplication::processEvents();
    }
    // a and b 120 × 60, side by side: the flow runs straight from (120, 30) to (400, 30).
    static model::Design twoBoxes()
    {
        model::Design d;
        auto a = test::component("a", "service", 0, 0);
        a.size = {120, 60};
        auto b = test::component("b", "database", 400, 0);
        b.size = {120, 60};
        d.addComponent(a);
        d.addComponent(b);
        d.addFlow(test::flow("f", "a", "b"));
        return d;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_w = test::canvasWindow(twoBoxes(), QPointF(260, 100));
        QVERIFY(m_w);
    }
    void cleanup()
    {
        undo()->setClean();
        delete m_w;
    }

    void handlesShowOnlyOnASelectedFlow()
    {
        FlowItem* f = m_w->scene()->flowItem(QStringLiteral("f"));
        QVERIFY(!f->handleAt({260, 30})); // not selected: the line is just a line
        selectFlow();
        const auto h = f->handleAt({260, 30});
        QVERIFY(h && h->insert && h->index == 0); // the middle of its one segment
        QVERIFY(!f->handleAt({200, 30}));          // elsewhere on the line: no handle
    }

    void dragMakesMovesAndDoubleClickRemovesABend()
    {
        selectFlow();
        const int start = undo()->index();
        drag({260, 30}, {262, 141}); // the middle pulled down: a bend, on the grid
        QCOMPARE(bends(), (std::vector<model::Point>{{260, 140}}));
        QCOMPARE(undo()->index(), start + 1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Bend a → b"));
        QVERIFY(m_w->scene()->selectedIds().contains(QStringLiteral("f"))); // still selected

        // The square handle now on the bend moves it; no second bend is made.
        drag({260, 140}, {300, 200});
        QCOMPARE(bends(), (std::vector<model::Point>{{300, 200}}));
        QCOMPARE(undo()->index(), start + 2);

        // A click on it, without a drag, changes nothing.
        drag({300, 200}, {301, 200});
        QCOMPARE(bends(), (std::vector<model::Point>{{300, 200}}));
        QCOMPARE(undo()->index(), start + 2);

        QTest::mouseDClick(m_w->view()->viewport(), Qt::LeftButton, {}, onView({300, 200}));
        QVERIFY(bends().empty());
        QCOMPARE(undo()->undoText(), QStringLiteral("Remove a bend of a → b"));
        undo()->undo();
        QCOMPARE(bends(), (std::vector<model::Point>{{300, 200}}));
        // The line on the canvas follows the model back through the bend.
        QCOMPARE(m_w->scene()->flowItem(QStringLiteral("f"))->innerPoints(), QPolygonF({QPointF(300, 200)}));
    }

    void bendsTravelWithBothEndsAndStayForOne()
    {
        Document* doc = m_w->document();
        undo()->push(commands::setBends(doc, QStringLiteral("f"), QPolygonF({QPointF(260, 140)}), QStringLiteral("Bend %1")));
        // Both ends moved together (a selection holding both): the bend goes along.
        undo()->push(commands::move(doc, {{QStringLiteral("a"), QPointF(0, 100)}, {QStringLiteral("b"), QPointF(400, 100)}}));
        QCOMPARE(bends(), (std::vector<model::Point>{{260, 240}}));
        // One end: the bend stays where it was drawn.
        undo()->push(commands::move(doc, {{QStringLiteral("a"), QPointF(0, 300)}}));
        QCOMPARE(bends(), (std::vector<model::Point>{{260, 240}}));
        undo()->undo();
        undo()->undo();
        QCOMPARE(bends(), (std::vector<model::Point>{{260, 140}}));
    }

    // On an orthogonal flow a leg between two corners is dragged whole, square to itself, as in
    // draw.io, and the line stays square when one end moves away from the bends.
    void anOrthogonalLegMovesWholeAndStaysSquare()
    {
        model::Design d = twoBoxes();
        d.component("b")->pos = {400, 200};
        d.flow("f")->props["routing"] = std::string("orthogonal");
        m_w->document()->reset(d, QString());
        QApplication::processEvents();
        FlowItem* f = m_w->scene()->flowItem(QStringLiteral("f"));
        auto square = [&] {
            const QPolygonF pts = f->points();
            for (int i = 0; i + 1 < pts.size(); ++i)
                if (pts[i].x() != pts[i + 1].x() && pts[i].y() != pts[i + 1].y()) return false;
            return pts.size() >= 2;
        };
        // Across from a's right edge, down at x 260, across into b.
        QCOMPARE(f->points(), QPolygonF({{120, 30}, {260, 30}, {260, 230}, {400, 230}}));
        selectFlow();
        const int start = undo()->index();
        drag({260, 130}, {302, 150}); // the middle leg's handle, pulled right (and a little down)
        QCOMPARE(bends(), (std::vector<model::Point>{{300, 30}, {300, 230}})); // moved across only
        QCOMPARE(f->points(), QPolygonF({{120, 30}, {300, 30}, {300, 230}, {400, 230}}));
        QCOMPARE(undo()->index(), start + 1);
        // b moves down, out of level with the last bend: a corner is added, no slanted line.
        undo()->push(commands::move(m_w->document(), {{QStringLiteral("b"), QPointF(400, 300)}}));
        QVERIFY2(square(), "every leg across or down");
        QCOMPARE(f->points().last(), QPointF(400, 330)); // into b's side, at its middle
        // A bend dragged off its corner: the line still goes through it, square.
        undo()->push(commands::setBends(m_w->document(), QStringLiteral("f"), QPolygonF({QPointF(200, 120)}), QStringLiteral("Bend %1")));
        QVERIFY2(square(), "every leg across or down");
        QVERIFY(f->points().contains(QPointF(200, 120)));
        undo()->setIndex(start);
        QCOMPARE(f->points(), QPolygonF({{120, 30}, {260, 30}, {260, 230}, {400, 230}}));
    }

    void straightFlowsClearsTheBends()
    {
        Document* doc = m_w->document();
        undo()->push(commands::setBends(doc, QStringLiteral("f"), QPolygonF({QPointF(260, 140)}), QStringLiteral("Bend %1")));
        selectFlow();
        m_w->actions()->get(QStringLiteral("arrange.straight"))->trigger();
        QVERIFY(bends().empty());
        undo()->undo(); // one step brings them back
        QCOMPARE(bends(), (std::vector<model::Point>{{260, 140}}));
    }
};

QTEST_MAIN(TstBends)
#include "tst_bends.moc"
