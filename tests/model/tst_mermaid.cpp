// Mermaid flowcharts read into designs: shapes, arrows and their labels, subgraphs as zones,
// and every statement that cannot be read refused with its line.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/mermaidimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace pb::model;

namespace {
std::optional<Design> read(const std::string& text, Diagnostics& diags)
{
    return importMermaid(text, "d.mmd", diags);
}

// The first error, as the CLI prints it.
std::string firstError(const std::string& text)
{
    Diagnostics diags;
    if (read(text, diags)) return "(read without an error)";
    for (const auto& d : diags)
        if (d.level == Diagnostic::Level::Error) return d.format();
    return "(refused without an error)";
}
} // namespace

class TestMermaid : public QObject
{
    Q_OBJECT
private slots:
    void shapesArrowsAndSubgraphs()
    {
        Diagnostics diags;
        const char* shop = "---\ntitle: Shop\n---\n%% the checkout\nflowchart LR\n"
                            "  user((Shopper)) --> gw[API Gateway]\n"
                            "  subgraph eu [AWS eu-west-1]\n"
                            "    gw --> api[orders-api]\n"
                            "    api -->|read-through| cache[(Redis)]\n"
                            "    api -- writes --> db[(orders store)]\n"
                            "    api -.-> q[Kafka topic] -.-> w[billing worker]\n"
                            "    subgraph az1 [eu-west-1a]\n      replica[(replica)]\n    end\n"
                            "  end\n"
                            "  w --> ledger[usage ledger]; w --- metrics\n"
                            "  classDef hot fill:#f96\n  class api hot\n  style w fill:#eee\n";
        const auto d = read(shop, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->title, std::string("Shop"));
        auto kindOf = [&](const char* id) { return d->component(id) ? d->component(id)->kind : std::string("(none)"); };
        QCOMPARE(kindOf("user"), std::string("client"));
        QCOMPARE(kindOf("gw"), std::string("api_gateway"));
        QCOMPARE(kindOf("cache"), std::string("cache"));   // the name wins over the cylinder
        QCOMPARE(kindOf("db"), std::string("database"));   // a cylinder whose name says nothing
        QCOMPARE(kindOf("q"), std::string("queue"));
        QCOMPARE(kindOf("w"), std::string("worker"));
        QCOMPARE(kindOf("ledger"), std::string("audit_ledger"));
        QVERIFY(d->component("api")->kindInferred); // for the user to confirm, as a DOT import's
        QCOMPARE(d->component("db")->label, std::string("orders store"));
        QCOMPARE(d->components().size(), std::size_t(10));
        // Flows: labels in both forms, dotted ones asynchronous, a chain gives two.
        QCOMPARE(d->flows().size(), std::size_t(8));
        auto flow = [&](const char* from, const char* to) -> const Flow* {
            for (const auto& f : d->flows())
                if (f.from == from && f.to == to) return &f;
            return nullptr;
        };
        QVERIFY(flow("api", "cache") && flow("api", "cache")->label == "read-through");
        QVERIFY(flow("api", "db") && flow("api", "db")->label == "writes");
        QVERIFY(flow("q", "w") && boolProperty(flow("q", "w")->props, "sync") == std::optional<bool>(false));
        QVERIFY(flow("gw", "api") && !flow("gw", "api")->props.count("sync"));
        QVERIFY(flow("w", "metrics")); // `---`: a link, drawn as a flow left to right
        // Zones: nesting kept, a node belongs to the first subgraph that names it, as Mermaid draws
        // it: gw was declared outside, and `gw --> api` inside eu puts it there.
        const Zone* eu = d->zone("eu");
        QVERIFY(eu);
        QCOMPARE(eu->label, std::string("AWS eu-west-1"));
        QCOMPARE(stringProperty(eu->props, "region").value_or(""), std::string("eu-west-1"));
        QCOMPARE(eu->members, (std::vector<std::string>{"gw", "api", "cache", "db", "q", "w", "az1"}));
        QCOMPARE(d->zone("az1")->kind, std::string("az"));
        QCOMPARE(d->zone("az1")->members, std::vector<std::string>{"replica"});
        std::unordered_map<std::string, int> lines;
        Diagnostics again;
        QVERIFY(importMermaid(std::string(shop), "d.mmd", again, &lines));
        QCOMPARE(lines.at("user"), 6);
        QCOMPARE(lines.at("eu"), 7);
        QCOMPARE(lines.at("api"), 8);
        QCOMPARE(lines.at("replica"), 13);
    }

