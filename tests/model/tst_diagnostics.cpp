// Warnings shown to a person (the CLI's stderr, the whiteboard's open box) group one repeated
// on many elements: a design of 20,000 components each carrying a misspelt property printed
// 20,000 lines and buried the one warning that differed.
#include "model/diagnostic.h"
#include "model/dotimport.h"

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
