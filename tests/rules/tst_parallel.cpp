// A large review splits its rules over threads that share one snapshot, each taking the next
// rule as it finishes one, and merges their parts (RuleSet::review). Whichever thread ran which
// rule, the merge must give exactly what one thread gives: the same findings in the same order,
// the same asks kept under the per-element cap, the same probes.
#include "exampledesigns.h"
#include "rules/engine.h"
#include "rules/loader.h"
#include "rules/review.h"
#include "rules/snapshot.h"
#include "rules/workerpool.h"

#include <atomic>
#include <tuple>
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

    // finish() counts the findings out by kind, severity and rule and by their fingerprints' top
    // bits, and several threads move them into place: the list must still be in the documented
    // order, whichever way it was made.
    void findingsAreInTheDocumentedOrder()
    {
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const model::Design d = pb::testing::manyExamples(60);
        for (int threads : {1, 2}) {
            rules::ReviewOptions opts{"2026-01-01"};
            opts.threads = threads;
            const auto r = set.review(d, opts);
            QVERIFY(r.findings.size() > 2048); // enough to be moved by several threads
            auto kindRank = [](rules::Finding::Kind k) { return k == rules::Finding::Kind::Finding ? 0 : k == rules::Finding::Kind::Ask ? 1 : 2; };
            for (std::size_t i = 1; i < r.findings.size(); ++i) {
                const auto &a = r.findings[i - 1], &b = r.findings[i];
                const auto ka = std::make_tuple(kindRank(a.kind), -static_cast<int>(a.severity), a.ruleId.str(), a.fingerprint);
                const auto kb = std::make_tuple(kindRank(b.kind), -static_cast<int>(b.severity), b.ruleId.str(), b.fingerprint);
                QVERIFY2(ka <= kb, qPrintable(QString("threads=%1, at %2: %3 %4 before %5 %6").arg(threads).arg(i)
                                                 .arg(QString::fromStdString(a.ruleId.str()), QString::fromStdString(a.fingerprint),
                                                      QString::fromStdString(b.ruleId.str()), QString::fromStdString(b.fingerprint))));
            }
        }
    }

    // A part of a review may run its rules in any order (longest first): of two asks about the
    // same fact, the one kept is that of the rule first in the rule order, as in a review that
    // ran every rule in order, whichever ran first.
    void partKeepsTheAskOfTheFirstRuleWhateverItRanFirst()
    {
        auto rule = [](const char* id, const char* title) {
            std::string r = R"({"id": "ID", "title": "TITLE", "category": "scale", "severity": "high",
              "level": "senior", "match": {"each": {"$s": {"kind": ["service"]}}, "where": [{"prop":
              "$s.rps", "gt": 100}]}, "report": {"targets": ["$s"]}, "why": "W", "questions": [{"text":
              "Q?", "answer_points": ["a", "b", "c"]}]})";
            r.replace(r.find("ID"), 2, id);
            return r.replace(r.find("TITLE"), 5, title);
        };
        model::Diagnostics diags;
        const auto pack = rules::loadPackText(R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"},
            "rules": [)" + rule("first", "First check") + "," + rule("second", "Second check") + "]}",
                                              "t.json", diags);
        QVERIFY2(pack, model::formatAll(diags).c_str());
        model::Design d;
        d.addComponent({"api", "service", "API", {}, {}, {}});
        const rules::Snapshot snap(d);
        auto review = [&](bool part, std::vector<int> order) {
            rules::Review r(snap, {"2026-01-01"});
            if (part) r.runsPart();
            for (int i : order) r.run(*pack, pack->rules[static_cast<std::size_t>(i)], i);
            return r.finish(d);
        };
        auto askWhy = [](const rules::ReviewResult& r) {
            return r.summary.asks == 1 ? r.findings.front().why.str() : std::string("not one ask");
        };
        const std::string inOrder = askWhy(review(false, {0, 1}));
        QVERIFY2(inOrder.find("First check") != std::string::npos, inOrder.c_str());
        QCOMPARE(askWhy(review(true, {0, 1})), inOrder);
        QCOMPARE(askWhy(review(true, {1, 0})), inOrder);
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
