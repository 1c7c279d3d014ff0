// First placement's detours (app/desktop/flowdetours.h): a flow whose straight line would run
// under a third component gets one bend beside it, and nothing else moves.
#include "app/desktop/flowdetours.h"
#include "app/desktop/kinds.h"

#include <QLineF>
#include <QRectF>
#include <QTest>

using namespace pb;
using namespace pb::app;

class TstFlowDetours : public QObject
{
    Q_OBJECT

private slots:
    // A Threagile model opened with "metering-api" above "key-cache" above "accounts-db": the flow
    // from the API to the database ran straight under the cache and read as cache → database.
    // It now bends beside the cache; the flow into the cache, and a flow drawn with bends, stay.
    void aFlowUnderAThirdComponentBendsAroundIt()
    {
        model::Design d;
        auto add = [&](const char* id, const char* kind, double y) {
            model::Component c;
            c.id = id;
            c.kind = kind;
            c.pos = {0, y};
            QVERIFY(d.addComponent(c));
        };
        add("api", "service", 0);
        add("cache", "cache", 200);
        add("db", "database", 400);
        add("side", "service", 400);
        d.component("side")->pos = {600, 0};
        auto flow = [&](const char* id, const char* from, const char* to) {
            model::Flow f;
            f.id = id;
            f.from = from;
            f.to = to;
            QVERIFY(d.addFlow(f));
        };
        flow("to-cache", "api", "cache");
        flow("to-db", "api", "db");
        flow("drawn", "cache", "side");
        d.flow("drawn")->bends = {{300, 300}};
        flow("back", "db", "api");
        QCOMPARE(detourFlows(d), 2); // to-db and back
        QVERIFY(d.flow("to-cache")->bends.empty());
        QCOMPARE(d.flow("drawn")->bends.size(), std::size_t(1));
        QCOMPARE(d.flow("drawn")->bends.front().x, 300.0);
        const model::Component& cache = *d.component("cache");
        const QRectF under(QPointF(cache.pos.x, cache.pos.y), componentSize(cache));
        for (const char* id : {"to-db", "back"}) {
            const model::Flow& f = *d.flow(id);
            QCOMPARE(f.bends.size(), std::size_t(1));
            const QPointF bend(f.bends.front().x, f.bends.front().y);
            auto centre = [&](const std::string& c) {
                const auto* comp = d.component(c);
                return QRectF(QPointF(comp->pos.x, comp->pos.y), componentSize(*comp)).center();
            };
            // Both legs clear the cache: sampled along each, no point falls inside its box.
            for (const QLineF& leg : {QLineF(centre(f.from), bend), QLineF(bend, centre(f.to))})
                for (int i = 0; i <= 100; ++i)
                    QVERIFY2(!under.contains(leg.pointAt(i / 100.0)), id);
        }
        // Run again, nothing more bends: each flow has its detour or needs none.
        QCOMPARE(detourFlows(d), 0);
    }
};

QTEST_MAIN(TstFlowDetours)
#include "tst_flowdetours.moc"
