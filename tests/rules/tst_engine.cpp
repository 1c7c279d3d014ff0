// The engine under the rules: what a snapshot reads of an element, searches that stop early
// without changing what they find, and findings that name many elements.
#include "model/diagnostic.h"
#include "model/dotimport.h"
#include "rules/engine.h"
#include "rules/evaluator.h"
#include "rules/loader.h"
#include "model/resourcepaths.h"
#include "rules/pack.h"
#include "rules/snapshot.h"
#include "rules/templaterenderer.h"

#include "dotdesign.h"

#include <QTemporaryDir>
#include <QtTest>

#include <limits>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using namespace pb;
using rules::Finding;

using pb::testing::design;

class TestEngine : public QObject
{
    Q_OBJECT
private slots:
    // A long chain where every component holds personal data and three processors have no DPA:
    // enough searches that the engine starts skipping those that cannot reach a processor within
    // the rule's four hops, and cutting them short where they cannot. Each processor is still
    // reported once, from the first source in drawing order four hops before it, by the
    // shortest path.
    void reachSkipsWhatCannotFindATarget()
    {
        rules::RuleSet compliance;
        model::Diagnostics diags;
        QVERIFY2(compliance.loadPack(PB_RESOURCES "/packs/compliance.json", diags),
                 model::formatAll(diags).c_str());
        const int n = 1000;
        const std::vector<int> processors = {10, 800, 990};
        std::string dot = "digraph {\n";
        for (int i = 0; i < n; ++i) {
            const bool processor =
                std::find(processors.begin(), processors.end(), i) != processors.end();
            dot += "n" + std::to_string(i) +
                   (processor ? " [kind=third_party];\n" : " [kind=service, data=\"pii\"];\n");
        }
        for (int i = 0; i + 1 < n; ++i)
            dot += "n" + std::to_string(i) + " -> n" + std::to_string(i + 1) + ";\n";
        const auto d = design(dot + "}\n");
        std::vector<Finding> found;
        for (const auto& f : compliance.review(d).findings)
            if (f.ruleId == "processor-without-dpa" && f.kind == Finding::Kind::Finding)
                found.push_back(f);
        QCOMPARE(found.size(), processors.size());
        for (int p : processors) {
            const std::string target = "n" + std::to_string(p);
            auto it = std::find_if(found.begin(), found.end(), [&](const Finding& f) {
                return std::count(f.targets.begin(), f.targets.end(), target) > 0;
            });
            QVERIFY2(it != found.end(), target.c_str());
            std::vector<std::string> nodes;
            for (std::size_t k = 0; k < it->path.size(); k += 2)
                nodes.push_back(it->path[k]);
            std::vector<std::string> expected;
            for (int k = p - 4; k <= p; ++k)
                expected.push_back("n" + std::to_string(k));
            QCOMPARE(nodes, expected);
        }
    }

    // A finding about the whole design lists each of its many targets once, in drawing order.
    // Its texts name the first eight and count the rest; a count is of all of them.
    void manyTargetsListedOnce()
    {
        rules::RuleSet compliance;
        model::Diagnostics diags;
        QVERIFY2(compliance.loadPack(PB_RESOURCES "/packs/compliance.json", diags),
                 model::formatAll(diags).c_str());
        std::string dot = "digraph {\n";
        std::vector<std::string> stores;
        for (int i = 0; i < 40; ++i) {
            stores.push_back("store" + std::to_string(i));
            dot += stores.back() + " [kind=database, data=\"pii\"];\n";
        }
        const auto result = compliance.review(design(dot + "}\n"));
        auto it =
            std::find_if(result.findings.begin(), result.findings.end(),
                         [](const Finding& f) { return f.ruleId == "pii-without-retention"; });
        QVERIFY(it != result.findings.end());
        QCOMPARE(it->targets, stores);
        const std::string named = "store0, store1, store2, store3, store4, store5, store6, store7, and 32 more";
        QVERIFY2(it->why.find(named) != std::string::npos, it->why.c_str());
        QVERIFY(it->why.find("store8") == std::string::npos);
        auto erasure =
            std::find_if(result.findings.begin(), result.findings.end(),
                         [](const Finding& f) { return f.ruleId == "erasure-without-pipeline"; });
        QVERIFY(erasure != result.findings.end());
        QCOMPARE(erasure->targets, stores);
        QVERIFY2(erasure->why.find("kept in 40 stores (" + named + ")") != std::string::npos,
                 erasure->why.c_str());
    }

