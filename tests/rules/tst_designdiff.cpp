// Comparing two versions of a design: elements added, removed and changed, findings new and
// resolved; and the review report (Markdown, HTML) with decisions, the comparison and escaping.
#include "model/design.h"
#include "rules/designdiff.h"
#include "rules/engine.h"
#include "rules/report.h"

#include <QtTest>

using namespace pb;
using namespace pb::model;

namespace {

Component comp(const std::string& id, const std::string& kind, const std::string& label, Properties props = {})
{
    return {id, kind, label, std::move(props), {0, 0}, {}};
}

Flow flow(const std::string& id, const std::string& from, const std::string& to, Properties props = {})
{
    return {id, from, to, "", std::move(props), {}};
}

// api reads through a cache and calls the database synchronously with no breaker.
Design cacheInFront()
{
    Design d;
    d.title = "shop";
    d.addComponent(comp("api", "service", "orders-api", {{"rps", 1200.0}}));
    d.addComponent(comp("cache", "cache", "orders-cache", {{"hit_ratio", 0.9}}));
    d.addComponent(comp("db", "database", "orders-db"));
    d.addFlow(flow("f1", "api", "cache"));
    d.addFlow(flow("f2", "api", "db", {{"sync", true}}));
    return d;
}

rules::RuleSet builtin()
{
    rules::RuleSet set;
    Diagnostics diags;
    set.loadBuiltinPacks(diags);
    return set;
}

} // namespace

