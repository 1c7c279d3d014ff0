// A pack's rule whose matches grow much faster than the design (every caller of a busy service
// paired with every other) is stopped at its limits (rules/engine.h, StoppedRule) instead of
// running for minutes into gigabytes; what it found so far is kept and the review says so, the
// same on any number of threads and through a ReviewCache.
#include "rules/engine.h"
#include "rules/loader.h"
#include "rules/templaterenderer.h"
#include "rules/report.h"

#include "dotdesign.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <memory>
#include <set>

using namespace pb;
using pb::testing::design;

namespace {
constexpr int kCallers = 6000; // 6,001 components and 6,000 flows: limits of 12,001 and 1,000,000

// Two rules pairing every caller of a service with every other: 36 million matches. One makes a
// finding per pair (stopped by its findings), the other one finding per service (by its matches).
std::string pairsPack()
{
    // moc misreads a raw string that ends in a quote: the pieces are put in by replace().
    auto rule = [](const std::string& id, const std::string& key) {
        std::string r = R"({"id": "ID", "title": "Two callers of one service", "category": "failure",
          "severity": "low", "level": "mid", "match": {"each": {"$a": {"kind": ["service"]}}, "where": [
          {"step": {"from": "$a", "dir": "out", "to": "$h", "kind": ["service"]}},
          {"step": {"from": "$h", "dir": "in", "to": "$b", "kind": ["service"]}}]},
          "report": {"targets": ["$a", "$b"], "key": KEY}, "why": "{{$a.label}} and {{$b.label}} call {{$h.label}}.",
          "questions": [{"text": "Q?", "answer_points": ["a", "b", "c"]}]})";
        r.replace(r.find("ID"), 2, id);
        return r.replace(r.find("KEY"), 3, key);
    };
    return R"({"format": "probeboard-rules/1", "pack": {"id": "pairs", "version": "1"}, "rules": [)" +
           rule("every-pair", R"(["$a", "$b"])") + "," + rule("per-service", R"(["$h"])") + "]}";
}

std::string hubDot(int callers, const std::string& extra = {})
{
    std::string dot = "digraph { hub [kind=service];\n";
    for (int i = 0; i < callers; ++i) dot += "c" + std::to_string(i) + " [kind=service]; c" + std::to_string(i) + " -> hub;\n";
    return dot + extra + "}\n";
}

std::multiset<std::string> fingerprints(const rules::ReviewResult& r)
{
    std::multiset<std::string> out;
    for (const auto& f : r.findings) out.insert(f.fingerprint);
    return out;
}
} // namespace

class TestRuleLimits : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rules::RuleSet m_set;

