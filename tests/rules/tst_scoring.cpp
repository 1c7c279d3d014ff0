// Practice scoring: which strong-answer points a typed answer covers, with the terms that matched.
#include "rules/scoring.h"

#include <QtTest>

#include <algorithm>

using namespace pb::rules;

namespace {

const std::vector<std::string> kPoints = {
    "A circuit breaker on the database call opens when errors or latency cross a threshold and fails fast.",
    "Misses are coalesced so a cold cache does not send the same query thousands of times.",
    "The read replicas have headroom for the whole request rate, not just the miss rate.",
};

const std::string kQuestion = "What happens to orders-db when orders-cache is down?";

bool has(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

class TestScoring : public QObject
{
    Q_OBJECT
private slots:
    void stemsFoldInflections()
    {
        QCOMPARE(stem("caches"), stem("cached"));
        QCOMPARE(stem("caching"), stem("cache"));
        QCOMPARE(stem("retries"), stem("retry"));
        QCOMPARE(stem("idempotency"), stem("idempotent"));
        QCOMPARE(stem("replication"), stem("replicate"));
        QCOMPARE(stem("breakers"), stem("breaker"));
        QVERIFY(stem("cache") != stem("catch"));
        // Stop-words and bare numbers are not key terms.
        QCOMPARE(keyStems("The 10 breakers and the cache"), (std::vector<std::string>{stem("breakers"), stem("cache")}));
    }

    void emptyAnswerCoversNothing()
    {
        auto s = scoreAnswer("", kPoints, kQuestion);
        QCOMPARE(s.total, 3);
        QCOMPARE(s.covered, 0);
        QCOMPARE(s.fraction(), 0.0);
        QVERIFY(!s.points[0].missingTerms.empty());
    }

    void goodAnswerCoversMatchingPointsOnly()
    {
        const std::string answer =
            "I'd put a circuit breaker around the DB calls: when the error rate or latency crosses a "
            "threshold it opens and we fail fast with a cached fallback. Also coalesce misses per key "
            "so a cold cache doesn't stampede the same query.";
        auto s = scoreAnswer(answer, kPoints, kQuestion);
        QVERIFY(s.points[0].covered);
        QVERIFY(s.points[1].covered);
        QVERIFY(!s.points[2].covered); // nothing about replica headroom
        QCOMPARE(s.covered, 2);
        // Explainable: the matched words are reported as the pack wrote them.
        QVERIFY(has(s.points[0].matchedTerms, "breaker"));
        // "database" is in the question (orders-db), so it is not a key term of the point.
        QVERIFY(!has(s.points[0].keyTerms, "database"));
        QVERIFY(has(s.points[0].matchedTerms, "latency"));
        QVERIFY(has(s.points[2].missingTerms, "headroom"));
        QVERIFY(s.points[0].overlap > 0.5);
    }

    // From a practice run: the point's filler words ("returning node demotes itself") were key
    // words too, and an answer naming epoch, term and rejected writes was marked missed.
    void fillerInAPointIsNotAKeyWord()
    {
        const std::vector<std::string> points = {
            "Fencing happens before the new primary takes writes: STONITH cuts the old node off at the network or power level.",
            "Every election bumps an epoch or term; storage and clients reject writes carrying an older term, so the returning node demotes itself."};
        const std::string question = "ledger-db promotes a replica on its own and nothing fences the old primary. "
                                     "The old primary comes back after a partition: what stops both nodes accepting writes?";
        const std::string answer = "Use STONITH to cut power or network to the old node before promotion, and an "
                                   "epoch term so stale writes are rejected";
        const auto s = scoreAnswer(answer, points, question);
        QVERIFY(s.points[0].covered);
        QVERIFY(s.points[1].covered);
        for (const auto& p : s.points)
            for (const char* filler : {"itself", "happens", "new", "takes"}) QVERIFY(!has(p.keyTerms, filler));
    }

    void restatingTheQuestionEarnsNothing()
    {
        const std::vector<std::string> points = {"orders-cache is down and orders-db sees every read."};
        auto parrot = scoreAnswer("orders-db and orders-cache: the cache is down", points,
                                  "What happens to orders-db when orders-cache is down?");
        QCOMPARE(parrot.covered, 0);
        QVERIFY(!has(parrot.points[0].keyTerms, "orders"));
        auto real = scoreAnswer("then the primary sees every single read", points,
                                "What happens to orders-db when orders-cache is down?");
        QCOMPARE(real.covered, 1);
    }

    void abbreviationsCountAsTheLongForm()
    {
        const std::vector<std::string> points = {"Reads go to a database replica, with retries on timeouts."};
        auto s = scoreAnswer("read from a DB repl and retry on timeout", points);
        QCOMPARE(s.covered, 1);
        QVERIFY(has(s.points[0].matchedTerms, "database"));
        QVERIFY(has(s.points[0].matchedTerms, "retries"));
        QVERIFY(has(s.points[0].matchedTerms, "timeouts"));
    }

    void oneWordIsNotEnough()
    {
        auto s = scoreAnswer("breaker", kPoints, kQuestion);
        QCOMPARE(s.covered, 0);
        QCOMPARE(s.points[0].matchedTerms.size(), std::size_t(1));
    }

    void thresholdIsConfigurable()
    {
        const std::string answer = "a circuit breaker";
        QCOMPARE(scoreAnswer(answer, kPoints, kQuestion).points[0].covered, false);
        ScoringOptions lenient;
        lenient.threshold = 0.2;
        QCOMPARE(scoreAnswer(answer, kPoints, kQuestion, lenient).points[0].covered, true);
    }

    void scorecardTotalsPerCategory()
    {
        PracticeScorecard card;
        auto a = scoreAnswer("circuit breaker on the database call opens on errors and fails fast", kPoints, kQuestion);
        card.add("failure", a, true);
        card.add("failure", scoreAnswer("", kPoints, kQuestion), false);
        card.add("billing", scoreAnswer("", {"idempotency key on every charge"}), false);
        QCOMPARE(card.categories().size(), std::size_t(2));
        const auto& failure = card.categories().at("failure");
        QCOMPARE(failure.total, 6);
        QCOMPARE(failure.covered, 1);
        QCOMPARE(failure.questions, 2);
        QCOMPARE(failure.answered, 1);
        QCOMPARE(card.overall().total, 7);
        QCOMPARE(card.overall().covered, 1);
    }
};

QTEST_GUILESS_MAIN(TestScoring)
#include "tst_scoring.moc"
