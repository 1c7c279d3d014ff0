// The .probeboard format: canonical output, round trips, migration and every load error.
#include "model/designfile.h"
#include "model/jsonutil.h"
#include "model/picturedesign.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace pb::model;

namespace {
Design sample()
{
    Design d;
    d.title = "Shop";
    d.addComponent({"api", "service", "orders-api", {{"rps", 1200.0}, {"x_team", std::string("core")}}, {10, 20}, {160, 64}});
    d.addComponent({"db", "database", "orders-db", {{"data", StringList{"pii", "payment"}}, {"failover", std::string("automatic")}}, {300, 20}, {}});
    d.addFlow({"f1", "api", "db", "writes", {{"sync", true}}, {{150, 50}}});
    d.addZone({"eu", "region", "EU", {{"region", std::string("eu-west-1")}}, {"api", "db"}, {0, 0}, {600, 200}});
    d.decisions.push_back({"abc123", "unfenced-failover", "accepted", "RDS fences for us", "ana", "2030-01-01"});
    return d;
}

std::optional<Design> load(const std::string& text, Diagnostics& diags)
{
    return designFromText(text, "t.probeboard", diags);
}
} // namespace

class TestDesignFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTripIsByteIdentical()
    {
        const std::string first = designToText(sample());
        Diagnostics diags;
        auto back = load(first, diags);
        QVERIFY2(back, formatAll(diags).c_str());
        QVERIFY(*back == sample());
        QCOMPARE(QString::fromStdString(designToText(*back)), QString::fromStdString(first));
    }

    // The text is written one element at a time (the whole DOM was seven times its size): it must
    // stay the very text the DOM's own dump gives, for every shape of design.
    void theTextIsTheDocumentsDump()
    {
        auto dump = [](const Design& d) {
            return designToJson(d).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
        };
        Design odd = sample();
        odd.title = "bad \xff byte, \"quoted\"\nline";
        odd.decisions.clear();
        odd.addComponent({"c", "cache", "", {{"tags", StringList{}}, {"n", 0.5}}, {-1.25, 1e300}, {}});
        std::vector<Design> designs{Design{}, sample(), odd};
        designs.front().title = "empty";
        for (const auto& entry : std::filesystem::directory_iterator(std::string(PB_RESOURCES) + "/examples")) {
            Diagnostics diags;
            if (entry.path().extension() == ".probeboard")
                if (auto d = loadDesignFile(entry.path().string(), diags)) designs.push_back(std::move(*d));
        }
        QVERIFY(designs.size() > 5);
        for (const auto& d : designs)
            QCOMPARE(QString::fromStdString(designToText(d)), QString::fromStdString(dump(d)));
    }

    void keysAreInFixedOrderWithoutTimestamps()
    {
        const std::string text = designToText(sample());
        QVERIFY(text.find("\"format\": \"probeboard/1\"") < text.find("\"components\""));
        QVERIFY(text.find("\"components\"") < text.find("\"flows\""));
        QVERIFY(text.find("\"flows\"") < text.find("\"zones\""));
        QVERIFY(text.find("time") == std::string::npos);
        QVERIFY(text.find("\"rps\": 1200") != std::string::npos); // whole numbers stay whole
    }

    void unknownPropertiesSurvive()
    {
        Diagnostics diags;
        auto back = load(designToText(sample()), diags);
        QVERIFY(back);
        QCOMPARE(stringProperty(back->component("api")->props, "x_team").value_or(""), std::string("core"));
    }

    void brokenJsonNamesLineAndColumn()
    {
        Diagnostics diags;
        QVERIFY(!load("{\n  \"format\": \"probeboard/1\",\n  \"components\": [ {\"id\": 1,, ]\n}", diags));
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].file, std::string("t.probeboard"));
        QCOMPARE(diags[0].line, 3);
        QVERIFY(diags[0].column > 20);
    }

    // Found by a tester: "flowz" lost every flow, "lable" the label, and an empty id the whole
    // component, each without a word.
    void unknownKeysAndEmptyIdsAreSaid()
    {
        Diagnostics diags;
        const auto d = load("{\"format\": \"probeboard/1\", \"title\": \"t\",\n"
                            "\"components\": [{\"id\": \"a\", \"kind\": \"service\", \"lable\": \"A\"}],\n"
                            "\"flowz\": [], \"zones\": [], \"nodes\": []}", diags);
        QVERIFY(d);
        std::map<std::string, std::string> warned; // pointer → hint
        for (const auto& w : diags) {
            QCOMPARE(w.code, std::string("W-UNKNOWN-KEY"));
            warned[w.pointer] = w.hint;
        }
        QCOMPARE(warned.size(), std::size_t(3));
        QCOMPARE(warned["/components/0/lable"], std::string("did you mean 'label'?"));
        QCOMPARE(warned["/flowz"], std::string("did you mean 'flows'?"));
        QCOMPARE(warned["/nodes"], std::string("did you mean 'components'?"));
        QCOMPARE(diags[0].line, 2);

        Diagnostics empty;
        QVERIFY(!load("{\"format\": \"probeboard/1\", \"components\": [{\"id\": \"\", \"kind\": \"service\"}]}", empty));
        QCOMPARE(empty.size(), std::size_t(1));
        QCOMPARE(empty[0].pointer, std::string("/components/0/id"));
        QVERIFY(empty[0].message.find("empty") != std::string::npos);
    }

    // A key written twice (a hand merge, a copy-paste) lost the first value without a word. Each
    // later writing is warned about at its own line; a list of elements written twice is read whole.
    void keysWrittenTwiceAreWarnedAtTheLaterOne()
    {
        Diagnostics diags;
        auto d = load("{\"format\": \"probeboard/1\",\n\"components\": [\n"
                      "{\"id\": \"a\", \"kind\": \"service\", \"label\": \"A\",\n\"label\": \"B\",\n"
                      "\"properties\": {\"rps\": 1, \"x\": {\"y\": 1}}, \"properties\": {\"rps\": 2}}],\n"
                      "\"components\": [{\"id\": \"b\", \"kind\": \"cache\"}]}",
                      diags);
        QVERIFY(d);
        QCOMPARE(d->components().size(), std::size_t(2));
        QCOMPARE(d->components()[0].label, std::string("B"));
        QCOMPARE(diags.size(), std::size_t(3)); // the repeated rps inside the repeated properties is not said again
        for (const auto& w : diags) QCOMPARE(w.code, std::string("W-DUPLICATE-KEY"));
        QCOMPARE(diags[0].pointer, std::string("/components/0/label"));
        QCOMPARE(diags[0].line, 4);
        QVERIFY2(diags[0].message.find("first at 3:") != std::string::npos, diags[0].message.c_str());
        QCOMPARE(diags[1].pointer, std::string("/components/0/properties"));
        QCOMPARE(diags[1].line, 5);
        QCOMPARE(diags[2].pointer, std::string("/components"));
        QCOMPARE(diags[2].line, 6);
        QVERIFY2(diags[2].message.find("both lists are read") != std::string::npos, diags[2].message.c_str());
    }

    // SARIF places each finding at its element's line. The positions of every value in a large
    // file took 350 MB; only the elements' own are kept, and they are the same lines.
    void elementLinesNameEachElementsLine()
    {
        const std::string text = designToText(sample());
        const JsonPositions all(text), shallow(text, 2);
        QCOMPARE(shallow.find("/components/1"), all.find("/components/1"));
        QCOMPARE(shallow.find("/flows/0"), all.find("/flows/0"));
        QVERIFY(all.find("/components/1/id").first > 0);
        QCOMPARE(shallow.find("/components/1/id"), (std::pair<int, int>{0, 0}));
        // Asked for a few pointers, it finds those where the whole map does, and works out no other
        // (what a careful read of a large design with one warning asks).
        JsonPositions few(text);
        few.only({"/components/1/id", "/flows/0", "/components/1/position/x"});
        QCOMPARE(few.find("/components/1/id"), all.find("/components/1/id"));
        QCOMPARE(few.find("/flows/0"), all.find("/flows/0"));
        QCOMPARE(few.find("/components/1/position/x"), all.find("/components/1/position/x"));
        QVERIFY(all.find("/components/1/position/x").first > 0);
        QCOMPARE(few.find("/components/0/id"), (std::pair<int, int>{0, 0}));
        QCOMPARE(few.find("/components/1"), (std::pair<int, int>{0, 0})); // on the way, not asked for
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("d.probeboard")).toStdString();
        std::ofstream(path) << text;
        const auto lines = elementLines(path, sample());
        QCOMPARE(lines.at(sample().components()[1].id), all.find("/components/1").first);
        QCOMPARE(lines.at(sample().zones()[0].id), all.find("/zones/0").first);
    }

    // A file saved with a byte order mark: its problems keep their lines.
    void aByteOrderMarkKeepsTheLines()
    {
        Diagnostics diags;
        QVERIFY(!load("\xEF\xBB\xBF{\"format\": \"probeboard/1\",\n\"components\": [\n"
                      "{\"id\": \"a\", \"kind\": \"service\", \"properties\": {\"rps\": \"1,200\"}}]}",
                      diags));
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].line, 3);
        QVERIFY(diags[0].column > 40);
    }

    void mergeConflictMarkersAreNamedFirst()
    {
        Diagnostics diags;
        QVERIFY(!load("{\n  \"format\": \"probeboard/1\",\n<<<<<<< HEAD\n  \"title\": \"a\",\n=======\n"
                      "  \"title\": \"b\",\n>>>>>>> feature\n  \"components\": []\n}", diags));
        QVERIFY(diags.size() >= 1);
        QCOMPARE(diags[0].code, std::string("E-MERGE"));
        QCOMPARE(diags[0].line, 3);
        QCOMPARE(diags[0].file, std::string("t.probeboard"));
    }

    void graphErrorsNameTheElement()
    {
        Diagnostics diags;
        const std::string text = R"({"format": "probeboard/1",
 "components": [{"id": "a", "kind": "service"}, {"id": "a", "kind": "cache"},
                {"id": "db", "kind": "database", "properties": {"replicas": "two"}}],
 "flows": [{"id": "f", "from": "a", "to": "ghost"}],
 "zones": [{"id": "z1", "members": ["z2"]}, {"id": "z2", "members": ["z1"]}]})";
        QVERIFY(!load(text, diags));
        const std::string all = formatAll(diags);
        QVERIFY2(all.find("duplicate id 'a'") != std::string::npos, all.c_str());
        QVERIFY2(all.find("'ghost', which is not a component") != std::string::npos, all.c_str());
        QVERIFY2(all.find("cycle: z1 → z2 → z1") != std::string::npos, all.c_str());
        QVERIFY2(all.find("'replicas' of 'db' must be a number") != std::string::npos, all.c_str());
        for (const auto& d : diags) QVERIFY2(d.line > 0, d.format().c_str());
    }

    void misspellingsWarnWithSuggestion()
    {
        Diagnostics diags;
        auto d = load(R"({"format": "probeboard/1", "components": [
            {"id": "db", "kind": "databse", "properties": {"failovr": "automatic", "fencing": "epoc"}}]})", diags);
        QVERIFY(d); // warnings still load
        const std::string all = formatAll(diags);
        QVERIFY2(all.find("did you mean 'database'?") != std::string::npos, all.c_str());
        QVERIFY2(all.find("did you mean 'failover'?") != std::string::npos, all.c_str());
        QVERIFY2(all.find("did you mean 'epoch'?") != std::string::npos, all.c_str());

        // A data class in other letters than the rules look for: the billing checks skipped it.
        Diagnostics cased;
        QVERIFY(load(R"({"format": "probeboard/1", "components": [
            {"id": "usage", "kind": "database", "properties": {"data": ["Billing", "orders"]}}]})", cased));
        QCOMPARE(cased.size(), std::size_t{1});
        QVERIFY2(cased[0].format().find("'Billing' in 'data' of 'usage' differs from the known 'billing' only in letter case") !=
                     std::string::npos,
                 cased[0].format().c_str());
        QCOMPARE(cased[0].line, 2);
    }

    // A hit ratio of 1.5 or a negative rate would be rendered into questions as "150% of reads"
    // or "-200 requests/s": the vocabulary's ranges warn where it is drawn. The value is kept.
    void numbersOutsideTheirRangeWarn()
    {
        Diagnostics diags;
        auto d = load(R"({"format": "probeboard/1", "components": [
            {"id": "redis", "kind": "cache", "properties": {"hit_ratio": 1.5, "rps": -200, "size_gb": 0}},
            {"id": "ok", "kind": "cache", "properties": {"hit_ratio": 1, "rps": 1e300}}]})", diags);
        QVERIFY(d);
        QCOMPARE(diags.size(), std::size_t{2});
        const std::string all = formatAll(diags);
        QVERIFY2(all.find("property 'hit_ratio' of 'redis' is '1.5'; it should be from 0 to 1") != std::string::npos,
                 all.c_str());
        QVERIFY2(all.find("property 'rps' of 'redis' is '-200'; it should be at least 0") != std::string::npos,
                 all.c_str());
        for (const auto& diag : diags) QCOMPARE(diag.level, Diagnostic::Level::Warning);
        QCOMPARE(numberProperty(d->component("redis")->props, "hit_ratio").value_or(0), 1.5);
    }

    // A property's number is a double, which keeps every whole number up to 2^53 and only some
    // past it: an account number of 20 digits loaded rounded without a word. It still loads as the
    // nearest number, with a warning at its line; one a double keeps exactly, or written with an
    // exponent, says nothing. The fast reader leaves such a file to this one.
    void wholeNumbersPastADoubleAreSaid()
    {
        Diagnostics diags;
        auto d = load(R"({"format": "probeboard/1", "components": [
            {"id": "api", "kind": "service", "properties": {
              "x_account": 12345678901234567890,
              "rps": 9007199254740993,
              "x_exact": 9007199254740992, "x_float": 1e20, "x_pow": 1180591620717411303424,
              "x_huge": 123456789012345678901234567890,
              "x_negative": -9223372036854775807}}]})", diags);
        QVERIFY(d);
        const std::string all = formatAll(diags);
        QVERIFY2(diags.size() == 4, all.c_str());
        for (const auto& x : diags) QVERIFY2(x.code == "W-NUMBER-ROUNDED" && x.level == Diagnostic::Level::Warning, all.c_str());
        QVERIFY2(all.find("t.probeboard:3:28: warning: property 'x_account' of 'api' is 12345678901234567890, more "
                          "digits than a number keeps: it is read as 12345678901234567168 [element 'api'] [at "
                          "/components/0/properties/x_account] (write it as text, in quotes, to keep every digit) "
                          "[W-NUMBER-ROUNDED]\n") != std::string::npos, all.c_str());
        QVERIFY2(all.find("t.probeboard:4:22: warning: property 'rps' of 'api' is 9007199254740993, more digits than a "
                          "number keeps: it is read as 9007199254740992") != std::string::npos, all.c_str());
        QVERIFY2(all.find("t.probeboard:7:29: warning: property 'x_negative' of 'api' is -9223372036854775807, more "
                          "digits than a number keeps: it is read as -9223372036854775808") != std::string::npos, all.c_str());
        QVERIFY2(all.find("t.probeboard:6:25: warning: property 'x_huge' of 'api' is 123456789012345678901234567890, "
                          "more digits than a number keeps: it is read as 123456789012345677877719597056") != std::string::npos,
                 all.c_str());
        QCOMPARE(numberProperty(d->component("api")->props, "x_account").value_or(0), 12345678901234567890.0);

        // Saved, a number past what a double keeps exactly is written with its exponent, so that
        // it does not look exact; every whole number up to 2^53 is written as the whole number it
        // is (9.005e+15 for 9005000000000000 said "approximate" of an exact number). Loaded
        // again, nothing more is lost, so nothing is said.
        const std::string saved = designToText(*d);
        for (const char* written : {"\"x_account\": 1.2345678901234567e+19,", "\"rps\": 9007199254740992,",
                                    "\"x_exact\": 9007199254740992,", "\"x_negative\": -9.223372036854776e+18"})
            QVERIFY2(saved.find(written) != std::string::npos, (std::string(written) + " in\n" + saved).c_str());
        Diagnostics again;
        auto reloaded = load(saved, again);
        QVERIFY(reloaded);
        QVERIFY2(again.empty(), formatAll(again).c_str());
        QCOMPARE(numberProperty(reloaded->component("api")->props, "x_account").value_or(0), 12345678901234567890.0);
    }

    // Decisions that would waive a finding by mistake warn with their place: a misspelt status
    // and an expiry that is not a date. Columns count characters, not bytes, on a file written
    // on one line (where they once cost a scan from its start each: minutes for 150,000).
    void decisionsThatSettleNothingWarnWhereTheyAre()
    {
        // Two-byte characters before each value, and values past several 4 KiB blocks.
        std::string text = "{\"format\": \"probeboard/1\", \"title\": \"" + std::string(3000, 'x') + "é\", \"components\": [],";
        text += " \"decisions\": [{\"fingerprint\": \"a1\", \"owner\": \"" + std::string(5000, 'y') + "ééé\", \"status\": \"acepted\"},";
        text += " {\"fingerprint\": \"b2\", \"status\": \"accepted\", \"owner\": \"o\", \"justification\": \"j\", \"expires\": \"soon\"},";
        text += " {\"fingerprint\": \"c3\", \"status\": \"in_discussion\", \"expires\": \"2027-02-28\"}]}";
        Diagnostics diags;
        QVERIFY(load(text, diags));
        QCOMPARE(diags.size(), std::size_t{2});
        // Expected columns: characters before each value, plus one.
        auto columnOf = [&](const std::string& needle) {
            const std::size_t at = text.find(needle);
            int chars = 0;
            for (std::size_t i = 0; i < at; ++i) chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
            return chars + 1;
        };
        QCOMPARE(diags[0].code, std::string("W-DECISION-STATUS"));
        QCOMPARE(diags[0].line, 1);
        QCOMPARE(diags[0].column, columnOf("\"acepted\""));
        QVERIFY(diags[0].hint.find("accepted") != std::string::npos);
        QCOMPARE(diags[1].code, std::string("W-DECISION-EXPIRES"));
        QCOMPARE(diags[1].column, columnOf("\"soon\""));

        // A settling decision without its owner or reason, as a hand-edited file may have it.
        diags.clear();
        QVERIFY(load(R"({"format": "probeboard/1", "components": [],
                        "decisions": [{"fingerprint": "a1", "status": "accepted", "justification": "fine"}]})",
                     diags));
        QCOMPARE(diags.size(), std::size_t{1});
        QCOMPARE(diags[0].code, std::string("W-DECISION-INCOMPLETE"));
        QVERIFY(diags[0].message.find("no owner") != std::string::npos);

        // Both sides of a merge decided the same finding.
        diags.clear();
        QVERIFY(load(R"({"format": "probeboard/1", "components": [],
                        "decisions": [{"fingerprint": "a1", "status": "accepted", "owner": "ana", "justification": "j"},
                                      {"fingerprint": "a1", "status": "open", "owner": "bob", "justification": "k"}]})",
                     diags));
        QCOMPARE(diags.size(), std::size_t{1});
        QCOMPARE(diags[0].code, std::string("W-DECISION-DUPLICATE"));
        QCOMPARE(diags[0].line, 3);
        QVERIFY2(diags[0].message.find("decisions 1 and 2") != std::string::npos &&
                     diags[0].message.find("'open'") != std::string::npos,
                 diags[0].message.c_str());
    }

    // An expiry is a day the calendar has: "2099-02-30", compared as text, would have waived
    // the finding until 2099.
    void expiriesAreRealDays()
    {
        QVERIFY(isIsoDate("2028-02-29"));
        QVERIFY(isIsoDate("2099-12-31"));
        QVERIFY(!isIsoDate("2027-02-29"));
        QVERIFY(!isIsoDate("2099-02-30"));
        QVERIFY(!isIsoDate("2099-04-31"));
        QVERIFY(!isIsoDate("2099-13-01"));
        QVERIFY(!isIsoDate("2099-00-10"));
        Diagnostics diags;
        QVERIFY(load(R"({"format": "probeboard/1", "components": [],
                        "decisions": [{"fingerprint": "a1", "status": "accepted", "owner": "o", "justification": "j", "expires": "2099-02-30"}]})",
                     diags));
        QCOMPARE(diags.size(), std::size_t{1});
        QCOMPARE(diags[0].code, std::string("W-DECISION-EXPIRES"));
    }

    void streamedAndWholeReadsAgree()
    {
        // A file that says probeboard/1 before its elements (as every file we write does) is
        // read element by element while it is parsed; one that says it last is read whole.
        // Both must give the same design and the same errors, at the same lines.
        const std::string elements = R"("components": [{"id": "api", "kind": "service", "properties": {"rps": 5}},
  {"id": "db", "kind": "database", "properties": {"replicas": "two"}}, 7],
 "flows": [{"id": "f", "from": "api", "to": "db", "bends": [{"x": 1, "y": 2}]}],
 "zones": [{"id": "eu", "members": ["api"]}],
 "decisions": [{"fingerprint": "fp", "justification": "ok"}])";
        Diagnostics first, last;
        QVERIFY(!load("{\"format\": \"probeboard/1\", \"title\": \"T\",\n " + elements + "}", first));
        QVERIFY(!load("{\"title\": \"T\",\n " + elements + ",\n \"format\": \"probeboard/1\"}", last));
        QCOMPARE(formatAll(first), formatAll(last));
        const std::string all = formatAll(first);
        QVERIFY2(all.find("t.probeboard:3:72: error: a component must be an object [at /components/2]") !=
                     std::string::npos, all.c_str());
        QVERIFY2(all.find("t.probeboard:3:63: error: property 'replicas' of 'db' must be a number") != std::string::npos,
                 all.c_str());
        // Without the errors, the designs are equal too, down to bends and decisions.
        const std::string fine = R"("components": [{"id": "api", "kind": "service"}, {"id": "db", "kind": "database"}],
 "flows": [{"id": "f", "from": "api", "to": "db", "bends": [{"x": 1, "y": 2}]}],
 "zones": [{"id": "eu", "members": ["api"]}], "decisions": [{"fingerprint": "fp", "justification": "ok"}])";
        Diagnostics d1, d2;
        auto a = load("{\"format\": \"probeboard/1\", \"title\": \"T\", " + fine + "}", d1);
        auto b = load("{\"title\": \"T\", " + fine + ", \"format\": \"probeboard/1\"}", d2);
        QVERIFY2(a && b, (formatAll(d1) + formatAll(d2)).c_str());
        QCOMPARE(designToText(*a), designToText(*b));
        QCOMPARE(a->flow("f")->bends.size(), std::size_t(1));
        QCOMPARE(a->decisions.size(), std::size_t(1));
        QCOMPARE(a->title, std::string("T"));
    }

    void deepNestingIsAnErrorNotACrash()
    {
        std::string deep = "{\"format\": \"probeboard/1\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
        Diagnostics diags;
        QVERIFY(!load(deep, diags));
        QVERIFY(formatAll(diags).find("nesting deeper than") != std::string::npos);
    }

    void oldFormatIsMigrated()
    {
        Diagnostics diags;
        auto d = load(R"({"format": "probeboard/0", "nodes": [{"id": "a", "kind": "service", "x": 5, "y": 7, "props": {"rps": 3}},
            {"id": "b", "kind": "database"}], "edges": [{"id": "e", "from": "a", "to": "b"}]})", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("a")->pos, (Point{5, 7}));
        QCOMPARE(numberProperty(d->component("a")->props, "rps").value_or(0), 3.0);
        QVERIFY(d->flow("e"));
    }

    void unknownFormatIsRejected()
    {
        Diagnostics diags;
        QVERIFY(!load(R"({"format": "probeboard/9"})", diags));
        QVERIFY(formatAll(diags).find("unsupported format 'probeboard/9'") != std::string::npos);
        // A rule pack given where a design goes (`check pack.json`) says what to do with it.
        Diagnostics pack;
        QVERIFY(!load(R"({"format": "probeboard-rules/1", "rules": []})", pack));
        QVERIFY2(formatAll(pack).find("this is a rule pack ('probeboard-rules/1'), not a design; pass it with --rules") !=
                     std::string::npos,
                 formatAll(pack).c_str());
    }

    // An empty design file (a save cut short elsewhere, a touch) says it is empty, not that its
    // JSON ends unexpectedly at line 2.
    void anEmptyFileSaysSo()
    {
        QTemporaryDir dir;
        for (const char* text : {"", "  \n", "\xEF\xBB\xBF\n"}) {
            const std::string path = dir.filePath("e.probeboard").toStdString();
            std::ofstream(path, std::ios::binary) << text;
            Diagnostics diags;
            QVERIFY(!loadDesignFile(path, diags));
            QCOMPARE(diags.size(), std::size_t{1});
            QCOMPARE(diags.front().format(), path + ": error: empty file: expected a design file (JSON) [E-EMPTY]");
        }
    }

    // A legal name of 255 bytes: the temporary beside it must still fit the limit.
    void longestFileNamesCanBeSaved()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QString(255 - 11, QLatin1Char('o')) + ".probeboard").toStdString();
        std::string error;
        QVERIFY2(saveDesignFile(sample(), path, error), error.c_str());
        Diagnostics diags;
        QVERIFY(loadDesignFile(path, diags));
    }

    void saveIsAtomicAndKeepsTheOldFileOnFailure()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.probeboard").toStdString();
        std::string error;
        QVERIFY(saveDesignFile(sample(), path, error));
        Diagnostics diags;
        QVERIFY(loadDesignFile(path, diags));
        // A read-only folder: the save fails with a message and the old file is intact.
        std::filesystem::permissions(dir.path().toStdString(), std::filesystem::perms::owner_read |
                                                                   std::filesystem::perms::owner_exec);
        Design changed = sample();
        changed.title = "changed";
        const bool saved = saveDesignFile(changed, path, error);
        std::filesystem::permissions(dir.path().toStdString(), std::filesystem::perms::owner_all);
        if (::geteuid() != 0) { // root ignores directory permissions
            QVERIFY(!saved);
            QVERIFY2(error.find(path) != std::string::npos, error.c_str());
            auto again = loadDesignFile(path, diags);
            QVERIFY(again && again->title == "Shop");
        }
        // No temporary files are left behind.
        int files = 0;
        for (auto& e : std::filesystem::directory_iterator(dir.path().toStdString())) files += e.is_regular_file();
        QCOMPARE(files, 1);
    }

    void saveWritesThroughASymlink()
    {
        // A design kept behind a link (a dotfiles repo, a synced folder) stays a link after a
        // save, and the file it points to gets the new content.
        QTemporaryDir dir;
        namespace fs = std::filesystem;
        const fs::path real = fs::path(dir.path().toStdString()) / "sub" / "real.probeboard";
        fs::create_directories(real.parent_path());
        const fs::path link = fs::path(dir.path().toStdString()) / "link.probeboard";
        std::string error;
        QVERIFY(saveDesignFile(sample(), real.string(), error));
        fs::create_symlink(real, link);
        Design changed = sample();
        changed.title = "through the link";
        QVERIFY2(saveDesignFile(changed, link.string(), error), error.c_str());
        QVERIFY(fs::is_symlink(fs::symlink_status(link)));
        Diagnostics diags;
        auto back = loadDesignFile(real.string(), diags);
        QVERIFY(back);
        QCOMPARE(back->title, std::string("through the link"));
        // The temporary file went next to the target, and nothing is left over there.
        QCOMPARE(std::distance(fs::directory_iterator(real.parent_path()), fs::directory_iterator()), 1L);
    }

    void missingFileIsReported()
    {
        Diagnostics diags;
        QVERIFY(!loadDesignFile("/nonexistent/x.probeboard", diags));
        QVERIFY(formatAll(diags).find("/nonexistent/x.probeboard") != std::string::npos);
    }

    // An SVG the whiteboard exported carries its design, and loads as it; a PNG, or a picture
    // without one, is refused with what to do instead.
    void picturesCarryTheirDesign()
    {
        const std::string nasty = "a &amp; b <x> \"q\" 'y' & ;";
        QCOMPARE(designInSvg(std::string(kSvgDesignOpen) + escapeForSvg(nasty) + std::string(kSvgDesignClose)).value(), nasty);
        QVERIFY(escapeForSvg(nasty).find('<') == std::string::npos);
        QVERIFY(!designInSvg(std::string(kSvgDesignOpen) + "{ cut short"));
        QCOMPARE(pictureKind(std::string("\x89PNG\r\n\x1a\n....", 12)), Picture::Png);
        QCOMPARE(pictureKind("<?xml version=\"1.0\"?>\n<!-- made here -->\n<svg width=\"1\">"), Picture::Svg);
        QCOMPARE(pictureKind("{\"format\": \"probeboard/1\"}"), Picture::None);
        QCOMPARE(pictureKind("digraph { a -> b }"), Picture::None);

        QTemporaryDir dir;
        auto write = [&](const char* name, const std::string& text) {
            const std::string path = dir.filePath(QLatin1String(name)).toStdString();
            std::ofstream(path, std::ios::binary) << text;
            return path;
        };
        Design d = sample();
        d.component("api")->label = nasty;
        const std::string svg = write("d.svg", "<svg>\n<rect/>\n" + std::string(kSvgDesignOpen) +
                                                   escapeForSvg(designToText(d)) + std::string(kSvgDesignClose) + "\n</svg>\n");
        Diagnostics diags;
        auto back = loadDesignFile(svg, diags);
        QVERIFY2(back, formatAll(diags).c_str());
        QCOMPARE(designToText(*back), designToText(d));

        const std::string png = write("d.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        diags.clear();
        QVERIFY(!loadDesignFile(png, diags));
        QVERIFY(formatAll(diags).find(png + ": error: a PNG picture that carries no design") != std::string::npos);
        QVERIFY(formatAll(diags).find("E-PICTURE") != std::string::npos);
        const std::string bare = write("bare.svg", "<svg><rect/></svg>");
        diags.clear();
        QVERIFY(!loadDesignFile(bare, diags));
        QVERIFY(formatAll(diags).find("an SVG picture that carries no design") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDesignFile)
#include "tst_designfile.moc"
