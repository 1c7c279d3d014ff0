// The five core checks of resources/packs/core.json: each fires on its pattern with the right
// targets, stops once each mitigation is drawn, follows several hops where it says so, asks for
// missing facts once, uses the user's numbers, and is deterministic.
#include "model/dotimport.h"
#include "rules/engine.h"

#include "dotdesign.h"

#include <QtTest>

#include <algorithm>

using namespace pb;
using pb::testing::design;
using rules::Finding;

namespace {
std::string joined(const model::Diagnostics& diags)
{
    std::string out;
    for (const auto& d : diags) out += d.format() + "\n";
    return out;
}

const rules::RuleSet& core()
{
    static const rules::RuleSet set = [] {
        rules::RuleSet s;
        model::Diagnostics diags;
        if (!s.loadPack(PB_RESOURCES "/packs/core.json", diags)) qFatal("core pack: %s", joined(diags).c_str());
        return s;
    }();
    return set;
}

std::vector<Finding> findings(const std::string& dot, const std::string& rule, Finding::Kind kind = Finding::Kind::Finding)
{
    const auto d = design(dot);
    std::vector<Finding> out;
    for (const auto& f : core().review(d).findings)
        if (f.ruleId == rule && f.kind == kind) out.push_back(f);
    return out;
}

bool has(const std::vector<std::string>& ids, const std::string& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string allQuestions(const Finding& f)
{
    std::string s;
    for (const auto& q : f.questions) s += q.text + "\n";
    return s;
}

// Components of a witness path (it alternates component and flow ids).
std::vector<std::string> pathComponents(const model::Design& d, const std::vector<std::string>& path)
{
    std::vector<std::string> out;
    for (const auto& id : path)
        if (d.component(id)) out.push_back(id);
    return out;
}

void checkPathAlternates(const model::Design& d, const std::vector<std::string>& path)
{
    QVERIFY(!path.empty());
    for (std::size_t i = 0; i < path.size(); ++i) {
        const bool isComp = d.component(path[i]) != nullptr;
        QVERIFY2(isComp == (i % 2 == 0), path[i].c_str());
        if (i % 2 == 1) {
            const auto* f = d.flow(path[i]);
            QVERIFY(f);
            // each flow joins its neighbours on the path, in one direction or the other
            const bool fwd = f->from == path[i - 1] && f->to == path[i + 1];
            const bool back = f->to == path[i - 1] && f->from == path[i + 1];
            QVERIFY2(fwd || back, path[i].c_str());
        }
    }
}

void checkShape(const Finding& f)
{
    QVERIFY(!f.why.empty());
    QVERIFY(f.questions.size() >= 1 && f.questions.size() <= 3);
    for (const auto& q : f.questions) {
        QVERIFY(!q.text.empty());
        QVERIFY(q.text.find("{{") == std::string::npos);
        QVERIFY(!q.answerPoints.empty());
    }
    QCOMPARE(f.fingerprint.size(), std::size_t(16));
}

std::string breaker(const std::string& apiAttrs, const std::string& flowAttrs, const std::string& apiKind = "service")
{
    return "digraph { api [kind=" + apiKind + ", label=\"Orders API\"" + apiAttrs +
           "]; redis [kind=cache]; db [kind=database]; api -> redis; api -> db [id=dbcall" + flowAttrs + "]; }";
}

std::string billing(const std::string& qAttrs, const std::string& wAttrs, const std::string& inAttrs = "",
                    const std::string& storeData = "usage")
{
    return "digraph { events [kind=queue" + qAttrs + "]; billing [kind=worker" + wAttrs +
           "]; store [kind=database, data=" + storeData + "]; events -> billing [id=in" + inAttrs +
           "]; billing -> store; }";
}

std::string chain(int services, const std::string& storeData = "billing")
{
    std::string s = "digraph { events [kind=queue]; agg [kind=worker]; ledger [kind=database, data=" + storeData + "]; ";
    std::string path = "events -> agg";
    for (int i = 0; i < services; ++i) {
        s += "s" + std::to_string(i) + " [kind=service]; ";
        path += " -> s" + std::to_string(i);
    }
    return s + path + " -> ledger; }";
}

std::string pii(const std::string& flowAttrs, const std::string& dstRegion = "us-east-1", bool reverse = false)
{
    std::string s = "digraph { subgraph cluster_eu { region=\"eu-west-1\"; users [kind=database, data=pii]; "
                    "api [kind=service]; } analytics [kind=analytics, region=\"" + dstRegion + "\"]; "
                    "api -> users [id=read]; ";
    s += reverse ? "analytics -> api [id=out" + flowAttrs + "]; }" : "api -> analytics [id=out" + flowAttrs + "]; }";
    return s;
}

std::string audit(const std::string& data, const std::string& ledgerAttrs, bool ledgerFromWriter = true)
{
    std::string s = "digraph { payments [kind=service]; other [kind=service]; store [kind=database, data=" + data +
                    "]; payments -> store; audit [kind=audit_ledger" + ledgerAttrs + "]; ";
    s += ledgerFromWriter ? "payments -> audit; }" : "other -> audit; }";
    return s;
}
} // namespace

class TestCoreRules : public QObject
{
    Q_OBJECT
private slots:
    void corePackHasTheFiveChecks()
    {
        for (const char* id : {"missing-circuit-breaker", "unfenced-failover", "non-idempotent-billing-consumer",
                               "cross-region-pii", "missing-audit-ledger"})
            QVERIFY2(core().rule(id), id);
    }

