// Replays every input the fuzzers ever broke Probeboard with (tests/data/fuzz-regress/<harness>/)
// through the harnesses' own checks: each must now load or be refused with a clear error.
// Under scripts/sanitize.sh the same replay also runs with AddressSanitizer and UBSan.
#include "../fuzz/fuzztargets.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
} // namespace

class TestFuzzRegress : public QObject
{
    Q_OBJECT
private:
    void replay(const char* harness, const std::function<std::string(const std::string&)>& check)
    {
        const fs::path dir = fs::path(PB_TEST_DATA) / "fuzz-regress" / harness;
        QVERIFY(fs::is_directory(dir));
        int files = 0;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (!e.is_regular_file()) continue;
            ++files;
            const std::string problem = check(readAll(e.path()));
            QVERIFY2(problem.empty(), (e.path().filename().string() + ": " + problem).c_str());
        }
        qInfo("%s: %d reproducers replayed", harness, files);
    }

private slots:
    void designFiles() { replay("designfile", pb::fuzz::checkDesignFile); }
    void dotFiles() { replay("dot", pb::fuzz::checkDot); }
    void rulePacks() { replay("rulepack", pb::fuzz::checkRulePack); }
    void templates() { replay("template", pb::fuzz::checkTemplate); }

    // The round trip goes through the checked export, as `convert` does. A label DOT import read
    // but DOT could not carry back (its \N names make it longer than one text) was refused by that
    // export; the unchecked export wrote a file its own import refused, and the harness reported
    // that. DOT import now refuses it itself, at its line, with the export's reason, and the
    // harness counts a text refused only by the export as import and export disagreeing.
    void aDesignTheCheckedExportRefusesIsNoRoundTripFailure()
    {
        const std::string name(60000, 'n');
        std::string text = "digraph {\n  \"" + name + "\" [label=";
        for (int i = 0; i < 63; ++i) text += (i ? " + \"" : "\"") + std::string(65500, 'x') + "\"";
        text += " + \"\\N\\N\"];\n}\n";
        pb::model::Diagnostics diags;
        QVERIFY(!pb::model::importDot(text, "long.dot", diags));
        QVERIFY2(pb::model::formatAll(diags).find("long.dot:2: error: component 'nnn") != std::string::npos &&
                     pb::model::formatAll(diags).find("its label is 4246500 bytes long") != std::string::npos,
                 pb::model::formatAll(diags).c_str());
        const std::string problem = pb::fuzz::checkDot(text);
        QVERIFY2(problem.empty(), problem.substr(0, 400).c_str());
    }

    void textAfterTheGraphDoesNotLeakIntoTheNextFile()
    {
        // cgraph's scanner kept the rest of the buffer: the next import parsed "x = 1; }" first.
        // Text after the graph is now refused before cgraph reads it (it was dropped unread).
        pb::model::Diagnostics diags;
        auto first = pb::model::importDot("digraph a { p -> q } x = 1; }", "a.dot", diags);
        QVERIFY(!first);
        diags.clear();
        auto second = pb::model::importDot("digraph b { r -> s; }", "b.dot", diags);
        QVERIFY2(second, pb::model::formatAll(diags).c_str());
        QVERIFY(second->component("r") && !second->component("p"));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegress)
#include "tst_fuzzregress.moc"
