// Warnings shown to a person (the CLI's stderr, the whiteboard's open box) group one repeated
// on many elements: a design of 20,000 components each carrying a misspelt property printed
// 20,000 lines and buried the one warning that differed.
#include "model/designfile.h"
#include "model/diagnostic.h"
#include "model/dotimport.h"
#include "model/printable.h"
#include "rules/loader.h"

#include <QtTest>

using namespace pb::model;

namespace {
Diagnostic unknownSla(const std::string& id, int line)
{
    return {Diagnostic::Level::Warning, "org.dot", line, 0, id, "properties/sla", "W-UNKNOWN-PROP",
            "unknown property 'sla' on component '" + id + "'", "did you mean 'slo'?"};
}

std::string dotWithSla(int n)
{
    std::string text = "digraph {\n";
    for (int i = 0; i < n; ++i) text += "  n" + std::to_string(i) + " [kind=service, sla=\"99.9\"];\n";
    return text + "}\n";
}
} // namespace

class TestDiagnostics : public QObject
{
    Q_OBJECT
private slots:
    // An id or a key quoted in a message was printed whole: a DOT node may be named by 64 KiB,
    // and a JSON id may be megabytes. Messages quote user text through one helper, which keeps
    // 60 bytes and an ellipsis; shorter text is quoted exactly as it is. The diagnostic's
    // element stays whole for machine output.
    void longIdsAreCutShortInMessages()
    {
        QCOMPARE(quoteText("orders-db"), std::string("'orders-db'"));
        const std::string sixty(kQuotedBytes, 's');
        QCOMPARE(quoteText(sixty), "'" + sixty + "'");
        QCOMPARE(shortText(sixty + "t"), sixty + "…");
        QCOMPARE(shortText(std::string(59, 'a') + "\xC3\xA9"), std::string(59, 'a') + "…"); // not half an é
        const std::string id(60'000, 'i'), shown = "'" + std::string(kQuotedBytes, 'i') + "…'";
        auto check = [&](const Diagnostics& diags, const char* words) {
            const std::string all = formatAll(diags);
            QVERIFY2(!diags.empty(), words);
            for (const auto& d : diags) QVERIFY2(d.format().size() < 400, d.format().substr(0, 400).c_str());
            QVERIFY2(all.find(words) != std::string::npos && all.find(shown) != std::string::npos, all.substr(0, 2000).c_str());
        };
        Diagnostics dot; // a duplicate edge id, and an unknown property on a long-named node
        QVERIFY(!importDot("digraph {\n  a -> b [id=\"" + id + "\"];\n  a -> c [id=\"" + id + "\"];\n  \"" + id +
                               "\" [kind=service, sla=1];\n}\n", "ids.dot", dot));
        check(dot, "duplicate id 'iii");
        check(dot, "unknown property 'sla' on component 'iii");
        QCOMPARE(dot.front().element, id);
        Diagnostics json; // a duplicate id, a flow to nowhere, an unknown key
        QVERIFY(!designFromText(R"({"format": "probeboard/1", "components": [{"id": ")" + id +
                                    R"(", "kind": "service"}, {"id": ")" + id + R"(", "kind": "service", "lable": "x"}],
                                    "flows": [{"id": "f", "from": ")" + id + R"(", "to": ")" + id + R"(x"}]})",
                                "ids.probeboard", json));
        check(json, "duplicate id 'iii");
        check(json, "unknown key 'lable' in component 'iii");
        check(json, "flow 'f' ends at 'iii");
        Diagnostics pack; // a rule pack's unknown kind
        QVERIFY(!pb::rules::loadPackText(R"({"format": "probeboard-rules/1", "pack": {"id": "t", "version": "1"},
            "rules": [{"id": "r1", "title": "T", "category": "failure", "severity": "high", "level": "senior",
                       "match": {"each": {"$d": {"kind": [")" + id + R"("]}}}, "report": {"targets": ["$d"]},
                       "why": "w", "questions": [{"text": "q?", "answer_points": ["a", "b", "c"]}]}]})",
                                         "p.json", pack));
        check(pack, "unknown kind 'iii");
    }

    void repeatedWarningsAreCountedAfterTheFirstThree()
    {
        Diagnostics diags;
        for (int i = 0; i < 20000; ++i) diags.push_back(unknownSla("n" + std::to_string(i), i + 2));
        const Diagnostic other{Diagnostic::Level::Warning, "org.dot", 0, 0, "", "", "W-RULE-STOPPED", "stopped", ""};
        diags.push_back(other);
        const auto shown = groupRepeated(diags);
        QCOMPARE(shown.size(), std::size_t(5));
        QCOMPARE(shown[2].element, std::string("n2"));
        QCOMPARE(shown[2].line, 4);
        QCOMPARE(shown[3].format(), std::string("org.dot: warning: … and 19,997 more components with the same warning: "
                                                "unknown property 'sla' (did you mean 'slo'?) [W-UNKNOWN-PROP]"));
        QCOMPARE(shown[4].code, std::string("W-RULE-STOPPED"));
    }

    void errorsAndDifferentShapesAreNeverGrouped()
    {
        Diagnostics diags;
        for (int i = 0; i < 10; ++i) {
            auto e = unknownSla("n" + std::to_string(i), i + 2);
            e.level = Diagnostic::Level::Error;
            diags.push_back(e);
        }
        for (int i = 0; i < 10; ++i) { // another property each: each its own warning
            auto w = unknownSla("m", i + 20);
            w.message = "unknown property 'sla" + std::to_string(i) + "' on component 'm'";
            diags.push_back(w);
        }
        auto otherFile = unknownSla("n0", 2);
        otherFile.file = "b.dot";
        diags.push_back(otherFile);
        QCOMPARE(groupRepeated(diags).size(), diags.size());
    }

    // One more than shown is printed, not counted: a line saying "1 more" saves nothing.
    void oneOverTheLimitIsShown()
    {
        Diagnostics diags;
        for (int i = 0; i < 4; ++i) diags.push_back(unknownSla("n" + std::to_string(i), i + 2));
        QCOMPARE(groupRepeated(diags).size(), std::size_t(4));
        diags.push_back(unknownSla("n4", 6));
        const auto shown = groupRepeated(diags);
        QCOMPARE(shown.size(), std::size_t(4));
        QVERIFY(shown[3].message.starts_with("… and 2 more components"));
    }

    // The loader's own messages have the shape the grouping expects.
    void theDotImportersWarningsGroup()
    {
        Diagnostics diags;
        QVERIFY(importDot(dotWithSla(50), "org.dot", diags));
        QCOMPARE(diags.size(), std::size_t(50));
        const auto shown = groupRepeated(diags);
        QCOMPARE(shown.size(), std::size_t(4));
        QVERIFY2(shown[3].format().find("… and 47 more components with the same warning: unknown property 'sla'") !=
                     std::string::npos,
                 shown[3].format().c_str());
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