    // --- missing-circuit-breaker -------------------------------------------------------------
    void breakerFires_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("service") << "service";
        QTest::newRow("api_gateway") << "api_gateway";
        QTest::newRow("worker") << "worker";
    }
    void breakerFires()
    {
        QFETCH(QString, kind);
        const auto fs = findings(breaker("", "", kind.toStdString()), "missing-circuit-breaker");
        QCOMPARE(fs.size(), std::size_t(1));
        const Finding& f = fs.front();
        for (const char* id : {"api", "redis", "db"}) QVERIFY2(has(f.targets, id), id);
        // Both of the service's flows are part of the pattern, and light up with it.
        QCOMPARE(f.targets.size(), std::size_t(5));
        QCOMPARE(f.severity, rules::Severity::High);
        QVERIFY(f.why.find("Orders API") != std::string::npos); // the user's label, not the id
        checkShape(f);
    }
    void breakerDoesNotFireForClients()
    {
        QVERIFY(findings(breaker("", "", "client"), "missing-circuit-breaker").empty());
    }
    void breakerMitigations_data()
    {
        QTest::addColumn<QString>("dot");
        QTest::newRow("breaker on the database flow") << QString::fromStdString(breaker("", ", circuit_breaker=true"));
        QTest::newRow("breaker on the service") << QString::fromStdString(breaker(", circuit_breaker=true", ""));
        QTest::newRow("database call is asynchronous") << QString::fromStdString(breaker("", ", sync=false"));
        QTest::newRow("no cache") << "digraph { api [kind=service]; db [kind=database]; api -> db; }";
    }
    void breakerMitigations()
    {
        QFETCH(QString, dot);
        QVERIFY(findings(dot.toStdString(), "missing-circuit-breaker").empty());
    }
    void breakerBreakerFalseStillFires()
    {
        QCOMPARE(findings(breaker("", ", circuit_breaker=false"), "missing-circuit-breaker").size(), std::size_t(1));
    }
    void breakerUsesHitRatioAndRps()
    {
        const auto fs = findings("digraph { api [kind=service, rps=2000]; redis [kind=cache, hit_ratio=0.9]; "
                                 "db [kind=database]; api -> redis; api -> db; }", "missing-circuit-breaker");
        QCOMPARE(fs.size(), std::size_t(1));
        const std::string q = allQuestions(fs.front());
        QVERIFY2(q.find("10\u00d7") != std::string::npos, q.c_str());
        QVERIFY2(q.find("90%") != std::string::npos, q.c_str());
        QVERIFY2(q.find("2000") != std::string::npos || q.find("2,000") != std::string::npos, q.c_str());
        QVERIFY2(q.find("200 ") != std::string::npos, q.c_str()); // misses at 0.1 × 2000
    }
    void breakerHitRatioWithoutRps()
    {
        const auto fs = findings("digraph { api [kind=service]; redis [kind=cache, hit_ratio=0.75]; "
                                 "db [kind=database]; api -> redis; api -> db; }", "missing-circuit-breaker");
        QCOMPARE(fs.size(), std::size_t(1));
        const std::string q = allQuestions(fs.front());
        QVERIFY2(q.find("4\u00d7") != std::string::npos || q.find("by 4") != std::string::npos, q.c_str());
    }

