// Threagile models read as designs (model/threagileimport.h): technical assets, links and trust
// boundaries, what Threagile says of them as properties, the warnings at their lines, and the
// review's core checks on a model written for Threagile.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/threagileexport.h"
#include "model/threagileimport.h"
#include "model/yamldocument.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <set>

using namespace pb::model;

namespace {
std::string fixture()
{
    return std::string(PB_TEST_DATA) + "/threagile/metering.yaml";
}

Design loaded(Diagnostics* out = nullptr)
{
    Diagnostics diags;
    auto d = loadDesignFile(fixture(), diags);
    if (!d) qFatal("not read: %s", formatAll(diags).c_str());
    if (out) *out = diags;
    return std::move(*d);
}

bool has(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

const Value* prop(const Properties& props, const char* key)
{
    return findProperty(props, key);
}

std::string kindOf(const Design& d, const char* id)
{
    const Component* c = d.component(id);
    return c ? c->kind : std::string("(none)");
}

// `text` written to `name` in `dir`, loaded: whether it was, and what was said.
std::pair<bool, std::string> load(const QTemporaryDir& dir, const std::string& name,
                                  const std::string& text)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    Diagnostics diags;
    const bool ok = loadDesignFile(path, diags).has_value();
    return {ok, formatAll(diags)};
}
} // namespace

class TestThreagile : public QObject
{
    Q_OBJECT

private slots:
    void technicalAssetsAreComponentsOfTheirTechnologysKind()
    {
        const Design d = loaded();
        QCOMPARE(d.title, std::string("Metered API"));
        QCOMPARE(d.components().size(), std::size_t(9));
        QCOMPARE(kindOf(d, "developer-browser"), std::string("client"));
        QCOMPARE(kindOf(d, "edge-lb"), std::string("load_balancer"));
        QCOMPARE(kindOf(d, "metering-api"), std::string("service"));
        QCOMPARE(kindOf(d, "key-cache"), std::string("cache")); // a "database" tagged redis
        QCOMPARE(kindOf(d, "accounts-db"), std::string("database"));
        QCOMPARE(kindOf(d, "usage-queue"), std::string("queue"));
        QCOMPARE(kindOf(d, "billing-worker"), std::string("worker"));
        QCOMPARE(kindOf(d, "payment-provider"), std::string("third_party")); // not used by a person
        for (const auto& c : d.components())
            QVERIFY2(c.kindInferred, c.id.c_str());
        QCOMPARE(d.component("metering-api")->label, std::string("Metering API"));
        // In the file's order, not the names' (YAML mappings are read into sorted JSON objects).
        std::vector<std::string> order;
        for (const auto& c : d.components())
            order.push_back(c.id);
        QCOMPARE(order, (std::vector<std::string>{"developer-browser", "edge-lb", "metering-api", "key-cache", "accounts-db",
                                                  "usage-queue", "billing-worker", "billing-db", "payment-provider"}));
    }

    void whatThreagileSaysBecomesProperties()
    {
        const Design d = loaded();
        // Data assets by name, merged through `<<: *customer-data`, and by tag.
        QCOMPARE(*prop(d.component("accounts-db")->props, "data"),
                 Value(StringList{"pii", "credentials"}));
        QCOMPARE(*prop(d.component("usage-queue")->props, "data"), Value(StringList{"usage"}));
        QCOMPARE(*prop(d.component("billing-db")->props, "data"),
                 Value(StringList{"billing", "usage"}));
        QCOMPARE(*prop(d.component("edge-lb")->props, "public"), Value(true));
        QVERIFY(!prop(d.component("developer-browser")->props,
                      "public")); // the user, not an entry point
        QCOMPARE(*prop(d.component("key-cache")->props, "encrypted_at_rest"), Value(false));
        QCOMPARE(*prop(d.component("accounts-db")->props, "encrypted_at_rest"), Value(true));
        QCOMPARE(*prop(d.component("accounts-db")->props, "replicas"), Value(0.0));
        QCOMPARE(*prop(d.component("billing-db")->props, "replicas"), Value(1.0));
        QVERIFY(!prop(d.component("metering-api")->props, "replicas")); // not a store
    }

