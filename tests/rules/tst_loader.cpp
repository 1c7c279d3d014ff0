// The rule-pack loader: a malformed pack is rejected whole with every error listed (JSON
// pointer, line:column, "did you mean"), and a typo never evaluates silently to false.
#include "model/dotimport.h"
#include "rules/engine.h"
#include "rules/loader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace pb;
using model::Diagnostic;
using model::Diagnostics;

namespace {
const char* kAnswers = R"(["point one", "point two", "point three"])";

// One rule; `match` and `extra` are spliced in as JSON text. Each piece is on its own line so
// tests can check the line numbers the loader reports.
std::string pack(const std::string& match, const std::string& extra = "", const std::string& why = "\"{{$d.label}} fails over.\"")
{
    return std::string("{\n") +
           "\"format\": \"probeboard-rules/1\",\n"
           "\"pack\": {\"id\": \"t\", \"version\": \"1\"},\n"
           "\"sets\": {\"restricted\": [\"EU\"]},\n"
           "\"rules\": [{\n"
           "\"id\": \"r1\", \"title\": \"T\", \"category\": \"failure\", \"severity\": \"high\", \"level\": \"senior\",\n"
           "\"match\": " + match + ",\n"
           "\"report\": {\"targets\": [\"$d\"]},\n"
           "\"why\": " + why + ",\n" + extra +
           "\"questions\": [{\"text\": \"What about {{$d.label}}?\", \"answer_points\": " + kAnswers + "}]\n"
           "}]\n}\n";
}

const std::string kGoodMatch = R"({"each": {"$d": {"kind": ["database"]}}, "where": [{"prop": "$d.failover", "eq": "automatic"}]})";

std::optional<rules::Pack> load(const std::string& text, Diagnostics& diags)
{
    return rules::loadPackText(text, "p.json", diags);
}

const Diagnostic* withCode(const Diagnostics& diags, const std::string& code, const std::string& mentions = "")
{
    for (const auto& d : diags)
        if (d.code == code && (mentions.empty() || d.message.find(mentions) != std::string::npos)) return &d;
    return nullptr;
}
} // namespace

class TestLoader : public QObject
{
    Q_OBJECT
private slots:
    void wellFormedPackLoadsAndFires()
    {
        Diagnostics diags;
        auto p = load(pack(kGoodMatch), diags);
        QVERIFY2(p, formatAll(diags).c_str());
        QCOMPARE(p->rules.size(), std::size_t(1));
        QVERIFY(!model::hasErrors(diags));
    }

