#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/tools/snapguides.h"
#include "canvasmouse.h"
#include "testdesigns.h"

#include <QAction>
#include <QApplication>
#include <QGraphicsPathItem>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// Smart guides: a drag lines an element's edges and centre up with those of the elements near
// it, even where the grid could never put it, shows a line in the theme's guide colour while it
// does, and is still one undo step.
class TstGuides : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    model::Point posOf(const char* id) const { return m_w->document()->design().component(id)->pos; }
    void press(QPointF at) { test::press(m_w->view(), at); }
    void moveTo(QPointF from, QPointF to) { test::moveTo(m_w->view(), from, to); }
    void release(QPointF at) { test::release(m_w->view(), at); }
    // The guides drawn on the canvas now: path items in the theme's guide colour.
    QList<QGraphicsPathItem*> guides() const
    {
        QList<QGraphicsPathItem*> out;
        for (QGraphicsItem* item : m_w->scene()->items())
            if (auto* path = qgraphicsitem_cast<QGraphicsPathItem*>(item);
                path && path->pen().color() == m_w->scene()->colors().snapGuide)
                out << path;
        return out;
    }
    // A box 160 wide over one 140 wide, 300 below it: their centres are 10 apart, off the grid.
    static model::Design twoBoxes()
    {
        model::Design d;
        auto wide = test::component("wide", "service", 0, 0);
        wide.size = {160, 60};
        auto narrow = test::component("narrow", "cache", 0, 300);
        narrow.size = {140, 60};
        d.addComponent(wide);
        d.addComponent(narrow);
        return d;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_w = test::canvasWindow(twoBoxes(), QPointF(80, 180));
        QVERIFY(m_w);
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    void theNearestLineWithinReachWins()
    {
        const QVector<QRectF> others{QRectF(200, 0, 160, 60)}; // lines at 200, 280, 360
        // Left 213, centre 283, right 353: the centre is 3 off, the left 13 and the right 7.
        auto f = SnapGuides::fit(QRectF(213, 200, 140, 60), others, 6);
        QVERIFY(f.dx.has_value());
        QCOMPARE(*f.dx, -3.0);
        QVERIFY(!f.dy.has_value()); // tops 200 against 0, 30, 60: nothing in reach
        // Out of reach on both axes.
        f = SnapGuides::fit(QRectF(500, 500, 40, 40), others, 6);
        QVERIFY(!f.dx && !f.dy);
        // Two lines as near, one each way: the result does not depend on the others' order.
        // Lines 100, 105, 110 against 113 (3 right of its right edge) and 97 (3 left of its left).
        const QVector<QRectF> both{QRectF(113, 0, 100, 10), QRectF(-3, 0, 100, 10)};
        const QVector<QRectF> swapped{both[1], both[0]};
        QCOMPARE(*SnapGuides::fit(QRectF(100, 100, 10, 10), both, 6).dx, -3.0);
        QCOMPARE(*SnapGuides::fit(QRectF(100, 100, 10, 10), swapped, 6).dx, -3.0);
        // Once lined up, one guide through the shared centre, spanning both boxes.
        const auto lines = SnapGuides::linesFor(QRectF(210, 200, 140, 60), others);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first(), QLineF(280, 0, 280, 260));
    }

    void evenGapsBetweenAndAlongARow()
    {
        // Between two boxes 300 apart: a box 100 wide is centred with 100 on each side.
        const QVector<QRectF> pair{QRectF(0, 0, 100, 60), QRectF(400, 0, 100, 60)};
        auto f = SnapGuides::spacing(QRectF(203, 10, 100, 40), pair, 6);
        QVERIFY(f.dx.has_value());
        QCOMPARE(*f.dx, -3.0);
        QVERIFY(!f.dy.has_value()); // nothing above or below it
        QVERIFY(!SnapGuides::spacing(QRectF(210, 10, 100, 40), pair, 6).dx); // 10 off: out of reach
        QVERIFY(!SnapGuides::spacing(QRectF(203, 100, 100, 40), pair, 6).dx); // not level with them
        // Marks across both gaps, ticked at the ends, just under the lower edge each pair shares.
        const auto marks = SnapGuides::spacingMarks(QRectF(200, 10, 100, 40), pair, 4);
        QCOMPARE(marks.size(), 6);
        QCOMPARE(marks[0], QLineF(100, 58, 200, 58));
        QCOMPARE(marks[1], QLineF(100, 54, 100, 62));
        QCOMPARE(marks[3], QLineF(300, 58, 400, 58));
        // A row continued: 50 between the first two, so the third goes 50 after the second, on
        // either side; and the same down a column.
        const QVector<QRectF> row{QRectF(0, 0, 100, 60), QRectF(150, 0, 100, 60)};
        QCOMPARE(*SnapGuides::spacing(QRectF(304, 0, 100, 60), row, 6).dx, -4.0);
        QCOMPARE(*SnapGuides::spacing(QRectF(-152, 0, 100, 60), row, 6).dx, 2.0);
        const QVector<QRectF> column{QRectF(0, 0, 100, 60), QRectF(0, 90, 100, 60)};
        f = SnapGuides::spacing(QRectF(10, 185, 80, 60), column, 6);
        QVERIFY(f.dy && !f.dx);
        QCOMPARE(*f.dy, -5.0); // 30 below the second, as it is below the first
        QCOMPARE(SnapGuides::spacingMarks(QRectF(10, 180, 80, 60), column, 4).first(), QLineF(108, 60, 108, 90));
        // Unequal gaps: no marks.
        QVERIFY(SnapGuides::spacingMarks(QRectF(190, 10, 100, 40), pair, 4).isEmpty());
    }

    void aDragSpacesEvenlyOffTheGrid()
    {
        // Two boxes with 310 between them: the place between them is at 205, off the grid.
        model::Design d;
        auto a = test::component("a", "service", 0, 0);
        auto b = test::component("b", "service", 410, 0);
        auto m = test::component("m", "cache", 0, 200);
        a.size = b.size = m.size = {100, 60};
        d.addComponent(a);
        d.addComponent(b);
        d.addComponent(m);
        m_w->document()->reset(d, QString());
        QApplication::processEvents();
        const int steps = m_w->document()->undoStack()->index();
        const QPointF from(50, 230), to(257, 30); // left edge 207: the grid says 200
        press(from);
        moveTo(from, to);
        QVERIFY(!guides().isEmpty());
        const QRectF shown = guides().first()->path().boundingRect();
        QVERIFY2(shown.left() <= 100 && shown.right() >= 410, "the marks span both gaps");
        release(to);
        QCOMPARE(posOf("m").x, 205.0); // 105 from a, 105 from b
        QCOMPARE(posOf("m").y, 0.0);
        QCOMPARE(m_w->document()->undoStack()->index(), steps + 1);
    }

    void aDragLinesUpOffTheGridInOneUndoStep()
    {
        const int steps = m_w->document()->undoStack()->index();
        // 12 to the right: the grid alone would put it at 20; its centre is then 2 from wide's.
        const QPointF from(70, 330), to(82, 330);
        press(from);
        QVERIFY(guides().isEmpty());
        moveTo(from, to);
        const auto shown = guides();
        QCOMPARE(shown.size(), 1);
        const QRectF line = shown.first()->path().boundingRect();
        QCOMPARE(line.left(), 80.0);  // through both centres
        QCOMPARE(line.width(), 0.0);  // a vertical line
        QCOMPARE(line.top(), 0.0);    // from wide's top
        QCOMPARE(line.bottom(), 360.0); // to narrow's bottom
        release(to);
        QVERIFY(guides().isEmpty());
        QCOMPARE(posOf("narrow").x, 10.0); // centre on 80, as wide's
        QCOMPARE(posOf("narrow").y, 300.0); // nothing to line up with across: the grid's place
        QCOMPARE(m_w->document()->undoStack()->index(), steps + 1);
        m_w->document()->undoStack()->undo();
        QCOMPARE(posOf("narrow").x, 0.0);
    }

    void aGuideCatchesBeforeTheGridMoves()
    {
        // 6 to the right: the grid still says 0, but the centre (76) is 4 from wide's.
        const QPointF from(70, 330), to(76, 330);
        press(from);
        moveTo(from, to);
        QCOMPARE(guides().size(), 1);
        release(to);
        QCOMPARE(posOf("narrow").x, 10.0);
    }

    void aResizeLinesItsCornerUp()
    {
        // wide is 150 across here: its right edge, 150, is off the grid.
        model::Design d = twoBoxes();
        d.component("wide")->size = {150, 60};
        m_w->document()->reset(d, QString());
        m_w->scene()->selectIds({QStringLiteral("narrow")});
        QApplication::processEvents();
        const int steps = m_w->document()->undoStack()->index();
        // The grip, pulled 9 right: the grid says 140, wide's right edge is 3 away.
        const QPointF from(138, 358), to(147, 361);
        press(from);
        moveTo(from, to);
        const auto shown = guides();
        QCOMPARE(shown.size(), 1);
        const QRectF line = shown.first()->path().boundingRect();
        QCOMPARE(line.left(), 150.0);
        QCOMPARE(line.width(), 0.0);
        QCOMPARE(line.top(), 0.0);      // from wide's top
        QCOMPARE(line.bottom(), 360.0); // to narrow's bottom
        release(to);
        QVERIFY(guides().isEmpty());
        const auto& narrow = *m_w->document()->design().component("narrow");
        QCOMPARE(narrow.size.width, 150.0);
        QCOMPARE(narrow.size.height, 60.0); // nothing across: the grid's
        QCOMPARE(m_w->document()->undoStack()->index(), steps + 1);
    }

    void withGuidesOffTheGridDecides()
    {
        QAction* on = m_w->actions()->get(QStringLiteral("view.guides"));
        QVERIFY(on && on->isCheckable() && on->isChecked());
        on->setChecked(false);
        const QPointF from(70, 330), to(82, 330);
        press(from);
        moveTo(from, to);
        QVERIFY(guides().isEmpty());
        release(to);
        QCOMPARE(posOf("narrow").x, 20.0);
    }

    void farFromEverythingTheGridDecides()
    {
        // 100 to the right: the centre is at 170, nowhere near wide's lines (0, 80, 160 ... its
        // right edge 240 against 160): the grid's place, and no guide.
        const QPointF from(70, 330), to(171, 330);
        press(from);
        moveTo(from, to);
        QVERIFY(guides().isEmpty());
        release(to);
        QCOMPARE(posOf("narrow").x, 100.0);
    }
};

QTEST_MAIN(TstGuides)
#include "tst_guides.moc"
