// Designs written as Mermaid flowcharts: what is written reads back as the same graph (ids,
// labels, kinds, flows, zones), ids Mermaid cannot take are renamed and said so, and a design
// whose flowchart would not read back is refused, naming the element.
#include "model/designfile.h"
#include "model/mermaidexport.h"
#include "model/mermaidimport.h"
#include "model/validation.h"

#include <QtTest>

#include <filesystem>

using namespace pb::model;

namespace {
Design readBack(const std::string& text)
{
    Diagnostics diags;
    auto d = importMermaid(text, "out.mmd", diags);
    if (!d) qFatal("the written flowchart does not read back:\n%s\n%s", formatAll(diags).c_str(), text.c_str());
    return std::move(*d);
}

bool asyncOf(const Design& d, const Flow& f)
{
    if (const auto sync = boolProperty(f.props, "sync")) return !*sync;
    for (const auto* end : {d.component(f.from), d.component(f.to)})
        if (end && end->kind == "queue") return true;
    return false;
}

// What the flowchart carries of a design, in order, as text that QCOMPARE shows when it differs.
QStringList graphOf(const Design& d)
{
    QStringList out{QString::fromStdString("title " + d.title)};
    for (const auto& c : d.components())
        out << QString::fromStdString("component " + c.id + " " + c.kind + " '" + (c.label.empty() ? c.id : c.label) + "'" +
                                      (c.kindInferred ? " inferred" : ""));
    for (const auto& f : d.flows())
        out << QString::fromStdString("flow " + f.from + (asyncOf(d, f) ? " -.-> " : " --> ") + f.to + " '" + f.label + "'");
    // Zones in any order: a flowchart writes an outer subgraph before the ones inside it.
    QStringList zones;
    for (const auto& z : d.zones()) {
        std::string members;
        for (const auto& m : z.members) members += " " + m;
        zones << QString::fromStdString("zone " + z.id + " " + z.kind + " '" + z.label + "'" + members);
    }
    zones.sort();
    return out + zones;
}

Component comp(std::string id, std::string kind, std::string label)
{
    Component c;
    c.id = std::move(id);
    c.kind = std::move(kind);
    c.label = std::move(label);
    return c;
}

Flow flow(std::string id, std::string from, std::string to, std::string label = {})
{
    Flow f;
    f.id = std::move(id);
    f.from = std::move(from);
    f.to = std::move(to);
    f.label = std::move(label);
    return f;
}

std::string firstError(const Design& d)
{
    Diagnostics diags;
    if (exportMermaid(d, "d.probeboard", diags)) return "(written)";
    return diags.empty() ? "(refused without a word)" : diags.front().format();
}
} // namespace

class TestMermaidExport : public QObject
{
    Q_OBJECT
private slots:
    void examplesComeBackAsDrawn()
    {
        int examples = 0;
        for (const auto& entry : std::filesystem::directory_iterator(PB_RESOURCES "/examples")) {
            if (entry.path().extension() != ".probeboard") continue;
            Diagnostics diags;
            const auto d = loadDesignFile(entry.path().string(), diags);
            QVERIFY2(d, formatAll(diags).c_str());
            const auto text = exportMermaid(*d, entry.path().string(), diags);
            QVERIFY2(text, formatAll(diags).c_str());
            const Design back = readBack(*text);
            QCOMPARE(graphOf(back), graphOf(*d));
            QCOMPARE(back.flows().size(), d->flows().size());
            ++examples;
        }
        QVERIFY(examples >= 5);
    }