    // --- unfenced-failover --------------------------------------------------------------------
    void failoverFiresWithReplicas()
    {
        const std::string dot = "digraph { db [kind=database, failover=automatic]; r1 [kind=database, role=replica]; "
                                "r2 [kind=database, role=replica]; other [kind=database, failover=manual]; "
                                "db -> r1; db -> r2; other -> db; }";
        const auto fs = findings(dot, "unfenced-failover");
        QCOMPARE(fs.size(), std::size_t(1));
        const Finding& f = fs.front();
        QVERIFY(has(f.targets, "db"));
        QVERIFY(has(f.targets, "r1"));
        QVERIFY(has(f.targets, "r2"));
        QVERIFY(!has(f.targets, "other")); // not a replica
        checkShape(f);
        QVERIFY(allQuestions(f).find("payment") == std::string::npos);
    }
    void failoverExplicitNoneFires()
    {
        QCOMPARE(findings("digraph { db [kind=database, failover=automatic, fencing=none]; }", "unfenced-failover").size(),
                 std::size_t(1));
    }
    void failoverMitigations_data()
    {
        QTest::addColumn<QString>("attrs");
        QTest::newRow("epoch") << "failover=automatic, fencing=epoch";
        QTest::newRow("stonith") << "failover=automatic, fencing=stonith";
        QTest::newRow("lease") << "failover=automatic, fencing=lease";
        QTest::newRow("managed") << "failover=automatic, managed=true";
        QTest::newRow("manual failover") << "failover=manual";
        QTest::newRow("no failover") << "failover=none";
    }
    void failoverMitigations()
    {
        QFETCH(QString, attrs);
        const std::string dot = "digraph { db [kind=database, " + attrs.toStdString() + "]; }";
        QVERIFY(findings(dot, "unfenced-failover").empty());
        QVERIFY(findings(dot, "unfenced-failover", Finding::Kind::Ask).empty());
    }
    void failoverAsksAboutMoneyData()
    {
        const auto fs = findings("digraph { db [kind=database, failover=automatic, data=\"payment,pii\"]; }", "unfenced-failover");
        QCOMPARE(fs.size(), std::size_t(1));
        const std::string q = allQuestions(fs.front());
        QVERIFY2(q.find("payment") != std::string::npos && q.find("replica") != std::string::npos, q.c_str());
    }
    void missingFailoverIsAskedOnce()
    {
        const auto d = design("digraph { db [kind=database, label=\"orders-db\"]; api [kind=service]; api -> db; }");
        const auto result = core().review(d);
        int asks = 0;
        for (const auto& f : result.findings) {
            QVERIFY(f.kind != Finding::Kind::Finding || f.ruleId != "unfenced-failover"); // nothing assumed
            if (f.kind == Finding::Kind::Ask && has(f.targets, "db") && f.title.find("failover") != std::string::npos) {
                ++asks;
                QCOMPARE(f.severity, rules::Severity::Info);
                QCOMPARE(f.questions.size(), std::size_t(1));
                QVERIFY(f.questions.front().text.find("orders-db") != std::string::npos);
            }
        }
        QCOMPARE(asks, 1);
        QCOMPARE(result.summary.asks, asks);
    }

