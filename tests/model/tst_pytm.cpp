// OWASP pytm models in JSON read as designs (model/pytmimport.h): the model pytm.json.load reads
// and the one `tm.py --json` writes, their elements, boundaries, data and dataflows, the warnings
// at their lines, and what the review then asks of them.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/jurisdiction.h"
#include "model/pytmimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace pb::model;

namespace {
std::string fixture(const char* name)
{
    return std::string(PB_TEST_DATA) + "/pytm/" + name;
}

Design loaded(const char* name, Diagnostics* out = nullptr)
{
    Diagnostics diags;
    auto d = loadDesignFile(fixture(name), diags);
    if (!d) qFatal("not read: %s", formatAll(diags).c_str());
    if (out) *out = diags;
    return std::move(*d);
}

const Flow* flowLabelled(const Design& d, const std::string& label)
{
    for (const auto& f : d.flows())
        if (f.label == label) return &f;
    return nullptr;
}

StringList listOf(const Properties& props, const char* key)
{
    const auto it = props.find(key);
    const auto* l = it == props.end() ? nullptr : std::get_if<StringList>(&it->second);
    return l ? *l : StringList{};
}

const Diagnostic* find(const Diagnostics& diags, const std::string& code)
{
    for (const auto& d : diags)
        if (d.code == code) return &d;
    return nullptr;
}

std::optional<Design> imported(const std::string& text, Diagnostics& diags)
{
    return importPytm(text, "model.json", diags);
}
} // namespace

class TstPytm : public QObject
{
    Q_OBJECT

private slots:
    void elementsBecomeComponentsOfTheirKind()
    {
        const Design d = loaded("checkout.json");
        QCOMPARE(d.title, std::string("Checkout"));
        QCOMPARE(d.components().size(), std::size_t(7));
        const std::pair<const char*, const char*> kinds[] = {{"customer", "client"},
                                                             {"checkout-api", "service"},
                                                             {"invoice-worker", "worker"},
                                                             {"orders-db", "database"},
                                                             {"receipts-bucket", "object_store"},
                                                             {"session-cache", "cache"},
                                                             {"payment-provider", "third_party"}};
        for (const auto& [id, kind] : kinds) {
            const Component* c = d.component(id);
            QVERIFY2(c, id);
            QCOMPARE(c->kind, std::string(kind));
            QVERIFY2(c->kindInferred, id); // the user confirms what a class and a name suggest
        }
        // A store holds what names it among processedBy, and pii when it stores it.
        QCOMPARE(listOf(d.component("orders-db")->props, "data"), StringList{"pii"});
        QCOMPARE(listOf(d.component("receipts-bucket")->props, "data"), StringList{"billing"});
        QCOMPARE(boolProperty(d.component("receipts-bucket")->props, "encrypted_at_rest"),
                 std::optional<bool>(true));
        // pytm's false is its default, not a statement: nothing is drawn for it.
        QVERIFY(!d.component("orders-db")->props.count("encrypted_at_rest"));
        // A service passes data on; holding it is for stores.
        QVERIFY(!d.component("checkout-api")->props.count("data"));
    }

    void dataflowsCarryTheirDataAndAnswers()
    {
        Diagnostics diags;
        const Design d = loaded("checkout.json", &diags);
        QCOMPARE(d.flows().size(), std::size_t(6));
        const Flow* order = flowLabelled(d, "Place Order");
        QVERIFY(order);
        QCOMPARE(order->id, std::string("place-order"));
        QCOMPARE(order->from, std::string("customer"));
        QCOMPARE(order->to, std::string("checkout-api"));
        QCOMPARE(stringProperty(order->props, "protocol"), std::optional<std::string>("https"));
        QCOMPARE(boolProperty(order->props, "tls"), std::optional<bool>(true));
        QCOMPARE(stringProperty(order->props, "auth"),
                 std::optional<std::string>("oauth")); // "OAuth 2.0"
        // Its response's invoices travel back along it: one flow, both directions' data.
        QCOMPARE(listOf(order->props, "carries"), (StringList{"pii", "payment", "billing"}));
        QVERIFY(!flowLabelled(d, "Order Confirmation"));
        QVERIFY(find(diags, "N-PYTM-RESPONSES"));
        QCOMPARE(boolProperty(flowLabelled(d, "Charge Card")->props, "tls"),
                 std::optional<bool>(true)); // TLS 1.2
        const Flow* store = flowLabelled(d, "Store Order");
        QCOMPARE(stringProperty(store->props, "protocol"),
                 std::optional<std::string>("postgresql"));
        QVERIFY(!store->props.count("tls"));
        QVERIFY(
            !flowLabelled(d, "Session Lookup")->props.count("carries")); // lists no data: not known
        // A dataflow to an element the model does not have is left out, said at its line.
        const Diagnostic* loose = find(diags, "W-PYTM-LOOSE");
        QVERIFY(loose);
        QCOMPARE(loose->line, 36);
        QVERIFY(loose->message.find("Notify Warehouse") != std::string::npos);
    }

