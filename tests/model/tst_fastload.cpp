// The two readers of .probeboard text: simdjson's (model/jsonfast.h) for files with nothing to
// report, and the careful one for everything else. Where the fast one reads a file, both give the
// same design; where it declines, designFromText says exactly what the careful one says.
#include "model/designfile.h"
#include "model/jsonfast.h"
#include "model/jsonutil.h"

#include <QtTest>
#include <filesystem>

using namespace pb::model;

namespace {
std::string wrap(const std::string& body)
{
    return "{\"format\": \"probeboard/1\", " + body + "}";
}
} // namespace

class TestFastLoad : public QObject
{
    Q_OBJECT

private slots:
    void examplesReadFastAndTheSame()
    {
        int files = 0;
        for (const auto& entry : std::filesystem::directory_iterator(PB_RESOURCES "/examples")) {
            if (entry.path().extension() != ".probeboard") continue;
            std::string err;
            const auto text = readTextFile(entry.path().string(), err);
            QVERIFY2(text, err.c_str());
            const auto fast = readDesignFast(*text);
            QVERIFY2(fast, entry.path().c_str());
            Diagnostics diags;
            const auto careful = designFromTextCarefully(*text, "x.probeboard", diags);
            QVERIFY2(careful, formatAll(diags).c_str());
            QVERIFY2(*fast == *careful, entry.path().c_str());
            QCOMPARE(designToText(*fast), designToText(*careful));
            ++files;
        }
        QVERIFY(files >= 5);
    }