    void idsMermaidCannotTakeAreRenamed()
    {
        Design d;
        d.addComponent(comp("api gateway", "api_gateway", "Edge"));
        d.addComponent(comp("api_gateway", "service", "")); // the name the first would take
        d.addComponent(comp("end", "service", "End"));       // closes a subgraph in Mermaid
        d.addComponent(comp("café", "cache", "Café cache"));
        d.addComponent(comp("orders-db.v2", "database", "Orders"));
        d.addFlow(flow("f1", "api gateway", "api_gateway"));
        d.addFlow(flow("f2", "api_gateway", "end"));
        d.addFlow(flow("f3", "end", "café"));
        d.addFlow(flow("f4", "end", "orders-db.v2"));
        const std::string text = exportMermaid(d);
        QVERIFY2(text.find("%% api gateway is written as api_gateway_2\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("%% end is written as n_end\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("%% café is written as caf_\n") != std::string::npos, text.c_str());
        const Design back = readBack(text);
        QCOMPARE(back.components().size(), std::size_t{5});
        QCOMPARE(back.component("api_gateway_2")->label, std::string("Edge"));
        QCOMPARE(back.component("api_gateway")->kind, std::string("service"));
        QCOMPARE(back.component("n_end")->label, std::string("End"));
        QCOMPARE(back.component("caf_")->kind, std::string("cache"));
        QVERIFY(back.component("orders-db.v2")); // taken as it is
        QStringList flows;
        for (const auto& f : back.flows()) flows << QString::fromStdString(f.from + ">" + f.to);
        QCOMPARE(flows, QStringList({"api_gateway_2>api_gateway", "api_gateway>n_end", "n_end>caf_", "n_end>orders-db.v2"}));
    }

    void labelsKeepEveryCharacter()
    {
        const std::vector<std::string> labels{
            "say \"hi\"", "a|b", "<b>bold</b>", "x --> y", "C# #quot; #35; #9829;", "]) )] }} ]]", "end",
            "ünïcødé 東京", "%% not a comment", "a; b", "#lt;", "`code`", "**not bold**"};
        Design d;
        d.title = "Shop: \"v2\" \\ draft";
        for (std::size_t i = 0; i < labels.size(); ++i) {
            d.addComponent(comp("c" + std::to_string(i), "service", labels[i]));
            if (i > 0) d.addFlow(flow("f" + std::to_string(i), "c0", "c" + std::to_string(i), labels[i]));
        }
        d.addComponent(comp("two", "service", "two\nlines"));
        const Design back = readBack(exportMermaid(d));
        QCOMPARE(back.title, d.title);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            QCOMPARE(back.component("c" + std::to_string(i))->label, labels[i]);
            if (i > 0) QCOMPARE(back.flows()[i - 1].label, labels[i]);
        }
        QCOMPARE(back.component("two")->label, std::string("two lines")); // <br/>, read as a space
    }

    void kindsAreClassesAndZonesNest()
    {
        // Written by hand as Probeboard writes it: a class that names a kind is the kind, said
        // rather than guessed; any other class is styling.
        Diagnostics diags;
        const auto d = importMermaid("flowchart LR\n subgraph eu[Frankfurt]\n  subgraph a1[first]\n   s[(sessions)]\n  end\n end\n"
                                     " api:::hot --> s\n w:::worker\n class s cache\n class eu region\n class a1 az\n"
                                     " classDef hot fill:#f00\n",
                                     "k.mmd", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("s")->kind, std::string("cache")); // a cylinder, but the class says cache
        QVERIFY(!d->component("s")->kindInferred);
        QCOMPARE(d->component("api")->kind, std::string("service")); // `hot` is no kind
        QVERIFY(d->component("api")->kindInferred);
        QCOMPARE(d->component("w")->kind, std::string("worker"));
        QCOMPARE(d->zone("a1")->kind, std::string("az"));
        QCOMPARE(d->zone("eu")->members, std::vector<std::string>{"a1"});
        // The kind written is the kind said: api's, guessed from its name, is no longer marked so.
        Design said = *d;
        said.component("api")->kindInferred = false;
        QCOMPARE(graphOf(readBack(exportMermaid(*d))), graphOf(said));
    }

    void whatWouldNotReadBackIsRefused()
    {
        Design nul;
        nul.addComponent(comp("api", "service", std::string("a\0b", 3)));
        QCOMPARE(firstError(nul), std::string("d.probeboard: error: cannot write Mermaid: the label of 'api' holds a NUL byte "
                                              "[element 'api'] (take it out of the text, or keep the design as .probeboard) [E-MERMAID-EXPORT]"));
        Design deep;
        for (int i = 0; i <= kMaxZoneDepth; ++i) {
            Zone z;
            z.id = "z" + std::to_string(i);
            if (i < kMaxZoneDepth) z.members = {"z" + std::to_string(i + 1)};
            deep.addZone(std::move(z));
        }
        QVERIFY2(firstError(deep).find("zones are nested 65 deep at 'z64', more than the 64") != std::string::npos,
                 firstError(deep).c_str());
        // Zones in a cycle (which validation refuses on load) are each written once, not forever.
        Design cycle;
        Zone a, b;
        a.id = "a";
        a.members = {"b"};
        b.id = "b";
        b.members = {"a"};
        cycle.addZone(std::move(a));
        cycle.addZone(std::move(b));
        const std::string text = exportMermaid(cycle);
        QCOMPARE(std::count(text.begin(), text.end(), '\n') < 20, true);
    }
};

QTEST_GUILESS_MAIN(TestMermaidExport)
#include "tst_mermaidexport.moc"