    // A design large enough that the snapshot is built on two threads (placements and the
    // flows' columns beside the rest) reads every element as a small one does.
    void largeSnapshotReadsEveryElement()
    {
        model::Design d;
        const int n = 7000;
        model::Zone eu{"eu", "region", "EU", {{"region", std::string("eu-west-1")}}, {}, {}, {}};
        for (int i = 0; i < n; ++i) {
            model::Properties props;
            if (i % 2 == 0) props["zz_big"] = double(i);
            const std::string id = "c" + std::to_string(i);
            d.addComponent({id, "service", "", props, {}, {}});
            if (i % 3 == 0) eu.members.push_back(id);
        }
        for (int i = 0; i + 2 < n; ++i) {
            model::Properties props;
            if (i % 2 == 0) props["carries"] = model::StringList{"ids"};
            d.addFlow({"f" + std::to_string(i),
                       "c" + std::to_string(i),
                       "c" + std::to_string(i + 1),
                       "",
                       props,
                       {}});
            d.addFlow({"g" + std::to_string(i),
                       "c" + std::to_string(i),
                       "c" + std::to_string(i + 2),
                       "",
                       {},
                       {}});
        }
        d.addZone(eu);
        QVERIFY(d.components().size() + d.flows().size() >= 20000);
        const int big = rules::internPropertyKey("zz_big");
        const int carries = rules::internPropertyKey("carries");
        const int jurisdiction = rules::internPropertyKey("@jurisdiction");
        const rules::Snapshot snap(d);
        auto text = [](const model::Value* v) {
            return v ? model::toDisplayString(*v) : std::string("-");
        };
        int wrong = 0;
        for (int i = 0; i < n; ++i) {
            const int c = snap.indexOf("c" + std::to_string(i));
            wrong += text(snap.componentValue(c, big)) !=
                     (i % 2 == 0 ? model::toDisplayString(double(i)) : "-");
            wrong += text(snap.componentValue(c, jurisdiction)) != (i % 3 == 0 ? "EU" : "-");
        }
        for (int f = 0; f < snap.flowCount(); ++f) {
            const std::string& id = snap.flow(f).id;
            const bool drawn = id[0] == 'f' && std::stoi(id.substr(1)) % 2 == 0;
            wrong += text(snap.flowValue(f, carries)) != (drawn ? "ids" : "-");
        }
        QCOMPARE(wrong, 0);
    }

    // What a rule reads of an element: the drawn value, else the vocabulary's default, for keys
    // named before the snapshot was made (filled in one pass) and after it (read on demand).
    void snapshotReadsDrawnValuesAndDefaults()
    {
        const auto d = design(
            R"(digraph { q [kind=queue]; w [kind=worker, zz_early=3, zz_late="x"]; q -> w [carries="ids"]; w -> q; })");
        const int early = rules::internPropertyKey("zz_early");
        const int sync = rules::internPropertyKey("sync");
        const int delivery = rules::internPropertyKey("delivery");
        const int carries = rules::internPropertyKey("carries");
        const rules::Snapshot snap(d);
        const int late = rules::internPropertyKey("zz_late");
        const int q = snap.indexOf("q"), w = snap.indexOf("w");
        auto text = [](const model::Value* v) {
            return v ? model::toDisplayString(*v) : std::string("(none)");
        };
        QCOMPARE(text(snap.componentValue(w, early)), std::string("3"));
        QCOMPARE(text(snap.componentValue(q, early)), std::string("(none)"));
        QCOMPARE(text(snap.componentValue(w, late)), std::string("x"));
        QCOMPARE(text(snap.componentValue(q, late)), std::string("(none)"));
        QCOMPARE(text(snap.componentValue(q, delivery)), std::string("at_least_once"));
        QCOMPARE(text(snap.componentValue(w, delivery)), std::string("(none)"));
        QCOMPARE(text(snap.flowValue(0, carries)), std::string("ids"));
        QCOMPARE(text(snap.flowValue(1, carries)), std::string("(none)"));
        QCOMPARE(text(snap.flowValue(0, sync)), std::string("false")); // touches a queue
        // By name, the same answers.
        QCOMPARE(text(snap.componentValue(w, "zz_early")), std::string("3"));
        QCOMPARE(text(snap.componentValue(q, "delivery")), std::string("at_least_once"));
    }

