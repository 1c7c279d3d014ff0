#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/actionregistry.h"
#include "app/desktop/palettedock.h"
#include "app/desktop/shortcutsdialog.h"
#include "app/desktop/tageditor.h"
#include "app/desktop/theme.h"
#include "testdesigns.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPaintEvent>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// What a widget was asked to paint, summed over its paint events.
class PaintSpy : public QObject
{
public:
    QRegion painted;

protected:
    bool eventFilter(QObject*, QEvent* e) override
    {
        if (e->type() == QEvent::Paint) painted += static_cast<QPaintEvent*>(e)->region();
        return false;
    }
};

// The keyboard alone, as a user without a mouse drives the window: Tab and Alt+arrows through
// the drawing, out of the canvas and round the panels, and what a screen reader calls each field.
class TstKeyboard : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;

    QStringList selected() const { return m_w->scene()->selectedIds(); }
    QWidget* focused() const { return QApplication::focusWidget(); }
    void key(int k, Qt::KeyboardModifiers mods = {}) { QTest::keyClick(focused(), Qt::Key(k), mods); }
    // X11 sends Shift+Tab as Backtab with Shift held.
    void backTab(Qt::KeyboardModifiers more = {}) { key(Qt::Key_Backtab, Qt::ShiftModifier | more); }
    void open(const model::Design& d)
    {
        m_w->document()->reset(d, QString());
        m_w->showCanvas();
        m_w->view()->zoomToFit();
        QApplication::processEvents();
        m_w->view()->setFocus(Qt::OtherFocusReason);
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_w = new MainWindow;
        m_w->show();
        m_w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_w));
        open(test::smallDesign());
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    // cache stands highest; client and api share a row; orders-db is below them. Then the zone,
    // then the flows by their source's place and their target's.
    void tabSelectsTheNextElementInReadingOrder()
    {
        const QStringList order{"cache", "client", "api", "orders-db", "eu", "f1", "f2", "f3", "cache"};
        for (const QString& id : order) {
            key(Qt::Key_Tab);
            QCOMPARE(selected(), QStringList{id});
            QCOMPARE(m_w->view()->keyFocusId(), id);
            QCOMPARE(focused(), static_cast<QWidget*>(m_w->view())); // Tab stays on the canvas
        }
        // What a screen reader is told of the element reached.
        QCOMPARE(m_w->view()->accessibleDescription(), QStringLiteral("cache (Cache): flows in 1, out 0"));
        backTab();
        QCOMPARE(m_w->view()->accessibleDescription(), QStringLiteral("Flow api → orders-db"));
        // From a selection made otherwise, Tab goes on from it.
        m_w->scene()->selectIds({QStringLiteral("api")});
        key(Qt::Key_Tab);
        QCOMPARE(selected(), QStringList{QStringLiteral("orders-db")});
    }

    // The order is kept between key presses (sorting every element per press was a third of a
    // second at 10,000 components) and follows the drawing when it changes.
    void tabFollowsMovesRemovalsAndAdditions()
    {
        key(Qt::Key_Tab);
        QCOMPARE(selected(), QStringList{QStringLiteral("cache")});
        Document* doc = m_w->document();
        model::Component db = *doc->design().component("orders-db");
        db.pos.y = doc->design().component("cache")->pos.y - 400; // now it stands highest
        QVERIFY(doc->updateComponent(db));
        m_w->scene()->clearSelection();
        key(Qt::Key_Tab);
        QCOMPARE(selected(), QStringList{QStringLiteral("orders-db")});
        doc->removeElements({"orders-db"});
        m_w->scene()->clearSelection();
        key(Qt::Key_Tab);
        QCOMPARE(selected(), QStringList{QStringLiteral("cache")});
        model::Component top = *doc->design().component("cache");
        top.id = "top";
        top.pos.y -= 800;
        QVERIFY(doc->addComponent(top));
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("top")}); // before cache, wrapped from nothing
        // Shift+Tab from several goes back from the last of them in the order: f1, after the zone.
        m_w->scene()->selectIds({QStringLiteral("top"), QStringLiteral("cache"), QStringLiteral("f1")});
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("eu")});
    }

    void shiftTabSelectsThePreviousElement()
    {
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("f3")});
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("f2")});
        m_w->scene()->selectIds({QStringLiteral("api")});
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("client")});
        backTab();
        backTab();
        QCOMPARE(selected(), QStringList{QStringLiteral("f3")}); // round past the start
    }

    void altArrowsSelectTheNearestComponentThatWay()
    {
        m_w->scene()->selectIds({QStringLiteral("client")});
        key(Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(selected(), QStringList{QStringLiteral("api")});
        key(Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(selected(), QStringList{QStringLiteral("orders-db")});
        key(Qt::Key_Up, Qt::AltModifier); // straight above, rather than api up and to the left
        QCOMPARE(selected(), QStringList{QStringLiteral("cache")});
        key(Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(selected(), QStringList{QStringLiteral("api")});
        key(Qt::Key_Left, Qt::AltModifier);
        key(Qt::Key_Left, Qt::AltModifier); // nothing further: it stays
        QCOMPARE(selected(), QStringList{QStringLiteral("client")});
        // Nudging is still the arrows' alone: nothing moved.
        QCOMPARE(m_w->document()->undoStack()->index(), 0);
    }

    void altShiftArrowsFollowFlowsAndZones()
    {
        m_w->scene()->selectIds({QStringLiteral("client")});
        const auto go = [this](Qt::Key k, const char* expected) {
            key(k, Qt::AltModifier | Qt::ShiftModifier);
            QCOMPARE(selected(), QStringList{QLatin1String(expected)});
        };
        const std::pair<Qt::Key, const char*> walk[] = {
            {Qt::Key_Right, "f1"}, {Qt::Key_Right, "api"}, {Qt::Key_Right, "f2"},
            {Qt::Key_Down, "f3"}, // the next flow out of api
            {Qt::Key_Down, "f2"},  {Qt::Key_Left, "api"},
            {Qt::Key_Up, "eu"},    // the zone holding it
            {Qt::Key_Down, "cache"}, // its first member
            {Qt::Key_Left, "f2"}};
        for (const auto& [k, expected] : walk) {
            go(k, expected);
            if (QTest::currentTestFailed()) return;
        }
    }

    void theViewScrollsToTheElementReached()
    {
        CanvasView* view = m_w->view();
        view->setZoom(4.0);
        view->centerOn(m_w->scene()->componentItem(QStringLiteral("api"))->sceneRect().center());
        const QRectF target = m_w->scene()->componentItem(QStringLiteral("orders-db"))->sceneRect();
        auto shown = [view] { return view->mapToScene(view->viewport()->rect()).boundingRect(); };
        QVERIFY(!shown().intersects(target));
        m_w->scene()->selectIds({QStringLiteral("api")});
        key(Qt::Key_Tab);
        QCOMPARE(selected(), QStringList{QStringLiteral("orders-db")});
        QVERIFY(shown().contains(target));
    }

    void theFocusFrameIsDrawnInTheThemeColourForKeysOnly()
    {
        const QColor frame = Theme::instance().color(QStringLiteral("canvas.focus"));
        CanvasView* view = m_w->view();
        auto framePixels = [&] {
            const QImage shot = view->viewport()->grab().toImage();
            const QRectF r = m_w->scene()->componentItem(QStringLiteral("client"))->sceneRect();
            const QRect around = view->mapFromScene(r).boundingRect().adjusted(-8, -8, 8, 8);
            int n = 0;
            for (int y = around.top(); y <= around.bottom(); ++y)
                for (int x = around.left(); x <= around.right(); ++x)
                    n += shot.pixelColor(QPoint(x, y) * shot.devicePixelRatio()) == frame;
            return n;
        };
        const int before = framePixels(); // a label may share the colour
        m_w->scene()->selectIds({QStringLiteral("cache")});
        key(Qt::Key_Tab); // to client
        QCOMPARE(view->keyFocusId(), QStringLiteral("client"));
        QVERIFY2(framePixels() > before + 40, qPrintable(QString::number(framePixels())));
        // A click belongs to the mouse: the frame goes, the selection is the click's.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->mapFromScene(m_w->scene()->componentItem(QStringLiteral("api"))->sceneRect().center()));
        QCOMPARE(selected(), QStringList{QStringLiteral("api")});
        QCOMPARE(view->keyFocusId(), QString());
        QCOMPARE(framePixels(), before);
        // Nor is it drawn while the keys go to a panel.
        backTab(); // to client
        QVERIFY(framePixels() > before + 40);
        key(Qt::Key_Tab, Qt::ControlModifier);
        QVERIFY(!view->hasFocus());
        QCOMPARE(framePixels(), before);
    }

    // Moving the frame repaints where it was and where it goes, not the whole view: at fit, a
    // whole repaint of a 10,000-component design took a fifth of a second per Tab.
    void movingTheFrameRepaintsOnlyWhereItWasAndGoes()
    {
        CanvasView* view = m_w->view();
        m_w->scene()->selectIds({QStringLiteral("cache")});
        key(Qt::Key_Tab); // to client
        QApplication::processEvents();
        PaintSpy spy;
        view->viewport()->installEventFilter(&spy);
        key(Qt::Key_Tab); // to api
        QTRY_VERIFY(!spy.painted.isEmpty());
        view->viewport()->removeEventFilter(&spy);
        auto area = [&](const char* id) {
            const QRectF r = m_w->scene()->componentItem(QString::fromLatin1(id))->sceneRect();
            return view->mapFromScene(r).boundingRect().adjusted(-4, -4, 4, 4); // the frame's gap
        };
        QVERIFY(spy.painted.contains(area("client")));
        QVERIFY(spy.painted.contains(area("api")));
        QVERIFY(!spy.painted.contains(area("orders-db")));
    }

    // Tab belongs to the canvas there; F6 and Ctrl+Tab go on to the next panel, and Tab from a
    // panel's last field into the next panel, the canvas included.
    void theFocusLeavesTheCanvasByPanel()
    {
        m_w->scene()->selectIds({QStringLiteral("api")});
        QTRY_VERIFY(m_w->inspector()->labelEdit() && m_w->inspector()->labelEdit()->isVisible());
        key(Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->inspector()->labelEdit()));
        QCOMPARE(selected(), QStringList{QStringLiteral("api")});
        backTab(); // the inspector's first field: back to the canvas
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
        key(Qt::Key_F6);
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->inspector()->labelEdit()));
        key(Qt::Key_Tab); // within the inspector, and the canvas keeps its selection
        QVERIFY(m_w->inspector()->isAncestorOf(focused()));
        QCOMPARE(selected(), QStringList{QStringLiteral("api")});
        key(Qt::Key_F6, Qt::ShiftModifier);
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
        backTab(Qt::ControlModifier); // Ctrl+Shift+Tab: the panel before, the palette
        QVERIFY(m_w->palette()->isAncestorOf(focused()));
        QTRY_VERIFY(m_w->palette()->tree()->isVisible());
        m_w->palette()->tree()->setFocus(Qt::OtherFocusReason);
        key(Qt::Key_Tab); // the palette's last stop: on to the canvas
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
    }

    // Go, after View: the navigation keys where a mouse user finds them, the registry's own
    // actions with their keys, each listed once.
    void theGoMenuHoldsTheNavigationCommands()
    {
        auto* go = m_w->findChild<QMenu*>(QStringLiteral("goMenu"));
        QVERIFY(go);
        const QList<QAction*> top = m_w->menuBar()->actions();
        const qsizetype at = top.indexOf(go->menuAction());
        QVERIFY(at > 0);
        QVERIFY(top[at - 1]->menu()->actions().contains(m_w->actions()->get(QStringLiteral("view.zoomIn"))));
        const std::pair<const char*, const char*> items[] = {
            {"canvas.nextElement", "Tab"}, {"canvas.previousElement", "Shift+Tab"},
            {"canvas.nearestLeft", "Alt+Left"}, {"canvas.nearestRight", "Alt+Right"},
            {"canvas.nearestUp", "Alt+Up"}, {"canvas.nearestDown", "Alt+Down"},
            {"canvas.followOut", "Alt+Shift+Right"}, {"canvas.followIn", "Alt+Shift+Left"},
            {"canvas.up", "Alt+Shift+Up"}, {"canvas.down", "Alt+Shift+Down"},
            {"window.nextPanel", "F6"}, {"window.previousPanel", "Shift+F6"}};
        for (const auto& [id, keys] : items) {
            QAction* a = m_w->actions()->get(QLatin1String(id));
            QVERIFY2(go->actions().contains(a), id);
            QCOMPARE(a->shortcut().toString(QKeySequence::PortableText), QLatin1String(keys));
            const auto all = m_w->actions()->all();
            QCOMPARE(std::count_if(all.begin(), all.end(), [&](QAction* b) { return b->objectName() == QLatin1String(id); }),
                     1);
        }
    }

    // From the menu the keys may be in a panel: the canvas takes them, and the element is reached.
    void nextElementFromTheMenuWorksFromAPanel()
    {
        m_w->palette()->tree()->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(m_w->palette()->isAncestorOf(focused()));
        auto* go = m_w->findChild<QMenu*>(QStringLiteral("goMenu"));
        QVERIFY(go);
        go->popup(m_w->mapToGlobal(QPoint(100, 100)));
        QTRY_VERIFY(go->isVisible());
        QAction* next = m_w->actions()->get(QStringLiteral("canvas.nextElement"));
        QVERIFY(next->isEnabled());
        QTest::mouseClick(go, Qt::LeftButton, {}, go->actionGeometry(next).center());
        QTRY_VERIFY(!go->isVisible());
        QCOMPARE(selected(), QStringList{QStringLiteral("cache")});
        QCOMPARE(m_w->view()->keyFocusId(), QStringLiteral("cache"));
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
        key(Qt::Key_Tab); // and Tab goes on from there
        QCOMPARE(selected(), QStringList{QStringLiteral("client")});
    }

    // While the menu is open, what leads nowhere is disabled and says why; the keys come back
    // when it closes.
    void goItemsThatLeadNowhereSayWhy()
    {
        m_w->scene()->selectIds({QStringLiteral("client")});
        auto* go = m_w->findChild<QMenu*>(QStringLiteral("goMenu"));
        QVERIFY(go);
        QAction* up = m_w->actions()->get(QStringLiteral("canvas.up"));
        QAction* left = m_w->actions()->get(QStringLiteral("canvas.nearestLeft"));
        QAction* out = m_w->actions()->get(QStringLiteral("canvas.followOut"));
        go->popup(m_w->mapToGlobal(QPoint(100, 100)));
        QTRY_VERIFY(go->isVisible());
        QVERIFY(!up->isEnabled());
        QCOMPARE(up->statusTip(), QStringLiteral("client is in no zone"));
        QVERIFY(!left->isEnabled());
        QVERIFY2(left->statusTip().startsWith(QStringLiteral("No component beyond client")), qPrintable(left->statusTip()));
        QVERIFY(out->isEnabled());
        QCOMPARE(out->statusTip(), QStringLiteral("Go to Flow client → api"));
        go->close();
        QTRY_VERIFY(!go->isVisible());
        QVERIFY(up->isEnabled());
        QVERIFY(left->isEnabled());
    }

    // F6 into a dock frames the whole dock in the theme's colour, and the frame follows the keys.
    void thePanelWithTheKeysIsFramed()
    {
        m_w->scene()->selectIds({QStringLiteral("api")});
        QTRY_VERIFY(m_w->inspector()->labelEdit() && m_w->inspector()->labelEdit()->isVisible());
        key(Qt::Key_F6);
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->inspector()->labelEdit()));
        QDockWidget* inspector = m_w->inspector();
        QVERIFY(inspector->property("panelFocus").toBool());
        auto* frame = m_w->findChild<QWidget*>(QStringLiteral("panelFocusFrame"));
        QVERIFY(frame);
        QVERIFY(frame->isVisible());
        QCOMPARE(frame->parentWidget(), static_cast<QWidget*>(inspector));
        QCOMPARE(frame->geometry(), inspector->rect());
        QCOMPARE(inspector->children().last(), static_cast<QObject*>(frame)); // above the contents
        const QImage shot = inspector->grab().toImage();
        const QColor colour = Theme::instance().color(QStringLiteral("panel.focus"));
        QCOMPARE(shot.pixelColor(QPoint(0, inspector->height() / 2) * shot.devicePixelRatio()), colour);
        QCOMPARE(shot.pixelColor(QPoint(inspector->width() / 2, 1) * shot.devicePixelRatio()), colour);
        // Resized, the frame keeps round it.
        m_w->resizeDocks({inspector}, {inspector->width() + 60}, Qt::Horizontal);
        QTRY_COMPARE(frame->geometry(), inspector->rect());
        key(Qt::Key_F6, Qt::ShiftModifier); // back to the canvas: no dock is framed
        QCOMPARE(focused(), static_cast<QWidget*>(m_w->view()));
        QVERIFY(!inspector->property("panelFocus").toBool());
        QVERIFY(!frame->isVisible());
        backTab(Qt::ControlModifier); // the palette
        QVERIFY(m_w->palette()->property("panelFocus").toBool());
        QCOMPARE(frame->parentWidget(), static_cast<QWidget*>(m_w->palette()));
        QVERIFY(frame->isVisible());
    }

    void inspectorFieldsHaveNamesOfTheirOwn()
    {
        model::Design d = test::cacheDesign();
        d.component("api")->props["data"] = model::StringList{"pii"};
        open(d);
        m_w->scene()->selectIds({QStringLiteral("api")});
        QTRY_COMPARE(m_w->inspector()->shownId(), QStringLiteral("api"));
        QWidget* rps = m_w->inspector()->editorFor(QStringLiteral("rps"));
        QVERIFY(rps);
        QCOMPARE(rps->accessibleName(), QStringLiteral("Property rps"));
        auto* data = qobject_cast<TagEditor*>(m_w->inspector()->editorFor(QStringLiteral("data")));
        QVERIFY(data);
        QCOMPARE(data->lineEdit()->accessibleName(), QStringLiteral("Property data")); // it takes the focus
        QVERIFY(data->lineEdit()->accessibleDescription().contains(QStringLiteral("Data classes")));
        QCOMPARE(m_w->inspector()->labelEdit()->accessibleName(), QStringLiteral("Label"));
        // Two fields never share a name.
        QStringList names;
        for (QWidget* w : m_w->inspector()->findChildren<QWidget*>())
            if (w->isVisible() && (w->focusPolicy() & Qt::TabFocus) && !w->accessibleName().isEmpty())
                names << w->accessibleName();
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    }

    // Help → Keyboard Shortcuts lists every command that has keys, from the registry itself, and
    // the keys that are not commands; typing narrows it down. F1 opens it from the canvas.
    void theShortcutsPageListsEveryKey()
    {
        key(Qt::Key_F1);
        ShortcutsDialog* page = nullptr;
        QTRY_VERIFY((page = m_w->findChild<ShortcutsDialog*>()) && page->isVisible());
        const QStringList rows = page->visibleRows();
        for (QAction* a : m_w->actions()->all()) {
            if (a->shortcuts().isEmpty()) continue;
            const QString keys = a->shortcuts().first().toString(QKeySequence::NativeText);
            const QString command = QString(a->text()).remove(QLatin1Char('&'));
            QVERIFY2(std::any_of(rows.begin(), rows.end(),
                                 [&](const QString& r) { return r.contains(" / " + command + " / ") && r.contains(keys); }),
                     qPrintable(command + " " + keys));
        }
        QVERIFY(rows.contains(QStringLiteral("Moving through the drawing / Select Next Element / Tab")));
        QVERIFY(rows.contains(QStringLiteral("Drawing / Nudge the selection one grid step / Arrow keys")));
        page->filterEdit()->setText(QStringLiteral("zoom"));
        const QStringList zoom = page->visibleRows();
        QVERIFY(zoom.size() >= 4);
        for (const QString& r : zoom)
            QVERIFY2(r.contains(QStringLiteral("Zoom"), Qt::CaseInsensitive), qPrintable(r));
        page->filterEdit()->setText(QStringLiteral("F6"));
        QVERIFY(page->visibleRows().contains(QStringLiteral("Window / Next Panel / F6, Ctrl+Tab")));
        // The Go menu holds the same actions: each command is listed once.
        page->filterEdit()->setText(QStringLiteral("Next Element"));
        QCOMPARE(page->visibleRows(), QStringList{QStringLiteral("Moving through the drawing / Select Next Element / Tab")});
        // A second request raises the page it has, rather than opening another.
        m_w->actions()->get(QStringLiteral("help.shortcuts"))->trigger();
        QCOMPARE(m_w->findChildren<ShortcutsDialog*>().size(), 1);
        page->close();
    }
};

QTEST_MAIN(TstKeyboard)
#include "tst_keyboard.moc"
