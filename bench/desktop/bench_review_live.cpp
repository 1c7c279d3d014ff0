// Live-review figures for docs/perf.md: on a 2,000-component design, how long an edit takes
// to show up in the findings panel, and the longest the UI thread is held by the review
// (starting it, publishing it to the panel, badges and status bar). Runs the real window.
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/reviewcontroller.h"
#include "model/designfile.h"
#include "rules/engine.h"

#include <QApplication>
#include <QMainWindow>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace pb;

namespace {
model::Component comp(const std::string& id, const std::string& kind, double x, double y)
{
    model::Component c;
    c.id = id;
    c.kind = kind;
    c.label = id;
    c.pos = {x, y};
    return c;
}

// Cells of eight components as people draw them: client → gateway → service, which reads
// through a cache and calls a database (half of those calls have a breaker), publishes to a
// queue drained by a worker; the database replicates to a replica. Some databases fail over
// automatically and some hold payment records, so every rule has work to do.
model::Design makeDesign(int n, bool connected)
{
    model::Design d;
    d.title = "live review bench";
    int f = 0;
    auto flow = [&](const std::string& a, const std::string& b, bool breaker = false) {
        model::Flow fl;
        fl.id = "f" + std::to_string(f++);
        fl.from = a;
        fl.to = b;
        if (breaker) fl.props["circuit_breaker"] = true;
        d.addFlow(fl);
    };
    const char* kinds[] = {"client", "api_gateway", "service", "cache", "database", "queue", "worker", "database"};
    for (int cell = 0; cell * 8 < n; ++cell) {
        const double x0 = (cell % 10) * 1100.0, y0 = (cell / 10) * 420.0;
        std::string id[8];
        for (int k = 0; k < 8 && cell * 8 + k < n; ++k) {
            id[k] = std::string(kinds[k]) + "-" + std::to_string(cell);
            if (k == 7) id[k] = "replica-" + std::to_string(cell);
            auto c = comp(id[k], kinds[k], x0 + (k % 4) * 260.0, y0 + (k / 4) * 180.0);
            if (k == 4 && cell % 3 == 0) c.props["failover"] = std::string("automatic");
            if (k == 4 && cell % 5 == 0) c.props["data"] = model::StringList{"payment"};
            if (k == 7) c.props["role"] = std::string("replica");
            d.addComponent(c);
        }
        if (cell * 8 + 7 >= n) break;
        flow(id[0], id[1]);
        flow(id[1], id[2]);
        flow(id[2], id[3]);
        flow(id[2], id[4], cell % 2 == 0);
        flow(id[2], id[5]);
        flow(id[5], id[6]);
        flow(id[6], id[4]);
        flow(id[4], id[7]);
    }
    // PB_BENCH_CONNECTED=1: each gateway also routes to the previous cell's service, so the
    // design is one connected graph, as most drawn architectures are, and an edit cannot be kept
    // to a small part of it (rules/locality.h). Added last: the flow ids above stay the same.
    for (int cell = 1; connected && cell * 8 + 7 < n; ++cell)
        flow("api_gateway-" + std::to_string(cell), "service-" + std::to_string(cell - 1));
    return d;
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

struct Sample
{
    double latency = 0; // edit pushed → findings published
    double uiMax = 0;   // longest single event-loop turn while waiting
    double push = 0;    // the command itself (model + canvas), not the review
    double uiCpuMax = 0; // the same turn in CPU time of the UI thread: without the time other
                         // processes on a busy machine took the core away
};

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Pushes one edit and spins the event loop until the review of that edit is published.
Sample measure(app::ReviewController* rc, const std::function<void()>& edit)
{
    bool done = false;
    auto conn = QObject::connect(rc, &app::ReviewController::reviewed, [&] { done = true; });
    Sample s;
    QElapsedTimer t;
    t.start();
    edit();
    s.push = ms(t.nsecsElapsed());
    while (!done) {
        QElapsedTimer turn;
        turn.start();
        const double cpu = threadCpuMs();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        s.uiMax = std::max(s.uiMax, ms(turn.nsecsElapsed()));
        s.uiCpuMax = std::max(s.uiCpuMax, threadCpuMs() - cpu);
    }
    s.latency = ms(t.nsecsElapsed());
    QObject::disconnect(conn);
    return s;
}

void report(const char* what, std::vector<Sample> v, const app::ReviewController* rc)
{
    auto pick = [&](auto member, double q) {
        std::vector<double> x;
        for (auto& s : v) x.push_back(s.*member);
        std::sort(x.begin(), x.end());
        return x[std::min(x.size() - 1, std::size_t(q * double(x.size())))];
    };
    std::printf("%-34s latency median %6.1f ms, max %6.1f ms; longest UI turn %5.1f ms wall, %5.1f ms CPU (median %4.1f)\n",
                what, pick(&Sample::latency, 0.5), pick(&Sample::latency, 1.0), pick(&Sample::uiMax, 1.0),
                pick(&Sample::uiCpuMax, 1.0), pick(&Sample::uiCpuMax, 0.5));
    std::printf("%-34s rules %.1f ms (worker), UI share of last review %.1f ms\n", "", rc->lastAnalysisMs(),
                rc->lastUiMs());
    // PB_BENCH_WORST=1: the slowest edit, to tell a slow review from a busy UI thread.
    if (std::getenv("PB_BENCH_WORST")) {
        const auto worst = std::max_element(v.begin(), v.end(), [](const Sample& a, const Sample& b) { return a.latency < b.latency; });
        std::printf("%-34s worst: edit %d, latency %.1f ms, push %.1f ms, longest UI turn %.1f ms wall, %.1f ms CPU\n", "",
                    int(worst - v.begin()), worst->latency, worst->push, worst->uiMax, worst->uiCpuMax);
    }
}
// What the rounds edit, taken from the design so that a loaded one (PB_BENCH_FILE) works too:
// the service → database calls (breaker on/off), the services (moved, and each draws a flow to
// the next cache). On the generated cells these are f3, f11, …, service-0, … and cache-1, ….
struct Targets
{
    std::vector<std::string> calls, services, caches;
};

Targets targetsOf(const model::Design& d)
{
    Targets t;
    auto kindOf = [&](const std::string& id) {
        const auto* c = d.component(id);
        return c ? c->kind : std::string();
    };
    for (const auto& f : d.flows())
        if (kindOf(f.from) == "service" && kindOf(f.to) == "database") t.calls.push_back(f.id);
    for (const auto& c : d.components()) {
        if (c.kind == "service") t.services.push_back(c.id);
        if (c.kind == "cache") t.caches.push_back(c.id);
    }
    return t;
}

void run(app::Document* doc, app::ReviewController* rc, app::FindingsPanel* panel, const model::Design& design,
         int rounds)
{
    const Targets t = targetsOf(design);
    if (t.calls.empty() || t.services.empty() || t.caches.size() < 2) {
        std::fprintf(stderr, "the design needs service → database calls, services and two caches\n");
        return;
    }
    doc->reset(design, QString());
    bool first = false;
    auto conn = QObject::connect(rc, &app::ReviewController::reviewed, [&] { first = true; });
    while (!first) QCoreApplication::processEvents();
    QObject::disconnect(conn);
    std::printf("%-34s %6d rows\n", "panel after opening", int(panel->visibleFingerprints().size()));
    QTest::qWait(300); // let the throttle interval pass: each edit below starts after a pause
    std::vector<Sample> props, moves, adds;
    const std::size_t spread = 50; // edits cycle over the first fifty of each
    for (int i = 0; i < rounds; ++i) {
        const QString flowId = QString::fromStdString(t.calls[i % std::min(spread, t.calls.size())]);
        const bool on = !model::boolProperty(doc->design().flow(flowId.toStdString())->props, "circuit_breaker").value_or(false);
        props.push_back(measure(rc, [&] {
            doc->undoStack()->push(app::commands::setProperty(doc, flowId, "circuit_breaker", model::Value(on)));
        }));
        QTest::qWait(200);
        const std::size_t k = i % std::min(spread, std::min(t.services.size(), t.caches.size() - 1));
        const QString cid = QString::fromStdString(t.services[k]);
        const auto* c = doc->design().component(cid.toStdString());
        moves.push_back(measure(rc, [&] {
            doc->undoStack()->push(app::commands::move(doc, {{cid, QPointF(c->pos.x + 20, c->pos.y)}}));
        }));
        QTest::qWait(200);
        adds.push_back(measure(rc, [&] {
            doc->undoStack()->push(app::commands::addFlow(doc, cid.toStdString(), t.caches[k + 1]));
        }));
        QTest::qWait(200);
    }
    report("set a property (breaker on/off)", props, rc);
    report("move a component", moves, rc);
    report("add a flow", adds, rc);
}
} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 30;
    // PB_BENCH_FILE=DESIGN edits a saved design instead of the generated cells, for example the
    // densely wired one of bench_review (N is then ignored).
    model::Design design;
    if (const char* file = std::getenv("PB_BENCH_FILE")) {
        model::Diagnostics diags;
        auto loaded = model::loadDesignFile(file, diags);
        if (!loaded) {
            for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.message.c_str());
            return 2;
        }
        design = std::move(*loaded);
    } else {
        design = makeDesign(n, std::getenv("PB_BENCH_CONNECTED") != nullptr);
    }
    // PB_BENCH_SAVE=FILE keeps the design, so bench_review --file can profile its review alone.
    if (const char* keep = std::getenv("PB_BENCH_SAVE")) {
        std::string error;
        if (!model::saveDesignFile(design, keep, error)) std::fprintf(stderr, "%s\n", error.c_str());
    }

    std::printf("design: %zu components, %zu flows\n", design.components().size(), design.flows().size());
    {
        // The review's own share: document, canvas, controller and findings panel.
        QMainWindow host; // first: destroyed last, after the widgets it hosts
        app::Document doc;
        app::CanvasScene scene(&doc);
        app::CanvasView view(&scene);
        app::ReviewController rc(&doc);
        app::FindingsPanel panel(&rc, &scene, &view);
        host.setCentralWidget(&view);
        host.addDockWidget(Qt::RightDockWidgetArea, &panel);
        host.resize(1600, 1000);
        host.show();
        if (!QTest::qWaitForWindowExposed(&host)) std::fprintf(stderr, "window not exposed\n");
        QElapsedTimer t;
        t.start();
        rules::ReviewResult r;
        for (int i = 0; i < 5; ++i) r = rc.ruleSet().review(design);
        std::printf("findings %d (findings %d, asks %d, probes %d)\n", r.summary.total, r.summary.findings,
                    r.summary.asks, r.summary.probes);
        std::printf("%-34s %6.1f ms per review (any thread)\n", "rules over the whole design", ms(t.nsecsElapsed()) / 5);
        t.restart();
        for (int i = 0; i < 20; ++i) {
            model::Design copy = design;
            (void)copy;
        }
        std::printf("%-34s %6.2f ms (UI thread, before the worker starts)\n", "copy of the design", ms(t.nsecsElapsed()) / 20);
        std::printf("-- canvas + findings panel\n");
        run(&doc, &rc, &panel, design, rounds);
    }
    {
        app::MainWindow w;
        w.resize(1600, 1000);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w)) std::fprintf(stderr, "window not exposed\n");
        w.showCanvas();
        std::printf("-- the whole window (every panel that listens to the review)\n");
        run(w.document(), w.review(), w.findings(), design, rounds);
    }
    return 0;
}
