// Canvas figures for docs/perf.md: open a 5,000-component design, repaint it at zoom-to-fit,
// drag one component (its flows follow) mouse move by mouse move, and the process's peak memory.
//   bench_canvas [N | DESIGN.probeboard]   (a saved design instead of the generated grid, such
//   as bench/designgen's, whose flows between zones and regions run long)
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/editactions.h"
#include "app/desktop/overviewmap.h"
#include "app/desktop/readingorder.h"
#include "app/desktop/recoverywriter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <sys/resource.h>

#include <cstdio>
#include <random>

using namespace pb;

namespace {
const char* kKinds[] = {"service", "database", "cache", "queue", "worker", "api_gateway", "client"};

// A grid of components wired to their right and lower neighbours (about 1.4 flows each, all
// short, like a real layered design) with one region per 500 components.
model::Design makeDesign(int n)
{
    model::Design d;
    d.title = "bench";
    const int cols = 100;
    std::mt19937 rng(7);
    for (int i = 0; i < n; ++i) {
        model::Component c;
        c.id = "c" + std::to_string(i);
        c.kind = kKinds[i % 7];
        c.label = c.kind + "-" + std::to_string(i);
        c.pos = {double(i % cols) * 240.0, double(i / cols) * 140.0};
        d.addComponent(c);
    }
    int f = 0;
    for (int i = 0; i < n; ++i) {
        const int right = i + 1, down = i + cols;
        if (right % cols != 0 && right < n)
            d.addFlow({"f" + std::to_string(f++),
                       "c" + std::to_string(i),
                       "c" + std::to_string(right),
                       "",
                       {},
                       {}});
        if (down < n && rng() % 5 < 2)
            d.addFlow({"f" + std::to_string(f++),
                       "c" + std::to_string(i),
                       "c" + std::to_string(down),
                       "",
                       {},
                       {}});
    }
    for (int z = 0; z * 500 < n; ++z) {
        model::Zone zone;
        zone.id = "z" + std::to_string(z);
        zone.label = "region-" + std::to_string(z);
        zone.pos = {-20, double(z) * 5 * 140.0 - 20};
        zone.size = {cols * 240.0, 5 * 140.0 - 20};
        for (int i = z * 500; i < std::min(n, (z + 1) * 500); ++i)
            zone.members.push_back("c" + std::to_string(i));
        d.addZone(zone);
    }
    return d;
}

double ms(qint64 ns)
{
    return ns / 1e6;
}

long peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}
// What a user does to everything at once: Select All, a nudge with the arrow key, Delete, and
// Undo / Redo of that delete. Each is timed until the events it posted have been handled.
void wholeDesignEdits(app::Document& doc, app::CanvasScene& scene, app::CanvasView& view)
{
    app::EditActions edit(&doc, &scene, &view);
    view.setFocus();
    QElapsedTimer t;
    auto timed = [&](const char* what, auto&& action) {
        t.restart();
        action();
        QApplication::processEvents();
        std::printf("%-34s: %8.1f ms\n", what, ms(t.nsecsElapsed()));
    };
    timed("select all", [&] { edit.selectAll(); });
    const int before = doc.undoStack()->index();
    timed("nudge everything right (arrow key)", [&] { QTest::keyClick(view.viewport(), Qt::Key_Right); });
    if (doc.undoStack()->index() != before + 1) std::printf("  (the nudge made no undo step)\n");
    timed("undo the nudge", [&] { doc.undoStack()->undo(); });
    timed("delete everything", [&] { edit.deleteSelection(); });
    timed("undo the delete", [&] { doc.undoStack()->undo(); });
    timed("redo the delete", [&] { doc.undoStack()->redo(); });
    timed("undo it again", [&] { doc.undoStack()->undo(); });
}
} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString arg = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("5000");
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("bench.probeboard"));
    QString error;
    if (arg.endsWith(QStringLiteral(".probeboard"))) {
        path = arg;
    } else {
        const model::Design design = makeDesign(arg.toInt());
        if (!app::writeDesign(design, path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }

    app::Document doc;
    app::CanvasScene scene(&doc);
    app::CanvasView view(&scene);
    view.resize(1600, 1000);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) std::fprintf(stderr, "window not exposed\n");

    QElapsedTimer t;
    t.start();
    if (!doc.load(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 loadNs = t.nsecsElapsed();
    std::printf("design: %zu components, %zu flows, %zu zones\n", doc.design().components().size(),
                doc.design().flows().size(), doc.design().zones().size());
    view.zoomToFit();
    view.viewport()->repaint();
    std::printf("open (read file + build %d items) : %8.1f ms\n", scene.componentCount(),
                ms(loadNs));
    std::printf("open incl. first paint at fit     : %8.1f ms\n", ms(t.nsecsElapsed()));

    const int paints = 20;
    t.restart();
    for (int i = 0; i < paints; ++i)
        view.viewport()->repaint();
    std::printf("full repaint at zoom-to-fit (%.0f%%): %8.2f ms per frame\n", view.zoom() * 100,
                ms(t.nsecsElapsed()) / paints);
    // What the first Tab after an edit works out: every element in reading order.
    {
        qint64 best = -1;
        qsizetype n = 0;
        for (int i = 0; i < 5; ++i) {
            t.restart();
            n = app::elementOrder(&scene).size();
            best = best < 0 ? t.nsecsElapsed() : std::min(best, t.nsecsElapsed());
        }
        std::printf("Tab order of all %lld elements     : %8.2f ms\n", static_cast<long long>(n), ms(best));
        best = -1;
        const QPointF middle = scene.itemsBoundingRect().center();
        for (int i = 0; i < 5; ++i) {
            t.restart();
            app::nearestComponent(&scene, middle, QPointF(1, 0), QString());
            best = best < 0 ? t.nsecsElapsed() : std::min(best, t.nsecsElapsed());
        }
        std::printf("nearest component that way (Alt+→): %8.2f ms\n", ms(best));
    }
    // 40 %: components show their label alone, set to fit the box (labelfit.cpp).
    view.setZoom(0.4);
    view.centerOn(scene.itemsBoundingRect().center());
    view.viewport()->repaint();
    t.restart();
    for (int i = 0; i < paints; ++i)
        view.viewport()->repaint();
    std::printf("full repaint at 40%% (labels alone) : %8.2f ms per frame\n", ms(t.nsecsElapsed()) / paints);
    {
        // Made again a moment after each edit (overviewmap.h), never on a scroll or a zoom.
        app::OverviewMap overview(&view, &doc);
        double best = 1e300;
        for (int i = 0; i < 3; ++i) best = std::min(best, overview.renderNow());
        std::printf("overview picture of the drawing   : %8.2f ms (300 ms after an edit)\n", best);
    }

    view.resetZoom();
    // The grid's middle; any component of a saved design.
    app::ComponentItem* item = scene.componentItem(QStringLiteral("c2550"));
    if (!item) item = scene.componentItem(QString::fromStdString(doc.design().components()[doc.design().components().size() / 2].id));
    view.centerOn(item);
    QApplication::processEvents();
    QWidget* vp = view.viewport();
    const QPoint start = view.mapFromScene(item->sceneRect().center());
    QTest::mousePress(vp, Qt::LeftButton, {}, start);
    const int moves = 200;
    qint64 handler = 0, withPaint = 0;
    for (int i = 1; i <= moves; ++i) {
        QElapsedTimer m;
        m.start();
        QTest::mouseMove(vp, start + QPoint(i % 2 ? i : -i, i % 3) / 2);
        handler += m.nsecsElapsed();
        vp->repaint(); // the frame the user sees for this move
        withPaint += m.nsecsElapsed();
    }
    QTest::mouseRelease(vp, Qt::LeftButton, {}, start + QPoint(40, 0));
    std::printf("drag one component (%lld flows)   : %8.3f ms per move (events + flow updates)\n",
                qlonglong(item->flows().size()), ms(handler) / moves);
    std::printf("                                    %8.3f ms per move incl. repaint at 100%%\n",
                ms(withPaint) / moves);
    std::printf("undo commands after the drag      : %8d (one per gesture)\n",
                doc.undoStack()->count());
    t.restart();
    doc.recovery()->writeNow();
    std::printf("recovery copy, synchronous write  : %8.1f ms (the timer writes off the UI thread)\n",
                ms(t.nsecsElapsed()));
    doc.recovery()->removeCopy();
    wholeDesignEdits(doc, scene, view);
    std::printf("peak memory (RSS)                 : %8ld MB\n", peakRssMb());
    return 0;
}
