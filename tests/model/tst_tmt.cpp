// Microsoft Threat Modeling Tool models (.tm7) read as designs: processes, stores and external
// interactors as components, data flows, trust-boundary boxes as zones; each diagram a design of
// its own; broken models refused with their line and column.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/tmtimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace pb::model;

namespace {
std::string fixture(const char* name)
{
    return std::string(PB_TEST_DATA) + "/tmt/" + name;
}

bool has(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string kindOf(const Design& d, const char* id)
{
    return d.component(id) ? d.component(id)->kind : "(none)";
}
} // namespace

class TestTmt : public QObject
{
    Q_OBJECT

private slots:
    void kindsFromNamesAndStencils()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.tm7") + "#1", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->title, std::string("Shop — Checkout"));
        QCOMPARE(d->components().size(), std::size_t(8));
        QCOMPARE(kindOf(*d, "shopper"), std::string("client"));          // a Browser interactor
        QCOMPARE(kindOf(*d, "storefront"), std::string("service"));      // a Web Application process
        QCOMPARE(kindOf(*d, "orders"), std::string("database"));         // an SQL Database store
        QCOMPARE(kindOf(*d, "sessions"), std::string("cache"));          // Azure Redis Cache
        QCOMPARE(kindOf(*d, "payments-fraud"), std::string("third_party")); // External Web Service
        QCOMPARE(kindOf(*d, "audit-trail"), std::string("audit_ledger")); // log data, named audit
        // "user" in a store's name does not make it a client.
        QCOMPARE(kindOf(*d, "user-profiles"), std::string("database"));
        QVERIFY(d->component("orders")->kindInferred);
        QCOMPARE(d->component("payments-fraud")->label, std::string("Payments & Fraud"));
        QCOMPARE(std::get<std::vector<std::string>>(*findProperty(d->component("orders")->props, "data")),
                 std::vector<std::string>{"credentials"});
    }