    void groupsChainsAndOtherSpellings()
    {
        Diagnostics diags;
        const auto d = read("graph TD;\n a & b --> c --> d;\n e-->f\n g-.->h\n i ==> j\n k <--> l\n"
                            " m -. async .-> n\n o[\"label; with a semicolon\"] --> p{{\"hex\"}}\n"
                            " r -- reads -- and writes --> s\n"
                            " subgraph Two words\n  q\n end\n",
                            diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->flows().size(), std::size_t(10)); // a→c, b→c, c→d, and one on each line after
        QCOMPARE(d->component("o")->label, std::string("label; with a semicolon"));
        QVERIFY(d->zone("subgraph1"));
        QCOMPARE(d->zone("subgraph1")->label, std::string("Two words"));
        for (const auto& f : d->flows()) {
            if (f.from == "m") QCOMPARE(f.label, std::string("async"));
            if (f.from == "r") QCOMPARE(f.label, std::string("reads -- and writes")); // two marks do not close it
        }
    }

    // What Mermaid 11 added, as people now write it: shapes by name, edge ids, Markdown strings.
    void mermaidElevenSpellings()
    {
        Diagnostics diags;
        const auto d = read("flowchart LR\n"
                            "  orders@{ shape: cyl, label: \"Orders store\" }\n"
                            "  api@{ shape: rect, label: \"`**Orders** API`\" } e1@--> orders\n"
                            "  e1@{ animate: true }\n"
                            "  api --> redis@{ shape: cyl }\n",
                            diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("orders")->kind, std::string("database")); // a cylinder named nothing else
        QCOMPARE(d->component("orders")->label, std::string("Orders store"));
        QCOMPARE(d->component("api")->label, std::string("Orders API")); // the Markdown marks dropped
        QCOMPARE(d->component("redis")->kind, std::string("cache"));     // the name wins over the shape
        QCOMPARE(d->components().size(), std::size_t(3)); // `e1@{ … }` styles the edge: no node e1
        QCOMPARE(d->flows().size(), std::size_t(2));
        QCOMPARE(d->flows()[0].id, std::string("e1")); // the edge's own id
        QCOMPARE(d->flows()[1].id, std::string("f2"));
        QCOMPARE(firstError("flowchart LR\n  a --> b@{ shape: cyl, label: \"x\"\n"),
                 std::string("d.mmd:2: error: the attributes of 'b' (@{ … }) are not closed with '}' [E-MERMAID]"));
    }

