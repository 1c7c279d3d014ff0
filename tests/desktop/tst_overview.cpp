#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/overviewmap.h"
#include "app/desktop/theme.h"
#include "testdesigns.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// The overview in the canvas's corner: there only while the drawing does not fit, a click there
// moves the canvas, and its picture follows the design a moment after an edit.
class TstOverview : public QObject
{
    Q_OBJECT

private:
    MainWindow* m_w = nullptr;
    OverviewMap* map() const { return m_w->view()->findChild<OverviewMap*>(); }
    QPointF viewCentre() const { return m_w->view()->mapToScene(m_w->view()->viewport()->rect().center()); }

    // A grid of services 3,000 by 2,000 units: at 100 % only a part of it fits.
    static model::Design wideDesign()
    {
        model::Design d;
        for (int i = 0; i < 6; ++i)
            for (int j = 0; j < 5; ++j) {
                const std::string id = "s" + std::to_string(i) + "-" + std::to_string(j);
                d.addComponent(test::component(id, "service", i * 600.0, j * 500.0));
            }
        d.addFlow(test::flow("f1", "s0-0", "s5-4"));
        return d;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_w = new MainWindow;
        m_w->resize(1200, 800);
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w));
        m_w->document()->reset(wideDesign(), QString());
        m_w->showCanvas();
        // The canvas alone, wide enough for a map of full size: a panel that changes width as
        // the selection changes would resize the map too, and a resize redraws it anyway.
        for (QDockWidget* dock : m_w->findChildren<QDockWidget*>()) dock->hide();
        QApplication::processEvents();
        QVERIFY(map());
        map()->renderNow();
    }
    void cleanup()
    {
        m_w->document()->undoStack()->setClean();
        delete m_w;
    }

    void shownOnlyWhileTheDrawingDoesNotFit()
    {
        m_w->view()->zoomToFit();
        QApplication::processEvents();
        QVERIFY(!map()->isVisible());
        m_w->view()->resetZoom(); // 100 %
        QApplication::processEvents();
        QVERIFY(map()->isVisible());
        // In the canvas's bottom-right corner, inside its viewport.
        const QRect port = m_w->view()->viewport()->geometry();
        QVERIFY(port.contains(map()->geometry()));
        QVERIFY(map()->geometry().right() > port.center().x() && map()->geometry().bottom() > port.center().y());
        // View > Overview turns it off, and on again.
        QAction* toggle = m_w->actions()->get(QStringLiteral("view.overview"));
        toggle->trigger();
        QVERIFY(!map()->isVisible());
        toggle->trigger();
        QVERIFY(map()->isVisible());
    }

    void aClickMovesTheCanvasThere()
    {
        m_w->view()->resetZoom();
        QApplication::processEvents();
        QVERIFY(map()->isVisible());
        // The middle of the grid, then near its far corner.
        for (const QPointF target : {QPointF(1600, 1100), QPointF(2500, 1800)}) {
            const QPoint spot = map()->fromScene(target).toPoint();
            QTest::mouseClick(map(), Qt::LeftButton, {}, spot);
            const QPointF now = viewCentre();
            const qreal slack = 3000.0 / map()->width() + 2; // one pixel of the map, in scene units
            QVERIFY2(qAbs(now.x() - target.x()) < slack && qAbs(now.y() - target.y()) < slack,
                     qPrintable(QStringLiteral("centre %1,%2").arg(now.x()).arg(now.y())));
        }
        // And the frame drawn on the map is where the canvas looks.
        QVERIFY(QRectF(map()->rect()).contains(map()->fromScene(viewCentre())));
    }

    void thePictureFollowsAnEdit()
    {
        m_w->view()->resetZoom();
        QApplication::processEvents();
        // A component far below and right of the rest: the map takes it in once redrawn.
        const QPointF far(5200, 4200);
        QVERIFY(!QRectF(map()->rect()).contains(map()->fromScene(far)));
        m_w->document()->undoStack()->push(commands::addComponent(m_w->document(), "database", far));
        QTRY_VERIFY(QRectF(map()->rect()).contains(map()->fromScene(far)));
        // Moving around moves the frame on it.
        const QImage before = map()->grab().toImage();
        m_w->view()->centerOn(QPointF(300, 300));
        QApplication::processEvents();
        QVERIFY(map()->grab().toImage() != before);
    }

    void itsColoursComeFromTheTheme()
    {
        m_w->view()->resetZoom();
        QApplication::processEvents();
        for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
            Theme::instance().setMode(mode);
            map()->renderNow();
            const QImage img = map()->grab().toImage();
            // The middle of the top edge is the border's colour, the spot just inside it the
            // map's own background.
            const QColor border = Theme::instance().color(QStringLiteral("canvas.overviewBorder"));
            const QColor edge = img.pixelColor(img.width() / 2, 0);
            QVERIFY2(qAbs(edge.red() - border.red()) < 40 && qAbs(edge.blue() - border.blue()) < 40,
                     qPrintable(edge.name() + QStringLiteral(" against ") + border.name()));
        }
        Theme::instance().setMode(Theme::Mode::System);
    }
};

QTEST_MAIN(TstOverview)
#include "tst_overview.moc"
