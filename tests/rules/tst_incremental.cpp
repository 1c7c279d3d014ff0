// A review through a ReviewCache re-runs only the rules an edit can affect (rules/ruledeps.h)
// and must give exactly what a full review of the edited design gives, edit after edit: the
// same findings, asks, probes, texts and decisions, in the same order.
#include "exampledesigns.h"
#include "model/dotimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <memory>
#include <random>
#include <set>

using namespace pb;

namespace {
using model::Value;

// Property edits of every sort the rules read (and one they do not), with values that turn
// findings on and off.
const std::vector<std::pair<std::string, std::vector<Value>>>& edits()
{
    static const std::vector<std::pair<std::string, std::vector<Value>>> list = {
        {"circuit_breaker", {Value{true}, Value{false}}},
        {"fencing", {Value{std::string("none")}, Value{std::string("epoch")}}},
        {"failover", {Value{std::string("automatic")}, Value{std::string("manual")}}},
        {"managed", {Value{true}, Value{false}}},
        {"idempotency", {Value{std::string("none")}, Value{std::string("key")}}},
        {"delivery", {Value{std::string("at_least_once")}, Value{std::string("exactly_once")}}},
        {"data", {Value{model::StringList{"pii"}}, Value{model::StringList{"payment", "billing"}}}},
        {"carries", {Value{model::StringList{"ids"}}, Value{model::StringList{"pii"}}}},
        {"hit_ratio", {Value{0.9}, Value{0.5}}},
        {"rps", {Value{20000.0}, Value{50.0}}},
        {"region", {Value{std::string("eu-west-1")}, Value{std::string("us-east-1")}}},
        {"jurisdiction", {Value{std::string("EU")}, Value{std::string("US")}}},
        {"append_only", {Value{true}, Value{false}}},
        {"hash_chained", {Value{true}, Value{false}}},
        {"sync", {Value{true}, Value{false}}},
        {"replicas", {Value{0.0}, Value{3.0}}},
        {"team_notes", {Value{std::string("ask Sam")}}},
    };
    return list;
}

// Half the time an element some finding is about, so that edits turn findings on and off.
model::Properties& propsOf(model::Design& d, std::mt19937& rng, const rules::ReviewResult& last)
{
    if (!last.findings.empty() && rng() % 2 == 0) {
        const auto& targets = last.findings[rng() % last.findings.size()].targets;
        if (!targets.empty()) {
            const auto& id = targets[rng() % targets.size()];
            if (auto* c = d.component(id)) return c->props;
            if (auto* f = d.flow(id)) return f->props;
        }
    }
    const std::size_t nc = d.components().size();
    const std::size_t pick = rng() % (nc + d.flows().size());
    if (pick < nc) return d.component(d.components()[pick].id)->props;
    return d.flow(d.flows()[pick - nc].id)->props;
}

const std::string& anyComponent(const model::Design& d, std::mt19937& rng)
{
    return d.components()[rng() % d.components().size()].id;
}

// Edits that change the graph itself, as the whiteboard makes them: each may join, split or
// grow a part of the graph, or (zone members) change placements everywhere in a zone.
std::string structuralEdit(model::Design& d, std::mt19937& rng)
{
    switch (rng() % 7) {
    case 0: { // a new component wired to one already drawn, in either direction
        const std::string id = d.uniqueId("svc");
        d.addComponent({id, rng() % 2 ? "service" : "database", "new " + id, {}, {}, {}, false});
        const std::string other = anyComponent(d, rng);
        if (rng() % 2) d.addFlow({d.uniqueId("flow"), id, other, "", {}, {}});
        else d.addFlow({d.uniqueId("flow"), other, id, "", {}, {}});
        return "add component";
    }
    case 1: { // a component and its flows removed, as the canvas deletes it
        const std::string id = anyComponent(d, rng);
        for (const auto& f : d.flowsOf(id)) d.removeFlow(f);
        for (const auto& z : d.zones()) {
            auto* zone = d.zone(z.id);
            std::erase(zone->members, id);
        }
        d.removeComponent(id);
        return "remove component";
    }
    case 2: { // a flow pulled to another target
        auto* f = d.flow(d.flows()[rng() % d.flows().size()].id);
        f->to = anyComponent(d, rng);
        return "rewire flow";
    }
    case 3: { // a flow taken out and put back where it was (undo)
        const std::string id = d.flows()[rng() % d.flows().size()].id;
        auto removed = d.removeFlow(id);
        d.addFlow(removed->first, static_cast<std::ptrdiff_t>(removed->second));
        return "remove and restore flow";
    }
    case 4: { // a component dropped into a zone
        if (d.zones().empty()) return "nothing";
        const std::string id = d.uniqueId("cache");
        d.addComponent({id, "cache", "", {}, {}, {}, false});
        d.zone(d.zones()[rng() % d.zones().size()].id)->members.push_back(id);
        d.addFlow({d.uniqueId("flow"), anyComponent(d, rng), id, "", {}, {}});
        return "add component to zone";
    }
    case 5: { // a component taken out before its flows, a state undo and redo pass through
        d.removeComponent(anyComponent(d, rng));
        return "remove component, keep its flows";
    }
    default: { // a flow's label, which templates show
        d.flow(d.flows()[rng() % d.flows().size()].id)->label += " (v2)";
        return "flow label";
    }
    }
}

// One random edit of the kind a person makes; returns what it was, for the failure message.
std::string editOnce(model::Design& d, std::mt19937& rng, const rules::ReviewResult& last)
{
    const int what = static_cast<int>(rng() % 26);
    if (what < 4 && !last.findings.empty()) {
        // A one-click fix, as the panel applies it: it clears the finding it came from.
        const auto& f = last.findings[rng() % last.findings.size()];
        for (const auto& fix : f.fixes) {
            if (fix.op() != "set") continue;
            model::Properties* props = nullptr;
            if (auto* c = d.component(fix.element)) props = &c->props;
            else if (auto* fl = d.flow(fix.element)) props = &fl->props;
            if (!props) continue;
            (*props)[fix.property()] = fix.value();
            return "fix " + fix.property();
        }
    }
    if (what < 14) {
        const auto& [key, values] = edits()[rng() % edits().size()];
        auto& props = propsOf(d, rng, last);
        if (rng() % 4 == 0) props.erase(key);
        else props[key] = values[rng() % values.size()];
        return "set " + key;
    }
    if (what == 14) {
        auto* c = d.component(d.components()[rng() % d.components().size()].id);
        c->pos.x += 40; // geometry: nothing to re-run
        return "move";
    }
    if (what == 15) {
        d.component(d.components()[rng() % d.components().size()].id)->label += " v2";
        return "label";
    }
    if (what == 16 && !last.findings.empty()) {
        const auto& f = last.findings[rng() % last.findings.size()];
        d.decisions.push_back({f.fingerprint, f.ruleId, "accepted", "known", "sam", ""});
        return "decision";
    }
    if (what == 17) {
        const auto& a = d.components()[rng() % d.components().size()].id;
        const auto& b = d.components()[rng() % d.components().size()].id;
        d.addFlow({d.uniqueId("flow"), a, b, "", {}, {}});
        return "add flow";
    }
    if (what == 18) {
        d.removeFlow(d.flows()[rng() % d.flows().size()].id);
        return "remove flow";
    }
    if (what == 19) {
        auto* c = d.component(d.components()[rng() % d.components().size()].id);
        c->kind = c->kind == "cache" ? "database" : "cache";
        return "kind";
    }
    return structuralEdit(d, rng);
}
// Under AddressSanitizer the suite unwinds every allocation's stack (scripts/sanitize.sh), and
// 120 rounds of two reviews took two minutes; the memory checks need far fewer rounds than the
// logic, which the normal build checks in full.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kRounds = 40;
#else
constexpr int kRounds = 120;
#endif
} // namespace