    void flowsKeepTheirProtocolAndEncryption()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.tm7") + "#1", diags);
        QVERIFY(d);
        QCOMPARE(d->flows().size(), std::size_t(7)); // the dangling one left out
        auto flow = [&](const std::string& label) -> const Flow& {
            for (const auto& f : d->flows())
                if (f.label == label) return f;
            throw std::runtime_error("no flow " + label);
        };
        auto prop = [](const Flow& f, const char* key) { return findProperty(f.props, key); };
        const Flow& browse = flow("Browse and pay");
        QCOMPARE(browse.from + " " + browse.to, std::string("shopper storefront"));
        QCOMPARE(std::get<std::string>(*prop(browse, "protocol")), std::string("https"));
        QCOMPARE(std::get<bool>(*prop(browse, "tls")), true);
        QCOMPARE(std::get<bool>(*prop(flow("Place order"), "tls")), false);      // HTTP, not confidential
        QCOMPARE(std::get<bool>(*prop(flow("Write order"), "tls")), true);       // Provides Confidentiality: Yes
        QVERIFY(!prop(flow("Write order"), "protocol"));                         // a generic flow names none
        QVERIFY(!prop(flow("Read session"), "tls"));                             // not said: not assumed
    }

    void boundariesHoldWhatIsDrawnInsideThem()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.tm7") + "#1", diags);
        QVERIFY(d);
        QCOMPARE(d->zones().size(), std::size_t(2));
        const Zone* outer = d->zone("azure-subscription");
        const Zone* inner = d->zone("data-tier");
        QVERIFY(outer && inner);
        QCOMPARE(outer->kind, std::string("trust_boundary"));
        QVERIFY(has(outer->members, "storefront") && has(outer->members, "data-tier"));
        QVERIFY(!has(outer->members, "shopper") && !has(outer->members, "orders"));
        QVERIFY(has(inner->members, "orders") && has(inner->members, "sessions"));
        // What was left out is said where it is: the tool writes a model on one line, so the
        // column says which element.
        const std::string said = formatAll(diags);
        QVERIFY2(said.find("shop.tm7:1:44134: warning: the data flow 'Dangling' has no process") != std::string::npos,
                 said.c_str());
        QVERIFY(said.find("shop.tm7:1:47003: warning: a trust boundary drawn as a line holds nothing") !=
                std::string::npos);
    }

    void eachDiagramIsADesign()
    {
        const std::string file = fixture("shop.tm7");
        QCOMPARE(eachDesignIn({file}), (std::vector<std::string>{file + "#1", file + "#2"}));
        QCOMPARE(designsIn(file).at(1).heading, std::string("Back office"));
        Diagnostics diags;
        const auto whole = loadDesignFile(file, diags);
        QVERIFY(whole && whole->components().size() == 8);
        QVERIFY2(formatAll(diags).find("1 more diagram not read (name one as " + file + "#2") != std::string::npos,
                 formatAll(diags).c_str());
        diags.clear();
        const auto second = loadDesignFile(file + "#2", diags);
        QVERIFY(second && second->components().size() == 2 && second->flows().size() == 1);
        QCOMPARE(second->title, std::string("Shop — Back office"));
        QCOMPARE(kindOf(*second, "support-agent"), std::string("client")); // a generic interactor
        diags.clear();
        QVERIFY(!loadDesignFile(file + "#3", diags));
        QVERIFY(formatAll(diags).find("diagram 3 asked for, but this model has 2 diagrams") != std::string::npos);
        diags.clear();
        QVERIFY(!loadDesignFile(file + "#0", diags));
        QVERIFY(formatAll(diags).find("counted from 1") != std::string::npos);
    }

    // A folder's review finds models by their name, and a model exported under another name is
    // read by what it holds.
    void foundInFoldersAndUnderOtherNames()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QString::fromStdString(fixture("shop.tm7")), dir.filePath("model.tm7")));
        QVERIFY(QFile::copy(QString::fromStdString(fixture("shop.tm7")), dir.filePath("export.xml")));
        Diagnostics diags;
        const auto files = designFilesIn(dir.path().toStdString(), diags);
        QCOMPARE(files.size(), std::size_t(1));
        QVERIFY(files[0].ends_with("model.tm7"));
        const auto asXml = loadDesignFile(dir.filePath("export.xml").toStdString(), diags);
        QVERIFY2(asXml && asXml->component("orders-api"), formatAll(diags).c_str());
    }

    void theCoreChecksReadAModel()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.tm7") + "#1", diags);
        QVERIFY(d);
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        bool breaker = false;
        for (const auto& f : set.review(*d).findings)
            breaker = breaker || (f.ruleId == "missing-circuit-breaker" && has(f.targets, "sessions") &&
                                  has(f.targets, "orders"));
        QVERIFY(breaker);
    }

    void brokenModelsAreRefusedWithTheirPlace()
    {
        QTemporaryDir dir;
        auto load = [&](const std::string& name, const std::string& text) {
            const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
            std::ofstream(path, std::ios::binary) << text;
            Diagnostics diags;
            const bool ok = loadDesignFile(path, diags).has_value();
            return std::make_pair(ok, formatAll(diags));
        };
        const std::string open = "<ThreatModel xmlns=\"http://schemas.datacontract.org/2004/07/ThreatModeling.Model\">";
        auto [ok, said] = load("broken.tm7", open + "\n<DrawingSurfaceList><DrawingSurfaceModel></DrawingSurfaceList>");
        QVERIFY(!ok);
        QVERIFY2(said.find("broken.tm7:2:") != std::string::npos && said.find("not well-formed XML") != std::string::npos,
                 said.c_str());
        std::tie(ok, said) = load("none.tm7", open + "<DrawingSurfaceList/></ThreatModel>");
        QVERIFY2(!ok && said.find("no diagram") != std::string::npos, said.c_str());
        std::tie(ok, said) = load("other.tm7", "<mxfile><diagram/></mxfile>");
        QVERIFY2(!ok && said.find("its root is not <ThreatModel>") != std::string::npos, said.c_str());
        std::tie(ok, said) = load("empty.tm7", "");
        QVERIFY(!ok);
        std::string deep = open + "<DrawingSurfaceList>";
        for (int i = 0; i < 200000; ++i)
            deep += "<a>";
        std::tie(ok, said) = load("deep.tm7", deep);
        QVERIFY(!ok); // refused, not a crash
        std::tie(ok, said) = load("garbage.tm7", std::string("\0\xff\xfe<ThreatModel", 15));
        QVERIFY(!ok);
        // Flows whose ends name one another, a GUID used twice, unnamed elements: still a design.
        const std::string page =
            "<DrawingSurfaceList><DrawingSurfaceModel><Borders>"
            "<a:KeyValueOfguidanyType xmlns:a=\"x\"><a:Value i:type=\"StencilEllipse\" xmlns:i=\"y\"><Guid>g</Guid></a:Value></a:KeyValueOfguidanyType>"
            "<a:KeyValueOfguidanyType xmlns:a=\"x\"><a:Value i:type=\"StencilEllipse\" xmlns:i=\"y\"><Guid>g</Guid></a:Value></a:KeyValueOfguidanyType>"
            "</Borders><Lines><a:KeyValueOfguidanyType xmlns:a=\"x\"><a:Value i:type=\"Connector\" xmlns:i=\"y\">"
            "<SourceGuid>g</SourceGuid><TargetGuid>g</TargetGuid></a:Value></a:KeyValueOfguidanyType></Lines>"
            "</DrawingSurfaceModel></DrawingSurfaceList></ThreatModel>";
        std::tie(ok, said) = load("odd.tm7", open + page);
        QVERIFY2(ok, said.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTmt)
#include "tst_tmt.moc"