    void linksAreFlowsWithProtocolAuthAndWhatTheyCarry()
    {
        const Design d = loaded();
        QCOMPARE(d.flows().size(), std::size_t(7)); // the link to a missing asset is left out
        const Flow* key = d.flow("metering-api>key-lookup");
        QVERIFY(key);
        QCOMPARE(key->label, std::string("Key Lookup"));
        QCOMPARE(*prop(key->props, "protocol"), Value(std::string("nosql-access-protocol")));
        QCOMPARE(*prop(key->props, "tls"), Value(true));
        QCOMPARE(*prop(key->props, "auth"), Value(std::string("api_key")));
        QCOMPARE(*prop(key->props, "op"), Value(std::string("read")));
        const Flow* plain = d.flow("edge-lb>to-api");
        QCOMPARE(*prop(plain->props, "tls"), Value(false));
        QCOMPARE(*prop(plain->props, "auth"), Value(std::string("none")));
        const Flow* portal = d.flow("developer-browser>portal-traffic");
        QCOMPARE(*prop(portal->props, "carries"), Value(StringList{"pii", "rate-card", "billing"}));
        QCOMPARE(*prop(portal->props, "auth"), Value(std::string("session")));
        // A consumer's link points at its queue in Threagile; the design draws it from the queue.
        const Flow* consume = d.flow("billing-worker>consume-usage");
        QVERIFY(consume);
        QCOMPARE(consume->from, std::string("usage-queue"));
        QCOMPARE(consume->to, std::string("billing-worker"));
        QCOMPARE(*prop(consume->props, "op"), Value(std::string("consume")));
        const Flow* publish = d.flow("metering-api>publish-usage");
        QCOMPARE(publish->from, std::string("metering-api")); // publishing keeps its direction
    }

    void trustBoundariesNestAndHoldTheirAssets()
    {
        Diagnostics diags;
        const Design d = loaded(&diags);
        QCOMPARE(d.zones().size(), std::size_t(3));
        const Zone* cloud = d.zone("cloud-account");
        QCOMPARE(cloud->kind, std::string("trust_boundary"));
        QCOMPARE(cloud->members,
                 (std::vector<std::string>{"edge-lb", "app-subnet", "data-subnet"}));
        QCOMPARE(d.zone("app-subnet")->members,
                 (std::vector<std::string>{"metering-api", "billing-worker", "usage-queue"}));
        QCOMPARE(d.zone("data-subnet")->members,
                 (std::vector<std::string>{"key-cache", "accounts-db", "billing-db"}));
        const std::string said = formatAll(diags);
        QVERIFY2(said.find("metering.yaml:132:7: warning: the communication link 'Audit Trail' of "
                           "'metering-api' goes to "
                           "'audit-log-store'") != std::string::npos,
                 said.c_str());
        QVERIFY2(said.find("metering.yaml:230:5: warning: 'usage-queue' is in the trust boundary "
                           "'app-subnet' already") != std::string::npos,
                 said.c_str());
        QCOMPARE(diags.size(), std::size_t(2));
    }

    // A region named in a boundary's name or an asset's tags is where it runs, for the residency
    // checks: taken, and said in a note.
    void regionsNamedInTagsOrNamesAreTaken()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("regions.yaml").toStdString();
        std::ofstream(path) << "threagile_version: 1.0.0\n"
                               "data_assets:\n  Customer Profiles: {id: profiles}\n"
                               "technical_assets:\n"
                               "  Profiles DB: {id: db, type: datastore, technology: database, data_assets_stored: [profiles]}\n"
                               "  Analytics: {id: bi, technology: big-data-platform, tags: ['aws:us-east-1'],\n"
                               "    communication_links: {Pull: {target: db, protocol: https}}}\n"
                               "  Plain: {id: plain, technology: web-server, tags: [linux, europe]}\n"
                               "trust_boundaries:\n"
                               "  AWS eu-west-1: {id: eu, technical_assets_inside: [db]}\n";
        Diagnostics diags;
        const auto d = loadDesignFile(path, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(*prop(d->zone("eu")->props, "region"), Value(std::string("eu-west-1")));
        QCOMPARE(*prop(d->component("bi")->props, "region"), Value(std::string("us-east-1")));
        QVERIFY(!prop(d->component("plain")->props, "region")); // "europe" names no region
        const std::string said = formatAll(diags);
        QVERIFY2(said.find("regions.yaml:6:3: note: 'us-east-1', named in its tags, is taken as the region of 'Analytics'") !=
                     std::string::npos,
                 said.c_str());
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        bool leak = false;
        for (const auto& f : set.review(*d).findings)
            leak = leak || (f.ruleId == "cross-region-pii" && has(f.targets, "db") && has(f.targets, "bi"));
        QVERIFY(leak);
    }