    // --- non-idempotent-billing-consumer ------------------------------------------------------
    void billingFiresDirect()
    {
        const auto d = design(billing("", ""));
        const auto fs = findings(billing("", ""), "non-idempotent-billing-consumer");
        QCOMPARE(fs.size(), std::size_t(1));
        const Finding& f = fs.front();
        for (const char* id : {"events", "billing", "store"}) QVERIFY2(has(f.targets, id), id);
        QCOMPARE(f.severity, rules::Severity::Critical);
        checkPathAlternates(d, f.path);
        QCOMPARE(pathComponents(d, f.path), (std::vector<std::string>{"billing", "store"}));
        checkShape(f);
    }
    void billingFollowsHops_data()
    {
        QTest::addColumn<int>("services");
        QTest::addColumn<bool>("fires");
        QTest::newRow("1 more hop") << 1 << true;
        QTest::newRow("2 more hops") << 2 << true;
        QTest::newRow("3 more hops") << 3 << true;
        QTest::newRow("4 more hops is out of reach") << 4 << false;
    }
    void billingFollowsHops()
    {
        QFETCH(int, services);
        QFETCH(bool, fires);
        const std::string dot = chain(services);
        const auto fs = findings(dot, "non-idempotent-billing-consumer");
        QCOMPARE(fs.size(), std::size_t(fires ? 1 : 0));
        if (!fires) return;
        const auto d = design(dot);
        checkPathAlternates(d, fs.front().path);
        auto comps = pathComponents(d, fs.front().path);
        QCOMPARE(comps.front(), std::string("agg"));
        QCOMPARE(comps.back(), std::string("ledger"));
        QCOMPARE(int(comps.size()), services + 2);
        QVERIFY(has(fs.front().targets, "ledger"));
        QVERIFY(has(fs.front().targets, "events"));
    }
    void billingMitigations_data()
    {
        QTest::addColumn<QString>("dot");
        QTest::newRow("idempotency key") << QString::fromStdString(billing("", ", idempotency=key"));
        QTest::newRow("outbox") << QString::fromStdString(billing("", ", idempotency=outbox"));
        QTest::newRow("at-most-once queue") << QString::fromStdString(billing(", delivery=at_most_once", ""));
        QTest::newRow("exactly-once queue") << QString::fromStdString(billing(", delivery=exactly_once", ""));
        QTest::newRow("at-most-once on the flow") << QString::fromStdString(billing("", "", ", delivery=at_most_once"));
        QTest::newRow("store without billing data") << QString::fromStdString(billing("", "", "", "pii"));
        QTest::newRow("consumer is a service, not a worker")
            << "digraph { events [kind=queue]; billing [kind=service]; store [kind=database, data=usage]; events -> billing; billing -> store; }";
        QTest::newRow("idempotent hop on the way")
            << "digraph { events [kind=queue]; agg [kind=worker]; s [kind=service, idempotency=key]; ledger [kind=database, data=billing]; events -> agg -> s -> ledger; }";
    }
    void billingMitigations()
    {
        QFETCH(QString, dot);
        QVERIFY(findings(dot.toStdString(), "non-idempotent-billing-consumer").empty());
    }
    void billingExplicitNoneAndAtLeastOnceFire()
    {
        QCOMPARE(findings(billing(", delivery=at_least_once", ", idempotency=none"), "non-idempotent-billing-consumer").size(),
                 std::size_t(1));
        // The flow's delivery overrides the queue's.
        QCOMPARE(findings(billing(", delivery=at_most_once", "", ", delivery=at_least_once"), "non-idempotent-billing-consumer").size(),
                 std::size_t(1));
    }

