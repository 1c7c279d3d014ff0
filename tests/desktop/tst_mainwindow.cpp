#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/designio.h"
#include "app/desktop/dialogplaces.h"
#include "app/desktop/document.h"
#include "app/desktop/editactions.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/kinds.h"
#include "app/desktop/palettedock.h"
#include "app/desktop/startpage.h"
#include "testdesigns.h"

#include <QApplication>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QGraphicsView>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QTextBrowser>
#include <QSignalSpy>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

using namespace pb;
using namespace pb::app;

// The window as a user drives it: open, title and modified mark, bad files, the Edit menu's
// undo text, and copy/paste between two windows through the menu actions.
class TstMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_good;

    static void closeNextDialog(QString* text)
    {
        QTimer::singleShot(50, [text] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                if (text) *text = box->text() + QLatin1Char('\n') + box->informativeText();
                box->close();
            }
        });
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_good = m_dir.filePath(QStringLiteral("good.probeboard"));
        QString error;
        QVERIFY(writeDesign(test::smallDesign(), m_good, &error));
    }

    void openShowsFileAndModifiedMark()
    {
        MainWindow w;
        w.show();
        // Untitled: in the documents folder, not the folder the program was started from.
        QCOMPARE(w.exportSuggestion(QStringLiteral(".pdf")),
                 QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("design.pdf")));
        QVERIFY(w.openFile(m_good));
        QVERIFY(w.windowTitle().contains(QStringLiteral("good.probeboard")));
        QVERIFY(!w.isWindowModified());
        // An export is offered beside the design, not in the folder the program started from.
        QCOMPARE(w.exportSuggestion(QStringLiteral(".pdf")), m_dir.filePath(QStringLiteral("good.pdf")));
        QCOMPARE(w.scene()->componentCount(), 4);
        w.document()->undoStack()->push(
            commands::move(w.document(), {{QStringLiteral("client"), QPointF(0, 100)}}));
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.actions()->get(QStringLiteral("edit.undo"))->text(),
                 QStringLiteral("&Undo Move client"));
        // The toolbar keeps a short label; the tooltip names the command.
        QCOMPARE(w.actions()->get(QStringLiteral("edit.undo"))->iconText(), QStringLiteral("Undo"));
        QVERIFY(w.actions()->get(QStringLiteral("edit.undo"))->toolTip().startsWith(QStringLiteral("Undo Move client (")));
        w.actions()->get(QStringLiteral("file.save"))->trigger();
        QVERIFY(!w.isWindowModified());
        QString error;
        auto again = readDesign(m_good, &error);
        QVERIFY(again);
        QCOMPARE(again->component("client")->pos.y, 100.0);
        w.document()->undoStack()->undo(); // undo past the save point marks it modified again
        QVERIFY(w.isWindowModified());
        w.document()->undoStack()->setClean(); // let the window close without asking
    }

    void unreadableFileNamesItAndKeepsDocument()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        const QString bad = m_dir.filePath(QStringLiteral("bad.probeboard"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not json at all");
        f.close();
        QString shown;
        closeNextDialog(&shown);
        QVERIFY(!w.openFile(bad));
        QVERIFY2(shown.contains(QStringLiteral("bad.probeboard")), qPrintable(shown));
        QCOMPARE(w.document()->filePath(), QFileInfo(m_good).absoluteFilePath());
        QCOMPARE(w.scene()->componentCount(), 4);
    }

    // What a file says that does not stop it opening (the CLI prints it on stderr) is shown
    // beside the open design, without blocking it; a clean file shows nothing.
    void warningsOfAnOpenedFileAreShown()
    {
        model::Design d = test::smallDesign();
        d.decisions.push_back({"0123456789abcdef", "unfenced-failover", "acepted", "later", "", ""});
        const QString path = m_dir.filePath(QStringLiteral("noted.probeboard"));
        QString error;
        QVERIFY(writeDesign(d, path, &error));
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        QCOMPARE(w.scene()->componentCount(), 4); // open behind the box
        auto* box = w.findChild<QMessageBox*>(QStringLiteral("loadWarnings"));
        QVERIFY(box && box->isVisible());
        QVERIFY(!box->isModal());
        QVERIFY2(box->informativeText().contains(QStringLiteral("noted.probeboard:")) &&
                     box->informativeText().contains(QStringLiteral("did you mean 'accepted'")),
                 qPrintable(box->informativeText()));
        box->close();

        // One warning repeated on every element is said a few times and then counted: 30 lines of
        // "unknown property 'sla'" buried the rest.
        for (int i = 0; i < 6; ++i) d.addComponent(test::component("svc" + std::to_string(i), "service", 0, 200.0 + 100 * i));
        for (const auto& c : std::vector<model::Component>(d.components())) d.component(c.id)->props["sla"] = model::Value(std::string("gold"));
        // A file of its own: the one above is open in `w`, which opening it again brings forward.
        const QString repeatedPath = m_dir.filePath(QStringLiteral("repeated.probeboard"));
        QVERIFY(writeDesign(d, repeatedPath, &error));
        MainWindow repeated;
        repeated.show();
        QVERIFY(repeated.openFile(repeatedPath));
        auto* grouped = repeated.findChild<QMessageBox*>(QStringLiteral("loadWarnings"));
        QVERIFY(grouped);
        QVERIFY2(grouped->informativeText().count(QStringLiteral("unknown property 'sla'")) == 4 &&
                     grouped->informativeText().contains(QStringLiteral("7 more")),
                 qPrintable(grouped->informativeText()));
        grouped->close();

        MainWindow clean;
        clean.show();
        QVERIFY(clean.openFile(m_good));
        QVERIFY(!clean.findChild<QMessageBox*>(QStringLiteral("loadWarnings")));
    }

    // Found by a scripted pass: File → Start Page over a modified design, then "New blank
    // design" or an example, reused the window and threw the unsaved work away.
    void startPageNeverReplacesUnsavedWork()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        QUndoCommand* move = commands::move(w.document(), {{QStringLiteral("client"), QPointF(-160, 260)}});
        QVERIFY(move);
        w.document()->undoStack()->push(move);
        auto windows = [] {
            int n = 0;
            for (QWidget* top : QApplication::topLevelWidgets()) n += qobject_cast<MainWindow*>(top) ? 1 : 0;
            return n;
        };
        const int before = windows();
        w.actions()->get(QStringLiteral("file.start"))->trigger();
        w.newDesign();
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.scene()->componentCount(), 4);
        QCOMPARE(w.document()->undoStack()->count(), 1);
        QCOMPARE(windows(), before + 1); // the blank design has a window of its own
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* other = qobject_cast<MainWindow*>(top); other && other != &w) other->close();
        w.document()->undoStack()->setClean();
    }

    // Found by a tester: on the Start Page, Ctrl+A and Delete emptied the design behind it, with
    // nothing on screen to show it. The canvas's commands wait until the canvas is back.
    void startPageHoldsTheCanvasCommands()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.document()->undoStack()->push(commands::move(w.document(), {{QStringLiteral("client"), QPointF(-160, 260)}}));
        w.actions()->get(QStringLiteral("file.start"))->trigger();
        for (const char* id : {"edit.selectAll", "edit.delete", "edit.undo", "edit.paste", "tools.connect", "arrange.layout"})
            QVERIFY2(!w.actions()->get(QString::fromLatin1(id))->isEnabled(), id);
        w.actions()->get(QStringLiteral("edit.selectAll"))->trigger();
        w.actions()->get(QStringLiteral("edit.delete"))->trigger();
        w.actions()->get(QStringLiteral("edit.undo"))->trigger();
        QCOMPARE(w.document()->design().components().size(), size_t(4));
        QCOMPARE(w.document()->undoStack()->index(), 1);
        QVERIFY(w.actions()->get(QStringLiteral("file.save"))->isEnabled());
        w.showCanvas();
        QVERIFY(w.actions()->get(QStringLiteral("edit.delete"))->isEnabled());
        QVERIFY(w.actions()->get(QStringLiteral("edit.undo"))->isEnabled());
        QVERIFY(!w.actions()->get(QStringLiteral("edit.redo"))->isEnabled());
        w.document()->undoStack()->setClean();
    }

    // Found by a tester: after Save As in one window, the other windows' Open Recent menus did
    // not have the file until they were reopened.
    void everyWindowsRecentMenuFollows()
    {
        MainWindow a, b;
        auto recentOf = [](MainWindow& w) {
            for (auto* m : w.findChildren<QMenu*>())
                if (m->title() == QStringLiteral("Open &Recent")) return m;
            return static_cast<QMenu*>(nullptr);
        };
        QVERIFY(recentOf(b));
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("saved-elsewhere.probeboard"));
        QVERIFY(QFile::copy(m_good, path)); // the menu lists files that exist
        recent::add(path);
        bool listed = false;
        for (QAction* act : recentOf(b)->actions()) listed = listed || act->text() == QStringLiteral("saved-elsewhere.probeboard");
        QVERIFY(listed);
        QVERIFY(recentOf(b)->isEnabled());
        // With no design open, Open… and Compare With… start in the newest recent file's folder;
        // reports and exports go beside the design.
        QCOMPARE(dialogplaces::openFolder(QString()), QFileInfo(path).absolutePath());
        QCOMPARE(dialogplaces::openFolder(m_good), QFileInfo(m_good).absolutePath());
        QCOMPARE(dialogplaces::besideDesign(m_good, QStringLiteral("good-review.html")),
                 QDir(QFileInfo(m_good).absolutePath()).filePath(QStringLiteral("good-review.html")));
        recent::remove(path);
    }

    // Open Recent, the Start Page, Open… and the command line, on a file already open in a
    // window, opened a second window on it: two sets of edits, each saved over the other. The
    // window that has it comes forward instead, whatever spelling of the path was used.
    void openingAnOpenFileRaisesItsWindow()
    {
        const QString path = m_dir.filePath(QStringLiteral("once.probeboard"));
        QString error;
        QVERIFY(writeDesign(test::smallDesign(), path, &error));
        auto windows = [] {
            int n = 0;
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* w = qobject_cast<MainWindow*>(top)) n += w->isVisible() ? 1 : 0;
            return n;
        };
        auto* a = new MainWindow;
        a->show();
        QVERIFY(a->openFile(path));
        a->document()->undoStack()->push(commands::move(a->document(), {{QStringLiteral("client"), QPointF(0, 100)}}));
        auto* b = new MainWindow;
        b->show();
        QVERIFY(b->openFile(m_good));
        b->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(b));
        const int before = windows();

        QAction* recentEntry = nullptr;
        for (auto* m : b->findChildren<QMenu*>())
            if (m->title() == QStringLiteral("Open &Recent"))
                for (QAction* act : m->actions())
                    if (act->toolTip() == path) recentEntry = act;
        QVERIFY(recentEntry);
        recentEntry->trigger();
        QCOMPARE(windows(), before);
        QVERIFY(QTest::qWaitForWindowActive(a));
        QVERIFY(a->statusBar()->currentMessage().contains(QStringLiteral("already open")));
        QCOMPARE(a->document()->undoStack()->count(), 1); // its unsaved move is still there

        b->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(b));
        b->actions()->get(QStringLiteral("file.start"))->trigger();
        QListWidgetItem* item = nullptr;
        for (auto* list : b->findChild<StartPage*>()->findChildren<QListWidget*>())
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->data(Qt::UserRole).toString() == path) item = list->item(i);
        QVERIFY(item);
        QTest::mouseClick(item->listWidget()->viewport(), Qt::LeftButton, {}, item->listWidget()->visualItemRect(item).center());
        QCOMPARE(windows(), before);
        QVERIFY(QTest::qWaitForWindowActive(a));

        // Its own window, with the Start Page shown over it: back to the canvas.
        a->actions()->get(QStringLiteral("file.start"))->trigger();
        QVERIFY(!a->view()->isVisible());
        QVERIFY(a->openFile(path));
        QCOMPARE(windows(), before);
        QVERIFY(a->view()->isVisible());
        // Other spellings of the same file, as Open… or a command line may give it.
        const QString link = m_dir.filePath(QStringLiteral("link-to-once.probeboard"));
        QVERIFY(QFile::link(path, link));
        QVERIFY(b->openFile(link));
        QVERIFY(b->openFile(m_dir.path() + QStringLiteral("/./once.probeboard")));
        QCOMPARE(windows(), before);
        // As a template (the examples) it is a new untitled design each time.
        QVERIFY(b->openFile(path, true));
        QCOMPARE(windows(), before + 1);
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* w = qobject_cast<MainWindow*>(top); w && w->isVisible()) {
                w->document()->undoStack()->setClean();
                w->close();
            }
    }

    // What a screen reader announces for each list, text field and the canvas: a name, not
    // "tree view" or "edit". Checked in the window as it opens, and on its start page.
    void listsFieldsAndTheCanvasHaveAccessibleNames()
    {
        auto unnamed = [](QWidget* top) {
            QStringList out;
            for (QWidget* c : top->findChildren<QWidget*>()) {
                if (!c->isVisibleTo(top) || qobject_cast<QHeaderView*>(c)) continue;
                QWidget* parent = c->parentWidget();
                const bool ownField = qobject_cast<QLineEdit*>(c) && !qobject_cast<QAbstractSpinBox*>(parent) &&
                                      !qobject_cast<QComboBox*>(parent);
                const bool wanted = ownField || qobject_cast<QAbstractItemView*>(c) || qobject_cast<QGraphicsView*>(c) ||
                                    qobject_cast<QPlainTextEdit*>(c) || qobject_cast<QTextBrowser*>(c);
                if (wanted && c->accessibleName().isEmpty())
                    out << QString::fromLatin1(c->metaObject()->className());
            }
            return out;
        };
        MainWindow w;
        w.show();
        const QStringList onStart = unnamed(&w);
        QVERIFY2(onStart.isEmpty(), qPrintable(onStart.join(QStringLiteral(", "))));
        QVERIFY(w.openFile(m_good));
        QApplication::processEvents();
        const QStringList onCanvas = unnamed(&w);
        QVERIFY2(onCanvas.isEmpty(), qPrintable(onCanvas.join(QStringLiteral(", "))));
        w.document()->undoStack()->setClean();
    }

    void copyPasteBetweenTwoWindows()
    {
        MainWindow a, b;
        a.show();
        b.show();
        QVERIFY(a.openFile(m_good));
        b.newDesign();
        a.scene()->selectIds({QStringLiteral("api"), QStringLiteral("cache")});
        a.actions()->get(QStringLiteral("edit.copy"))->trigger();
        b.actions()->get(QStringLiteral("edit.paste"))->trigger();
        const model::Design& d = b.document()->design();
        QCOMPARE(d.components().size(), size_t(2));
        QCOMPARE(d.flows().size(), size_t(1));
        QCOMPARE(d.components()[0].label, std::string("api"));
        QCOMPARE(b.document()->undoStack()->count(), 1);
        b.actions()->get(QStringLiteral("edit.duplicate"))->trigger();
        QCOMPARE(d.components().size(), size_t(4));
        b.document()->undoStack()->setClean();
    }

    void droppingAFileOpensIt()
    {
        MainWindow w;
        w.show();
        w.newDesign();
        QMimeData md;
        md.setUrls({QUrl::fromLocalFile(m_good)});
        QWidget* vp = w.view()->viewport();
        const QPoint pos = vp->rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &md, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(pos, Qt::CopyAction, &md, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &drop);
        QCOMPARE(w.document()->filePath(), QFileInfo(m_good).absoluteFilePath());
        QCOMPARE(w.scene()->componentCount(), 4);
    }

    void closingWithChangesAsks()
    {
        auto* w = new MainWindow;
        QPointer<MainWindow> alive(w);
        w->show();
        QVERIFY(w->openFile(m_good));
        w->document()->undoStack()->push(
            commands::setLabel(w->document(), QStringLiteral("api"), QStringLiteral("orders-api")));
        QString asked;
        QTimer::singleShot(50, [&asked] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(QMessageBox::Cancel)->click();
            }
        });
        QVERIFY(!w->close());
        QVERIFY(asked.contains(QStringLiteral("good.probeboard")));
        QVERIFY(alive);
        QTimer::singleShot(50, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Discard)->click();
        });
        QVERIFY(w->close());
        QTRY_VERIFY(!alive); // WA_DeleteOnClose
    }

    void findSelectsMatchesInTurn()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        QCOMPARE(w.editing()->find(QStringLiteral("a")), 2); // api, cache
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("api")});
        w.editing()->findNext(); // Enter takes the match shown while typing
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("api")});
        w.editing()->findNext();
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("cache")});
        w.editing()->findNext();
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("api")});
        QCOMPARE(w.editing()->find(QStringLiteral("nothing-like-this")), 0);
    }

    // "orders" found orders-cache before orders, and Shift+Enter went on to the second match, so
    // a keyboard connect drew gateway → orders-cache. Whole matches come first, Shift+Enter takes
    // the match shown, and zones and flows are found too (the keyboard had no way to reach them).
    void findPrefersWholeMatchesAndReachesZonesAndFlows()
    {
        model::Design d = test::smallDesign();
        d.addComponent(test::component("orders-cache", "cache", 480, 300));
        d.addComponent(test::component("orders", "service", 240, 300));
        model::Flow f = test::flow("f4", "api", "orders");
        f.label = "place order";
        d.addFlow(f);
        const QString path = m_dir.filePath(QStringLiteral("orders.probeboard"));
        QString error;
        QVERIFY2(writeDesign(d, path, &error), qPrintable(error));
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.actions()->get(QStringLiteral("edit.find"))->trigger();
        auto* find = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(find);
        QTest::keyClicks(find, QStringLiteral("client"));
        QTest::keyClick(find, Qt::Key_Return);
        w.actions()->get(QStringLiteral("edit.find"))->trigger();
        QTest::keyClicks(find, QStringLiteral("orders"));
        QTest::keyClick(find, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(w.editing()->selectionOrder(), (QStringList{QStringLiteral("client"), QStringLiteral("orders")}));
        // Ctrl+Z in the field undoes the design, not the typing; Escape goes back to the canvas.
        QTest::keySequence(&w, QKeySequence(QStringLiteral("Ctrl+Shift+C")));
        QCOMPARE(w.document()->design().flows().size(), d.flows().size() + 1);
        QTest::keyClick(find, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w.document()->design().flows().size(), d.flows().size());
        QCOMPARE(find->text(), QStringLiteral("orders"));
        QTest::keyClick(find, Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.view()));
        QCOMPARE(w.editing()->find(QStringLiteral("eu-west")), 1);
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("eu")});
        QCOMPARE(w.editing()->find(QStringLiteral("place order")), 1);
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("f4")});
        w.document()->undoStack()->setClean();
    }

    // A letter typed into a panel's combo box or list reaches it: "t" started the trust-boundary
    // tool, and Delete in a list removed the canvas selection. On the canvas the keys still work.
    void oneKeyShortcutsBelongToTheCanvas()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.scene()->selectIds({QStringLiteral("orders-db")});
        QSignalSpy trust(w.actions()->get(QStringLiteral("tools.trust")), &QAction::triggered);
        QSignalSpy removed(w.actions()->get(QStringLiteral("edit.delete")), &QAction::triggered);
        QComboBox* combo = nullptr;
        QTRY_VERIFY((combo = w.inspector()->findChild<QComboBox*>()));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_T);
        QTest::keyClick(combo, Qt::Key_Delete);
        QCOMPARE(trust.size(), 0);
        QCOMPARE(removed.size(), 0);
        QVERIFY(w.document()->design().component("orders-db"));
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_T);
        QCOMPARE(trust.size(), 1);
        w.document()->undoStack()->setClean();
    }

    // Keyboard only: Ctrl+F, a name, Enter, then F2 and the new name. The typing went on into
    // the find field while the editor on the canvas waited.
    void renameFromTheFindFieldTypesIntoTheLabel()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.actions()->get(QStringLiteral("edit.find"))->trigger();
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("cache"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(w.scene()->selectedIds(), QStringList{QStringLiteral("cache")});
        w.actions()->get(QStringLiteral("edit.rename"))->trigger();
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("redis"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(w.document()->design().component("cache")->label, std::string("redis"));
        w.document()->undoStack()->setClean();
    }

    // Keyboard only: find one component, Shift+Enter on a second adds it, Ctrl+Shift+C draws the
    // flow from the first picked to the second. There was no way to connect without a mouse.
    void connectTwoComponentsFromTheKeyboard()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        const std::size_t flows = w.document()->design().flows().size();
        w.actions()->get(QStringLiteral("edit.find"))->trigger();
        auto* find = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(find);
        QTest::keyClicks(find, QStringLiteral("orders"));
        QTest::keyClick(find, Qt::Key_Return);
        w.actions()->get(QStringLiteral("edit.find"))->trigger();
        QTest::keyClicks(find, QStringLiteral("client"));
        QTest::keyClick(find, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(w.scene()->selectedIds().size(), 2);
        QTest::keySequence(&w, QKeySequence(QStringLiteral("Ctrl+Shift+C")));
        QCOMPARE(w.document()->design().flows().size(), flows + 1);
        const auto& added = w.document()->design().flows().back();
        QCOMPARE(added.from, std::string("orders-db"));
        QCOMPARE(added.to, std::string("client"));
        QCOMPARE(w.document()->undoStack()->undoText(), QStringLiteral("Connect orders-db to client"));
        // One component selected: nothing drawn, and the status bar says what is needed.
        w.scene()->selectIds({QStringLiteral("api")});
        w.actions()->get(QStringLiteral("edit.connectSelected"))->trigger();
        QCOMPARE(w.document()->design().flows().size(), flows + 1);
        w.document()->undoStack()->setClean();
    }

    // Keyboard only: type a kind into the palette's filter, Enter arms it, Enter places it in
    // the middle of the view; a zone the same way. Nothing was added before.
    void paletteAddsAKindFromTheKeyboard()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        const std::size_t before = w.document()->design().components().size();
        auto* filter = w.palette()->findChild<QLineEdit*>();
        QVERIFY(filter);
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("queue"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(w.document()->design().components().size(), before + 1);
        QCOMPARE(w.document()->design().components().back().kind, std::string("queue"));
        QCOMPARE(w.scene()->selectedIds().size(), 1); // ready for F2 or arrow keys
        // Twice more: each lands clear of every other component, and of every zone's edge.
        for (int i = 0; i < 2; ++i) {
            filter->setFocus();
            QTest::keyClick(filter, Qt::Key_Return);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        }
        QCOMPARE(w.document()->design().components().size(), before + 3);
        for (const auto& added : w.document()->design().components()) {
            if (added.kind != "queue") continue;
            const QRectF mine(QPointF(added.pos.x, added.pos.y), componentSize(added));
            for (const auto& other : w.document()->design().components())
                if (other.id != added.id)
                    QVERIFY2(!mine.intersects(QRectF(QPointF(other.pos.x, other.pos.y), componentSize(other))), other.id.c_str());
            for (const auto& z : w.document()->design().zones()) {
                const QRectF zone(z.pos.x, z.pos.y, z.size.width, z.size.height);
                QVERIFY2(!zone.intersects(mine) || zone.contains(mine), z.id.c_str());
            }
        }
        filter->selectAll();
        QTest::keyClicks(filter, QStringLiteral("trust"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(w.document()->design().zones().back().kind, std::string("trust_boundary"));
        w.document()->undoStack()->setClean();
    }

    void deleteActionRemovesWithFlows()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.scene()->selectIds({QStringLiteral("api")});
        w.actions()->get(QStringLiteral("edit.delete"))->trigger();
        QCOMPARE(w.document()->design().flows().size(), size_t(0));
        QCOMPARE(w.actions()->get(QStringLiteral("edit.undo"))->text(),
                 QStringLiteral("&Undo Delete api"));
        w.actions()->get(QStringLiteral("edit.undo"))->trigger();
        QCOMPARE(w.document()->design().flows().size(), size_t(3));
        w.document()->undoStack()->setClean();
    }

    // Redo answers Ctrl+Y as well as the platform's own keys (Ctrl+Shift+Z here).
    void redoTakesCtrlY()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_good));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        const QList<QKeySequence> keys = w.actions()->get(QStringLiteral("edit.redo"))->shortcuts();
        QVERIFY(keys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)));
        QVERIFY(keys.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
        // Qt's X11 key table has no Save As key; the whiteboard gives it the one other tools use.
        QCOMPARE(w.actions()->get(QStringLiteral("file.saveAs"))->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        w.scene()->selectIds({QStringLiteral("api")});
        w.actions()->get(QStringLiteral("edit.delete"))->trigger();
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->design().flows().size(), size_t(3));
        QTest::keyClick(&w, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(w.document()->design().flows().size(), size_t(0));
        w.document()->undoStack()->setClean();
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
