// The "did you mean" distance (model::editDistance) computes only a band around the diagonal
// and stops early past its cap; it must agree with the full table wherever the answer is
// within the cap, and say "over" exactly when it is not.
#include "model/vocabulary.h"

#include <QtTest>

#include <random>

using namespace pb;

namespace {
// Optimal string alignment over the whole table: the reference.
std::size_t fullDistance(const std::string& a, const std::string& b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string randomWord(std::mt19937& rng, std::size_t maxLen)
{
    std::uniform_int_distribution<std::size_t> len(0, maxLen);
    std::uniform_int_distribution<int> letter('a', 'd'); // few letters: many near matches
    std::string s(len(rng), 'a');
    for (auto& ch : s) ch = static_cast<char>(letter(rng));
    return s;
}
} // namespace

class TestEditDistance : public QObject
{
    Q_OBJECT
private slots:
    void knownPairs()
    {
        QCOMPARE(model::editDistance("failover", "failover"), std::size_t(0));
        QCOMPARE(model::editDistance("falover", "failover"), std::size_t(1));
        QCOMPARE(model::editDistance("fialover", "failover"), std::size_t(1)); // a swap is one edit
        QCOMPARE(model::editDistance("", "abc"), std::size_t(3));
        QCOMPARE(model::editDistance("circuit_breaker", "curcuit_braker"), std::size_t(2));
        QCOMPARE(model::editDistance("kitten", "sitting", 1), std::size_t(2)); // over the cap of 1
    }

    void agreesWithTheFullTable()
    {
        std::mt19937 rng(7);
        for (int n = 0; n < 20000; ++n) {
            // Past 48 characters the rows leave the stack for the heap: both are covered.
            const std::size_t maxLen = n % 10 == 0 ? 70 : 9;
            const std::string a = randomWord(rng, maxLen), b = randomWord(rng, maxLen);
            const std::size_t want = fullDistance(a, b);
            QCOMPARE(model::editDistance(a, b), want);
            for (std::size_t cap : {0, 1, 2, 3, 5}) {
                const std::size_t got = model::editDistance(a, b, cap);
                if (want <= cap) QCOMPARE(got, want);
                else QVERIFY2(got == cap + 1, qPrintable(QString("%1 / %2 cap %3: %4 (full %5)")
                                                             .arg(a.c_str(), b.c_str()).arg(cap).arg(got).arg(want)));
            }
        }
    }

    void suggestionsStillFindTypos()
    {
        QCOMPARE(model::closestMatch("hash_chaned", {"append_only", "hash_chained", "fencing"}), std::string("hash_chained"));
        QCOMPARE(model::closestMatch("zzzzzzzz", {"append_only", "hash_chained"}), std::string());
        // Another letter case is the likeliest meaning, however many letters differ.
        QCOMPARE(model::closestMatch("UNFENCED-FAILOVER", {"unfenced-failover", "unfenced-lease"}), std::string("unfenced-failover"));
    }
};

QTEST_GUILESS_MAIN(TestEditDistance)
#include "tst_editdistance.moc"