private slots:
    void initTestCase()
    {
        const std::string path = m_dir.filePath("pairs.json").toStdString();
        std::ofstream(path) << pairsPack();
        model::Diagnostics diags;
        QVERIFY2(m_set.loadPack(path, diags), model::formatAll(diags).c_str());
    }

    void runawayRulesStopWithWhatTheyFound()
    {
        const auto d = design(hubDot(kCallers));
        const std::size_t elements = d.components().size() + d.flows().size();
        QCOMPARE(elements, std::size_t{12001});
        const auto r = m_set.review(d);
        QCOMPARE(r.stopped.size(), std::size_t{2});
        const rules::StoppedRule& pairs = r.stopped[0];
        const rules::StoppedRule& perService = r.stopped[1];
        QCOMPARE(pairs.ruleId, std::string("every-pair"));
        QCOMPARE(pairs.findings, rules::ruleFindingsLimit(elements));
        QCOMPARE(perService.ruleId, std::string("per-service"));
        QCOMPARE(perService.findings, std::size_t{1});
        QCOMPARE(perService.matches, rules::ruleMatchesLimit(elements));
        QCOMPARE(r.findings.size(), rules::ruleFindingsLimit(elements) + 1);
        // Said where a person or a pipeline reads it.
        const std::string text = rules::stoppedRuleText(pairs);
        QVERIFY2(text.find("'every-pair' was stopped after 12,001 findings") != std::string::npos, text.c_str());
        rules::FileReview fr{"hub.dot", &d, r};
        const auto json = rules::reportJson(fr);
        QCOMPARE(json["stopped_rules"].size(), std::size_t{2});
        QCOMPARE(json["stopped_rules"][0]["rule"].get<std::string>(), std::string("every-pair"));
        const auto sarif = rules::reportSarif({fr}, m_set);
        const auto& notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        QCOMPARE(notes.size(), std::size_t{2});
        QCOMPARE(notes[1]["descriptor"]["id"].get<std::string>(), std::string("per-service"));
        QVERIFY(rules::reportText({fr}, false).find("Incomplete: rule 'every-pair'") != std::string::npos);
    }

    void stoppedTheSameOnAnyNumberOfThreads()
    {
        const auto d = design(hubDot(kCallers));
        std::optional<std::multiset<std::string>> first;
        for (int threads : {1, 2, 3}) {
            rules::ReviewOptions opts;
            opts.threads = threads;
            const auto r = m_set.review(d, opts);
            QCOMPARE(r.stopped.size(), std::size_t{2});
            if (!first) first = fingerprints(r);
            else QVERIFY(fingerprints(r) == *first);
        }
    }

    // A stopped rule found what came first; run only around an edit it would not find what a full
    // review finds, so it runs in full, and the cached review gives the full review's result.
    void throughACacheAStoppedRuleRunsInFull()
    {
        rules::ReviewCache cache;
        auto before = std::make_shared<const model::Design>(design(hubDot(kCallers)));
        QCOMPARE(m_set.review(before, {}, cache).stopped.size(), std::size_t{2});
        auto after = std::make_shared<const model::Design>(design(hubDot(kCallers, "c0 -> c1;\n")));
        const auto cached = m_set.review(after, {}, cache);
        const auto full = m_set.review(*after);
        QCOMPARE(cached.stopped.size(), std::size_t{2});
        QVERIFY(fingerprints(cached) == fingerprints(full));
        // A design the rules cover without reaching their limits says nothing was stopped.
        QVERIFY(m_set.review(design(hubDot(50))).stopped.empty());
    }

    // A pack's texts are bounded when it loads, so that no text a finding renders can grow past
    // a few tens of KB however long the design's labels: a why repeating a label 20,000 times
    // once wrote 4 GB of JSON from 200 services.
    void packTextsAreBoundedWhenTheyLoad()
    {
        auto pack = [](const std::string& why) {
            std::string p = R"({"format": "probeboard-rules/1", "pack": {"id": "texts", "version": "1"}, "rules": [
              {"id": "long-why", "title": "t", "category": "failure", "severity": "low", "level": "mid",
               "match": {"each": {"$s": {"kind": ["service"]}}}, "why": WHY,
               "questions": [{"text": "Q?", "answer_points": ["a", "b", "c"]}]}]})";
            return p.replace(p.find("WHY"), 3, "\"" + why + "\""); // moc: see pairsPack()
        };
        auto errors = [&](const std::string& why) {
            model::Diagnostics diags;
            const bool loaded = rules::loadPackText(pack(why), "texts.json", diags).has_value();
            return std::make_pair(loaded, model::formatAll(diags));
        };
        std::string repeated;
        for (std::size_t i = 0; i < rules::kMaxTemplatePlaceholders; ++i) repeated += "{{$s.label}} ";
        QVERIFY2(errors(repeated).first, errors(repeated).second.c_str());
        const auto tooMany = errors(repeated + "{{$s.label}}");
        QVERIFY(!tooMany.first);
        QVERIFY2(tooMany.second.find("texts.json:3:") != std::string::npos &&
                     tooMany.second.find("17 placeholders; the limit is 16") != std::string::npos &&
                     tooMany.second.find("/rules/0/why") != std::string::npos,
                 tooMany.second.c_str());
        const auto tooLong = errors(std::string(rules::kMaxTemplateText + 1, 'x'));
        QVERIFY(!tooLong.first);
        QVERIFY2(tooLong.second.find("2001 characters; the limit is 2000") != std::string::npos, tooLong.second.c_str());
        QVERIFY(errors(std::string(rules::kMaxTemplateText, 'x')).first);
    }
};

QTEST_APPLESS_MAIN(TestRuleLimits)
#include "tst_rulelimits.moc"