    // The point of reading them: a model kept for Threagile's risks gets the review's questions.
    void theCoreChecksReadAModel()
    {
        const Design d = loaded();
        pb::rules::RuleSet set;
        Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        bool billedTwice = false, breaker = false;
        for (const auto& f : set.review(d).findings) {
            billedTwice =
                billedTwice ||
                (f.ruleId == "non-idempotent-billing-consumer" && has(f.targets, "usage-queue") &&
                 has(f.targets, "billing-worker") && has(f.targets, "billing-db"));
            breaker = breaker || (f.ruleId == "missing-circuit-breaker" &&
                                  has(f.targets, "key-cache") && has(f.targets, "accounts-db"));
        }
        QVERIFY(billedTwice && breaker);
    }

    // A design written as a Threagile model reads back as itself, places aside (Threagile has
    // none): every example, with its kinds, properties, data classes, flows and zones.
    void exportedDesignsComeBackWhole()
    {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(PB_RESOURCES) + "/examples")) {
            if (entry.path().extension() != ".probeboard") continue;
            const std::string name = entry.path().filename().string();
            Diagnostics diags;
            const auto d = loadDesignFile(entry.path().string(), diags);
            QVERIFY(d);
            const auto text = exportThreagile(*d, entry.path().string(), diags);
            QVERIFY2(text, formatAll(diags).c_str());
            Diagnostics back;
            const auto again = importThreagile(*text, "back.yaml", back);
            QVERIFY2(again, (name + "\n" + formatAll(back)).c_str());
            QVERIFY2(back.empty(), (name + "\n" + formatAll(back)).c_str());
            QCOMPARE(again->title, d->title);
            QCOMPARE(again->components().size(), d->components().size());
            for (const auto& c : d->components()) {
                const Component* b = again->component(c.id);
                QVERIFY2(b, (name + ": " + c.id).c_str());
                QVERIFY2(b->kind == c.kind && b->kindInferred == c.kindInferred && b->label == c.label, (name + ": " + c.id).c_str());
                QVERIFY2(b->props == c.props, (name + ": properties of " + c.id).c_str());
            }
            QCOMPARE(again->flows().size(), d->flows().size());
            for (const auto& f : d->flows()) {
                const Flow* b = again->flow(f.id);
                QVERIFY2(b, (name + ": " + f.id).c_str());
                QVERIFY2(b->from == f.from && b->to == f.to && b->label == f.label, (name + ": " + f.id).c_str());
                QVERIFY2(b->props == f.props, (name + ": properties of " + f.id).c_str());
            }
            QCOMPARE(again->zones().size(), d->zones().size());
            for (const auto& z : d->zones()) {
                const Zone* b = again->zone(z.id);
                QVERIFY2(b && b->kind == z.kind && b->label == z.label && b->props == z.props, (name + ": " + z.id).c_str());
                auto sorted = [](std::vector<std::string> v) { std::sort(v.begin(), v.end()); return v; };
                QCOMPARE(sorted(b->members), sorted(z.members));
            }
        }
    }

    // A design whose model the reader could not take is refused at once, not built first.
    void anExportTooLargeToReadIsRefused()
    {
        Design d;
        for (int i = 0; i < 60000; ++i)
            d.addComponent({"c" + std::to_string(i), "service", "", {}, {}, {}});
        Diagnostics diags;
        QVERIFY(!exportThreagile(d, "big.probeboard", diags));
        QVERIFY2(formatAll(diags).find("E-LIMIT") != std::string::npos, formatAll(diags).c_str());
    }

    // What Threagile asks every model for is there, with values it accepts.
    void anExportedModelHasWhatThreagileRequires()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(std::string(PB_RESOURCES) + "/examples/payments.probeboard", diags);
        QVERIFY(d);
        const auto text = exportThreagile(*d, "payments.probeboard", diags);
        QVERIFY(text);
        const auto doc = YamlDocument::parse(*text, "x.yaml", diags);
        QVERIFY(doc);
        const auto& m = doc->root;
        QCOMPARE(m["threagile_version"], nlohmann::json("1.0.0"));
        const std::vector<std::string> tags = m["tags_available"];
        auto declared = [&](const nlohmann::json& entry) {
            for (const auto& t : entry["tags"])
                if (std::find(tags.begin(), tags.end(), t.get<std::string>()) == tags.end()) return false;
            return true;
        };
        auto oneOf = [](const nlohmann::json& v, std::initializer_list<const char*> allowed) {
            return v.is_string() && std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
        };
        for (const auto& [n, a] : m["data_assets"].items()) {
            QVERIFY2(a.contains("description") && oneOf(a["usage"], {"business", "devops"}) &&
                         oneOf(a["quantity"], {"very-few", "few", "many", "very-many"}) &&
                         oneOf(a["confidentiality"], {"public", "internal", "restricted", "confidential", "strictly-confidential"}) &&
                         oneOf(a["integrity"], {"archive", "operational", "important", "critical", "mission-critical"}) && declared(a),
                     n.c_str());
        }
        std::set<std::string> assetIds;
        for (const auto& [n, a] : m["technical_assets"].items())
            assetIds.insert(a["id"].get<std::string>());
        for (const auto& [n, a] : m["technical_assets"].items()) {
            QVERIFY2(oneOf(a["type"], {"external-entity", "process", "datastore"}) && oneOf(a["size"], {"system", "service", "application", "component"}) &&
                         oneOf(a["machine"], {"physical", "virtual", "container", "serverless"}) &&
                         oneOf(a["encryption"], {"none", "transparent"}) && a["technology"].is_string() && declared(a),
                     n.c_str());
            for (const auto& [ln, l] : a["communication_links"].items()) {
                QVERIFY2(assetIds.count(l["target"].get<std::string>()) && l["protocol"].is_string() &&
                             oneOf(l["authentication"], {"none", "credentials", "session-id", "token", "client-certificate", "two-factor"}) &&
                             oneOf(l["authorization"], {"none", "technical-user", "enduser-identity-propagation"}) && declared(l),
                         ln.c_str());
            }
        }
        for (const auto& [n, b] : m["trust_boundaries"].items())
            QVERIFY2(oneOf(b["type"], {"network-on-prem", "network-dedicated-hoster", "network-virtual-lan", "network-cloud-provider",
                                       "network-cloud-security-group", "network-policy-namespace-isolation", "execution-environment"}) &&
                         declared(b),
                     n.c_str());
    }

    void elementsHaveTheirLines()
    {
        const Design d = loaded();
        const auto lines = elementLines(fixture(), d);
        QCOMPARE(lines.at("metering-api"), 100);
        QCOMPARE(lines.at("metering-api>key-lookup"), 112);
        QCOMPARE(lines.at("usage-queue"), 161);
        QCOMPARE(lines.at("app-subnet"), 219);
    }

    // A README that shows a model's first line is still read for its Mermaid flowchart's lines.
    void aReadmeShowingAModelIsNoModel()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("README.md").toStdString();
        std::ofstream(path) << "# Model\n\n```yaml\nthreagile_version: 1.0.0\n```\n\n```mermaid\nflowchart LR\n"
                               "  api --> db\n```\n";
        Diagnostics diags;
        const auto d = loadDesignFile(path, diags);
        QVERIFY2(d && d->component("api"), formatAll(diags).c_str());
        QCOMPARE(elementLines(path, *d).at("api"), 9);
    }

    void toldByContentAndFoundInFolders()
    {
        QTemporaryDir dir;
        std::ifstream in(fixture());
        const std::string model((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        QVERIFY(looksLikeThreagile(model));
        QVERIFY(!looksLikeThreagile("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"));
        QVERIFY(!looksLikeThreagile("# threagile_version: 1.0.0\n"));
        // Under another name too, and in a folder beside YAML that is no design.
        auto [ok, said] = load(dir, "model.txt", model);
        QVERIFY2(ok, said.c_str());
        std::tie(ok, said) = load(dir, "threagile.yml", model);
        QVERIFY2(ok, said.c_str());
        std::tie(ok, said) = load(dir, "ci.yaml", "on: push\n");
        QVERIFY2(!ok && said.find("neither a Threagile model nor an Open Threat Model document") !=
                            std::string::npos,
                 said.c_str());
        Diagnostics diags;
        const auto files = designFilesIn(dir.path().toStdString(), diags);
        QCOMPARE(files.size(), std::size_t(1));
        QVERIFY(files.front().find("threagile.yml") != std::string::npos);
        QVERIFY(isThreagileFile(files.front()));
    }

    void brokenModelsAreRefusedOrWarnedAtTheirPlace()
    {
        QTemporaryDir dir;
        auto [ok, said] =
            load(dir, "broken.yaml", "threagile_version: 1.0.0\ntechnical_assets:\n  A: {id: a\n");
        QVERIFY2(!ok && said.find("broken.yaml:4:") != std::string::npos &&
                     said.find("not YAML") != std::string::npos,
                 said.c_str());
        std::tie(ok, said) =
            load(dir, "list.yaml", "threagile_version: 1.0.0\ntechnical_assets:\n  - id: a\n");
        QVERIFY2(ok && said.find("list.yaml:2:1: warning: technical_assets is not a mapping") !=
                           std::string::npos,
                 said.c_str());
        std::tie(ok, said) = load(dir, "entry.yaml", "threagile_version: 1.0.0\ntechnical_assets:\n  A: just text\n");
        QVERIFY2(ok && said.find("entry.yaml:3:3: warning: the technical asset 'A' is not a mapping") != std::string::npos,
                 said.c_str());
        std::tie(ok, said) = load(dir, "cycle.yaml",
                                  "threagile_version: 1.0.0\ntrust_boundaries:\n"
                                  "  A: {id: a, trust_boundaries_nested: [b]}\n  B: {id: b, "
                                  "trust_boundaries_nested: [a]}\n");
        QVERIFY2(!ok && said.find("cycle") != std::string::npos, said.c_str());
        // An asset without an id, ids written as numbers, an id used twice, a boundary holding
        // itself.
        std::tie(ok, said) =
            load(dir, "odd.yaml",
                 "threagile_version: 1.0.0\ntechnical_assets:\n"
                 "  No Id: {technology: database, communication_links: {L: {target: '7'}}}\n"
                 "  Seven: {id: 7, technology: web-server}\n  Again: {id: 7}\n"
                 "  Listed: {id: listed, technologies: [unknown-technology, message-queue]}\n"
                 "trust_boundaries:\n  Self: {id: self, trust_boundaries_nested: [self]}\n"
                 "  Outer: {id: outer, trust_boundaries_nested: [self]}\n");
        QVERIFY2(ok && said.find("'self' lists itself") != std::string::npos, said.c_str());
        Diagnostics diags;
        const auto odd = loadDesignFile(dir.filePath("odd.yaml").toStdString(), diags);
        QCOMPARE(kindOf(*odd, "no-id"), std::string("database"));
        QCOMPARE(kindOf(*odd, "7"), std::string("service"));
        QCOMPARE(kindOf(*odd, "7-2"), std::string("service")); // nothing said: its words
        QCOMPARE(kindOf(*odd, "listed"), std::string("queue"));  // newer models list technologies
        QCOMPARE(odd->flows().size(), std::size_t(1));
        QCOMPARE(odd->flows().front().to, std::string("7"));
        QVERIFY(odd->zone("self")->members.empty());
        QCOMPARE(odd->zone("outer")->members, std::vector<std::string>{"self"});
        // Past 32 MiB under any name (standard input, a .txt): refused before it is parsed.
        std::string big = "threagile_version: 1.0.0\ntitle: " + std::string(33u << 20, 'x') + "\n";
        Diagnostics bigDiags;
        QVERIFY(!importThreagile(big, "-", bigDiags));
        QVERIFY2(formatAll(bigDiags).find("E-YAML-SIZE") != std::string::npos, formatAll(bigDiags).c_str());
        std::string deep = "threagile_version: 1.0.0\ntechnical_assets: ";
        for (int i = 0; i < 100000; ++i)
            deep += "{a: ";
        std::tie(ok, said) = load(dir, "deep.yaml", deep);
        QVERIFY2(!ok && said.find("E-YAML") != std::string::npos, said.c_str());
    }
};

QTEST_GUILESS_MAIN(TestThreagile)
#include "tst_threagile.moc"
