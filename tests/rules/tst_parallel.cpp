// A large review splits its rules over threads that share one snapshot, each taking the next
// rule as it finishes one, and merges their parts (RuleSet::review). Whichever thread ran which
// rule, the merge must give exactly what one thread gives: the same findings in the same order,
// the same asks kept under the per-element cap, the same probes.
#include "exampledesigns.h"
#include "rules/engine.h"
#include "rules/workerpool.h"

#include <atomic>
#include <stdexcept>

#include <QtTest>

using namespace pb;

class TestParallel : public QObject
{
    Q_OBJECT
private slots:
    void threadsGiveTheSameReview()
    {
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const model::Design d = pb::testing::manyExamples(12);
        QVERIFY(d.components().size() > 1000);
        rules::ReviewOptions one{"2026-01-01"};
        one.threads = 1;
        const auto single = set.review(d, one);
        QVERIFY(single.summary.findings > 100);
        QVERIFY(single.summary.asks > 10);
        QVERIFY(single.summary.probes > 0);
        const std::string expected = pb::testing::dump(d, single);
        for (int threads : {2, 3, 5, 2, 3, 5, 2, 3, 5}) { // who takes what differs from run to run
            rules::ReviewOptions opts{"2026-01-01"};
            opts.threads = threads;
            const auto split = set.review(d, opts);
            QCOMPARE(split.summary.total, single.summary.total);
            QVERIFY2(pb::testing::dump(d, split) == expected, qPrintable(QString("threads=%1").arg(threads)));
        }
    }

    // The threads kept between reviews run every index once per call, hand back what one of
    // them threw after all have finished, refuse a call from inside their own work (the caller
    // then starts threads of its own), and work again afterwards.
    void keptThreadsRunEachIndexOnce()
    {
        auto& pool = rules::WorkerPool::instance();
        for (std::size_t n : {2u, 5u, 3u, 1u}) {
            std::vector<std::atomic<int>> runs(n);
            QVERIFY(pool.run(n, [&](std::size_t i) { ++runs[i]; }));
            for (const auto& r : runs) QCOMPARE(r.load(), 1);
        }
        std::atomic<int> finished{0};
        bool threw = false;
        try {
            pool.run(4, [&](std::size_t i) {
                if (i == 2) throw std::runtime_error("index 2");
                ++finished;
            });
        } catch (const std::runtime_error& e) {
            threw = std::string(e.what()) == "index 2";
        }
        QVERIFY(threw);
        QCOMPARE(finished.load(), 3);
        std::atomic<int> nested{-1};
        QVERIFY(pool.run(2, [&](std::size_t i) {
            if (i == 0) nested = pool.run(2, [](std::size_t) {}) ? 1 : 0;
        }));
        QCOMPARE(nested.load(), 0);
        std::atomic<int> again{0};
        QVERIFY(pool.run(3, [&](std::size_t) { ++again; }));
        QCOMPARE(again.load(), 3);
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