    void boundariesNestAndNameTheirRegion()
    {
        Diagnostics diags;
        const Design d = loaded("checkout.json", &diags);
        const Zone* cloud = d.zone("aws-eu-west-1");
        QVERIFY(cloud);
        QCOMPARE(cloud->kind, std::string("trust_boundary"));
        QCOMPARE(stringProperty(cloud->props, "region"), std::optional<std::string>("eu-west-1"));
        QCOMPARE(cloud->members,
                 (std::vector<std::string>{"checkout-api", "invoice-worker", "data-tier"}));
        QCOMPARE(d.zone("data-tier")->members,
                 (std::vector<std::string>{"orders-db", "receipts-bucket", "session-cache"}));
        QCOMPARE(d.zone("internet")->members, std::vector<std::string>{"customer"});
        const Diagnostic* region = find(diags, "N-PYTM-REGION");
        QVERIFY(region);
        QCOMPARE(region->level, Diagnostic::Level::Note);
        QCOMPARE(region->line, 6);
        // Nested twice, the database is placed in the EU through its zones.
        const auto placements = computePlacements(d);
        const auto& comps = d.components();
        const auto at = std::find_if(comps.begin(), comps.end(),
                                     [](const Component& c) { return c.id == "orders-db"; });
        QCOMPARE(placements[static_cast<std::size_t>(at - comps.begin())].jurisdiction,
                 std::string("EU"));
    }

    // What `tm.py --json` writes: every element under "elements" and again under "actors" and
    // "assets", each with all of its controls, null boundaries and enum names as texts.
    void whatPytmWritesIsReadOnce()
    {
        Diagnostics diags;
        const Design d = loaded("ledger-output.json", &diags);
        QCOMPARE(d.title, std::string("General Ledger"));
        QCOMPARE(d.components().size(), std::size_t(4));
        QCOMPARE(d.component("audit-log")->kind,
                 std::string("audit_ledger")); // it stores log data, named so
        QCOMPARE(d.component("nightly-export")->kind, std::string("service"));
        QCOMPARE(listOf(d.component("audit-log")->props, "data"), StringList{"journal-entry"});
        QCOMPARE(d.flows().size(), std::size_t(3));
        QCOMPARE(boolProperty(flowLabelled(d, "Post Entry")->props, "tls"),
                 std::optional<bool>(true)); // TLS 1.3
        QVERIFY(!flowLabelled(d, "Append Entry")->props.count("tls"));
        QVERIFY(
            !find(diags, "W-PYTM-NAME")); // the same elements listed three times are not repeats
        for (const auto& dg : diags)
            QVERIFY2(dg.level != Diagnostic::Level::Warning, dg.format().c_str());
    }

    void aModelIsKnownByWhatItHoldsUnderAnyName()
    {
        QVERIFY(isPytmFile(fixture("checkout.json")));
        QVERIFY(isPytmFile(fixture("ledger-output.json")));
        QVERIFY(!looksLikePytm(
            R"({"format": "probeboard/1", "components": [], "flows": [{"sink": "x"}]})"));
        QVERIFY(!looksLikePytm(R"({"flows": [{"from": "a", "to": "b"}]})"));
        // Thousands of boundaries first: the head shows nothing but them.
        std::string boundaries = R"({"name": "m", "boundaries": [)";
        for (int i = 0; i < 2000; ++i)
            boundaries +=
                (i ? "," : "") + std::string(R"({"name": "b)") + std::to_string(i) + "\"}";
        QVERIFY(looksLikePytm(boundaries + R"(], "elements": [], "flows": []})"));
        QTemporaryDir dir;
        const std::string piped = dir.filePath("model.txt").toStdString();
        std::ofstream(piped)
            << R"({"name": "m", "elements": [{"__class__": "Server", "name": "api"}], "flows": []})";
        Diagnostics diags;
        const auto d = loadDesignFile(piped, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components().size(), std::size_t(1));
        // CI annotations point at each element's and flow's line.
        const auto lines = elementLines(fixture("checkout.json"), loaded("checkout.json"));
        QCOMPARE(lines.at("customer"), 15);
        QCOMPARE(lines.at("place-order"), 25);
    }