class TestDesignDiff : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES); }

    void identicalDesignsHaveNoDifferences()
    {
        auto a = cacheInFront();
        auto d = rules::diffDesigns(a, a);
        QVERIFY(d.empty());
        QCOMPARE(QString::fromStdString(rules::diffText(d)), QStringLiteral("No differences.\n"));
    }

    // A renamed design is a change in every writer, with both titles, like a renamed element.
    void aTitleChangeIsShownWithBothTitles()
    {
        auto a = cacheInFront();
        auto b = cacheInFront();
        b.title = "shop <v2>";
        const auto d = rules::diffDesigns(a, b);
        QVERIFY(d.titleChanged);
        QVERIFY(d.designChanged());
        QCOMPARE(QString::fromStdString(rules::diffText(d)), QStringLiteral("~ title: \"shop\" → \"shop <v2>\"\n"));
        QVERIFY(QString::fromStdString(rules::diffMarkdown(d, "a", "b")).contains(QStringLiteral("Title: \"shop\" → \"shop \\<v2\\>\"")));
        const auto html = QString::fromStdString(rules::diffHtmlFragment(d));
        QVERIFY(html.contains(QStringLiteral("&quot;shop &lt;v2&gt;&quot;")) || html.contains(QStringLiteral("\"shop &lt;v2&gt;\"")));
        b.title.clear();
        QVERIFY(QString::fromStdString(rules::diffText(rules::diffDesigns(a, b))).contains(QStringLiteral("→ (none)")));
    }

    // Found by a tester: a pull request that accepted a high finding diffed as "No differences"
    // and exit 0, though `check` no longer failed on that finding.
    void decisionsAreDifferences()
    {
        const auto a = cacheInFront();
        const auto set = builtin();
        const auto review = set.review(a);
        QVERIFY(!review.findings.empty());
        const auto& f = review.findings.front();
        auto b = a;
        b.decisions.push_back({f.fingerprint, f.ruleId, "accepted", "the CDN absorbs it", "ana", "2027-06-30"});
        auto d = rules::diffDesigns(a, b);
        rules::diffFindings(d, review, set.review(b));
        QVERIFY(d.designChanged());
        QCOMPARE(d.decisions.size(), std::size_t(1));
        const auto text = QString::fromStdString(rules::diffText(d));
        QVERIFY2(text.startsWith(QStringLiteral("+ decision on [")) && text.contains(QString::fromStdString(f.title)) &&
                     text.contains(QStringLiteral("accepted by ana until 2027-06-30 (the CDN absorbs it)")),
                 qPrintable(text));
        auto c = b;
        c.decisions.front().status = "in_discussion";
        QVERIFY(QString::fromStdString(rules::diffText(rules::diffDesigns(b, c)))
                    .contains(QStringLiteral("accepted by ana until 2027-06-30 → in_discussion by ana")));
        QVERIFY(QString::fromStdString(rules::diffMarkdown(rules::diffDesigns(b, a), "b", "a"))
                    .contains(QStringLiteral("## Decisions")));
        QVERIFY(rules::diffDesigns(b, b).empty());
    }

    void addedRemovedAndChangedElements()
    {
        auto before = cacheInFront();
        auto after = cacheInFront();
        after.removeComponent("cache");
        after.removeFlow("f1");
        after.addComponent(comp("q", "queue", "events"));
        after.addFlow(flow("f3", "api", "q"));
        after.component("db")->label = "orders-primary";
        after.component("db")->props["failover"] = std::string("automatic");
        after.component("api")->props["rps"] = 2400.0;
        after.flow("f2")->props.erase("sync");
        after.component("api")->pos = {500, 500}; // layout only

        auto d = rules::diffDesigns(before, after);
        QCOMPARE(d.added.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(d.added[0].id), QStringLiteral("q"));
        QCOMPARE(QString::fromStdString(d.added[1].kind), QStringLiteral("orders-api → events"));
        QCOMPARE(d.removed.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(d.removed[0].label), QStringLiteral("orders-cache"));
        QCOMPARE(d.changed.size(), std::size_t(3)); // api (rps), db (label, failover), f2 (sync)

        const auto& api = d.changed[0];
        QCOMPARE(QString::fromStdString(api.id), QStringLiteral("api"));
        QVERIFY(api.fields.empty()); // the move is not a design change by default
        QCOMPARE(api.properties.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(api.properties[0].before), QStringLiteral("1200"));
        QCOMPARE(QString::fromStdString(api.properties[0].after), QStringLiteral("2400"));

        const auto& db = d.changed[1];
        QCOMPARE(db.fields, std::vector<std::string>{"label"});
        QVERIFY(!db.properties[0].hadBefore && db.properties[0].hasAfter);
        const auto& f2 = d.changed[2];
        QVERIFY(f2.properties[0].hadBefore && !f2.properties[0].hasAfter);

        const auto text = QString::fromStdString(rules::diffText(d));
        QVERIFY2(text.contains(QStringLiteral("~ component orders-primary: label: orders-db → orders-primary; failover set to automatic")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("rps: 1200 → 2400")));
        QVERIFY(text.contains(QStringLiteral("- component orders-cache (cache)")));

        rules::DiffOptions layout;
        layout.includeLayout = true;
        auto withLayout = rules::diffDesigns(before, after, layout);
        QCOMPARE(withLayout.changed[0].fields, std::vector<std::string>{"position"});
    }

    void zoneMembershipOrderIsNotAChange()
    {
        Design a = cacheInFront();
        a.addZone({"eu", "region", "EU", {}, {"api", "db"}, {0, 0}, {400, 200}});
        Design b = a;
        b.zone("eu")->members = {"db", "api"};
        QVERIFY(rules::diffDesigns(a, b).empty());
        b.zone("eu")->members = {"db"};
        auto d = rules::diffDesigns(a, b);
        QCOMPARE(d.changed.size(), std::size_t(1));
        QCOMPARE(d.changed[0].fields, std::vector<std::string>{"members"});
    }

    void findingsNewAndResolvedByFingerprint()
    {
        const auto set = builtin();
        QVERIFY(set.rule("missing-circuit-breaker"));
        auto before = cacheInFront();
        auto after = cacheInFront();
        after.flow("f2")->props["circuit_breaker"] = true; // the fix
        after.component("api")->label = "checkout-api";     // renaming keeps fingerprints
        auto rb = set.review(before);
        auto ra = set.review(after);
        auto d = rules::diffDesigns(before, after);
        rules::diffFindings(d, rb, ra);
        bool resolved = false;
        for (const auto& f : d.resolvedFindings) resolved = resolved || f.ruleId == "missing-circuit-breaker";
        QVERIFY(resolved);
        for (const auto& f : d.newFindings) QVERIFY(f.ruleId != "missing-circuit-breaker");

        // And the other way round the same finding is new.
        auto back = rules::diffDesigns(after, before);
        rules::diffFindings(back, ra, rb);
        bool isNew = false;
        for (const auto& f : back.newFindings) isNew = isNew || f.ruleId == "missing-circuit-breaker";
        QVERIFY(isNew);
        QVERIFY(QString::fromStdString(rules::diffMarkdown(back, "v2", "v1")).contains(QStringLiteral("## New findings")));
    }

    void reportEscapesEverythingTheUserWrote()
    {
        Design d = cacheInFront();
        d.title = "<b>title</b>";
        d.component("api")->label = "<script>alert(1)</script>";
        const auto set = builtin();
        rules::FileReview r{"x.probeboard", &d, set.review(d), {}};
        const auto html = QString::fromStdString(rules::reportHtml({r}));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(!html.contains(QStringLiteral("<b>title</b>")));
        const auto md = QString::fromStdString(rules::reportMarkdown({r}));
        QVERIFY(!md.contains(QStringLiteral("<script>")));
        QVERIFY(md.contains(QStringLiteral("\\<script\\>")));
        // A backslash before '|' is escaped as well, or the '|' splits the table's cell.
        QCOMPARE(rules::markdownEscape("gw\\|x"), std::string("gw\\\\\\|x"));
    }

    void reportCarriesDecisionsAndComparison()
    {
        Design before = cacheInFront();
        Design d = cacheInFront();
        d.addComponent(comp("audit", "audit_ledger", "ledger & <log>"));
        const auto set = builtin();
        auto result = set.review(d);
        QVERIFY(!result.findings.empty());
        auto& f = result.findings.front();
        f.status = "mitigated";
        f.owner = "ana";
        f.justification = "breaker added in <PR 42>";
        rules::FileReview r{"v2.probeboard", &d, result, {}};
        auto diff = rules::diffDesigns(before, d);
        rules::DocOptions opts;
        opts.diff = &diff;
        opts.diffAgainst = "v1.probeboard";
        const auto html = QString::fromStdString(rules::reportHtml({r}, opts));
        QVERIFY(html.contains(QStringLiteral("<h2>Decisions</h2>")));
        QVERIFY(html.contains(QStringLiteral("breaker added in &lt;PR 42&gt;")));
        QVERIFY(html.contains(QStringLiteral("<h2>Changes since v1.probeboard</h2>")));
        QVERIFY(html.contains(QStringLiteral("component ledger &amp; &lt;log&gt;")));
        QVERIFY(html.contains(QStringLiteral("<svg")));
        const auto md = QString::fromStdString(rules::reportMarkdown({r}, opts));
        QVERIFY(md.contains(QStringLiteral("## Decisions")));
        QVERIFY(md.contains(QStringLiteral("| mitigated | ana |")));
        QVERIFY(md.contains(QStringLiteral("## Added")));

        opts.diagramImage = "diagram.png";
        const auto printable = QString::fromStdString(rules::reportHtml({r}, opts));
        QVERIFY(!printable.contains(QStringLiteral("<svg")));
        QVERIFY(printable.contains(QStringLiteral("<img src=\"diagram.png\"")));
    }
};

QTEST_GUILESS_MAIN(TestDesignDiff)
#include "tst_designdiff.moc"