    // --- cross-region-pii ---------------------------------------------------------------------
    void piiFiresForward()
    {
        const std::string dot = pii("");
        const auto d = design(dot);
        const auto fs = findings(dot, "cross-region-pii");
        QCOMPARE(fs.size(), std::size_t(1));
        const Finding& f = fs.front();
        QVERIFY(has(f.targets, "users"));
        QVERIFY(has(f.targets, "analytics"));
        QVERIFY(!has(f.targets, "api") || has(f.path, "api")); // only as part of the path
        checkPathAlternates(d, f.path);
        QCOMPARE(pathComponents(d, f.path), (std::vector<std::string>{"users", "api", "analytics"}));
        QVERIFY(allQuestions(f).find("US") != std::string::npos);
        checkShape(f);
    }
    void piiFiresAgainstFlowDirection()
    {
        // analytics calls api, which reads users: the personal data travels back in responses.
        const auto fs = findings(pii("", "us-east-1", true), "cross-region-pii");
        QCOMPARE(fs.size(), std::size_t(1));
        QVERIFY(has(fs.front().targets, "analytics"));
    }
    void piiToUkIsAnotherJurisdiction()
    {
        const auto fs = findings(pii("", "eu-west-2"), "cross-region-pii");
        QCOMPARE(fs.size(), std::size_t(1));
        QVERIFY(fs.front().why.find("UK") != std::string::npos);
    }
    void piiMitigations_data()
    {
        QTest::addColumn<QString>("dot");
        QTest::newRow("barrier: carries aggregates") << QString::fromStdString(pii(", carries=aggregates"));
        QTest::newRow("barrier against the flow direction") << QString::fromStdString(pii(", carries=\"ids,aggregates\"", "us-east-1", true));
        QTest::newRow("destination in the EU") << QString::fromStdString(pii("", "eu-central-1"));
        QTest::newRow("destination in another EU cloud") << QString::fromStdString(pii("", "westeurope"));
        QTest::newRow("destination region unknown") << QString::fromStdString(pii("", "rack-7"));
        QTest::newRow("source not restricted")
            << "digraph { users [kind=database, data=pii, region=\"us-east-1\"]; x [kind=service, region=\"eu-west-1\"]; x -> users; }";
        QTest::newRow("no personal data")
            << "digraph { users [kind=database, data=usage, region=\"eu-west-1\"]; x [kind=service, region=\"us-east-1\"]; x -> users; }";
    }
    void piiMitigations()
    {
        QFETCH(QString, dot);
        QVERIFY(findings(dot.toStdString(), "cross-region-pii").empty());
    }
    // Where a reached component runs is not drawn: no finding (nothing is assumed), but one ask
    // about that component, naming the source and the path; none once its jurisdiction is drawn.
    void piiAsksWhereAnUnplacedComponentRuns()
    {
        const auto asks = findings(pii("", "rack-7"), "cross-region-pii", Finding::Kind::Ask);
        QCOMPARE(asks.size(), std::size_t(1));
        QCOMPARE(asks[0].targets, (std::vector<std::string>{"analytics"}));
        const std::string& q = asks[0].questions.at(0).text;
        QVERIFY2(q.find("users (EU)") != std::string::npos && q.find("users → api → analytics") != std::string::npos,
                 q.c_str());
        const std::string placed = "digraph { subgraph cluster_eu { region=\"eu-west-1\"; users [kind=database, data=pii]; "
                                   "api [kind=service]; } analytics [kind=analytics, region=\"rack-7\", jurisdiction=EU]; "
                                   "api -> users; api -> analytics; }";
        QVERIFY(findings(placed, "cross-region-pii", Finding::Kind::Ask).empty());
        QVERIFY(findings(placed, "cross-region-pii").empty());
        // A client runs wherever its users are: not asked about, but still a finding when drawn
        // in another jurisdiction.
        const std::string client = "digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
                                   "app [kind=client]; app -> users; }";
        QVERIFY(findings(client, "cross-region-pii", Finding::Kind::Ask).empty());
        QCOMPARE(findings("digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
                          "app [kind=client, region=\"us-east-1\"]; app -> users; }",
                          "cross-region-pii")
                     .size(),
                 std::size_t(1));
    }
    void piiCarriesWithPiiIsNoBarrier()
    {
        QCOMPARE(findings(pii(", carries=\"pii,ids\""), "cross-region-pii").size(), std::size_t(1));
    }
    void piiFiresOncePerDestination()
    {
        const std::string dot = "digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
                                "a [kind=service, region=\"us-east-1\"]; b [kind=service, region=\"ap-south-1\"]; "
                                "c [kind=service, region=\"us-west-2\"]; users -> a -> b; a -> c; users -> c; }";
        const auto fs = findings(dot, "cross-region-pii");
        std::vector<std::string> dsts;
        for (const auto& f : fs) {
            QVERIFY(has(f.targets, "users"));
            for (const char* id : {"a", "b", "c"})
                if (has(f.targets, id) && f.path.back() == id) dsts.push_back(id);
        }
        std::sort(dsts.begin(), dsts.end());
        QCOMPARE(dsts, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(fs.size(), std::size_t(3));
    }

    // Two EU stores reach one US service: one finding, about the service, naming the first
    // store. Closing that store's path leaves the same finding (same fingerprint) open, now
    // naming the other store; closing both clears it.
    void piiFiresOncePerPlaceReached()
    {
        const std::string head = "digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
                                 "claims [kind=database, data=pii, region=\"eu-west-1\"]; "
                                 "api [kind=service, region=\"eu-west-1\"]; "
                                 "report [kind=service, region=\"us-east-1\"]; "
                                 "api -> users; api -> report; ";
        const auto both = findings(head + "claims -> report; }", "cross-region-pii");
        QCOMPARE(both.size(), std::size_t(1));
        QCOMPARE(both[0].path, (std::vector<std::string>{"users", "f-api-users", "api", "f-api-report", "report"}));
        const auto one = findings(
            "digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
            "claims [kind=database, data=pii, region=\"eu-west-1\"]; "
            "api [kind=service, region=\"eu-west-1\"]; report [kind=service, region=\"us-east-1\"]; "
            "api -> users; api -> report [carries=ids]; claims -> report; }",
            "cross-region-pii");
        QCOMPARE(one.size(), std::size_t(1));
        QCOMPARE(one[0].fingerprint, both[0].fingerprint);
        QCOMPARE(one[0].path, (std::vector<std::string>{"claims", "f-claims-report", "report"}));
        QVERIFY(findings(head + "claims -> report [carries=aggregates]; }", "cross-region-pii").size() == 1);
        QVERIFY(findings("digraph { users [kind=database, data=pii, region=\"eu-west-1\"]; "
                         "claims [kind=database, data=pii, region=\"eu-west-1\"]; "
                         "api [kind=service, region=\"eu-west-1\"]; report [kind=service, region=\"us-east-1\"]; "
                         "api -> users; api -> report [carries=ids]; claims -> report [carries=aggregates]; }",
                         "cross-region-pii")
                    .empty());
    }

    // Many sources in three parts, so that the engine stops searching parts with no foreign
    // component (Evaluator::mayFind) after the first searches: the findings must be exactly
    // those of a search from every source, where the first source (in drawing order) that
    // reaches a place keeps its finding. Part "a" stays in the EU; part "b" reaches the US
    // only from its last source; part "c" reaches the US only over a flow carrying aggregates,
    // which stops pii, and a UK store through a flow that does carry pii.
    void piiSkipsPartsWithoutForeignComponents()
    {
        std::string dot = "digraph { ";
        for (const char* part : {"a", "b", "c"})
            for (int i = 0; i < 12; ++i) {
                const std::string id = std::string(part) + std::to_string(i);
                dot += id + " [kind=database, data=pii, region=\"eu-west-1\"]; ";
                if (i > 0) dot += std::string(part) + std::to_string(i - 1) + " -> " + id + "; ";
            }
        dot += "us [kind=service, region=\"us-east-1\"]; uk [kind=database, region=\"eu-west-2\"]; "
               "b11 -> us; c0 -> us [carries=aggregates]; c5 -> uk [carries=pii]; }";
        const auto fs = findings(dot, "cross-region-pii");
        std::vector<std::string> pairs;
        for (const auto& f : fs) pairs.push_back(f.path.front() + ">" + f.path.back());
        std::sort(pairs.begin(), pairs.end());
        // A search goes at most 16 hops: every b source is within 12 of "us", so b0, the first,
        // keeps it; a search wrongly skipped would hand it to a later one.
        QCOMPARE(pairs, (std::vector<std::string>{"b0>us", "c0>uk"}));
    }

    // --- missing-audit-ledger ----------------------------------------------------------------
    void auditFires_data()
    {
        QTest::addColumn<QString>("data");
        for (const char* d : {"payment", "health", "financial", "regulated"}) QTest::newRow(d) << d;
    }
    void auditFires()
    {
        QFETCH(QString, data);
        const auto fs = findings(audit(data.toStdString(), ", append_only=true"), "missing-audit-ledger");
        QCOMPARE(fs.size(), std::size_t(1));
        QVERIFY(has(fs.front().targets, "store"));
        QVERIFY(has(fs.front().targets, "payments"));
        QVERIFY(!has(fs.front().targets, "other"));
        checkShape(fs.front());
    }
    void auditMitigations()
    {
        QVERIFY(findings(audit("payment", ", append_only=true, hash_chained=true"), "missing-audit-ledger").empty());
        QVERIFY(findings(audit("usage", ""), "missing-audit-ledger").empty());
    }
    void auditLedgerMustBeComplete_data()
    {
        QTest::addColumn<QString>("attrs");
        QTest::addColumn<bool>("fromWriter");
        QTest::newRow("not hash-chained") << ", append_only=true" << true;
        QTest::newRow("not append-only") << ", hash_chained=true" << true;
        QTest::newRow("written by someone else") << ", append_only=true, hash_chained=true" << false;
    }
    void auditLedgerMustBeComplete()
    {
        QFETCH(QString, attrs);
        QFETCH(bool, fromWriter);
        QCOMPARE(findings(audit("payment", attrs.toStdString(), fromWriter), "missing-audit-ledger").size(), std::size_t(1));
    }
    void auditOneWriterWithLedgerIsEnough()
    {
        const std::string dot = "digraph { a [kind=service]; b [kind=worker]; store [kind=database, data=financial]; "
                                "audit [kind=audit_ledger, append_only=true, hash_chained=true]; a -> store; b -> store; a -> audit; }";
        QVERIFY(findings(dot, "missing-audit-ledger").empty());
    }

    // --- engine-wide properties --------------------------------------------------------------
    void everyExampleInThePackPasses()
    {
        for (const auto& r : core().runExamples("core")) QVERIFY2(r.passed, (r.ruleId + ": " + r.name + ": " + r.message).c_str());
    }

    void deterministicOrder()
    {
        const std::string dot =
            "digraph { subgraph cluster_eu { region=\"eu-west-1\"; users [kind=database, data=\"pii,payment\", failover=automatic]; api [kind=service]; }\n"
            "  redis [kind=cache]; us [kind=service, region=\"us-east-1\"]; ap [kind=analytics, region=\"ap-south-1\"];\n"
            "  events [kind=queue]; w [kind=worker]; usage [kind=database, data=usage];\n"
            "  api -> redis; api -> users; us -> api; users -> ap; events -> w -> usage; w -> redis; w -> users; }";
        auto key = [](const rules::ReviewResult& r) {
            std::vector<std::string> k;
            for (const auto& f : r.findings) {
                std::string s = f.ruleId + "|" + f.fingerprint + "|";
                for (const auto& t : f.targets) s += t + ",";
                for (const auto& p : f.path) s += p + ">";
                for (const auto& q : f.questions) s += q.text;
                k.push_back(s);
            }
            return k;
        };
        const auto d = design(dot);
        const auto first = key(core().review(d));
        QVERIFY(first.size() >= 5);
        for (int i = 0; i < 5; ++i) QCOMPARE(key(core().review(d)), first);
        // A fresh rule set and a fresh import give the same list.
        rules::RuleSet other;
        model::Diagnostics diags;
        QVERIFY(other.loadPack(PB_RESOURCES "/packs/core.json", diags));
        QCOMPARE(key(other.review(design(dot))), first);
        // Findings come before asks; within findings, the more severe first.
        const auto r = core().review(d);
        for (std::size_t i = 1; i < r.findings.size(); ++i)
            if (r.findings[i].kind == r.findings[i - 1].kind)
                QVERIFY(r.findings[i].severity <= r.findings[i - 1].severity);
    }

    void fingerprintSurvivesRelabellingAndMoves()
    {
        auto fps = [](const model::Design& d) {
            std::vector<std::string> out;
            for (const auto& f : core().review(d).findings) out.push_back(f.ruleId + ":" + f.fingerprint);
            std::sort(out.begin(), out.end());
            return out;
        };
        auto d = design(breaker("", ""));
        const auto before = fps(d);
        QVERIFY(!before.empty());
        for (const auto& c : std::vector<model::Component>(d.components())) {
            auto* m = d.component(c.id);
            m->label = "renamed " + c.label;
            m->pos = {m->pos.x + 500, m->pos.y + 70};
        }
        QCOMPARE(fps(d), before);
        // …but it is about ids: a different database id is a different finding.
        const auto other = fps(design("digraph { api [kind=service]; redis [kind=cache]; db2 [kind=database]; api -> redis; api -> db2; }"));
        QVERIFY(other != before);
    }
};

QTEST_APPLESS_MAIN(TestCoreRules)
#include "tst_corerules.moc"