    void brokenModelsSayWhatIsWrongAndWhere()
    {
        Diagnostics diags;
        QVERIFY(!imported("[1, 2]", diags));
        QVERIFY(find(diags, "E-PYTM"));
        diags.clear();
        QVERIFY(!imported("{\"elements\": [", diags));
        QVERIFY(!diags.empty() && diags.front().line == 1);
        // Boundaries inside each other, one inside one that does not exist, elements without names
        // or twice, and a list item that is no object: each said, and the rest read.
        diags.clear();
        const auto d = imported(R"({
  "boundaries": [{"name": "A", "inBoundary": "B"}, {"name": "B", "inBoundary": "A"},
                 {"name": "C", "inBoundary": "Nowhere"}],
  "elements": [{"__class__": "Server", "name": "api", "inBoundary": "A"},
               {"__class__": "Server", "name": "api"}, {"__class__": "Server"}, 7,
               {"__class__": "Datastore", "name": "db", "inBoundary": "Gone"}],
  "flows": [{"name": "q", "source": "api", "sink": "db"}, {"name": "r", "source": "db", "sink": "api",
             "responseTo": "missing"}]
})",
                                diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components().size(), std::size_t(2));
        QCOMPARE(d->flows().size(), std::size_t(1));
        QVERIFY(find(diags, "W-PYTM-BOUNDARY-CYCLE"));
        QVERIFY(find(diags, "W-PYTM-RESPONSE"));
        int names = 0, boundaries = 0;
        for (const auto& dg : diags) {
            names += dg.code == "W-PYTM-NAME";
            boundaries += dg.code == "W-PYTM-BOUNDARY";
            if (dg.level == Diagnostic::Level::Warning) QVERIFY2(dg.line > 0, dg.format().c_str());
        }
        QCOMPARE(names, 3);      // a second api, one without a name, and the 7
        QCOMPARE(boundaries, 2); // C's "Nowhere" and db's "Gone"
        // The cycle is broken at one boundary: no zone holds itself through another.
        QCOMPARE(d->zone("a")->members.size() + d->zone("b")->members.size(), std::size_t(2));
        diags.clear();
        QVERIFY(imported(R"({"boundaries": [{"name": "x", "inBoundary": "x"}]})", diags));
        QVERIFY(find(diags, "W-PYTM-BOUNDARY-CYCLE")->message.find("names itself") !=
                std::string::npos);
    }

    // The review on the model: the order store holds personal data, and pytm does not say it is
    // encrypted at rest, so the review says so. The provider is handed card data alone ("Charge
    // Card" carries payment): the personal data does not reach it, so neither a processor
    // agreement nor where the provider runs is asked about.
    void theReviewAsksOfThePytmModel()
    {
        pb::rules::RuleSet set;
        Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const auto r = set.review(loaded("checkout.json"));
        bool atRest = false, provider = false, entry = false;
        for (const auto& f : r.findings) {
            auto names = [&](const char* id) {
                return std::find(f.targets.begin(), f.targets.end(), id) != f.targets.end();
            };
            atRest =
                atRest || (f.ruleId == "sensitive-data-unencrypted-at-rest" && names("orders-db"));
            provider = provider ||
                       ((f.ruleId == "processor-without-dpa" || f.ruleId == "cross-region-pii") &&
                        names("payment-provider"));
            entry = entry || (f.ruleId == "public-entry-no-auth" && names("checkout-api"));
        }
        QVERIFY(atRest);
        QVERIFY(!provider);
        // The order comes in with OAuth: the entry point is not asked about as unauthenticated.
        QVERIFY(!entry);
    }
};

QTEST_GUILESS_MAIN(TstPytm)
#include "tst_pytm.moc"
