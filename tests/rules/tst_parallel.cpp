// A large review splits its rules over threads that share one snapshot, each taking the next
// rule as it finishes one, and merges their parts (RuleSet::review). Whichever thread ran which
// rule, the merge must give exactly what one thread gives: the same findings in the same order,
// the same asks kept under the per-element cap, the same probes.
#include "exampledesigns.h"
#include "rules/engine.h"

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
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