class TestIncremental : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_set.loadBuiltinPacks(m_diags)); }

    void editsGiveWhatAFullReviewGives()
    {
        model::Design d = pb::testing::manyExamples(1);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        const int ruleCount = static_cast<int>(m_set.rules().size());
        std::mt19937 rng(7);
        rules::ReviewResult last;
        int partial = 0, aroundEdit = 0;
        for (int round = 0; round < kRounds; ++round) {
            const std::string edit = round == 0 ? "first review" : editOnce(d, rng, last);
            auto shared = std::make_shared<const model::Design>(d);
            const auto cached = m_set.review(shared, opts, cache);
            const auto full = m_set.review(d, opts);
            QVERIFY2(pb::testing::dump(d, cached) == pb::testing::dump(d, full),
                     qPrintable(QString("round %1, after '%2'").arg(round).arg(QString::fromStdString(edit))));
            if (round == 0) QCOMPARE(cache.lastRerun(), ruleCount);
            if (cache.lastRerun() < ruleCount) ++partial;
            if (cache.lastPartial() > 0) ++aroundEdit;
            last = full;
        }
        QVERIFY(last.summary.findings > 20);
        QVERIFY2(partial > kRounds / 3, "most edits should re-run only some of the rules");
        QVERIFY2(aroundEdit > kRounds / 3, "most edits should re-run rules only around the edit");
    }

    // Per rule, the edits that matter most to it: its own one-click fix, then its first
    // target moved to another region (a jurisdiction read through @jurisdiction).
    void everyRulesFixAndRegionGiveWhatAFullReviewGives()
    {
        model::Design d = pb::testing::manyExamples(1);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        std::string failed;
        auto check = [&](const std::string& what) {
            const auto cached = m_set.review(std::make_shared<const model::Design>(d), opts, cache);
            auto full = m_set.review(d, opts);
            if (failed.empty() && pb::testing::dump(d, cached) != pb::testing::dump(d, full)) failed = what;
            return full;
        };
        const auto first = check("first review");
        std::set<std::string> seen;
        int fixes = 0;
        for (const auto& f : first.findings) {
            if (f.kind != rules::Finding::Kind::Finding || !seen.insert(f.ruleId).second) continue;
            for (const auto& fix : f.fixes) {
                model::Properties* props = nullptr;
                if (auto* c = d.component(fix.element)) props = &c->props;
                else if (auto* fl = d.flow(fix.element)) props = &fl->props;
                if (fix.op() != "set" || !props) continue;
                (*props)[fix.property()] = fix.value();
                ++fixes;
                check(f.ruleId + ": fix " + fix.property());
            }
            for (const auto& id : f.targets)
                if (auto* c = d.component(id)) {
                    c->props["region"] = std::string("us-east-1");
                    check(f.ruleId + ": " + id + " moved to us-east-1");
                    break;
                }
        }
        QVERIFY2(failed.empty(), ("differs from a full review after " + failed).c_str());
        QVERIFY(seen.size() > 20);
        QVERIFY(fixes > 5);
    }

    void whatAnEditReruns()
    {
        model::Design d = pb::testing::manyExamples(1);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        const int ruleCount = static_cast<int>(m_set.rules().size());
        auto review = [&] { return m_set.review(std::make_shared<const model::Design>(d), opts, cache); };
        const auto first = review();
        QCOMPARE(cache.lastRerun(), ruleCount);

        // A property no rule reads, and a move: nothing re-runs, and nothing changes.
        d.component(d.components().front().id)->props["team_notes"] = std::string("ask Sam");
        d.component(d.components().front().id)->pos.x += 100;
        QCOMPARE(review().summary.total, first.summary.total);
        QCOMPARE(cache.lastRerun(), 0);

        // A decision: nothing re-runs, and the finding shows it.
        const auto& f = first.findings.front();
        d.decisions.push_back({f.fingerprint, f.ruleId, "accepted", "known risk", "sam", ""});
        const auto decided = review();
        QCOMPARE(cache.lastRerun(), 0);
        QCOMPARE(decided.summary.accepted, first.summary.accepted + 1);

        // A breaker on one flow: the rules that read circuit_breaker, not the others.
        d.flow(d.flows().front().id)->props["circuit_breaker"] = true;
        review();
        QVERIFY(cache.lastRerun() > 0);
        QVERIFY(cache.lastRerun() < ruleCount / 2);

        // A number only a question shows (the cache's hit ratio): the rule re-runs and the
        // question carries the new figure.
        const rules::Finding* mcb = nullptr;
        for (const auto& x : first.findings)
            if (x.ruleId == "missing-circuit-breaker") mcb = &x;
        QVERIFY(mcb);
        model::Component* cacheComp = nullptr;
        for (const auto& id : mcb->targets)
            if (auto* c = d.component(id); c && c->kind == "cache") cacheComp = c;
        QVERIFY(cacheComp);
        cacheComp->props["hit_ratio"] = 0.96;
        const auto ratioed = review();
        QVERIFY(cache.lastRerun() > 0);
        QVERIFY(pb::testing::dump(d, ratioed) == pb::testing::dump(d, m_set.review(d, opts)));
        QVERIFY(pb::testing::dump(d, ratioed).find("96%") != std::string::npos ||
                pb::testing::dump(d, ratioed).find("25") != std::string::npos);

        // A new flow: the rules that follow flows (not those that only read components), and
        // those of them that stay in their part of the graph only there.
        d.addFlow({"extra-flow", d.components()[0].id, d.components()[1].id, "", {}, {}});
        auto flowed = review();
        QVERIFY(cache.lastRerun() > ruleCount / 2);
        QVERIFY(cache.lastRerun() < ruleCount);
        QVERIFY(cache.lastPartial() > cache.lastRerun() / 2);
        QVERIFY(pb::testing::dump(d, flowed) == pb::testing::dump(d, m_set.review(d, opts)));

        // A zone that takes in a component changes placements across the zone: every rule,
        // every anchor.
        d.zone(d.zones().front().id)->members.push_back(d.components()[0].id);
        review();
        QCOMPARE(cache.lastRerun(), ruleCount);
        QCOMPARE(cache.lastPartial(), 0);
    }

    // A flow that joins two parts of the graph brings a finding that needs both (a service
    // reading through a cache in one part, calling a database in the other); taking it out
    // again takes the finding away; a part nobody touched keeps its findings as they were.
    void joiningPartsFindsWhatNeedsBoth()
    {
        model::Diagnostics diags;
        auto d = model::importDot(R"(digraph {
            api [kind=service]; c [kind=cache]; api -> c;
            db [kind=database];
            api2 [kind=service]; c2 [kind=cache]; db2 [kind=database]; api2 -> c2; api2 -> db2;
        })", "join.dot", diags);
        QVERIFY(d);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        auto count = [&](const rules::ReviewResult& r, const std::string& target) {
            return std::count_if(r.findings.begin(), r.findings.end(), [&](const rules::Finding& f) {
                return f.ruleId == "missing-circuit-breaker" &&
                       std::find(f.targets.begin(), f.targets.end(), target) != f.targets.end();
            });
        };
        auto review = [&] { return m_set.review(std::make_shared<const model::Design>(*d), opts, cache); };
        const auto before = review();
        QCOMPARE(count(before, "api"), 0);
        QCOMPARE(count(before, "api2"), 1);
        d->addFlow({"join", "api", "db", "", {}, {}});
        const auto joined = review();
        QVERIFY(cache.lastPartial() > 0);
        QCOMPARE(count(joined, "api"), 1);
        QCOMPARE(count(joined, "api2"), 1);
        QVERIFY(pb::testing::dump(*d, joined) == pb::testing::dump(*d, m_set.review(*d, opts)));
        d->removeFlow("join");
        const auto split = review();
        QCOMPARE(count(split, "api"), 0);
        QCOMPARE(count(split, "api2"), 1);
        QVERIFY(pb::testing::dump(*d, split) == pb::testing::dump(*d, before));
    }

    // Two services seven hops either side of one database: both find the same thing (the key
    // is the database alone) and ask the same thing about it, too far apart for an edit near
    // one to reach the other. The first in order keeps the finding and the ask; when it stops
    // finding them, the other must run again to take them over, and when it finds them again,
    // the other's kept copies must give way.
    void anchorsThatFindTheSameThingRunTogether()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("far.json").toStdString();
        std::ofstream(path) << R"({"format": "probeboard-rules/1",
            "pack": {"id": "far", "version": "1.0.0", "title": "Far"},
            "rules": [{"id": "far-database", "title": "A service far from its database",
              "category": "failure", "severity": "low", "level": "mid", "description": "Test.",
              "match": {"each": {"$s": {"kind": ["service"]}},
                        "where": [{"reach": {"from": "$s", "dir": "out", "max_hops": 8, "kind": ["database"], "to": "$d"}}]},
              "report": {"targets": ["$d"], "key": ["$d"]},
              "why": "{{$s.label}} reaches {{$d.label}}.",
              "questions": [{"text": "Why does {{$s.label}} call {{$d.label}}?", "answer_points": ["a", "b", "c"]}]},
             {"id": "far-owner", "title": "A database far away with no owner",
              "category": "operations", "severity": "low", "level": "mid", "description": "Test.",
              "match": {"each": {"$s": {"kind": ["service"]}},
                        "where": [{"reach": {"from": "$s", "dir": "out", "max_hops": 8, "kind": ["database"], "to": "$d"}},
                                  {"prop": "$d.owner_team", "eq": "platform"}]},
              "report": {"targets": ["$d"], "key": ["$d"]},
              "why": "{{$d.label}} is owned by the platform team.",
              "ask": "{{$s.label}} reaches {{$d.label}}: who owns it?",
              "questions": [{"text": "Who is on call for {{$d.label}}?", "answer_points": ["a", "b", "c"]}]}],
            "properties": [{"name": "owner_team", "type": "string"}]})";
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY2(set.loadPack(path, diags), diags.empty() ? "" : diags.front().format().c_str());
        std::string dot = "digraph { s1 [kind=service]; s2 [kind=service]; d [kind=database];";
        for (const char* side : {"a", "b"})
            for (int i = 1; i <= 6; ++i)
                dot += std::string(" ") + side + std::to_string(i) + " [kind=cache];";
        dot += " s1 -> a1; a1 -> a2; a2 -> a3; a3 -> a4; a4 -> a5; a5 -> a6; a6 -> d;";
        dot += " s2 -> b1; b1 -> b2; b2 -> b3; b3 -> b4; b4 -> b5; b5 -> b6; b6 -> d; }";
        auto d = model::importDot(dot, "far.dot", diags);
        QVERIFY(d);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        // The one finding's text as the cache gives it, or what differs from a full review.
        auto check = [&](const char* when) -> std::string {
            const auto cached = set.review(std::make_shared<const model::Design>(*d), opts, cache);
            const auto full = set.review(*d, opts);
            if (pb::testing::dump(*d, cached) != pb::testing::dump(*d, full))
                return std::string("differs from a full review: ") + when;
            if (cached.summary.findings != 1 || cached.summary.asks != 1) return "not one finding and one ask";
            return cached.findings.front().why + " " + cached.findings.back().questions.front().text;
        };
        QCOMPARE(check("first review"), std::string("s1 reaches d. s1 reaches d: who owns it?"));
        const std::string cut = d->flows().front().id; // s1 -> a1
        auto removed = d->removeFlow(cut);
        QCOMPARE(check("s1 cut off"), std::string("s2 reaches d. s2 reaches d: who owns it?"));
        QCOMPARE(cache.lastPartial(), 2);
        d->addFlow(removed->first, static_cast<std::ptrdiff_t>(removed->second));
        QCOMPARE(check("s1 joined again"), std::string("s1 reaches d. s1 reaches d: who owns it?"));
        QCOMPARE(cache.lastPartial(), 2);
    }

    void anotherRuleSetStartsAfresh()
    {
        model::Design d = pb::testing::manyExamples(1);
        auto shared = std::make_shared<const model::Design>(d);
        rules::ReviewCache cache;
        const rules::ReviewOptions opts{"2026-01-01"};
        m_set.review(shared, opts, cache);
        rules::RuleSet other;
        model::Diagnostics diags;
        QVERIFY(other.loadBuiltinPacks(diags));
        const auto again = other.review(shared, opts, cache);
        QCOMPARE(cache.lastRerun(), static_cast<int>(other.rules().size()));
        QVERIFY(pb::testing::dump(d, again) == pb::testing::dump(d, other.review(d, opts)));
    }

private:
    rules::RuleSet m_set;
    model::Diagnostics m_diags;
};

QTEST_GUILESS_MAIN(TestIncremental)
#include "tst_incremental.moc"