    void brokenJsonHasLineAndColumn()
    {
        Diagnostics diags;
        QVERIFY(!load("{\n  \"format\": \"probeboard-rules/1\",\n  \"rules\": [,]\n}\n", diags));
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].file, std::string("p.json"));
        QCOMPARE(diags[0].line, 3);
        QVERIFY(diags[0].column >= 12);
    }

    void everyErrorIsListedWithPointerLineAndHint()
    {
        // Four independent typos: all four must be reported in one go, not just the first.
        const std::string match =
            "{\"each\": {\"$d\": {\"kind\": [\"databse\"]}},\n"
            " \"where\": [{\"prop\": \"$d.failovr\", \"eq\": \"automatic\"},\n"
            "           {\"stpe\": {\"from\": \"$d\", \"dir\": \"out\", \"to\": \"$x\"}},\n"
            "           {\"prop\": \"$d.fencing\", \"eqq\": \"none\"}]}";
        Diagnostics diags;
        QVERIFY(!load(pack(match), diags));
        const Diagnostic* kind = withCode(diags, "E-UNKNOWN-KIND", "databse");
        const Diagnostic* prop = withCode(diags, "E-UNKNOWN-PROP", "failovr");
        const Diagnostic* cond = withCode(diags, "E-SCHEMA", "stpe");
        const Diagnostic* op = withCode(diags, "E-SCHEMA", "eqq");
        QVERIFY2(kind && prop && cond && op, formatAll(diags).c_str());
        QCOMPARE(kind->pointer, std::string("/rules/0/match/each/$d/kind/0"));
        QCOMPARE(kind->hint, std::string("did you mean 'database'?"));
        QCOMPARE(kind->line, 7);
        QVERIFY(kind->column > 1);
        QCOMPARE(prop->pointer, std::string("/rules/0/match/where/0/prop"));
        QCOMPARE(prop->hint, std::string("did you mean 'failover'?"));
        QCOMPARE(prop->line, 8);
        QCOMPARE(cond->pointer, std::string("/rules/0/match/where/1/stpe"));
        QCOMPARE(cond->hint, std::string("did you mean 'step'?"));
        QCOMPARE(cond->line, 9);
        QCOMPARE(op->pointer, std::string("/rules/0/match/where/2/eqq"));
        QCOMPARE(op->hint, std::string("did you mean 'eq'?"));
        QCOMPARE(op->line, 10);
        for (const auto& d : diags) {
            QCOMPARE(d.file, std::string("p.json"));
            QCOMPARE(d.element, std::string("r1")); // the rule it is in
            QVERIFY(d.format().find("p.json:") == 0);
        }
    }

    void typosInValuesAreErrorsNotFalse_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("hint");
        QTest::newRow("enum value") << R"({"prop": "$d.failover", "eq": "automatc"})" << "E-ENUM" << "automatic";
        QTest::newRow("enum value in a list") << R"({"prop": "$d.fencing", "in": ["epoch", "stonit"]})" << "E-ENUM" << "stonith";
        QTest::newRow("bool compared with a string") << R"({"prop": "$d.managed", "eq": "yes"})" << "E-TYPE" << "";
        QTest::newRow("number compared with a string") << R"({"prop": "$d.rps", "gt": "1000"})" << "E-TYPE" << "";
        QTest::newRow("contains on a scalar") << R"({"prop": "$d.failover", "contains_any": ["automatic"]})" << "E-TYPE" << "";
        QTest::newRow("unbound variable") << R"({"prop": "$db.failover", "eq": "automatic"})" << "E-UNBOUND" << "$d";
        QTest::newRow("unknown set") << R"({"prop": "$d.@jurisdiction", "in": {"set": "restrictd"}})" << "E-UNKNOWN-SET" << "'restricted'";
        QTest::newRow("kind in a step") << R"({"step": {"from": "$d", "dir": "out", "to": "$c", "kind": ["cahce"]}})" << "E-UNKNOWN-KIND" << "cache";
        QTest::newRow("bad direction") << R"({"step": {"from": "$d", "dir": "sideways", "to": "$c"}})" << "E-SCHEMA" << "";
        QTest::newRow("bad if_missing") << R"({"prop": "$d.failover", "eq": "automatic", "if_missing": "maybe"})" << "E-SCHEMA" << "";
        QTest::newRow("unbounded reach") << R"({"reach": {"from": "$d", "dir": "out", "max_hops": 1000, "to": "$x"}})" << "E-SCHEMA" << "";
        // Half-written conditions that would quietly never (or always) hold.
        QTest::newRow("empty any") << R"({"any": []})" << "E-SCHEMA" << "leave the \"any\" out";
        QTest::newRow("empty all") << R"({"all": []})" << "E-SCHEMA" << "";
        QTest::newRow("in an empty list") << R"({"prop": "$d.failover", "in": []})" << "E-SCHEMA" << "";
        QTest::newRow("contains_any of nothing") << R"({"prop": "$d.data", "contains_any": []})" << "E-SCHEMA" << "";
        QTest::newRow("two operators") << R"({"prop": "$d.rps", "gt": 5, "lt": 3})" << "E-SCHEMA" << "one condition for each";
        // Found by a scripted pass: each of these loaded and quietly never held.
        QTest::newRow("misspelt value in a set") << R"({"prop": "$d.failover", "in": {"set": "restricted"}})" << "E-ENUM" << "";
        QTest::newRow("misspelt kind compared") << R"({"prop": "$d.kind", "eq": "databse"})" << "E-ENUM" << "database";
        QTest::newRow("misspelt kind in a list") << R"({"prop": "$d.kind", "in": ["database", "quee"]})" << "E-ENUM" << "queue";
        QTest::newRow("number equal to text") << R"({"prop": "$d.rps", "eq": "10"})" << "E-TYPE" << "";
        QTest::newRow("list equal to one value") << R"({"prop": "$d.data", "eq": "pii"})" << "E-TYPE" << "contains_any";
        QTest::newRow("label above a number") << R"({"prop": "$d.label", "gt": 5})" << "E-TYPE" << "";
        QTest::newRow("id equal to a number") << R"({"prop": "$d.id", "eq": 5})" << "E-TYPE" << "";
        // Found by a rule author's pass: misspelt keys were dropped and the rule ran without them.
        QTest::newRow("misspelt reach key") << R"({"reach": {"from": "$d", "dir": "out", "max_hop": 1, "to": "$x"}})" << "E-SCHEMA" << "max_hops";
        QTest::newRow("misspelt select key") << R"({"nowhere": {"kinds": ["cache"]}})" << "E-SCHEMA" << "kind";
        QTest::newRow("another language's operator in a count")
            << R"({"count": {"step": {"from": "$d", "dir": "in", "to": "$w"}, "gte": 3}})" << "E-SCHEMA" << "'ge'";
        QTest::newRow("another language's operator") << R"({"prop": "$d.rps", "neq": 3})" << "E-SCHEMA" << "'ne'";
        QTest::newRow("a flow's property on a component") << R"({"prop": "$d.tls", "eq": true})" << "E-APPLIES" << "step";
        QTest::newRow("a component's property on a flow")
            << R"({"step": {"from": "$d", "dir": "in", "flow": "$f", "flow_where": [{"prop": "$f.replicas", "gt": 1}]}})"
            << "E-APPLIES" << "";
        QTest::newRow("a step from a flow")
            << R"({"step": {"from": "$d", "dir": "in", "flow": "$f", "where": [{"exists": {"from": "$f", "dir": "in"}}]}})" << "E-TYPE" << "";
        QTest::newRow("the flow in a barrier")
            << R"({"reach": {"from": "$d", "to": "$x", "through": [{"prop": "$_flow.sync", "eq": true}]}})" << "E-UNBOUND" << "$_node";
        QTest::newRow("the node in a flow filter")
            << R"({"reach": {"from": "$d", "to": "$x", "via": [{"prop": "$_node.rps", "gt": 1}]}})" << "E-UNBOUND" << "$_flow";
        QTest::newRow("misspelt @region") << R"({"prop": "$d.@regoin", "eq": "eu-west-1"})" << "E-UNKNOWN-PROP" << "@region";
        QTest::newRow("above the vocabulary's range") << R"({"prop": "$d.hit_ratio", "gt": 90})" << "E-RANGE" << "0.9";
    }

    void typosInValuesAreErrorsNotFalse()
    {
        QFETCH(QString, where);
        QFETCH(QString, code);
        QFETCH(QString, hint);
        const std::string match = R"({"each": {"$d": {"kind": ["database"]}}, "where": [)" + where.toStdString() + "]}";
        Diagnostics diags;
        QVERIFY2(!load(pack(match), diags), "a pack with a typo was accepted");
        const Diagnostic* d = withCode(diags, code.toStdString());
        QVERIFY2(d, formatAll(diags).c_str());
        QVERIFY(d->pointer.rfind("/rules/0/match/where/0", 0) == 0);
        QVERIFY(d->line > 0);
        if (!hint.isEmpty()) QVERIFY2(d->hint.find(hint.toStdString()) != std::string::npos, d->hint.c_str());
    }

    void ruleLevelMistakes_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("hint");
        QTest::newRow("unknown rule key") << "\"qestions_extra\": 1,\n" << "/rules/0/qestions_extra" << "";
        QTest::newRow("misspelt rule key") << "\"descripton\": \"x\",\n" << "/rules/0/descripton" << "description";
        QTest::newRow("unknown template filter") << "\"ask\": \"{{$d.rps|pcnt}}\",\n" << "/rules/0/ask" << "pct";
        QTest::newRow("unknown template variable") << "\"ask\": \"{{$x.label}}\",\n" << "/rules/0/ask" << "";
        QTest::newRow("unclosed template") << "\"ask\": \"{{$d.label\",\n" << "/rules/0/ask" << "";
        QTest::newRow("bad level") << "\"level\": \"guru\",\n" << "/rules/0/level" << "";
        QTest::newRow("fix value of numbers")
            << "\"fix\": {\"actions\": [{\"set\": {\"element\": \"$d\", \"property\": \"fencing\", \"value\": [1, 2]}}]},\n"
            << "/rules/0/fix/actions/0/set/value" << "";
        QTest::newRow("fix writes a misspelt property")
            << "\"fix\": {\"actions\": [{\"set\": {\"element\": \"$d\", \"property\": \"fencng\", \"value\": \"epoch\"}}]},\n"
            << "/rules/0/fix/actions/0/set/property" << "fencing";
        QTest::newRow("fix writes text into a bool")
            << "\"fix\": {\"actions\": [{\"add_component\": {\"kind\": \"audit_ledger\", \"properties\": {\"append_only\": \"yes\"}}}]},\n"
            << "/rules/0/fix/actions/0/add_component/properties/append_only" << "";
        QTest::newRow("misspelt kind of a new component")
            << "\"fix\": {\"actions\": [{\"add_component\": {\"kind\": \"audit_ledgr\"}}]},\n"
            << "/rules/0/fix/actions/0/add_component/kind" << "audit_ledger";
        QTest::newRow("misspelt example outcome")
            << "\"examples\": [{\"name\": \"x\", \"dot\": \"digraph { a; }\", \"expect\": \"fire\"}],\n"
            << "/rules/0/examples/0/expect" << "fires";
        QTest::newRow("a placeholder with single braces") << "\"ask\": \"What about {$d.label}?\",\n" << "/rules/0/ask" << "{{$d.label}}";
        QTest::newRow("a misspelt field in a text") << "\"ask\": \"{{$d.lable}}\",\n" << "/rules/0/ask" << "'label'";
        QTest::newRow("a probe that claims a severity") << "\"type\": \"probe\",\n" << "/rules/0/severity" << "";
        // The first "severity" was dropped without a word, so the file read as one thing and ran as another.
        QTest::newRow("a key written twice") << "\"severity\": \"low\",\n" << "/rules/0/severity" << "keep one";
        QTest::newRow("fix property of null")
            << "\"fix\": {\"actions\": [{\"add_component\": {\"kind\": \"cache\", \"properties\": {\"ttl_s\": null}}}]},\n"
            << "/rules/0/fix/actions/0/add_component/properties/ttl_s" << "";
    }

    void ruleLevelMistakes()
    {
        QFETCH(QString, extra);
        QFETCH(QString, pointer);
        QFETCH(QString, hint);
        Diagnostics diags;
        QVERIFY(!load(pack(kGoodMatch, extra.toStdString()), diags));
        bool found = false;
        for (const auto& d : diags)
            if (d.pointer == pointer.toStdString()) {
                found = true;
                QVERIFY(d.line > 0);
                if (!hint.isEmpty()) QVERIFY2(d.hint.find(hint.toStdString()) != std::string::npos, d.format().c_str());
            }
        QVERIFY2(found, formatAll(diags).c_str());
        // Each mistake is said once (an unbound variable in a text was reported twice).
        for (std::size_t i = 1; i < diags.size(); ++i)
            QVERIFY2(diags[i].format() != diags[i - 1].format(), diags[i].format().c_str());
    }

    // A misspelt severity, level or type names the word written and the one meant; before, it
    // only listed the words allowed, and "hgh" had to be found by eye.
    void misspeltChoicesSayTheWordMeant_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("hint");
        QTest::newRow("severity") << "\"severity\": \"high\"" << "\"severity\": \"hgh\"" << "/rules/0/severity"
                                  << "unknown severity 'hgh'" << "did you mean 'high'?";
        QTest::newRow("level") << "\"level\": \"senior\"" << "\"level\": \"senoir\"" << "/rules/0/level"
                               << "unknown level 'senoir'" << "did you mean 'senior'?";
        QTest::newRow("type") << "\"level\": \"senior\"" << "\"level\": \"senior\", \"type\": \"prob\"" << "/rules/0/type"
                              << "unknown type 'prob'" << "did you mean 'probe'?";
        QTest::newRow("far from any") << "\"severity\": \"high\"" << "\"severity\": \"blocker\"" << "/rules/0/severity"
                                      << "unknown severity 'blocker'" << "severity is info, low, medium, high or critical";
        QTest::newRow("not text") << "\"severity\": \"high\"" << "\"severity\": 3" << "/rules/0/severity"
                                  << "severity is info, low, medium, high or critical" << "";
    }

    void misspeltChoicesSayTheWordMeant()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        QFETCH(QString, hint);
        std::string text = pack(kGoodMatch);
        text.replace(text.find(from.toStdString()), static_cast<std::size_t>(from.size()), to.toStdString());
        Diagnostics diags;
        QVERIFY(!load(text, diags));
        QCOMPARE(diags.size(), std::size_t{1});
        const auto& d = diags.front();
        QCOMPARE(QString::fromStdString(d.pointer), pointer);
        QCOMPARE(d.line, 6);
        QVERIFY2(d.message.find(message.toStdString()) != std::string::npos, d.format().c_str());
        QVERIFY2(d.hint.find(hint.toStdString()) != std::string::npos, d.format().c_str());
    }

    void packLevelMistakes()
    {
        Diagnostics diags;
        QVERIFY(!load(R"({"format": "probeboard-rules/9", "rules": []})", diags));
        QVERIFY2(withCode(diags, "E-SCHEMA", "probeboard-rules/1"), formatAll(diags).c_str());
        QVERIFY2(withCode(diags, "E-SCHEMA", "\"pack\""), formatAll(diags).c_str());
        diags.clear();
        QVERIFY(!load("[1, 2]", diags));
        QVERIFY(model::hasErrors(diags));
        // Misspelt or malformed parts of the header were dropped, and the pack ran without them.
        const std::map<std::string, std::string> mistakes = {
            {"\"setings\": {}", "/setings"},
            {"\"settings\": {\"max_asks_per_elemnt\": 1}", "/settings/max_asks_per_elemnt"},
            {"\"sets\": {\"eu\": [1]}", "/sets/eu/0"},
            {"\"sets\": {\"eu\": \"EU\"}", "/sets/eu"},
            {"\"properties\": [{\"name\": \"rps\", \"type\": \"string\"}]", "/properties/0/name"},
            {"\"properties\": [{\"name\": \"team\", \"type\": \"text\"}]", "/properties/0/type"},
            {"\"properties\": [{\"name\": \"team\", \"type\": \"string\"}, {\"name\": \"team\", \"type\": \"list\"}]",
             "/properties/1/name"}};
        for (const auto& [extra, pointer] : mistakes) {
            diags.clear();
            std::string text = pack(kGoodMatch);
            text.insert(text.find("\"rules\":"), extra + ",\n");
            QVERIFY2(!load(text, diags), extra.c_str());
            bool found = false;
            for (const auto& d : diags) found = found || (d.pointer == pointer && d.line > 0);
            QVERIFY2(found, (extra + "\n" + formatAll(diags)).c_str());
        }
    }

    // A missing key has no place of its own; the rule that lacks it is named by its line.
    void aMissingKeyIsPlacedAtItsRule()
    {
        for (const std::string key : {"\"severity\": \"high\", ", ", \"level\": \"senior\"", "\"category\": \"failure\", "}) {
            std::string text = pack(kGoodMatch);
            text.erase(text.find(key), key.size());
            Diagnostics diags;
            QVERIFY2(!load(text, diags), key.c_str());
            QVERIFY2(diags.size() == 1 && diags[0].line == 5 && diags[0].message.find("a rule needs") != std::string::npos,
                     (key + "\n" + formatAll(diags)).c_str());
        }
    }

    void aReportPathIsAPath()
    {
        std::string text = pack(kGoodMatch);
        const std::string report = R"("report": {"targets": ["$d"]})";
        text.replace(text.find(report), report.size(), R"("report": {"targets": ["$d"], "path": "$d"})");
        Diagnostics diags;
        QVERIFY(!load(text, diags));
        QVERIFY2(withCode(diags, "E-TYPE", "path a reach found"), formatAll(diags).c_str());
    }

    // A finding asks its first three questions whose "when" holds: a fourth after three without
    // "when" is never asked, and said so; variants with "when" are fine.
    void aQuestionThatCanNeverBeAskedIsAnError()
    {
        const std::string q = R"({"text": "Q?", "answer_points": ["a", "b", "c"]})";
        const std::string qw = R"({"when": [{"prop": "$d.rps", "gt": 1}], "text": "Q?", "answer_points": ["a", "b", "c"]})";
        auto withQuestions = [&](const std::string& list) {
            std::string text = pack(kGoodMatch);
            const auto at = text.find("\"questions\": [");
            return text.substr(0, at) + "\"questions\": [" + list + "]\n}]\n}\n";
        };
        Diagnostics diags;
        QVERIFY2(load(withQuestions(qw + "," + qw + "," + q + "," + q + "," + q), diags), formatAll(diags).c_str());
        QVERIFY(!load(withQuestions(q + "," + q + "," + q + "," + qw), diags));
        QVERIFY2(withCode(diags, "E-SCHEMA", "never asked"), formatAll(diags).c_str());
        QCOMPARE(withCode(diags, "E-SCHEMA", "never asked")->pointer, std::string("/rules/0/questions/3"));
    }

    void duplicateRuleIds()
    {
        std::string text = pack(kGoodMatch);
        const auto start = text.find("{\n\"id\": \"r1\"");
        const auto end = text.rfind("}]");
        const std::string rule = text.substr(start, end + 1 - start);
        text.insert(end + 1, ",\n" + rule);
        Diagnostics diags;
        QVERIFY(!load(text, diags));
        const Diagnostic* d = withCode(diags, "E-DUP-ID");
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->pointer, std::string("/rules/1/id"));
    }

    void hostileShapesAreErrorsNotCrashes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("rules is an object") << R"({"format": "probeboard-rules/1", "pack": {"id": "x"}, "rules": {"a": 1}})";
        QTest::newRow("rules holds numbers") << R"({"format": "probeboard-rules/1", "pack": {"id": "x"}, "rules": [1, "two", null]})";
        QTest::newRow("settings of the wrong type") << R"({"format": "probeboard-rules/1", "pack": {"id": "x"}, "settings": {"max_probes_per_kind": "two"}, "rules": []})";
        QTest::newRow("pack is a string") << R"({"format": "probeboard-rules/1", "pack": "x", "rules": []})";
        QTest::newRow("sets of the wrong type") << R"({"format": "probeboard-rules/1", "pack": {"id": "x"}, "sets": {"s": 5}, "properties": [3], "rules": [{"id": 5}]})";
        QTest::newRow("match is a list") << QString::fromStdString(pack("[1, 2]"));
        QTest::newRow("where is a string") << QString::fromStdString(pack(R"({"each": {"$d": {"kind": "database"}}, "where": "yes"})"));
        QTest::newRow("condition is a number") << QString::fromStdString(pack(R"({"each": {"$d": {"kind": 5}}, "where": [5, [], {}]})"));
        QTest::newRow("type is a number") << QString::fromStdString(pack(kGoodMatch, "\"type\": 7,\n"));
        QTest::newRow("count names its variable with a number")
            << QString::fromStdString(pack(R"({"each": {"$d": {"kind": ["database"]}}, "where": [{"count": {"select": {"kind": ["service"]}, "as": 5, "collect": [], "ge": 1}}]})"));
        QTest::newRow("questions missing") << R"({"format": "probeboard-rules/1", "pack": {"id": "x"}, "rules": [{"id": "a", "title": "t", "category": "failure", "severity": "high", "match": {"once": true}, "why": "w", "questions": "q"}]})";
        std::string deep = "{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"x\"}, \"rules\": [{\"id\": \"a\", \"match\": {\"each\": {\"$d\": {}}, \"where\": [";
        for (int i = 0; i < 400; ++i) deep += "{\"not\": ";
        deep += "{\"prop\": \"$d.rps\", \"gt\": 1}";
        for (int i = 0; i < 400; ++i) deep += "}";
        deep += "]}}]}";
        QTest::newRow("deeply nested conditions") << QString::fromStdString(deep);
    }

    void hostileShapesAreErrorsNotCrashes()
    {
        QFETCH(QString, text);
        Diagnostics diags;
        std::optional<rules::Pack> p;
        try {
            p = load(text.toStdString(), diags);
        } catch (const std::exception& e) {
            QFAIL((std::string("loader threw: ") + e.what()).c_str());
        }
        QVERIFY(!p);
        QVERIFY2(model::hasErrors(diags), "rejected without saying why");
        for (const auto& d : diags) QVERIFY(!d.message.empty());
    }

    void ruleSetRejectsThePackWholeAndKeepsOthers()
    {
        QTemporaryDir dir;
        const std::string good = dir.filePath("good.json").toStdString();
        const std::string bad = dir.filePath("bad.json").toStdString();
        std::ofstream(good) << pack(kGoodMatch);
        std::string badText = pack(kGoodMatch);
        badText.replace(badText.find("\"id\": \"t\""), 9, "\"id\": \"u\"");
        badText.replace(badText.find("\"id\": \"r1\""), 10, "\"id\": \"r2\"");
        badText.replace(badText.find("\"database\""), 10, "\"databse\"");
        std::ofstream(bad) << badText;
        rules::RuleSet set;
        Diagnostics diags;
        QVERIFY(set.loadPack(good, diags));
        QVERIFY(!set.loadPack(bad, diags));
        QVERIFY(set.rule("r1"));
        QVERIFY(!set.rule("r2"));
        QCOMPARE(set.rules().size(), std::size_t(1));
        const Diagnostic* d = withCode(diags, "E-UNKNOWN-KIND");
        QVERIFY(d);
        QCOMPARE(d->file, bad);
        // The same file again is the same pack: loaded once, no clash with itself.
        diags.clear();
        QVERIFY(set.loadPack(good, diags));
        QVERIFY(diags.empty());
        QCOMPARE(set.rules().size(), std::size_t(1));
        // A copy of it elsewhere (installed, and in the repository) is the same pack too.
        const std::string copy = dir.filePath("copy.json").toStdString();
        std::ofstream(copy) << pack(kGoodMatch);
        QVERIFY(set.loadPack(copy, diags));
        QVERIFY2(diags.empty(), formatAll(diags).c_str());
        QCOMPARE(set.rules().size(), std::size_t(1));
        // Another pack under the same id is refused once, naming the file that has the id.
        std::string changed = pack(kGoodMatch);
        changed.replace(changed.find("\"title\": \"T\""), 12, "\"title\": \"X\"");
        const std::string other = dir.filePath("other.json").toStdString();
        std::ofstream(other) << changed;
        QVERIFY(!set.loadPack(other, diags));
        QCOMPARE(diags.size(), std::size_t(1));
        QVERIFY(withCode(diags, "E-DUP-ID", good));
        // The same rule id from a pack of another id is refused.
        diags.clear();
        changed.replace(changed.find("\"id\": \"t\""), 9, "\"id\": \"v\"");
        const std::string third = dir.filePath("third.json").toStdString();
        std::ofstream(third) << changed;
        QVERIFY(!set.loadPack(third, diags));
        QVERIFY(withCode(diags, "E-DUP-ID", "already defined"));
        // A missing file is an error naming it.
        diags.clear();
        QVERIFY(!set.loadPack(dir.filePath("nope.json").toStdString(), diags));
        QVERIFY(model::hasErrors(diags));
    }

    void packDeclaredPropertiesAreKnown()
    {
        const std::string extraProps = "\"properties\": [{\"name\": \"x_tier\", \"type\": \"string\"}],\n";
        std::string text = pack(R"({"each": {"$d": {"kind": ["database"]}}, "where": [{"prop": "$d.x_tier", "eq": "gold"}]})");
        text.insert(text.find("\"rules\""), extraProps);
        Diagnostics diags;
        auto p = load(text, diags);
        QVERIFY2(p, formatAll(diags).c_str());
        // …and the compiled rule really reads it.
        rules::RuleSet set;
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.json").toStdString();
        std::ofstream(path) << text;
        QVERIFY(set.loadPack(path, diags));
        auto design = model::importDot("digraph { a [kind=database, x_tier=gold]; b [kind=database, x_tier=silver]; }", "t.dot", diags);
        QVERIFY(design);
        int fired = 0;
        for (const auto& f : set.review(*design).findings)
            if (f.ruleId == "r1" && f.kind == rules::Finding::Kind::Finding) {
                ++fired;
                QCOMPARE(f.targets, std::vector<std::string>{"a"});
            }
        QCOMPARE(fired, 1);
    }

    // A misspelt property the pack declares itself is pointed at the declared one, in a
    // condition and in a fix alike, ahead of a vocabulary word that is about as near.
    void misspeltPackPropertyGetsTheDeclaredOne()
    {
        const std::string extraProps = "\"properties\": [{\"name\": \"cost_centre\", \"type\": \"string\"}],\n";
        for (const std::string& misspelt : {"cost_center", "cost_centr"}) {
            std::string text = pack(R"({"each": {"$d": {"kind": ["database"]}}, "where": [{"prop": "$d.)" + misspelt +
                                    R"(", "eq": "ops"}]})",
                                    "\"fix\": {\"actions\": [{\"set\": {\"element\": \"$d\", \"property\": \"" + misspelt +
                                        "\", \"value\": \"ops\"}}]},\n");
            text.insert(text.find("\"rules\""), extraProps);
            Diagnostics diags;
            QVERIFY(!load(text, diags));
            int hinted = 0;
            for (const auto& d : diags)
                if (d.code == "E-UNKNOWN-PROP") {
                    QVERIFY2(d.hint == "did you mean 'cost_centre'?", d.format().c_str());
                    ++hinted;
                }
            QCOMPARE(hinted, 2);
        }
    }

    void builtinPacksLoadClean()
    {
        rules::RuleSet set;
        Diagnostics diags;
        QVERIFY2(set.loadBuiltinPacks(diags), formatAll(diags).c_str());
        QVERIFY(set.rules().size() >= 5);
    }
};

QTEST_APPLESS_MAIN(TestLoader)
#include "tst_loader.moc"