    // The built-in keys of components and flows, by id and by name: made once per element (id,
    // label) or shared (a kind, a jurisdiction), and the same value on every read.
    void snapshotReadsBuiltInKeys()
    {
        const auto d = design(R"(digraph { subgraph cluster_eu { region="eu-west-1";
            a [kind=service, label="Orders"]; b [kind=service]; } c [kind=database];
            a -> b [label="calls"]; b -> c; })");
        const rules::Snapshot snap(d);
        const int a = snap.indexOf("a"), b = snap.indexOf("b"), c = snap.indexOf("c");
        auto text = [](const model::Value* v) { return v ? model::toDisplayString(*v) : std::string("(none)"); };
        const int id = rules::internPropertyKey(".id"), label = rules::internPropertyKey(".label");
        const int kind = rules::internPropertyKey(".kind"), jur = rules::internPropertyKey("@jurisdiction");
        QCOMPARE(text(snap.componentValue(a, id)), std::string("a"));
        QCOMPARE(text(snap.componentValue(a, label)), std::string("Orders"));
        QCOMPARE(text(snap.componentValue(b, label)), std::string("b")); // no label: its id
        QCOMPARE(text(snap.componentValue(c, kind)), std::string("database"));
        QCOMPARE(text(snap.componentValue(a, jur)), std::string("EU"));
        QCOMPARE(text(snap.componentValue(c, jur)), std::string("(none)"));
        QCOMPARE(text(snap.componentValue(b, "@region")), std::string("eu-west-1"));
        QCOMPARE(snap.componentValue(a, kind), snap.componentValue(b, kind));
        QCOMPARE(snap.componentValue(a, jur), snap.componentValue(b, "@jurisdiction"));
        QCOMPARE(snap.componentValue(a, label), snap.componentValue(a, ".label"));
        QCOMPARE(text(snap.flowValue(0, label)), std::string("calls"));
        QCOMPARE(text(snap.flowValue(1, ".label")), text(snap.flowValue(1, id)));
        QCOMPARE(text(snap.flowValue(0, kind)), std::string("flow"));
        QCOMPARE(text(snap.flowValue(0, jur)), std::string("(none)"));
    }

    // A text given in pieces hashes as it does whole, wherever it is cut and whether a piece was
    // hashed beforehand or not: the questions of a review are compared by hashes worked out from
    // their templates' parts, unrendered.
    void textHashIsTheSameHoweverCut()
    {
        const std::vector<std::string> texts{"", "a", "abcdefg", "abcdefgh", "abcdefghi",
                                             "If Orders → Postgres (10,000 rps) fails over, what fences it?"};
        std::set<std::size_t> distinct;
        for (const auto& t : texts) {
            const std::size_t whole = rules::TextHasher::of(t);
            distinct.insert(whole);
            for (std::size_t i = 0; i <= t.size(); ++i)
                for (std::size_t j = i; j <= t.size(); ++j) {
                    rules::TextHasher h;
                    h.add(std::string_view(t).substr(0, i));
                    h.add(std::string_view(t).substr(i, j - i));
                    h.add(std::string_view(t).substr(j));
                    QCOMPARE(h.done(), whole);
                    // A literal part hashed beforehand (as a template's are) adds the same.
                    rules::TextHasher k;
                    k.add(std::string_view(t).substr(0, i));
                    k.add(rules::TextHasher::piece(std::string_view(t).substr(i, j - i)));
                    k.add(std::string_view(t).substr(j));
                    QCOMPARE(k.done(), whole);
                }
        }
        QCOMPARE(distinct.size(), texts.size());
        QVERIFY(rules::TextHasher::of("ab") != rules::TextHasher::of("ba"));
        QVERIFY(rules::TextHasher::of(std::string(1, '\0')) != rules::TextHasher::of(""));
    }

    // A finding's texts are rendered when first read, from parts shared with its rule: they
    // still read right after the rule set is gone, and hash as their rendered text does.
    void findingTextsRenderAfterTheirRulesAreGone()
    {
        const auto d = design(R"(digraph { api [kind=service, label="Orders API", rps=2000];
            redis [kind=cache, label="Session cache", hit_ratio=0.9]; pg [kind=database, label="Orders DB"];
            api -> redis; api -> pg; })");
        std::vector<Finding> kept;
        {
            rules::RuleSet set;
            model::Diagnostics diags;
            QVERIFY(set.loadBuiltinPacks(diags));
            kept = set.review(d).findings;
        }
        auto it = std::find_if(kept.begin(), kept.end(), [](const Finding& f) { return f.ruleId == "missing-circuit-breaker"; });
        QVERIFY(it != kept.end());
        QVERIFY2(it->why.find("Orders API") != std::string::npos, it->why.c_str());
        QVERIFY(it->why.find("Orders DB") != std::string::npos);
        QVERIFY(!it->questions.empty());
        for (const auto& f : kept)
            for (const auto& q : f.questions) {
                QVERIFY(!q.text.empty());
                QVERIFY(q.text.find("{{") == std::string::npos);
                QCOMPARE(q.text.hash(), rules::TextHasher::of(q.text.str()));
            }
        const std::string question = it->questions.front().text;
        QVERIFY2(question.find("Session cache") != std::string::npos || question.find("Orders") != std::string::npos,
                 question.c_str());
    }

    // A finding's texts keep each distinct placeholder text once and point at it: a label named
    // twice in the why and again in a question and the fix, a strict question skipped half-way
    // through its placeholders, and a question after it, all render as written.
    void findingTextsSharePlaceholdersAndSkipStrictOnes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.json").toStdString();
        std::ofstream(path) << R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"},
          "rules": [{"id": "r1", "title": "T", "category": "failure", "severity": "high", "level": "senior",
            "match": {"each": {"$d": {"kind": ["database"]}}, "where": [{"prop": "$d.failover", "eq": "automatic"}]},
            "report": {"targets": ["$d"]},
            "why": "{{$d.label}} fails over; {{$d.label}} has {{$d.replicas}} replicas.",
            "questions": [
              {"text": "{{$d.label}} at {{$d.rps}} rps?", "answer_points": ["a", "a2", "a3"]},
              {"text": "Who fences {{$d.label}} ({{$d.failover}})?", "answer_points": ["b", "b2", "b3"]},
              {"text": "And {{$d.replicas}} of {{$d.label}}?", "answer_points": ["c", "c2", "c3"]}],
            "fix": {"hint": "Fence {{$d.label}}."}}]})";
        const auto d = design(R"(digraph { pg [kind=database, label="Ledger DB", failover=automatic, replicas=2]; })");
        std::vector<Finding> kept;
        {
            rules::RuleSet set;
            model::Diagnostics diags;
            QVERIFY2(set.loadPack(path, diags), model::formatAll(diags).c_str());
            kept = set.review(d).findings;
        }
        auto it = std::find_if(kept.begin(), kept.end(), [](const Finding& f) { return f.ruleId == "r1"; });
        QVERIFY(it != kept.end());
        // Read once for a report (not kept), then kept: the same text either way.
        QCOMPARE(it->why.once(), std::string("Ledger DB fails over; Ledger DB has 2 replicas."));
        QCOMPARE(it->why.str(), std::string("Ledger DB fails over; Ledger DB has 2 replicas."));
        QCOMPARE(it->why.once(), it->why.str());
        QCOMPARE(it->questions.size(), std::size_t{2}); // the first needs rps, which is not drawn
        QCOMPARE(it->questions[0].text.str(), std::string("Who fences Ledger DB (automatic)?"));
        QCOMPARE(it->questions[1].text.str(), std::string("And 2 of Ledger DB?"));
        QCOMPARE(it->questions[1].answerPoints.front(), std::string("c"));
        QCOMPARE(it->fixHint.str(), std::string("Fence Ledger DB."));
        QCOMPARE(it->questions[0].text.hash(), rules::TextHasher::of(it->questions[0].text.str()));
    }

    // Texts with more distinct values than a finding's pool looks back through (32; a text may
    // hold 16 placeholders, a finding five texts) still render every value in its place.
    void manyDistinctPlaceholdersRenderInPlace()
    {
        std::string texts[3], expected[3];
        for (int i = 1; i <= 48; ++i) {
            texts[(i - 1) / 16] += "{{$d.replicas|mul:" + std::to_string(i) + "}} ";
            expected[(i - 1) / 16] += std::to_string(2 * i) + " ";
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.json").toStdString();
        const std::string head = R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"},
          "rules": [{"id": "r1", "title": "T", "category": "failure", "severity": "high", "level": "senior",
            "match": {"each": {"$d": {"kind": ["database"]}}}, "report": {"targets": ["$d"]}, "why": )";
        std::string tail = R"(, "questions": [{"text": Q, "answer_points": ["a", "b", "c"]}], "fix": {"hint": H}}]})";
        tail.replace(tail.find("Q,"), 1, '"' + texts[1] + '"'); // moc: see the pack above
        tail.replace(tail.find("H}"), 1, '"' + texts[2] + '"');
        std::ofstream(path) << head << '"' << texts[0] << '"' << tail;
        const auto d = design(R"(digraph { pg [kind=database, label="Ledger DB", replicas=2]; })");
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY2(set.loadPack(path, diags), model::formatAll(diags).c_str());
        const auto r = set.review(d);
        auto it = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.ruleId == "r1"; });
        QVERIFY(it != r.findings.end());
        QCOMPARE(it->why.str(), expected[0]);
        QCOMPARE(it->questions.front().text.str(), expected[1]);
        QCOMPARE(it->fixHint.str(), expected[2]);
    }

    void parallelFlowsDoNotMultiplyMatches()
    {
        // A step whose flow the rule neither names nor tests binds each neighbour once, however
        // many flows lead there: three such steps over 400 parallel flows were 64 million matches
        // of one finding. Findings are the same as with one flow each.
        std::string dot = "digraph { s [kind=service]; c [kind=cache]; d [kind=database]; w [kind=worker]; w -> d; ";
        for (int i = 0; i < 400; ++i) dot += "s -> c [id=fc" + std::to_string(i) + "]; s -> d [id=fd" + std::to_string(i) + "]; ";
        const auto many = design(dot + "}");
        const auto one = design("digraph { s [kind=service]; c [kind=cache]; d [kind=database]; w [kind=worker]; w -> d; s -> c; s -> d; }");
        model::Diagnostics diags;
        const auto pack = rules::loadPackFile(model::resourceDir() + "/packs/cache.json", diags);
        QVERIFY2(pack, model::formatAll(diags).c_str());
        const auto rule = std::find_if(pack->rules.begin(), pack->rules.end(),
                                       [](const rules::Rule& r) { return r.id == "cache-write-bypasses-invalidation"; });
        QVERIFY(rule != pack->rules.end());
        rules::Snapshot snap(many);
        long matches = 0;
        rules::Evaluator(snap, *rule).run([&](const std::vector<rules::Slot>&, rules::Tri, const std::vector<rules::Unknown>&) { ++matches; });
        QCOMPARE(matches, 1L); // were 400 × 400: each flow into the cache times each into the database
        rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        auto rulesFound = [](const rules::ReviewResult& r) {
            std::vector<std::string> out;
            for (const auto& f : r.findings)
                if (f.kind == Finding::Kind::Finding) out.push_back(f.ruleId.str());
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
            return out;
        };
        const auto a = rulesFound(set.review(many)), b = rulesFound(set.review(one));
        std::string sa, sb;
        for (auto& x : a) sa += x + " ";
        for (auto& x : b) sb += x + " ";
        QVERIFY2(sa == sb, (sa + " | " + sb).c_str());
    }

    void longLabelsAreCutInTexts()
    {
        // A label pasted whole into a design is cut in every text that names it (a 20 MB label
        // was copied into each, and one review wrote 220 MB of JSON); the ask's title too.
        const std::string label = std::string(rules::kMaxPlaceholderText, 'L') + "é" + std::string(4000, 'M');
        const auto d = design("digraph { api [kind=service, label=\"" + label +
                              "\"]; cache [kind=cache, hit_ratio=0.9]; db [kind=database]; api -> cache; api -> db; }");
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const auto r = set.review(d);
        const std::string cut = std::string(rules::kMaxPlaceholderText, 'L') + "… (" + std::to_string(label.size()) + " characters)";
        auto it = std::find_if(r.findings.begin(), r.findings.end(),
                               [](const Finding& f) { return f.ruleId == "missing-circuit-breaker"; });
        QVERIFY(it != r.findings.end());
        QVERIFY2(it->why.str().find(cut) != std::string::npos, it->why.c_str());
        QVERIFY(it->why.str().find("MMM") == std::string::npos);
        for (const auto& f : r.findings) {
            QVERIFY2(f.why.size() < 3 * rules::kMaxPlaceholderText, f.ruleId.c_str());
            QVERIFY2(f.title.size() < 3 * rules::kMaxPlaceholderText, f.ruleId.c_str());
            for (const auto& q : f.questions) QVERIFY2(q.text.size() < 4 * rules::kMaxPlaceholderText, f.ruleId.c_str());
        }
        // Cut between characters, never inside one: the 'é' after the cut point is left out whole.
        const std::string shortLabel = std::string(rules::kMaxPlaceholderText - 1, 'L') + "é" + "MMMM";
        std::string buf;
        QCOMPARE(std::string(rules::shownText(shortLabel, buf)),
                 std::string(rules::kMaxPlaceholderText - 1, 'L') + "… (" + std::to_string(shortLabel.size()) + " characters)");
    }

    // Numbers in texts: thousands separated, two decimals at most, and values no long long holds
    // (an rps of 1e308 drawn by hand) in powers of ten, not "inf" or thirty digits.
    void numbersInTextsStayReadable()
    {
        QCOMPARE(rules::formatNumber(10000), std::string("10,000"));
        QCOMPARE(rules::formatNumber(-2500), std::string("-2,500"));
        QCOMPARE(rules::formatNumber(0.9), std::string("0.9"));
        QCOMPARE(rules::formatNumber(2.345), std::string("2.35"));
        QCOMPARE(rules::formatNumber(999999999999999.0), std::string("999,999,999,999,999"));
        QCOMPARE(rules::formatNumber(1e15), std::string("1e+15"));
        QCOMPARE(rules::formatNumber(1e308), std::string("1e+308"));
        QCOMPARE(rules::formatNumber(-1.5e300), std::string("-1.5e+300"));
        QCOMPARE(rules::formatNumber(std::numeric_limits<double>::infinity()), std::string("∞"));
        QCOMPARE(rules::formatNumber(-std::numeric_limits<double>::infinity()), std::string("-∞"));
        // Through a rule: the load on the database when the cache is gone, at an absurd rate.
        const auto d = design("digraph { api [kind=service, rps=\"1e308\"]; cache [kind=cache, hit_ratio=0.9];"
                              " db [kind=database]; api -> cache; api -> db; }");
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const auto r = set.review(d);
        auto it = std::find_if(r.findings.begin(), r.findings.end(),
                               [](const Finding& f) { return f.ruleId == "missing-circuit-breaker"; });
        QVERIFY(it != r.findings.end());
        const std::string q = it->questions.at(0).text.str();
        QVERIFY2(q.find("At 1e+308 requests/s") != std::string::npos && q.find("inf") == std::string::npos, q.c_str());
    }

    // A rule that needs a key no element holds is not run: it finds nothing, as it would have.
    // Once one flow draws the key it fires; a default stands for a drawn value; and a test with
    // no if_missing still asks about the key instead of being skipped.
    void rulesNeedingAKeyNobodyHoldsFindNothingButStillAsk()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.json").toStdString();
        // moc misreads a raw string that ends in a quote: the pieces are put in by replace().
        auto rule = [](const std::string& id, const std::string& flowWhere) {
            std::string r = R"({"id": "ID", "title": "T", "category": "failure", "severity": "high",
              "level": "senior", "match": {"each": {"$s": {"kind": ["service"]}}, "where": [{"step":
              {"from": "$s", "dir": "out", "flow": "$f", "to": "$t", "flow_where": [WHERE]}}]},
              "report": {"targets": ["$s", "$t"]}, "why": "W", "questions": [{"text": "Q?",
              "answer_points": ["a", "b", "c"]}]})";
            r.replace(r.find("ID"), 2, id);
            return r.replace(r.find("WHERE"), 5, flowWhere);
        };
        std::ofstream(path) << R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"}, "rules": [)"
                            << rule("needs", R"({"prop": "$f.retries", "gt": 0, "if_missing": "false"})") << ","
                            << rule("either", R"({"any": [{"prop": "$f.retries", "gt": 0, "if_missing": "false"},
                                   {"prop": "$f.backoff", "exists": true}]})") << ","
                            << rule("by-default", R"({"prop": "$f.sync", "eq": true, "if_missing": "false"})") << ","
                            << rule("asks", R"({"prop": "$f.retries", "gt": 0})") << "]}";
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY2(set.loadPack(path, diags), model::formatAll(diags).c_str());
        auto found = [&](const std::string& dot) {
            std::multiset<std::string> out;
            for (const auto& f : set.review(design(dot)).findings)
                out.insert(std::string(f.kind == Finding::Kind::Ask ? "ask:" : "") + f.ruleId.str());
            return out;
        };
        const auto bare = found("digraph { a [kind=service]; b [kind=service]; a -> b; }");
        QCOMPARE(bare, (std::multiset<std::string>{"by-default", "ask:asks"}));
        const auto retried = found("digraph { a [kind=service]; b [kind=service]; a -> b [retries=3]; }");
        QCOMPARE(retried, (std::multiset<std::string>{"needs", "either", "by-default", "asks"}));
        const auto backedOff = found("digraph { a [kind=service]; b [kind=service]; a -> b [backoff=fixed]; }");
        QCOMPARE(backedOff, (std::multiset<std::string>{"either", "by-default", "ask:asks"}));
        // The key drawn on a component, not a flow, does not count for the flow's test.
        const auto onComponent = found("digraph { a [kind=service, retries=3]; b [kind=service]; a -> b; }");
        QCOMPARE(onComponent, (std::multiset<std::string>{"by-default", "ask:asks"}));
        const rules::Snapshot snap(design("digraph { a [kind=service, retries=3]; b [kind=queue]; a -> b; }"));
        QVERIFY(!snap.mayHold(rules::internPropertyKey("retries"), true));
        QVERIFY(snap.mayHold(rules::internPropertyKey("retries"), false));
        QVERIFY(snap.mayHold(rules::internPropertyKey("sync"), true));
        QVERIFY(snap.mayHold(rules::internPropertyKey(".id"), true));
    }

    // Rules whose searches make the same test of each flow share its verdicts, in one review on
    // several threads; a test that names a pack's set is that pack's own, though its text is the
    // same as another pack's. So each rule finds what it would alone.
    void sameFlowTestsShareVerdictsButNotPackSets()
    {
        QTemporaryDir dir;
        auto pack = [&](const std::string& id, const std::string& carried) {
            // moc misreads a raw string that ends in a quote: the pieces are put in by replace().
            std::string rule = R"({"id": "ID", "title": "T", "category": "compliance", "severity": "high",
              "level": "senior", "match": {"each": {"$s": {"where": [{"prop": "$s.data", "contains_any":
              ["pii"], "if_missing": "false"}]}}, "where": [{"reach": {"from": "$s", "dir": "out", "each": true,
              "kind": ["third_party"], "to": "$t", "via": [{"prop": "$_flow.carries", "contains_any": WANT,
              "if_missing": "true"}]}}]}, "report": {"targets": ["$t"]}, "why": "W", "questions": [{"text":
              "Q?", "answer_points": ["a", "b", "c"]}]})";
            auto made = [&](const std::string& ruleId, const std::string& want) {
                std::string r = rule;
                r.replace(r.find("ID"), 2, ruleId);
                return r.replace(r.find("WANT"), 4, want);
            };
            const std::string path = dir.filePath(QString::fromStdString(id + ".json")).toStdString();
            std::ofstream(path) << "{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"" << id
                                << "\", \"version\": \"1\"}, \"sets\": {\"carried\": [\"" << carried
                                << "\"]}, \"rules\": [" << made(id + "-set", R"({"set": "carried"})") << ","
                                << made(id + "-plain", R"(["pii"])") << "]}";
            return path;
        };
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY2(set.loadPack(pack("a", "ids"), diags), model::formatAll(diags).c_str());
        QVERIFY2(set.loadPack(pack("b", "pii"), diags), model::formatAll(diags).c_str());
        std::string dot = "digraph {\n";
        for (int i = 0; i < 40; ++i) { // enough sources that the searches build their prunes
            const std::string s = "s" + std::to_string(i);
            dot += s + " [kind=service, data=pii]; " + s + " -> idsVendor [carries=ids]; " + s + " -> anyVendor;\n";
        }
        const auto d = design(dot + "idsVendor [kind=third_party]; anyVendor [kind=third_party]; }\n");
        for (int threads : {1, 2, 4}) {
            rules::ReviewOptions opts;
            opts.threads = threads;
            std::map<std::string, std::set<std::string>> reached;
            for (const auto& f : set.review(d, opts).findings)
                if (f.kind == Finding::Kind::Finding) reached[f.ruleId.str()].insert(f.targets.front());
            const std::set<std::string> any{"anyVendor"}, both{"anyVendor", "idsVendor"};
            QCOMPARE(reached["a-set"], both);
            QCOMPARE(reached["b-set"], any);
            QCOMPARE(reached["a-plain"], any);
            QCOMPARE(reached["b-plain"], any);
        }
    }

    // A search whose target test searches again: each level keeps its own visited marks, so the
    // inner search (from a service to a database) does not hide from the outer one (from the
    // client to services) what it had already reached. s2 is found as well as s1, by its path.
    void searchInsideASearchKeepsItsOwnVisits()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.json").toStdString();
        std::ofstream(path) << R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"},
          "rules": [{"id": "nested", "title": "T", "category": "failure", "severity": "high", "level": "senior",
            "match": {"each": {"$a": {"kind": ["client"]}}, "where": [{"reach": {"from": "$a", "dir": "out",
              "max_hops": 4, "each": true, "kind": ["service"], "to": "$x", "path": "$p", "where": [{"reach":
              {"from": "$x", "dir": "out", "max_hops": 3, "kind": ["database"], "to": "$y"}}]}}]},
            "report": {"targets": ["$x"], "path": "$p"}, "why": "W",
            "questions": [{"text": "Q?", "answer_points": ["a", "b", "c"]}]}]})";
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY2(set.loadPack(path, diags), model::formatAll(diags).c_str());
        const auto d = design(R"(digraph { c [kind=client]; s1 [kind=service]; s2 [kind=service];
            s3 [kind=service]; s4 [kind=service]; q [kind=queue]; w [kind=worker]; db [kind=database];
            c -> s1; s1 -> s2; s2 -> s3; s3 -> s4; s1 -> q; q -> w; w -> db; s2 -> db; })");
        std::map<std::string, std::vector<std::string>> paths;
        for (const auto& f : set.review(d).findings)
            if (f.ruleId == "nested" && f.kind == Finding::Kind::Finding) paths[f.targets.front()] = f.path;
        QCOMPARE(paths.size(), std::size_t{2});
        QCOMPARE(paths["s1"], (std::vector<std::string>{"c", "f-c-s1", "s1"}));
        QCOMPARE(paths["s2"], (std::vector<std::string>{"c", "f-c-s1", "s1", "f-s1-s2", "s2"}));
    }

    // Decisions find their findings by fingerprint; of two for the same finding the later one
    // stands, and one that has expired reopens the finding and says so.
    void laterDecisionsReplaceEarlierOnes()
    {
        auto d = design(R"(digraph { db [kind=database, failover=automatic];
            api [kind=service]; redis [kind=cache]; api -> redis; api -> db; })");
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        rules::ReviewOptions opts;
        opts.today = "2026-12-03";
        auto byRule = [&](const rules::ReviewResult& r, const std::string& id) {
            auto it = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.ruleId == id; });
            if (it == r.findings.end()) qFatal("no %s finding", id.c_str());
            return *it;
        };
        const auto before = set.review(d, opts);
        const std::string fenced = byRule(before, "unfenced-failover").fingerprint;
        const std::string breaker = byRule(before, "missing-circuit-breaker").fingerprint;
        d.decisions.push_back({fenced, "unfenced-failover", "accepted", "a managed failover soon", "ana", ""});
        d.decisions.push_back({breaker, "missing-circuit-breaker", "mitigated", "breaker in the client", "raj", "2026-01-31"});
        d.decisions.push_back({fenced, "unfenced-failover", "in_discussion", "fencing by lease?", "li", "2027-06-30"});
        const auto after = set.review(d, opts);
        const Finding f = byRule(after, "unfenced-failover");
        QCOMPARE(f.status, std::string("in_discussion"));
        QCOMPARE(f.owner, std::string("li"));
        QCOMPARE(f.justification, std::string("fencing by lease?"));
        const Finding b = byRule(after, "missing-circuit-breaker");
        QCOMPARE(b.status, std::string("open"));
        QCOMPARE(b.owner, std::string("raj"));
        QCOMPARE(b.justification, std::string("Decision 'mitigated' expired on 2026-01-31: breaker in the client"));
        // In discussion is not settled: neither counts as decided.
        QVERIFY(!f.settled());
        QCOMPARE(after.summary.accepted, 0);

        // An expiry that is not a date cannot be known to lie ahead: the finding opens again.
        d.decisions.push_back({breaker, "missing-circuit-breaker", "accepted", "until the rewrite", "raj", "next spring"});
        const Finding c = byRule(set.review(d, opts), "missing-circuit-breaker");
        QCOMPARE(c.status, std::string("open"));
        QVERIFY(c.justification.find("not a real date") != std::string::npos);
        d.decisions.back().expires = "2027-03-31";
        const auto settled = set.review(d, opts);
        QVERIFY(byRule(settled, "missing-circuit-breaker").settled());
        QCOMPARE(settled.summary.accepted, 1);
    }
};

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
