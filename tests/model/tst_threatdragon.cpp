// OWASP Threat Dragon models read as designs: actors, processes and stores as components, flows,
// trust-boundary boxes as zones; each diagram a design of its own; broken models refused with
// their line.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/threatdragonimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace pb::model;

namespace {
std::string fixture(const char* name)
{
    return std::string(PB_TEST_DATA) + "/threatdragon/" + name;
}

bool has(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}
} // namespace

class TestThreatDragon : public QObject
{
    Q_OBJECT

private slots:
    void elementsFlowsAndBoundaries()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop-threatdragon.json") + "#1", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->title, std::string("Shop — Checkout"));
        auto kind = [&](const char* id) {
            return d->component(id) ? d->component(id)->kind : "(none)";
        };
        QCOMPARE(kind("customer-browser"), std::string("client"));
        QCOMPARE(kind("checkout-api"), std::string("service"));
        QCOMPARE(kind("orders-postgres"), std::string("database"));
        QCOMPARE(kind("session-redis"), std::string("cache"));
        QCOMPARE(kind("audit-log"), std::string("audit_ledger")); // a log store named audit
        QVERIFY(d->component("orders-postgres")->kindInferred);
        const Component* orders = d->component("orders-postgres");
        QCOMPARE(std::get<std::vector<std::string>>(*findProperty(orders->props, "data")),
                 std::vector<std::string>{"inventory"});
        QCOMPARE(std::get<bool>(*findProperty(orders->props, "encrypted_at_rest")), true);
        QCOMPARE(std::get<bool>(*findProperty(d->component("audit-log")->props, "append_only")),
                 true);
        QCOMPARE(d->flows().size(), std::size_t(4)); // the dangling one left out
        const Flow& placed = d->flows().front();
        QCOMPARE(placed.from + " " + placed.to + " " + placed.label,
                 std::string("customer-browser checkout-api Place order"));
        QCOMPARE(std::get<bool>(*findProperty(placed.props, "tls")), true);
        QCOMPARE(std::get<std::string>(*findProperty(placed.props, "protocol")),
                 std::string("https"));
        QCOMPARE(placed.bends.size(), std::size_t(1));
        // The box holds what is drawn inside it; the browser stands outside.
        QCOMPARE(d->zones().size(), std::size_t(1));
        const Zone& eu = d->zones().front();
        QCOMPARE(eu.kind, std::string("trust_boundary"));
        QCOMPARE(eu.label, std::string("EU data centre"));
        QVERIFY(has(eu.members, "checkout-api") && has(eu.members, "audit-log") &&
                !has(eu.members, "customer-browser"));
        // What was left out is said at its line.
        std::string said = formatAll(diags);
        QVERIFY2(
            said.find("shop-threatdragon.json:317: warning: the flow 'Dangling' has no process") !=
                std::string::npos,
            said.c_str());
        QVERIFY(said.find(":347: warning: a trust boundary drawn as a line holds nothing") !=
                std::string::npos);
    }

    void eachDiagramIsADesign()
    {
        const std::string file = fixture("shop-threatdragon.json");
        QCOMPARE(eachDesignIn({file}), (std::vector<std::string>{file + "#1", file + "#2"}));
        QCOMPARE(designsIn(file).at(1).heading, std::string("Context"));
        Diagnostics diags;
        const auto whole = loadDesignFile(file, diags); // the first, and how to read the others
        QVERIFY(whole && whole->components().size() == 5);
        QVERIFY2(formatAll(diags).find("1 more diagram not read (name one as " + file + "#2") !=
                     std::string::npos,
                 formatAll(diags).c_str());
        diags.clear();
        const auto second = loadDesignFile(file + "#2", diags);
        QVERIFY(second && second->components().size() == 2 && second->flows().size() == 1);
        diags.clear();
        QVERIFY(!loadDesignFile(file + "#3", diags));
        QVERIFY(formatAll(diags).find(
                    "diagram 3 asked for, but this Threat Dragon model has 2 diagrams") !=
                std::string::npos);
        // A design file is one design, however it is named.
        const std::string design = std::string(PB_RESOURCES) + "/examples/payments.probeboard";
        QCOMPARE(eachDesignIn({design}), std::vector<std::string>{design});
    }

    void versionOneModels()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("legacy-v1.json"), diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("billing-worker")->kind, std::string("worker"));
        QCOMPARE(d->component("usage-store")->kind, std::string("database"));
        QCOMPARE(d->flows().at(0).label, std::string("writes"));
        QCOMPARE(std::get<std::string>(*findProperty(d->flows().at(0).props, "protocol")),
                 std::string("sql"));
    }

    // The point of reading them: the review's own questions on a model drawn for STRIDE.
    void theCoreChecksReadAThreatDragonModel()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop-threatdragon.json") + "#1", diags);
        QVERIFY(d);
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        bool breaker = false;
        for (const auto& f : set.review(*d).findings)
            breaker = breaker ||
                      (f.ruleId == "missing-circuit-breaker" && has(f.targets, "session-redis"));
        QVERIFY(breaker);
    }

    void brokenModelsAreRefusedWithTheirLine()
    {
        QTemporaryDir dir;
        auto load = [&](const std::string& name, const std::string& text) {
            const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
            std::ofstream(path) << text;
            Diagnostics diags;
            const bool ok = loadDesignFile(path, diags).has_value();
            return std::make_pair(ok, formatAll(diags));
        };
        auto [ok, said] = load(
            "broken.json", "{\"summary\": {\"title\": \"x\"},\n \"detail\": {\"diagrams\": [}\n");
        QVERIFY(!ok);
        QVERIFY2(said.find("broken.json:2:") != std::string::npos, said.c_str());
        std::tie(ok, said) = load("none.json", "{\"summary\": {\"title\": \"x\"}, \"detail\": {}}");
        QVERIFY(!ok && said.find("no diagram") != std::string::npos);
        std::string deep = "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"cells\": [";
        for (int i = 0; i < 100000; ++i)
            deep += "[";
        std::tie(ok, said) = load("deep.json", deep);
        QVERIFY(!ok); // refused, not a crash
        std::tie(ok, said) =
            load("design.json",
                 "{\"format\": \"probeboard/1\", \"title\": \"summary\", \"components\": []}");
        QVERIFY2(ok, said.c_str()); // a design file that mentions "summary" is still one
        Diagnostics diags;
        QVERIFY(!loadDesignFile(dir.filePath("design.json#2").toStdString(), diags));
        QVERIFY2(formatAll(diags).find("only a Threat Dragon model holds several designs") !=
                     std::string::npos,
                 formatAll(diags).c_str());
    }
};

QTEST_GUILESS_MAIN(TestThreatDragon)
#include "tst_threatdragon.moc"
