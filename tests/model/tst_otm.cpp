// Open Threat Model documents (OTM, JSON) read as designs: components under their own ids, trust
// zones as zones (nested, and holding what is placed in them), data assets as data classes, the
// vocabulary's attributes as properties; broken documents refused with their place.
#include "model/designfile.h"
#include "model/autolayout.h"
#include "model/drawndiagram.h"
#include "model/designpart.h"
#include "model/otmexport.h"
#include "model/otmimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

using namespace pb::model;

namespace {
std::string fixture()
{
    return std::string(PB_TEST_DATA) + "/otm/payments.otm";
}

bool has(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

template <typename T>
T prop(const Properties& props, const char* key)
{
    const Value* v = findProperty(props, key);
    return v ? std::get<T>(*v) : T{};
}
} // namespace

class TestOtm : public QObject
{
    Q_OBJECT

    // What OTM 0.2.0's schema asks of each part (read from the specification, not copied).
    static void requiredFieldsPresent(const nlohmann::json& doc)
    {
        auto has = [](const nlohmann::json& j, std::initializer_list<const char*> keys) {
            for (const char* k : keys)
                if (!j.contains(k)) return false;
            return true;
        };
        QVERIFY(has(doc, {"otmVersion", "project"}) && has(doc["project"], {"name", "id"}));
        for (const auto& a : doc["assets"])
            QVERIFY(has(a, {"name", "id", "risk"}) && has(a["risk"], {"confidentiality", "integrity", "availability"}));
        for (const auto& z : doc["trustZones"])
            QVERIFY(has(z, {"id", "name", "risk"}) && z["risk"].contains("trustRating"));
        for (const auto& c : doc["components"])
            QVERIFY(has(c, {"id", "name", "type", "parent"}) && c["parent"].contains("trustZone"));
        for (const auto& f : doc["dataflows"])
            QVERIFY(has(f, {"id", "name", "source", "destination"}));
    }

private slots:
    void componentsKeepTheirIdsAndGainKinds()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture(), diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->title, std::string("Payments"));
        QCOMPARE(d->components().size(), std::size_t(8));
        auto kind = [&](const char* id) { return d->component(id) ? d->component(id)->kind : "(none)"; };
        QCOMPARE(kind("mobile-app"), std::string("client"));     // type mobile-client
        QCOMPARE(kind("api-gw"), std::string("api_gateway"));    // type api-gateway
        QCOMPARE(kind("ledger-db"), std::string("database"));    // type rds, tag postgres
        QCOMPARE(kind("sessions"), std::string("cache"));        // type elasticache
        QVERIFY(d->component("ledger-db")->kindInferred);
        // The vocabulary's attributes are properties; a tool's own ("owner") is not read.
        const Component* svc = d->component("payments-svc");
        QCOMPARE(prop<double>(svc->props, "instances"), 6.0);
        QCOMPARE(prop<double>(svc->props, "rps"), 1200.0);
        QVERIFY(!findProperty(svc->props, "owner"));
        QCOMPARE(prop<std::string>(d->component("ledger-db")->props, "failover"), std::string("automatic"));
        QCOMPARE(prop<bool>(d->component("ledger-db")->props, "managed"), false);
        QVERIFY(!findProperty(d->component("ledger-db")->props, "replicas")); // "two": left out, said
        const std::string said = formatAll(diags);
        QVERIFY2(said.find("payments.otm:34:58: warning: the attribute 'replicas' holds \"two\", not a number") !=
                     std::string::npos,
                 said.c_str());
        QVERIFY(said.find("payments.otm:50:5: warning: the data flow 'loose' ends at 'private', which is no component") !=
                std::string::npos);
    }

    void assetsAreDataClasses()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture(), diags);
        QVERIFY(d);
        // What a store keeps is what it stores, not what it only processes; asset names the rules
        // know become their classes, others a class of their own name.
        QCOMPARE(prop<std::vector<std::string>>(d->component("ledger-db")->props, "data"),
                 std::vector<std::string>{"payment"});
        QCOMPARE(prop<std::vector<std::string>>(d->component("customers-db")->props, "data"),
                 std::vector<std::string>{"pii"});
        QVERIFY(!findProperty(d->component("payments-svc")->props, "data"));
        auto flow = [&](const char* id) -> const Flow& { return *d->flow(id); };
        QCOMPARE(prop<std::vector<std::string>>(flow("pay").props, "carries"),
                 (std::vector<std::string>{"pii", "payment"}));
        QCOMPARE(prop<std::vector<std::string>>(flow("prices").props, "carries"),
                 std::vector<std::string>{"public-catalogue"});
        QVERIFY(!findProperty(flow("charge").props, "carries")); // no assets said: nothing assumed
        QCOMPARE(prop<bool>(flow("pay").props, "tls"), true);
        QCOMPARE(d->flows().size(), std::size_t(7));
    }

    void trustZonesHoldWhatIsPlacedInThem()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture(), diags);
        QVERIFY(d);
        const Zone* aws = d->zone("aws-eu");
        const Zone* inner = d->zone("private");
        QVERIFY(aws && inner);
        QCOMPARE(aws->kind, std::string("trust_boundary"));
        QCOMPARE(prop<std::string>(aws->props, "region"), std::string("eu-west-1"));
        QVERIFY(has(aws->members, "private") && has(aws->members, "api-gw"));
        QVERIFY(has(inner->members, "ledger-db"));
        QVERIFY(has(inner->members, "fraud-check")); // placed in a component that is in the zone
        QCOMPARE(d->zone("vendor-us")->members, std::vector<std::string>{"analytics"});
        // Placed in part: every place is left to the whiteboard's layout, which keeps zones apart.
        QVERIFY(isUnpositioned(*d));
        QCOMPARE(d->zone("aws-eu")->size.width, 0.0);
    }

    void aDocumentPlacedWhollyKeepsItsPlaces()
    {
        Diagnostics diags;
        const auto d = importOtm("{\"otmVersion\": \"0.2.0\", \"components\": ["
                                 "{\"id\": \"a\", \"representations\": [{\"position\": {\"x\": 100, \"y\": 40}, "
                                 "\"size\": {\"width\": 160, \"height\": 64}}]},"
                                 "{\"id\": \"b\", \"representations\": [{\"position\": {\"x\": 400, \"y\": 40}}]}]}",
                                 "placed.otm", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("a")->pos.x, 100.0); // its centre kept: the kind's box is 160 × 64
        QCOMPARE(d->component("b")->pos.y, 40.0 - drawnSizeOf("service").height / 2);
    }

    // The point of reading them: the review's own questions on a model kept for threats.
    void theCoreChecksReadADocument()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture(), diags);
        QVERIFY(d);
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        bool leak = false, fencing = false, breaker = false;
        for (const auto& f : set.review(*d).findings) {
            leak = leak || (f.ruleId == "cross-region-pii" && has(f.targets, "customers-db") && has(f.targets, "analytics"));
            fencing = fencing || (f.ruleId == "unfenced-failover" && has(f.targets, "ledger-db"));
            breaker = breaker || (f.ruleId == "missing-circuit-breaker" && has(f.targets, "sessions"));
        }
        QVERIFY(leak && fencing && breaker);
    }

    // A CI annotation on a finding lands on the element's line in the document.
    void elementsHaveTheirLines()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture(), diags);
        QVERIFY(d);
        const auto lines = elementLines(fixture(), *d);
        QCOMPARE(lines.at("ledger-db"), 32);
        QCOMPARE(lines.at("record"), 46);
        QCOMPARE(lines.at("aws-eu"), 19);
    }

    // Every example goes out as OTM and comes back as the same design: ids, kinds (said, not
    // guessed), labels, places and sizes, properties, data classes, zones and their members. Only
    // bends, which OTM does not carry, are lost; the document is what the schema asks for.
    void exportedDesignsComeBackWhole()
    {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(PB_RESOURCES) + "/examples")) {
            if (entry.path().extension() != ".probeboard") continue;
            Diagnostics diags;
            auto d = loadDesignFile(entry.path().string(), diags);
            QVERIFY(d);
            const auto text = exportOtm(*d, entry.path().string(), diags);
            QVERIFY2(text, formatAll(diags).c_str());
            requiredFieldsPresent(nlohmann::json::parse(*text));
            auto back = importOtm(*text, "back.otm", diags);
            QVERIFY2(back, formatAll(diags).c_str());
            for (const auto& f : d->flows())
                d->flow(f.id)->bends.clear();
            for (const auto& z : d->zones()) {
                auto sorted = [](std::vector<std::string> v) { std::sort(v.begin(), v.end()); return v; };
                QCOMPARE(sorted(back->zone(z.id)->members), sorted(z.members));
                back->zone(z.id)->members = z.members;
            }
            QVERIFY2(back->components() == d->components(), entry.path().filename().c_str());
            QVERIFY2(back->flows() == d->flows(), entry.path().filename().c_str());
            QVERIFY2(back->zones() == d->zones(), entry.path().filename().c_str());
            QCOMPARE(back->title, d->title);
        }
    }

    // A kind still to be confirmed (guessed by an import) is still to be confirmed once back.
    void aKindToConfirmStaysToConfirm()
    {
        Design d;
        Component guessed{"orders-db", "database", "Orders DB", {}, {}, {}};
        guessed.kindInferred = true;
        d.addComponent(guessed);
        d.addComponent({"api", "service", "API", {}, {}, {}});
        Diagnostics diags;
        const auto text = exportOtm(d, "d.probeboard", diags);
        QVERIFY(text);
        const auto back = importOtm(*text, "back.otm", diags);
        QVERIFY2(back, formatAll(diags).c_str());
        QVERIFY(back->component("orders-db")->kindInferred);
        QCOMPARE(back->component("orders-db")->kind, std::string("database"));
        QVERIFY(!back->component("api")->kindInferred);
    }

    // OTM places every component in a trust zone: those in none go into one made for them, which
    // reads back as no zone at all.
    void componentsInNoZoneComeBackInNone()
    {
        Design d;
        Component a{"api", "service", "API", {}, {10, 10}, {}, false};
        d.addComponent(a);
        Diagnostics diags;
        const auto text = exportOtm(d, "one.probeboard", diags);
        QVERIFY(text);
        const auto doc = nlohmann::json::parse(*text);
        QCOMPARE(doc["components"][0]["parent"]["trustZone"].get<std::string>(), std::string("outside"));
        QCOMPARE(doc["trustZones"][0]["type"].get<std::string>(), std::string(kOutsideZoneType));
        QCOMPARE(doc["project"]["name"].get<std::string>(), std::string("one"));
        const auto back = importOtm(*text, "one.otm", diags);
        QVERIFY(back && back->zones().empty() && back->component("api"));
    }

    // Nothing is written that the reader would refuse: past 64 MiB, an error instead of a file.
    void anExportTooLargeToReadIsRefused()
    {
        Design d;
        for (int i = 0; i < 70; ++i)
            d.addComponent({"c" + std::to_string(i), "service", std::string(1'000'000, 'x'), {}, {}, {}, false});
        Diagnostics diags;
        QVERIFY(!exportOtm(d, "big.probeboard", diags));
        QVERIFY2(formatAll(diags).find("is read only up to 64 MiB") != std::string::npos, formatAll(diags).c_str());
    }

    void foundByContentAndInFolders()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QString::fromStdString(fixture()), dir.filePath("model.otm")));
        QVERIFY(QFile::copy(QString::fromStdString(fixture()), dir.filePath("startleft.json")));
        std::ofstream(dir.filePath("package.json").toStdString()) << "{\"name\": \"web\", \"version\": \"1.0.0\"}";
        Diagnostics diags;
        const auto files = designFilesIn(dir.path().toStdString(), diags);
        QCOMPARE(files.size(), std::size_t(2)); // not package.json
        QVERIFY(isOtmFile(dir.filePath("startleft.json").toStdString()));
        QVERIFY(!isOtmFile(dir.filePath("package.json").toStdString()));
        // A design file with a property of that name stays a design file.
        const std::string design = dir.filePath("design.json").toStdString();
        std::ofstream(design) << "{\"format\": \"probeboard/1\", \"title\": \"x\", \"components\": "
                                 "[{\"id\": \"a\", \"kind\": \"service\", \"properties\": {\"otmVersion\": \"1\"}}]}";
        QVERIFY(!isOtmFile(design));
        const auto asDesign = loadDesignFile(design, diags);
        QVERIFY2(asDesign && asDesign->component("a"), formatAll(diags).c_str());
        const auto asJson = loadDesignFile(dir.filePath("startleft.json").toStdString(), diags);
        QVERIFY2(asJson && asJson->component("ledger-db"), formatAll(diags).c_str());
    }

    // OTM may be written as YAML: the same document reads to the same design, and its warnings and
    // the CI annotations' lines are the YAML's own.
    void aDocumentInYamlReadsAsInJson()
    {
        Diagnostics fromJson, fromYaml;
        const auto json = loadDesignFile(fixture(), fromJson);
        const std::string yamlFile = std::string(PB_TEST_DATA) + "/otm/payments-yaml.otm";
        const auto yaml = loadDesignFile(yamlFile, fromYaml);
        QVERIFY2(json && yaml, (formatAll(fromJson) + formatAll(fromYaml)).c_str());
        QCOMPARE(designToText(*yaml), designToText(*json));
        const std::string said = formatAll(fromYaml);
        QVERIFY2(said.find("payments-yaml.otm:135:5: warning: the attribute 'replicas'") != std::string::npos, said.c_str());
        QCOMPARE(fromYaml.size(), fromJson.size());
        std::ifstream in(yamlFile);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QVERIFY(looksLikeOtm(text));
        const auto lines = otmElementLines(text);
        QCOMPARE(lines.at("customers-db"), 137); // "- name: Customers"
        QCOMPARE(elementLines(yamlFile, *yaml).at("customers-db"), 137);
    }

    void brokenDocumentsAreRefusedWithTheirPlace()
    {
        QTemporaryDir dir;
        auto load = [&](const std::string& name, const std::string& text) {
            const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
            std::ofstream(path, std::ios::binary) << text;
            Diagnostics diags;
            const bool ok = loadDesignFile(path, diags).has_value();
            return std::make_pair(ok, formatAll(diags));
        };
        auto [ok, said] = load("broken.otm", "{\"otmVersion\": \"0.2.0\",\n \"components\": [}\n");
        QVERIFY2(!ok && said.find("broken.otm:2:") != std::string::npos, said.c_str());
        std::tie(ok, said) = load("yaml.otm", "otmVersion: 0.2.0\nproject:\n  name: [x\ncomponents: []\n");
        QVERIFY2(!ok && said.find("yaml.otm:4:11: error: not YAML") != std::string::npos &&
                     said.find("flow sequence at line 3") != std::string::npos,
                 said.c_str());
        std::tie(ok, said) = load("list.otm", "[1, 2]");
        QVERIFY2(!ok && said.find("an OTM document is an object") != std::string::npos, said.c_str());
        std::tie(ok, said) = load("cycle.otm",
                                  "{\"otmVersion\": \"0.2.0\", \"trustZones\": ["
                                  "{\"id\": \"a\", \"parent\": {\"trustZone\": \"b\"}},"
                                  "{\"id\": \"b\", \"parent\": {\"trustZone\": \"a\"}}]}");
        QVERIFY2(!ok && said.find("cycle") != std::string::npos, said.c_str());
        // Components placed in one another round a loop: read, not a hang.
        std::tie(ok, said) = load("loop.otm",
                                  "{\"otmVersion\": \"0.2.0\", \"components\": ["
                                  "{\"id\": \"a\", \"parent\": {\"component\": \"b\"}},"
                                  "{\"id\": \"b\", \"parent\": {\"component\": \"a\"}},"
                                  "{\"id\": \"a\", \"name\": \"second a\"}]}");
        QVERIFY2(ok, said.c_str());
        std::string deep = "{\"otmVersion\": \"0.2.0\", \"components\": ";
        for (int i = 0; i < 100000; ++i)
            deep += "[";
        std::tie(ok, said) = load("deep.otm", deep);
        QVERIFY(!ok); // refused, not a crash
    }
};

QTEST_GUILESS_MAIN(TestOtm)
#include "tst_otm.moc"
