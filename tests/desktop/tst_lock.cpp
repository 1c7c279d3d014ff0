#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/whydisabled.h"
#include "canvasmouse.h"
#include "testdesigns.h"

#include <QAction>
#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// Arrange > Lock: a locked component or zone stays where it is under a drag, a nudge and Align,
// can still be selected (to unlock it), and the lock is a property of the design, undone in
// one step.
class TstLock : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    QAction* action(const char* id) const { return m_w->actions()->get(QLatin1String(id)); }
    model::Point posOf(const char* id) const { return m_w->document()->design().component(id)->pos; }
    void select(const QStringList& ids)
    {
        m_w->scene()->selectIds(ids);
        QApplication::processEvents(); // the actions follow the selection once per turn
    }
    // A press on the component's middle, a drag of 120 units right, a release: as a mouse does.
    void drag(const QString& id)
    {
        const QPointF centre = m_w->scene()->itemFor(id)->sceneBoundingRect().center();
        dragScene(centre, centre + QPointF(120, 0));
    }
    void dragScene(QPointF a, QPointF b) { test::drag(m_w->view(), a, b); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_w = new MainWindow;
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w));
        m_w->document()->reset(test::smallDesign(), QString());
        m_w->showCanvas();
        m_w->view()->resetZoom();
        m_w->view()->centerOn(m_w->scene()->itemFor(QStringLiteral("api")));
        QApplication::processEvents();
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    void aLockedComponentStaysUnderADragAndANudge()
    {
        // Unlocked, the drag moves it: the drag itself works.
        select({"cache"});
        const double cacheX = posOf("cache").x;
        drag(QStringLiteral("cache"));
        QVERIFY(posOf("cache").x > cacheX + 60);

        select({"api"});
        QVERIFY(action("arrange.lock")->isEnabled());
        QCOMPARE(action("arrange.lock")->text(), QStringLiteral("Loc&k"));
        action("arrange.lock")->trigger();
        QVERIFY(model::boolProperty(m_w->document()->design().component("api")->props, "locked").value_or(false));
        QCOMPARE(m_w->document()->undoStack()->undoText(), QStringLiteral("Lock api"));
        QCOMPARE(action("arrange.lock")->text(), QStringLiteral("Unloc&k"));
        const model::Point before = posOf("api");
        drag(QStringLiteral("api"));
        QCOMPARE(posOf("api").x, before.x);
        QCOMPARE(m_w->scene()->selectedIds(), QStringList{QStringLiteral("api")}); // still selectable
        QTest::keyClick(m_w->view(), Qt::Key_Right);
        QCOMPARE(posOf("api").x, before.x);
        // Unlocked (the same command), it moves again; undo brings the lock back.
        action("arrange.lock")->trigger();
        QVERIFY(!m_w->document()->design().component("api")->props.count("locked"));
        QTest::keyClick(m_w->view(), Qt::Key_Right);
        QCOMPARE(posOf("api").x, before.x + 20);
        m_w->document()->undoStack()->undo();
        m_w->document()->undoStack()->undo();
        QVERIFY(isLocked(m_w->scene()->itemFor(QStringLiteral("api"))));
    }

    void alignAndResizeLeaveLockedElementsAlone()
    {
        select({"cache", "orders-db", "api"});
        action("arrange.lock")->trigger(); // none locked: all three are
        QCOMPARE(m_w->document()->undoStack()->undoText(), QStringLiteral("Lock 3 elements"));
        QVERIFY(!action("arrange.alignLeft")->isEnabled());
        QVERIFY(whydisabled::of(action("arrange.alignLeft")).contains(QStringLiteral("not locked")));
        m_w->document()->undoStack()->undo();
        select({"api"});
        action("arrange.lock")->trigger();
        select({"cache", "orders-db", "api"});
        action("arrange.alignLeft")->trigger(); // cache and orders-db line up, api stays
        QCOMPARE(posOf("api").x, 240.0);
        QCOMPARE(posOf("cache").x, posOf("orders-db").x);
        // A zone's grip resizes it; locked, the grip does nothing.
        select({"eu"});
        const double width = m_w->document()->design().zone("eu")->size.width;
        const model::Zone& z = *m_w->document()->design().zone("eu");
        const QPointF grip(z.pos.x + z.size.width - 2, z.pos.y + z.size.height - 2);
        m_w->view()->centerOn(grip);
        QApplication::processEvents();
        dragScene(grip, grip + QPointF(80, 80));
        QVERIFY2(m_w->document()->design().zone("eu")->size.width > width + 40,
                 qPrintable(QString::number(m_w->document()->design().zone("eu")->size.width)));
        m_w->document()->undoStack()->undo();
        select({"eu"});
        action("arrange.lock")->trigger();
        dragScene(grip, grip + QPointF(80, 80));
        QCOMPARE(m_w->document()->design().zone("eu")->size.width, width);
        QCOMPARE(m_w->document()->design().zone("eu")->pos.x, 200.0); // nor does the drag move it
    }

    void nothingToLockSaysSo()
    {
        select({});
        QVERIFY(!action("arrange.lock")->isEnabled());
        QVERIFY(!whydisabled::of(action("arrange.lock")).isEmpty());
    }
};

QTEST_MAIN(TstLock)
#include "tst_lock.moc"