    // Valid files with everything the careful reader tolerates: escapes, every kind of number,
    // a bend that is not a point (skipped), a zone with no kind, a decision with no status, and
    // the format named last.
    void oddButValidFilesReadTheSame_data()
    {
        QTest::addColumn<QString>("text");
        // Escapes in a plain literal: moc misreads a backslash before a quote in a raw string.
        const std::string escaped = "\"label\": \"Caf\\u00e9 \\\"API\\\"\\n\"";
        const std::string comps = R"("components": [
            {"id": "api", "kind": "service", )" +
                                  escaped + R"(,
             "position": {"x": -0.5, "y": 1e3}, "size": {"w": 160, "h": 64},
             "properties": {"rps": 12000, "hit_ratio": 0.9, "sync": false, "data": ["pii", "usage"], "owner": "t\/eam"}},
            {"id": "db", "kind": "database", "kind_inferred": true, "properties": {}}])";
        const std::string flows =
            R"("flows": [{"id": "f1", "from": "api", "to": "db", "label": "", "bends": [{"x": 1, "y": 2}, 5, {"x": "a", "y": 1}, {"x": 3, "y": -4.25}],
            "properties": {"carries": [], "circuit_breaker": true}}])";
        const std::string zones =
            R"("zones": [{"id": "eu", "members": ["api", "db"], "properties": {"region": "eu-west-1"}},
            {"id": "az", "kind": "", "label": "AZ a", "members": []}])";
        const std::string decisions =
            R"("decisions": [{"fingerprint": "abc", "rule": "r", "owner": "ana"}, {"fingerprint": "", "status": "mitigated"}])";
        QTest::newRow("everything")
            << QString::fromStdString(wrap("\"title\": \"T\", " + comps +
                                           ", " + flows + ", " + zones + ", " + decisions));
        QTest::newRow("format last") << QString::fromStdString(
            "{\"title\": \"T\", " + comps + ", " + flows + ", \"format\": \"probeboard/1\"}");
        QTest::newRow("empty design") << QString::fromStdString(wrap("\"components\": []"));
        QTest::newRow("no title, no arrays")
            << QString::fromStdString("{\"format\": \"probeboard/1\"}");
    }
    void oddButValidFilesReadTheSame()
    {
        QFETCH(QString, text);
        const std::string t = text.toStdString();
        const auto fast = readDesignFast(t);
        QVERIFY(fast);
        Diagnostics diags;
        const auto careful = designFromTextCarefully(t, "x.probeboard", diags);
        QVERIFY2(careful, formatAll(diags).c_str());
        QVERIFY(*fast == *careful);
        QCOMPARE(designToText(*fast), designToText(*careful));
    }

    // Texts the fast reader must decline: the careful reader has something to say about each.
    void declinedFilesGetTheCarefulErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const std::string api = R"({"id": "api", "kind": "service"})";
        auto row = [](const char* name, const std::string& text, const char* message) {
            QTest::newRow(name) << QString::fromStdString(text) << QString(message);
        };
        row("broken JSON", wrap("\"components\": [" + api + ",]"), "t.probeboard:1:");
        row("older format",
            R"({"format": "probeboard/0", "nodes": [{"id": "a", "kind": "service", "x": 1, "y": 2}], "edges": [{"id": "e", "from": "a", "to": "b"}]})",
            "'b'");
        row("no format", "{\"components\": [" + api + "]}", "missing \"format\"");
        row("label not a string",
            wrap(R"("components": [{"id": "api", "kind": "service", "label": 5}])"),
            "\"label\" must be a string");
        row("duplicate id", wrap("\"components\": [" + api + ", " + api + "]"),
            "duplicate id 'api'");
        row("missing kind", wrap(R"("components": [{"id": "api"}])"), "missing \"kind\"");
        row("property null",
            wrap(
                R"("components": [{"id": "api", "kind": "service", "properties": {"rps": null}}])"),
            "property 'rps' must be a string, number, bool or list of strings");
        row("list of numbers",
            wrap(
                R"("components": [{"id": "api", "kind": "service", "properties": {"data": [1]}}])"),
            "may hold only strings");
        row("position without y",
            wrap(R"("components": [{"id": "api", "kind": "service", "position": {"x": 1}}])"),
            "\"position\" must be {\"x\": n, \"y\": n}");
        row("flow to nowhere",
            wrap("\"components\": [" + api +
                 R"(], "flows": [{"id": "f", "from": "api", "to": "ghost"}])"),
            "ghost");
        row("misspelt property (a warning)",
            wrap(
                R"("components": [{"id": "api", "kind": "service", "properties": {"circuit_breakr": true}}])"),
            "circuit_breaker");
        row("components not a list", wrap("\"components\": {}"), "\"components\" must be a list");
        // Keys the format does not have are warned about (they are not kept on saving).
        row("unknown key in a component",
            wrap(R"("components": [{"id": "api", "kind": "service", "x_note": {"deep": [1, null, {"a": []}]}}])"),
            "unknown key 'x_note' in component 'api'");
        row("unknown key at the top", wrap("\"x_extra\": [[{}]]"), "unknown key 'x_extra' in the design");
        // A key written twice: the careful reader says which one it read.
        row("a key written twice", wrap(R"("components": [{"id": "db", "kind": "service", "kind": "database"}])"),
            "\"kind\" is written twice");
        row("a property written twice",
            wrap(R"("components": [{"id": "db", "kind": "database", "properties": {"rps": 1, "rps": 2}}])"),
            "\"rps\" is written twice");
        // Nothing to report, but the careful reader keeps the decisions of both lists.
        row("decisions listed twice",
            wrap(R"("decisions": [{"fingerprint": "a"}], "decisions": [{"fingerprint": "b"}])"),
            "");
        row("deep nesting", wrap("\"x\": " + std::string(50, '[') + std::string(50, ']')), "");
        row("NUL byte", wrap("\"title\": \"a") + std::string(1, '\0') + "\"}", "t.probeboard:1:");
    }
    void declinedFilesGetTheCarefulErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const std::string t = text.toStdString();
        Diagnostics viaDefault, viaCareful;
        const auto a = designFromText(t, "t.probeboard", viaDefault);
        const auto b = designFromTextCarefully(t, "t.probeboard", viaCareful);
        QVERIFY(!viaCareful.empty() || !readDesignFast(t));
        QCOMPARE(formatAll(viaDefault), formatAll(viaCareful));
        QCOMPARE(a.has_value(), b.has_value());
        if (a) QVERIFY(*a == *b);
        QVERIFY2(formatAll(viaDefault).find(message.toStdString()) != std::string::npos,
                 formatAll(viaDefault).c_str());
    }

    // A text read from a file carries the padding simdjson reads past its end; any other string
    // is copied first. Both read the same.
    void paddedAndUnpaddedTextsReadTheSame()
    {
        const std::string plain = wrap(R"("components": [{"id": "api", "kind": "service"}])");
        std::string padded(plain.size() + kTextPadding, '\0');
        std::copy(plain.begin(), plain.end(), padded.begin());
        padded.resize(plain.size());
        std::string tight(plain);
        tight.shrink_to_fit();
        const auto a = readDesignFast(padded);
        const auto b = readDesignFast(tight);
        QVERIFY(a && b);
        QVERIFY(*a == *b);
        QCOMPARE(a->components().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestFastLoad)
#include "tst_fastload.moc"
