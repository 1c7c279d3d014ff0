#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "testdesigns.h"

#include <QAccessible>
#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// What a screen reader finds on the canvas: before, Qt gave the view only its scroll bars, and a
// blind candidate heard "Design canvas" and nothing of the drawing.
class TstAccessible : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    QAccessibleInterface* canvas() const { return QAccessible::queryAccessibleInterface(m_w->view()); }
    QAccessibleInterface* childNamed(const QString& name) const
    {
        QAccessibleInterface* c = canvas();
        for (int i = 0; i < c->childCount(); ++i)
            if (QAccessibleInterface* child = c->child(i); child && child->text(QAccessible::Name) == name) return child;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }
    void init()
    {
        m_w = new MainWindow;
        m_w->show();
        m_w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_w));
        m_w->document()->reset(test::smallDesign(), QString());
        m_w->showCanvas();
        m_w->view()->zoomToFit();
        QApplication::processEvents();
        m_w->view()->setFocus(Qt::OtherFocusReason);
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    // Every element is a child: its name, what it is and links, its role and where it is.
    void elementsAreChildrenOfTheCanvas()
    {
        QAccessibleInterface* c = canvas();
        QVERIFY(c);
        QCOMPARE(c->role(), QAccessible::Canvas);
        QCOMPARE(c->childCount(), 4 + 1 + 3); // components, the zone, flows
        QStringList names;
        for (int i = 0; i < c->childCount(); ++i) {
            QAccessibleInterface* child = c->child(i);
            QVERIFY(child && child->isValid());
            QCOMPARE(c->indexOfChild(child), i);
            QCOMPARE(child->parent(), c);
            QCOMPARE(c->child(i), child); // the same object when asked again
            names << child->text(QAccessible::Name);
        }
        QCOMPARE(names.mid(0, 5), (QStringList{"client", "api", "cache", "orders-db", "eu-west"}));
        QAccessibleInterface* api = childNamed(QStringLiteral("api"));
        QCOMPARE(api->role(), QAccessible::Graphic);
        QCOMPARE(api->text(QAccessible::Description), QStringLiteral("Service: flows in 1, out 2"));
        QCOMPARE(childNamed(QStringLiteral("eu-west"))->role(), QAccessible::Grouping);
        QAccessibleInterface* flow = c->child(5);
        QCOMPARE(flow->role(), QAccessible::Link);
        QCOMPARE(flow->text(QAccessible::Description), QStringLiteral("Flow client → api"));
        // On screen where the item is drawn, and found there by a reader's pointer.
        const QRect r = api->rect();
        QVERIFY(!r.isEmpty());
        QVERIFY(m_w->view()->viewport()->rect().translated(m_w->view()->viewport()->mapToGlobal(QPoint())).contains(r.center()));
        QCOMPARE(c->childAt(r.center().x(), r.center().y()), api);
    }

    // Tab moves the keyboard's focus through the drawing: each element reached is the canvas's
    // focused, selected child. (The Focus event that tells a running reader so is sent only while
    // Qt's accessibility is active, which needs a reader on the session bus: not here.)
    void theElementReachedIsFocusedAndSaid()
    {
        QTest::keyClick(m_w->view(), Qt::Key_Tab);
        const QString reached = m_w->view()->keyFocusId();
        QVERIFY(!reached.isEmpty());
        QAccessibleInterface* focus = canvas()->focusChild();
        QVERIFY(focus);
        QCOMPARE(focus->text(QAccessible::Name), reached);
        QVERIFY(focus->state().focused);
        QVERIFY(focus->state().selected);
        QTest::keyClick(m_w->view(), Qt::Key_Tab);
        QVERIFY(!focus->state().focused);
    }

    // An element deleted is no longer a child, and its interface says it is gone; undone, it is
    // the same child again.
    void removedElementsLeave()
    {
        QAccessibleInterface* cache = childNamed(QStringLiteral("cache"));
        QVERIFY(cache);
        m_w->scene()->selectIds({QStringLiteral("cache")});
        QTest::keyClick(m_w->view(), Qt::Key_Delete);
        QCOMPARE(canvas()->childCount(), 4 + 1 + 3 - 2); // cache and its flow
        QVERIFY(!cache->isValid());
        QVERIFY(!childNamed(QStringLiteral("cache")));
        m_w->document()->undoStack()->undo();
        QCOMPARE(canvas()->childCount(), 8);
        QCOMPARE(childNamed(QStringLiteral("cache")), cache);
        QVERIFY(cache->isValid());
    }
};

QTEST_MAIN(TstAccessible)
#include "tst_accessible.moc"