    // A README or an architecture page: its first flowchart is the design, its lines the file's;
    // the others are named in a warning, and a page with none says what is looked for.
    void markdownFilesGiveTheirFirstFlowchart()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("ARCHITECTURE.md")).toStdString();
        std::ofstream(path) << "# Checkout\n\n```mermaid\nsequenceDiagram\n  a->>b: hi\n```\n\n"
                               "Reads go through the cache:\n\n```mermaid\nflowchart LR\n"
                               "  api[orders-api] --> cache[(redis)]\n  api --> db[(postgres)]\n```\n\n"
                               "```mermaid\ngraph TD\n  x --> y\n```\n";
        Diagnostics diags;
        const auto d = loadDesignFile(path, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components().size(), std::size_t(3));
        QVERIFY(d->component("cache"));
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags.front().code, std::string("W-MERMAID-MORE"));
        QCOMPARE(diags.front().line, 16); // the third block's fence
        const auto lines = elementLines(path, *d);
        QCOMPARE(lines.at("api"), 12); // counted in the Markdown
        QCOMPARE(lines.at("db"), 13);

        const std::string broken = dir.filePath(QStringLiteral("broken.md")).toStdString();
        std::ofstream(broken) << "Intro\n\n```mermaid\nflowchart LR\n  a --> b\n  b ?? c\n```\n";
        diags.clear();
        QVERIFY(!loadDesignFile(broken, diags));
        QVERIFY2(formatAll(diags).find("broken.md:6: error: expected an arrow") != std::string::npos, formatAll(diags).c_str());
        const std::string none = dir.filePath(QStringLiteral("notes.markdown")).toStdString();
        std::ofstream(none) << "# Notes\n\nNo diagram here.\n";
        diags.clear();
        QVERIFY(!loadDesignFile(none, diags));
        QVERIFY2(formatAll(diags).find("no Mermaid flowchart in this Markdown file") != std::string::npos, formatAll(diags).c_str());
    }

    // "doc.md#2" names the second flowchart as a design of its own: loaded, its lines counted in
    // the Markdown, listed with the heading it comes under (one in a code block is not one).
    void eachFlowchartOfAMarkdownFileHasAName()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("ARCH.md")).toStdString();
        std::ofstream(path) << "# Shop\n\n## Reads\n\n```bash\n# not a heading\n```\n\n```mermaid\nflowchart LR\n"
                               "  api --> cache[(redis)]\n```\n\n## Usage\n\n```mermaid\nflowchart LR\n"
                               "  q[[usage-queue]] -.-> w[usage worker]\n  w --> ledger[(billing-db)]\n```\n";
        const auto charts = designsIn(path);
        QCOMPARE(charts.size(), std::size_t(2));
        QCOMPARE(charts[1].path, path + "#2");
        QCOMPARE(charts[0].heading, std::string("Reads"));
        QCOMPARE(charts[1].heading, std::string("Usage"));
        QCOMPARE(charts[1].line, 16);
        Diagnostics diags;
        const auto second = loadDesignFile(path + "#2", diags);
        QVERIFY2(second && diags.empty(), formatAll(diags).c_str()); // no "more flowcharts" warning
        QVERIFY(second->component("ledger") && !second->component("cache"));
        QCOMPARE(second->title, std::string("Usage")); // named by its heading, having no title of its own
        QCOMPARE(elementLines(path + "#2", *second).at("w"), 18);
        diags.clear();
        QVERIFY(!loadDesignFile(path + "#3", diags));
        QCOMPARE(formatAll(diags), path + ": error: flowchart 3 asked for, but this Markdown file has 2 Mermaid flowcharts [E-MERMAID]\n");
        diags.clear();
        QVERIFY(!loadDesignFile(path + "#0", diags));
        QVERIFY(formatAll(diags).find("flowchart 0 asked for, but this Markdown file has 2 Mermaid "
                                      "flowcharts, counted from 1") != std::string::npos);
        diags.clear();
        const auto first = loadDesignFile(path, diags); // the whole file: the first, and a hint
        QVERIFY(first && first->component("cache"));
        QVERIFY2(diags.size() == 1 && diags.front().hint.find(path + "#2") != std::string::npos, formatAll(diags).c_str());
        // Only a Markdown name and a number from 1 make a part; a file of that very name is read as itself.
        QVERIFY(!designPart("a.mmd#2") && !designPart("a.md#") && !designPart("a.md#x") && !designPart("a.md#02"));
        QCOMPARE(designPart("docs/A.markdown#12")->block, std::size_t(11));
        const std::string odd = dir.filePath(QStringLiteral("odd.md#1")).toStdString();
        std::ofstream(odd) << "flowchart LR\n  only --> one\n"; // not Markdown: a flowchart by what it holds
        diags.clear();
        const auto itself = loadDesignFile(odd, diags);
        QVERIFY2(itself && itself->component("only"), formatAll(diags).c_str());
        QVERIFY(designsIn(dir.filePath(QStringLiteral("none.md")).toStdString()).empty());
        // The command line's list: each flowchart of a page, up to a hundred; a page of more stays
        // whole (each name reads the page again: 400,000 small blocks would read it as often).
        QCOMPARE(eachDesignIn({path, odd}), (std::vector<std::string>{path + "#1", path + "#2", odd}));
        const std::string many = dir.filePath(QStringLiteral("many.md")).toStdString();
        std::ofstream out(many);
        for (int i = 0; i < 101; ++i) out << "```mermaid\nflowchart LR\n  a" << i << " --> b\n```\n";
        out.close();
        QCOMPARE(designsIn(many).size(), std::size_t(101));
        QCOMPARE(eachDesignIn({many}), std::vector<std::string>{many});
        // README.MD is Markdown too, for the loader as for the list: one rule for both.
        const std::string upper = dir.filePath(QStringLiteral("README.MD")).toStdString();
        std::ofstream(upper) << "# Intro\n\n```mermaid\nflowchart LR\n  x --> y\n```\n";
        diags.clear();
        const auto fromUpper = loadDesignFile(upper, diags);
        QVERIFY2(fromUpper && fromUpper->component("x") && fromUpper->title == "Intro", formatAll(diags).c_str());
    }

    void whatCannotBeReadIsRefusedWithItsLine()
    {
        QCOMPARE(firstError("sequenceDiagram\n A->>B: hi\n").substr(0, 9), std::string("d.mmd:1: "));
        QVERIFY(firstError("sequenceDiagram\n").find("only flowcharts are read") != std::string::npos);
        QVERIFY(firstError("flowchart LR\n a -->\n").find("d.mmd:2: error: a node is missing at the end") == 0);
        QVERIFY(firstError("flowchart LR\n a --> b\n a[open label --> c\n").find("d.mmd:3: error: the label of 'a' is not closed") == 0);
        QVERIFY(firstError("flowchart LR\n subgraph s\n a\n").find("d.mmd:2: error: subgraph 's' is never closed") == 0);
        QVERIFY(firstError("flowchart LR\n a\n end\n").find("d.mmd:3: error: 'end' without a subgraph") == 0);
        QVERIFY(firstError("flowchart LR\n subgraph s\n a\n end\n s[S] --> a\n").find("d.mmd:5: error: 's' is a subgraph and cannot be drawn as a node too") == 0);
        QVERIFY(firstError("flowchart LR\n a ?? b\n").find("d.mmd:2: error: expected an arrow") == 0);
        QVERIFY(firstError("flowchart LR\n a -- never closed b\n").find("d.mmd:2:") == 0);
        QVERIFY(firstError(std::string("flowchart LR\n a --> b\0c\n", 24)).find("NUL byte") != std::string::npos);
        // Bytes that are not UTF-8 in two ids: saved, both became U+FFFD, one id, and the saved
        // design no longer loaded (found by the DOT fuzz target, which feeds the Mermaid reader).
        QVERIFY(firstError("flowchart LR\n a\xbb --> a\xcb\n").find("d.mmd:2: error: not UTF-8 text") == 0);
        QVERIFY(firstError("---\ntitle: caf\xe9\n---\nflowchart LR\n a\n").find("d.mmd:2: error: not UTF-8 text") == 0);
        QVERIFY(firstError("").find("not a Mermaid flowchart") != std::string::npos);
        std::string deep = "flowchart LR\n";
        for (int i = 0; i < 70; ++i) deep += "subgraph s" + std::to_string(i) + "\n";
        QVERIFY(firstError(deep).find("d.mmd:66: error: subgraphs nested more than 64 deep") == 0);
        // A million flows from one line (1,001 × 1,001), refused before they are made.
        std::string many = "flowchart LR\n";
        for (int side = 0; side < 2; ++side) {
            for (int i = 0; i <= 1000; ++i) many += (i ? " & " : "") + std::string(side ? "b" : "a") + std::to_string(i);
            many += side ? "\n" : " --> ";
        }
        QVERIFY(firstError(many).find("d.mmd:2: error: the flowchart has more than 1000000 elements [E-LIMIT]") == 0);
        // A node and a subgraph of one name, a flow id taken by a node: told apart, or said.
        QVERIFY(firstError("flowchart LR\n a[Orders] --> b\n subgraph a\n end\n").find("E-DUP-ID") != std::string::npos);
        QVERIFY(firstError("flowchart LR\n a:::database --> b\n subgraph a\n end\n").find("E-DUP-ID") != std::string::npos);
        Diagnostics diags;
        const auto d = read("flowchart LR\n f1 --> f2\n", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->flows().front().id, std::string("f1_"));
    }

    // Mermaid draws `api --> backend` to the subgraph's box. Refused before, so a whole diagram
    // with one such link did not open; now the rest opens and each link left out is said.
    void linksToSubgraphsAreLeftOutAndSaid()
    {
        Diagnostics diags;
        std::unordered_map<std::string, int> lines;
        const auto d = importMermaid("flowchart LR\n"
                                     "  web[Web app] --> api[API gateway]\n"
                                     "  api --> backend\n"
                                     "  subgraph backend [Backend]\n"
                                     "    orders[Orders service] --> ordersdb[(Orders DB)]\n"
                                     "  end\n"
                                     "  backend --> payments\n"
                                     "  subgraph payments [Payments]\n"
                                     "    pay[Payment service]\n"
                                     "  end\n"
                                     "  web & api --> payments; orders --> pay\n",
                                     "d.mmd", diags, &lines);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components().size(), std::size_t(5));
        QCOMPARE(d->zones().size(), std::size_t(2));
        QCOMPARE(d->flows().size(), std::size_t(3)); // web → api, orders → ordersdb, orders → pay
        QCOMPARE(d->flows().back().from + ">" + d->flows().back().to, std::string("orders>pay"));
        QVERIFY(!d->component("backend") && !d->component("payments"));
        QCOMPARE(lines.at("backend"), 4); // where the subgraph opens, not the link's line
        std::vector<std::string> said;
        for (const auto& w : diags) {
            QCOMPARE(w.level, Diagnostic::Level::Warning);
            QCOMPARE(w.code, std::string("W-MERMAID-SUBGRAPH-LINK"));
            said.push_back(std::to_string(w.line) + " " + w.element + " " + w.hint);
        }
        QCOMPARE(said, (std::vector<std::string>{"3 backend link api to the node inside backend that it means",
                                                 "7 payments link a node inside each subgraph instead",
                                                 "11 payments link web to the node inside payments that it means"}));
        QVERIFY(diags[2].message.find("the link web --> payments was left out") == 0);
        QVERIFY(diags[2].message.find("(and 1 more on this line)") != std::string::npos);

        // Named first in a link, bare, then opened as a subgraph, even inside another one.
        diags.clear();
        const auto later = read("flowchart LR\n subgraph outer\n a --> s\n end\n subgraph s\n b\n end\n", diags);
        QVERIFY2(later, formatAll(diags).c_str());
        QCOMPARE(later->components().size(), std::size_t(2));
        QVERIFY(later->flows().empty());
        QCOMPARE(later->zone("outer")->members, std::vector<std::string>{"a"});
        QCOMPARE(later->zone("s")->members, std::vector<std::string>{"b"});
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].line, 3);

        // Said a bounded number of times: fifty lines, then one count of the rest.
        std::string many = "flowchart LR\n subgraph s\n end\n";
        for (int i = 0; i < 60; ++i) many += " n" + std::to_string(i) + " --> s\n";
        diags.clear();
        QVERIFY(read(many, diags));
        QCOMPARE(diags.size(), std::size_t(51));
        QCOMPARE(diags.back().message, std::string("10 more links to or from subgraphs were left out"));
    }

    void theCoreChecksReadAMermaidDesign()
    {
        // missing-circuit-breaker from a Mermaid sketch, through the same door as a file.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("cb.mmd")).toStdString();
        std::ofstream(path) << "flowchart LR\n api[orders-api] --> cache[(redis)]\n api --> db[(postgres)]\n";
        Diagnostics diags;
        const auto d = loadDesignFile(path, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        const auto result = set.review(*d, {"2026-01-01"});
        int fired = 0;
        for (const auto& f : result.findings) fired += f.ruleId == "missing-circuit-breaker";
        QCOMPARE(fired, 1);
        // Where each element comes from, for SARIF's regions: a node's first mention, a flow's
        // statement.
        const auto lines = elementLines(path, *d);
        QCOMPARE(lines.at("api"), 2);
        QCOMPARE(lines.at("db"), 3);
        QCOMPARE(lines.at("f2"), 3);
        // Standard input or another name: told from DOT and JSON by its first statement.
        QVERIFY(looksLikeMermaid("%% notes\n\ngraph LR\n a --> b"));
        QVERIFY(!looksLikeMermaid("graph G { a -- b }"));
        QVERIFY(!looksLikeMermaid("digraph { a -> b }"));
        QVERIFY(!looksLikeMermaid("{\"format\": \"probeboard/1\"}"));
    }
};

QTEST_GUILESS_MAIN(TestMermaid)
#include "tst_mermaid.moc"
