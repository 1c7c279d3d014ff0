// Effective region and jurisdiction: own value, innermost zone, outer zones, derived from the
// cloud region's name, else unknown.
#include "model/dotimport.h"
#include "model/jurisdiction.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <QtTest>

using namespace pb::model;

namespace {
Design imported(const std::string& text)
{
    Diagnostics diags;
    auto d = importDot(text, "t.dot", diags);
    if (!d) qFatal("import failed");
    return *d;
}

Component comp(const std::string& id, Properties props = {})
{
    return {id, "service", id, std::move(props), {}, {}};
}
} // namespace

class TestJurisdiction : public QObject
{
    Q_OBJECT
private slots:
    void regionNames_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("jurisdiction");
        // AWS
        QTest::newRow("aws eu-west-1") << "eu-west-1" << "EU";
        QTest::newRow("aws eu-central-1") << "eu-central-1" << "EU";
        QTest::newRow("aws eu-west-2 is London") << "eu-west-2" << "UK";
        QTest::newRow("aws us-east-1") << "us-east-1" << "US";
        QTest::newRow("aws us-gov-west-1") << "us-gov-west-1" << "US";
        // GCP
        QTest::newRow("gcp europe-west1") << "europe-west1" << "EU";
        QTest::newRow("gcp europe-west2 is London") << "europe-west2" << "UK";
        QTest::newRow("gcp us-central1") << "us-central1" << "US";
        // Azure
        QTest::newRow("azure westeurope") << "westeurope" << "EU";
        QTest::newRow("azure northeurope") << "northeurope" << "EU";
        QTest::newRow("azure uksouth") << "uksouth" << "UK";
        QTest::newRow("azure ukwest") << "ukwest" << "UK";
        QTest::newRow("azure eastus") << "eastus" << "US";
        QTest::newRow("azure westus2") << "westus2" << "US";
        // As people write them: in capitals, or as Azure's portal shows them.
        QTest::newRow("aws in capitals") << "EU-WEST-1" << "EU";
        QTest::newRow("azure display name") << "West Europe" << "EU";
        QTest::newRow("azure display name, London") << "UK South" << "UK";
        // Not a cloud region we know: unknown, never a guess.
        QTest::newRow("on-prem") << "dc-frankfurt-3" << "";
        QTest::newRow("empty") << "" << "";
    }

    void regionNames()
    {
        QFETCH(QString, region);
        QFETCH(QString, jurisdiction);
        QCOMPARE(QString::fromStdString(JurisdictionTable::builtin().jurisdictionOfRegion(region.toStdString())),
                 jurisdiction);
    }

    void euIsResidencyRestrictedByData()
    {
        const auto& r = JurisdictionTable::builtin().residencyRestricted();
        QVERIFY(std::find(r.begin(), r.end(), "EU") != r.end());
        QVERIFY(std::find(r.begin(), r.end(), "US") == r.end());
    }

    void ownValuesWin()
    {
        Design d;
        d.addComponent(comp("a", {{"region", std::string("us-east-1")}, {"jurisdiction", std::string("EU")}}));
        d.addZone({"z", "region", "", {{"region", std::string("eu-west-1")}, {"jurisdiction", std::string("UK")}}, {"a"}, {}, {}});
        const Placement p = placementOf(d, "a");
        QCOMPARE(p.region, std::string("us-east-1"));
        QCOMPARE(p.jurisdiction, std::string("EU"));
    }

    void ownRegionImpliesJurisdiction()
    {
        Design d;
        d.addComponent(comp("a", {{"region", std::string("uksouth")}}));
        QCOMPARE(placementOf(d, "a").jurisdiction, std::string("UK"));
    }

    void innermostZoneWins()
    {
        const Design d = imported(
            "digraph {\n"
            "  subgraph cluster_outer { region=\"us-east-1\";\n"
            "    subgraph cluster_inner { region=\"eu-west-2\"; db [kind=database]; }\n"
            "    api [kind=service];\n"
            "  }\n"
            "  loose [kind=service];\n"
            "}");
        QCOMPARE(placementOf(d, "db").region, std::string("eu-west-2"));
        QCOMPARE(placementOf(d, "db").jurisdiction, std::string("UK"));
        QCOMPARE(placementOf(d, "api").region, std::string("us-east-1"));
        QCOMPARE(placementOf(d, "api").jurisdiction, std::string("US"));
        QCOMPARE(placementOf(d, "loose").region, std::string());
        QCOMPARE(placementOf(d, "loose").jurisdiction, std::string());
    }

    void outerZoneFillsWhatTheInnerOneLacks()
    {
        // An availability zone names no region; its enclosing region zone does.
        const Design d = imported(
            "digraph { subgraph cluster_eu { region=\"europe-west2\";\n"
            "  subgraph cluster_az { kind=az; label=\"AZ b\"; db [kind=database]; } } }");
        QCOMPARE(placementOf(d, "db").region, std::string("europe-west2"));
        QCOMPARE(placementOf(d, "db").jurisdiction, std::string("UK"));
    }

    void zoneJurisdictionBeatsDerivedOne()
    {
        // The zone says jurisdiction=EU explicitly; the component's own region is in the US.
        Design d;
        d.addComponent(comp("a", {{"region", std::string("us-east-1")}}));
        d.addZone({"z", "region", "", {{"jurisdiction", std::string("EU")}}, {"a"}, {}, {}});
        QCOMPARE(placementOf(d, "a").region, std::string("us-east-1"));
        QCOMPARE(placementOf(d, "a").jurisdiction, std::string("EU"));
    }

    // "eu" drawn by hand is the EU: in lower case it was a jurisdiction of its own, foreign to
    // every EU component, and cross-region-pii never saw the EU source at all.
    void drawnJurisdictionsAreReadInCapitals()
    {
        const Design d = imported("digraph { subgraph cluster_a { jurisdiction=eu; x; subgraph cluster_b { y; } } "
                                  "z [jurisdiction=\"Uk\"]; }");
        QCOMPARE(placementOf(d, "x").jurisdiction, std::string("EU"));
        QCOMPARE(placementOf(d, "y").jurisdiction, std::string("EU"));
        QCOMPARE(placementOf(d, "z").jurisdiction, std::string("UK"));
        const auto all = computePlacements(d);
        for (const auto& p : all) QVERIFY(p.jurisdiction == "EU" || p.jurisdiction == "UK");
    }

    void unknownRegionStaysUnknown()
    {
        Design d;
        d.addComponent(comp("a", {{"region", std::string("rack-7")}}));
        QCOMPARE(placementOf(d, "a").region, std::string("rack-7"));
        QCOMPARE(placementOf(d, "a").jurisdiction, std::string());
    }

    // A region name the table cannot place is warned about where it is drawn, with the
    // provider's spelling when one places it; not when a jurisdiction is drawn on it or around it.
    void unplacedRegionNamesAreWarnedAbout()
    {
        const Design d = imported(
            "digraph { subgraph cluster_fra { region=frankfurt; users [kind=database]; } "
            "subgraph cluster_eu { jurisdiction=EU; subgraph cluster_dc { region=dc1; x; } } "
            "a [region=\"eu_west_1\"]; b [region=\"ap-south1\"]; c [region=fra1, jurisdiction=eu]; "
            "e [region=\"europe-west1\"]; }");
        Diagnostics diags;
        validateDesign(d, Vocabulary::builtin(), diags);
        std::map<std::string, std::string> warned; // element → hint
        for (const auto& w : diags)
            if (w.code == "W-REGION") warned[w.element] = w.hint;
        QCOMPARE(warned.size(), std::size_t(3));
        QCOMPARE(warned["a"], std::string("did you mean 'eu-west-1'?"));
        QCOMPARE(warned["b"], std::string("did you mean 'ap-south-1'?"));
        QVERIFY(warned["fra"].find("jurisdiction") != std::string::npos);
    }

    void computePlacementsMatchesPlacementOf()
    {
        const Design d = imported(
            "digraph { subgraph cluster_a { region=westeurope; x; subgraph cluster_b { region=eastus; y; } } z [region=\"eu-west-2\"]; }");
        const auto all = computePlacements(d);
        QCOMPARE(all.size(), d.components().size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            const Placement one = placementOf(d, d.components()[i].id);
            QCOMPARE(all[i].region, one.region);
            QCOMPARE(all[i].jurisdiction, one.jurisdiction);
        }
        QCOMPARE(placementOf(d, "x").jurisdiction, std::string("EU"));
        QCOMPARE(placementOf(d, "y").jurisdiction, std::string("US"));
        QCOMPARE(placementOf(d, "z").jurisdiction, std::string("UK"));
    }

    void customTableOrderDecides()
    {
        const auto t = JurisdictionTable::fromRules({{"eu-west-2", "", "UK"}, {"", "eu-", "EU"}}, {"EU"});
        QCOMPARE(t.jurisdictionOfRegion("eu-west-2"), std::string("UK"));
        QCOMPARE(t.jurisdictionOfRegion("eu-west-3"), std::string("EU"));
        QCOMPARE(t.jurisdictionOfRegion("us-east-1"), std::string());
    }
};

QTEST_APPLESS_MAIN(TestJurisdiction)
#include "tst_jurisdiction.moc"
