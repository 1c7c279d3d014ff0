// The noise bound of the built-in catalog (issue 3): a small honest design gets a handful of
// useful entries, not pytm's 58 generic threats. Runs every built-in pack together, because
// noise is a property of the whole catalog, not of one rule.
#include "model/dotimport.h"
#include "rules/engine.h"

#include <QtTest>

#include <set>

using namespace pb;

namespace {

model::Design fromDot(const char* dot)
{
    model::Diagnostics diags;
    auto d = model::importDot(dot, "noise.dot", diags);
    if (!d) qFatal("test design does not import");
    return *d;
}

int mediumOrAbove(const rules::ReviewResult& r)
{
    int n = 0;
    for (const auto& f : r.findings)
        if (f.kind == rules::Finding::Kind::Finding && f.severity >= rules::Severity::Medium) ++n;
    return n;
}

QString listing(const rules::ReviewResult& r)
{
    QString s;
    for (const auto& f : r.findings)
        s += QStringLiteral("\n  %1 %2 %3")
                 .arg(QString::fromStdString(rules::severityName(f.severity)),
                      QString::fromStdString(f.ruleId), QString::fromStdString(f.title));
    return s;
}

} // namespace

class TestNoise : public QObject
{
    Q_OBJECT
    rules::RuleSet m_rules;

private slots:
    void initTestCase()
    {
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        model::Diagnostics diags;
        QVERIFY2(m_rules.loadBuiltinPacks(diags), diags.empty() ? "" : diags.front().message.c_str());
        QVERIFY(m_rules.rules().size() >= 45);
    }

    void threeBoxesStayQuiet()
    {
        const auto r = m_rules.review(fromDot(
            "digraph { c [kind=client]; s [kind=service]; d [kind=database]; c -> s; s -> d; }"));
        const QString why = listing(r);
        QVERIFY2(mediumOrAbove(r) <= 3, qPrintable(why));
        QVERIFY2(r.findings.size() <= 12, qPrintable(why));
        // It still says something: an empty review of a design with a database is not useful.
        QVERIFY2(!r.findings.empty(), "the bare design gets no questions at all");
    }

    void questionsAreNeverRepeated()
    {
        // A design that triggers many rules at once: the same question must not appear twice.
        const auto r = m_rules.review(fromDot(
            "digraph { c [kind=client]; gw [kind=api_gateway, public=true];"
            " api [kind=service, rps=12000]; redis [kind=cache, hit_ratio=0.9];"
            " db [kind=database, failover=automatic, data=\"pii,payment\"];"
            " q [kind=queue, partitions=12]; w [kind=worker, consumers=20]; bill [kind=database, data=\"billing\"];"
            " c -> gw; gw -> api; api -> redis; api -> db; api -> q; q -> w; w -> bill; }"));
        std::set<std::string> seen;
        for (const auto& f : r.findings)
            for (const auto& q : f.questions)
                QVERIFY2(seen.insert(q.text).second, q.text.c_str());
    }

    void probesAreCappedPerKind()
    {
        // Ten caches: topic probes about caches are raised once per rule and capped per kind,
        // not once per cache.
        std::string dot = "digraph { s [kind=service];";
        for (int i = 0; i < 10; ++i)
            dot += " c" + std::to_string(i) + " [kind=cache, eviction=lru, size_gb=4]; s -> c" +
                   std::to_string(i) + ";";
        dot += " }";
        const auto r = m_rules.review(fromDot(dot.c_str()));
        int probes = 0;
        for (const auto& f : r.findings)
            if (f.kind == rules::Finding::Kind::Probe) ++probes;
        QVERIFY2(probes <= 4, qPrintable(listing(r)));
    }

    void asksComeOncePerFact()
    {
        // Many rules may need the same undrawn fact; the drawing is asked for it once.
        const auto r = m_rules.review(fromDot(
            "digraph { s [kind=service]; d [kind=database]; w [kind=worker]; s -> d; w -> d; }"));
        std::set<std::pair<std::string, std::string>> asked;
        for (const auto& f : r.findings)
            if (f.kind == rules::Finding::Kind::Ask)
                QVERIFY2(asked.insert({f.targets.front(), f.title}).second, f.title.c_str());
    }
};

QTEST_GUILESS_MAIN(TestNoise)
#include "tst_noise.moc"
