// One-click fixes of the catalog (issue 3): the whiteboard offers a finding's fix actions as a
// single change, so applying them to the design the rule fired on must make that finding go
// away. Runs over the "fires" examples that the packs carry, for every rule with actions.
#include "model/dotimport.h"
#include "rules/engine.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>

using namespace pb;

namespace {

// Packs whose fixes are held to this; a pack joins the list once its fixes all resolve.
const char* const kPacks[] = {"core",        "messaging",   "consistency", "scale",
                              "security",    "reliability", "operations",  "failure",
                              "billing",     "compliance",  "database",    "cache"};

// The same semantics as the desktop's fix command: set a property, or add a component with a
// flow from each listed element.
bool applyFix(model::Design& d, const rules::Fix& fix, std::string& error)
{
    if (fix.op() == "set") {
        if (auto* c = d.component(fix.element)) c->props[fix.property()] = fix.value();
        else if (auto* f = d.flow(fix.element)) f->props[fix.property()] = fix.value();
        else error = "fix names an element that does not exist: " + fix.element;
        return error.empty();
    }
    if (fix.op() != "add_component") {
        error = "unknown fix op " + fix.op();
        return false;
    }
    model::Component c;
    c.id = d.uniqueId(fix.kind());
    c.kind = fix.kind();
    c.label = fix.label();
    c.props = fix.props();
    const std::string id = c.id;
    d.addComponent(std::move(c));
    for (const auto& from : fix.connectFrom) {
        model::Flow f;
        f.id = d.uniqueId("fix-flow");
        f.from = from;
        f.to = id;
        d.addFlow(std::move(f));
    }
    return true;
}

model::Design fromDot(const std::string& dot, const std::string& name)
{
    model::Diagnostics diags;
    auto d = model::importDot(dot, name, diags);
    if (!d) qFatal("example design does not import: %s", name.c_str());
    return *d;
}

} // namespace

class TestCatalogFixes : public QObject
{
    Q_OBJECT
    rules::RuleSet m_rules;

private slots:
    void initTestCase()
    {
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        model::Diagnostics diags;
        QVERIFY2(m_rules.loadBuiltinPacks(diags), diags.empty() ? "" : diags.front().message.c_str());
    }

    void fixResolvesFinding_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("dot");
        int rows = 0;
        for (const char* pack : kPacks) {
            std::ifstream in(std::string(PB_RESOURCES) + "/packs/" + pack + ".json");
            QVERIFY2(in, pack);
            const auto j = nlohmann::json::parse(in);
            for (const auto& r : j["rules"]) {
                if (!r.contains("fix") || r["fix"].value("actions", nlohmann::json::array()).empty()) continue;
                for (const auto& ex : r.value("examples", nlohmann::json::array())) {
                    if (ex.value("expect", "") != "fires") continue;
                    const std::string id = r["id"].get<std::string>();
                    const std::string tag = id + ": " + ex.value("name", "");
                    QTest::newRow(tag.c_str()) << QString::fromStdString(id)
                                               << QString::fromStdString(ex["dot"].get<std::string>());
                    ++rows;
                }
            }
        }
        QVERIFY(rows >= 30);
    }

    void fixResolvesFinding()
    {
        QFETCH(QString, rule);
        QFETCH(QString, dot);
        model::Design design = fromDot(dot.toStdString(), rule.toStdString());
        const auto before = m_rules.review(design);
        const rules::Finding* hit = nullptr;
        for (const auto& f : before.findings)
            if (f.ruleId == rule.toStdString() && f.kind == rules::Finding::Kind::Finding) {
                hit = &f;
                break;
            }
        QVERIFY2(hit, "the example no longer fires");
        QVERIFY2(!hit->fixes.empty(), "the rule has fix actions, but the finding carries none");
        for (const auto& fix : hit->fixes) {
            std::string error;
            QVERIFY2(applyFix(design, fix, error), error.c_str());
        }
        const auto after = m_rules.review(design);
        for (const auto& f : after.findings)
            QVERIFY2(!(f.fingerprint == hit->fingerprint && f.kind == rules::Finding::Kind::Finding),
                     qPrintable(QStringLiteral("still fires after its fix: ") +
                                QString::fromStdString(f.why)));
    }
};

QTEST_GUILESS_MAIN(TestCatalogFixes)
#include "tst_catalogfixes.moc"
