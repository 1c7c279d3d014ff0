// Mistakes a rule author's pass found: each loaded and the rule quietly never (or wrongly)
// fired, or the sum it reported was a number nobody drew. Now each is said when the pack loads,
// at its own place, or the rule asks about what is not drawn.
#include "model/dotimport.h"
#include "rules/engine.h"
#include "rules/loader.h"
#include "rules/templaterenderer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace pb;
using model::Diagnostic;
using model::Diagnostics;

namespace {
// One rule anchored on a service `$s`, with the databases it calls as `$d` (flow `$f`), a declared
// number `tier` and a set of strings; `where`, `report` and `extra` are spliced in.
std::string pack(const std::string& where, const std::string& extra = "",
                 const std::string& report = R"({"targets": ["$s"]})")
{
    return std::string("{\n") +
           "\"format\": \"probeboard-rules/1\",\n"
           "\"pack\": {\"id\": \"m\", \"version\": \"1\"},\n"
           "\"sets\": {\"ok_auth\": [\"oauth\", \"jwt\"]},\n"
           "\"properties\": [{\"name\": \"tier\", \"type\": \"number\"}],\n"
           "\"rules\": [{\n"
           "\"id\": \"m1\", \"title\": \"T\", \"category\": \"scale\", \"severity\": \"high\", \"level\": \"senior\",\n"
           "\"match\": {\"each\": {\"$s\": {\"kind\": [\"service\"]}}, \"where\": [\n"
           "{\"step\": {\"from\": \"$s\", \"dir\": \"out\", \"flow\": \"$f\", \"to\": \"$d\", \"kind\": [\"database\"]}},\n" +
           where + "]},\n"
           "\"report\": " + report + ",\n" + extra +
           "\"why\": \"{{$s.label}} calls {{$d.label}}.\",\n"
           "\"questions\": [{\"text\": \"What about {{$s.label}}?\", \"answer_points\": [\"a\", \"b\", \"c\"]}]\n"
           "}]\n}\n";
}

const Diagnostic* at(const Diagnostics& diags, const std::string& code, const std::string& pointer)
{
    for (const auto& d : diags)
        if (d.code == code && d.pointer == pointer) return &d;
    return nullptr;
}
} // namespace

class TestPackMistakes : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // The findings (and asks) of `rule` (a pack's text) on `dot`, as "title: targets".
    std::vector<rules::Finding> review(const std::string& text, const std::string& dot)
    {
        const std::string path = m_dir.filePath("p.json").toStdString();
        std::ofstream(path) << text;
        rules::RuleSet set;
        Diagnostics diags;
        if (!set.loadPack(path, diags)) qFatal("pack: %s", model::formatAll(diags).c_str());
        auto design = model::importDot(dot, "t.dot", diags);
        if (!design) qFatal("DOT: %s", model::formatAll(diags).c_str());
        return set.review(*design).findings;
    }

private slots:
    void mistakesAreSaidAtTheirPlace_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("pointer"); // under /rules/0/match/where/1
        QTest::addColumn<QString>("mentions");
        const QString sel = R"({"count": {"step": {"from": "$d", "dir": "in", "flow": "$g", "to": "$c"}, )";
        QTest::newRow("sum of a list") << sel + R"("sum": ["$g.rps"], "ge": 1}})" << "E-SCHEMA" << "/count/sum" << "names one property";
        QTest::newRow("sum of a number") << sel + R"("sum": 5, "ge": 1}})" << "E-SCHEMA" << "/count/sum" << "";
        QTest::newRow("sum of null") << sel + R"("sum": null, "ge": 1}})" << "E-SCHEMA" << "/count/sum" << "";
        QTest::newRow("sum of a label") << sel + R"("sum": "$c.label", "ge": 1}})" << "E-TYPE" << "/count/sum" << "label";
        QTest::newRow("sum of a list property") << sel + R"("sum": "$c.data", "ge": 1}})" << "E-TYPE" << "/count/sum" << "data";
        QTest::newRow("count equal to text") << sel + R"("eq": "3"}})" << "E-TYPE" << "/count/eq" << "";
        QTest::newRow("number above a text ref") << R"({"prop": "$s.rps", "gt": {"ref": "$d.engine"}})" << "E-TYPE" << "/gt/ref" << "engine";
        QTest::newRow("number equal to a label") << R"({"prop": "$s.rps", "eq": {"ref": "$d.label"}})" << "E-TYPE" << "/eq/ref" << "label";
        QTest::newRow("declared number equal to text")
            << R"({"prop": "$s.tier", "eq": {"ref": "$d.engine"}})" << "E-TYPE" << "/eq/ref" << "tier";
        QTest::newRow("number in a set of strings") << R"({"prop": "$s.rps", "in": {"set": "ok_auth"}})" << "E-TYPE" << "/in/set" << "ok_auth";
        QTest::newRow("text equal to a set") << R"({"prop": "$s.auth", "eq": {"set": "ok_auth"}})" << "E-TYPE" << "/eq/set" << "";
        QTest::newRow("text above a set") << R"({"prop": "$s.rps", "gt": {"set": "ok_auth"}})" << "E-TYPE" << "/gt/set" << "";
        QTest::newRow("reach without dir") << R"({"reach": {"from": "$s", "to": "$x"}})" << "E-SCHEMA" << "/reach" << "\"dir\"";
        QTest::newRow("exists without dir") << R"({"exists": {"from": "$d", "kind": ["cache"]}})" << "E-SCHEMA" << "/exists" << "\"dir\"";
        QTest::newRow("empty kind") << R"({"step": {"from": "$d", "dir": "out", "kind": []}})" << "E-SCHEMA" << "/step/kind" << "every kind";
        QTest::newRow("empty barrier")
            << R"({"reach": {"from": "$s", "dir": "out", "through": [], "to": "$x"}})" << "E-SCHEMA" << "/reach/through" << "";
        QTest::newRow("empty flow filter")
            << R"({"reach": {"from": "$s", "dir": "out", "via": [], "to": "$x"}})" << "E-SCHEMA" << "/reach/via" << "";
        QTest::newRow("each of a reach is text")
            << R"({"reach": {"from": "$s", "dir": "out", "each": "yes", "to": "$x"}})" << "E-SCHEMA" << "/reach/each" << "true or false";
        QTest::newRow("flow of a select is text") << R"({"nowhere": {"flow": "true"}})" << "E-SCHEMA" << "/nowhere/flow" << "";
        QTest::newRow("misspelt prop") << R"({"props": "$s.auth", "eq": "oauth"})" << "E-SCHEMA" << "/props" << "";
        QTest::newRow("operator alone") << R"({"eq": "oauth"})" << "E-SCHEMA" << "" << "without \"prop\"";
    }

    void mistakesAreSaidAtTheirPlace()
    {
        QFETCH(QString, where);
        QFETCH(QString, code);
        QFETCH(QString, pointer);
        QFETCH(QString, mentions);
        Diagnostics diags;
        const std::string text = pack(where.toStdString());
        QVERIFY2(!rules::loadPackText(text, "p.json", diags), "the pack loaded");
        const Diagnostic* d = at(diags, code.toStdString(), "/rules/0/match/where/1" + pointer.toStdString());
        QVERIFY2(d, model::formatAll(diags).c_str());
        QVERIFY(d->line > 0);
        QVERIFY2(d->message.find(mentions.toStdString()) != std::string::npos, d->format().c_str());
        QVERIFY2(model::formatAll(diags).find("json.exception") == std::string::npos, model::formatAll(diags).c_str());
    }

    void aMisspeltConditionKeySuggestsProp()
    {
        Diagnostics diags;
        QVERIFY(!rules::loadPackText(pack(R"({"props": "$s.auth", "eq": "oauth"})"), "p.json", diags));
        const Diagnostic* d = at(diags, "E-SCHEMA", "/rules/0/match/where/1/props");
        QVERIFY2(d && d->message.find("'props'") != std::string::npos && d->hint.find("'prop'") != std::string::npos,
                 model::formatAll(diags).c_str());
    }

    // The rule and its pack: shapes the language has no use for.
    void ruleShapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("mentions");
        std::string onceAndEach = pack("{\"prop\": \"$s.rps\", \"gt\": 1}");
        onceAndEach.replace(onceAndEach.find("\"each\""), 0, "\"once\": true, ");
        QTest::newRow("once and each") << QString::fromStdString(onceAndEach) << "/rules/0/match/each" << "not both";
        std::string twoAnchors = pack("{\"prop\": \"$w.rps\", \"gt\": 1}");
        twoAnchors.replace(twoAnchors.find("}}, \"where\""), 2, "}, \"$w\": {\"kind\": [\"worker\"]}}");
        QTest::newRow("two anchors") << QString::fromStdString(twoAnchors) << "/rules/0/match/each" << "one anchor per rule";
        QTest::newRow("empty key") << QString::fromStdString(pack("{\"prop\": \"$s.rps\", \"gt\": 1}", "", R"({"key": []})"))
                                   << "/rules/0/report/key" << "same fingerprint";
        std::string onceText = pack("{\"prop\": \"$s.rps\", \"gt\": 1}");
        onceText.replace(onceText.find("\"each\""), 0, "\"once\": \"yes\", ");
        QTest::newRow("once is text") << QString::fromStdString(onceText) << "/rules/0/match/once" << "true or false";
        QTest::newRow("no rules") << R"({"format": "probeboard-rules/1", "pack": {"id": "x", "version": "1"}})" << "" << "\"rules\"";
    }

    void ruleShapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, pointer);
        QFETCH(QString, mentions);
        Diagnostics diags;
        QVERIFY2(!rules::loadPackText(text.toStdString(), "p.json", diags), "the pack loaded");
        const Diagnostic* d = at(diags, "E-SCHEMA", pointer.toStdString());
        QVERIFY2(d && d->message.find(mentions.toStdString()) != std::string::npos, model::formatAll(diags).c_str());
        // Two anchors said once, not as a cascade of unbound variables.
        QVERIFY2(model::formatAll(diags).find("E-UNBOUND") == std::string::npos, model::formatAll(diags).c_str());
    }

    void templateFiltersAreChecked_data()
    {
        QTest::addColumn<QString>("ask");
        QTest::addColumn<QString>("code");
        QTest::newRow("pct with an argument") << "{{$s.hit_ratio|pct:2}}" << "E-TEMPLATE";
        QTest::newRow("mul by text") << "{{$s.rps|mul:'lots'}}" << "E-TEMPLATE";
        QTest::newRow("mul without a factor") << "{{$s.rps|mul}}" << "E-TEMPLATE";
        QTest::newRow("mul by a text property") << "{{$s.rps|mul:$d.engine}}" << "E-TYPE";
        QTest::newRow("num of a label") << "{{$s.label|num}}" << "E-TYPE";
        QTest::newRow("pct of a text property") << "{{$d.engine|pct}}" << "E-TYPE";
        QTest::newRow("count of a text property") << "{{$d.engine|count}}" << "E-TYPE";
        QTest::newRow("mul after num") << "{{$s.rps|num|mul:2}}" << "E-TYPE";
    }

    void templateFiltersAreChecked()
    {
        QFETCH(QString, ask);
        QFETCH(QString, code);
        Diagnostics diags;
        const std::string text = pack(R"({"prop": "$s.rps", "gt": 1})", "\"ask\": \"" + ask.toStdString() + "\",\n");
        QVERIFY2(!rules::loadPackText(text, "p.json", diags), "the pack loaded");
        QVERIFY2(at(diags, code.toStdString(), "/rules/0/ask"), model::formatAll(diags).c_str());
    }

    void wellTypedFiltersLoad()
    {
        Diagnostics diags;
        const std::string text = pack(R"({"prop": "$s.rps", "gt": {"ref": "$d.rps"}})",
                                      "\"ask\": \"{{$s.hit_ratio|one_minus|mul:$s.rps|num}} {{$d.data|count}} {{$d.engine|default:'?'|upper}}\",\n");
        QVERIFY2(rules::loadPackText(text, "p.json", diags), model::formatAll(diags).c_str());
    }

    void numGroupsFractions()
    {
        QCOMPARE(rules::formatNumber(12345.5), std::string("12,345.5"));
        QCOMPARE(rules::formatNumber(-1234567.25), std::string("-1,234,567.25"));
        QCOMPARE(rules::formatNumber(12000), std::string("12,000"));
        QCOMPARE(rules::formatNumber(0.5), std::string("0.5"));
    }

    // "a->db[rps=100]; b->db" summed to 101: the undrawn rps counted as 1.
    void aSumOverUndrawnValuesAsks()
    {
        const std::string where =
            R"({"count": {"step": {"from": "$d", "dir": "in", "flow": "$g", "to": "$c"}, "sum": "$g.rps", "as": "$n", "ge": 150}})";
        const std::string text = pack(where, "", R"({"targets": ["$d"]})");
        const char* partly = "digraph { a [kind=service]; b [kind=service]; db [kind=database]; a -> db [rps=100]; b -> db; }";
        auto found = review(text, partly);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(int(found.front().kind), int(rules::Finding::Kind::Ask));
        QVERIFY2(found.front().title.find("rps of f-b-db") != std::string::npos, found.front().title.str().c_str());
        // Drawn, the values decide; a sum already past a lower bound is past it whatever is undrawn.
        const char* drawn = "digraph { a [kind=service]; b [kind=service]; db [kind=database]; a -> db [rps=100]; b -> db [rps=60]; }";
        found = review(text, drawn);
        QVERIFY(!found.empty() && found.front().kind == rules::Finding::Kind::Finding);
        const char* past = "digraph { a [kind=service]; b [kind=service]; db [kind=database]; a -> db [rps=200]; b -> db; }";
        found = review(text, past);
        QVERIFY(!found.empty() && found.front().kind == rules::Finding::Kind::Finding);
        // Below a bound, an undrawn value cannot make the sum smaller: it is asked too.
        std::string below = where;
        below.replace(below.find("\"ge\""), 4, "\"lt\"");
        found = review(pack(below, "", R"({"targets": ["$d"]})"), past);
        QVERIFY(found.empty());
        found = review(pack(below, "", R"({"targets": ["$d"]})"), partly);
        QVERIFY(found.size() == 1 && found.front().kind == rules::Finding::Kind::Ask);
    }

    // `rules test` says what it expected, and why a rule that asked did not fire.
    void exampleFailuresSayWhy()
    {
        const std::string where = R"({"prop": "$s.rps", "gt": {"ref": "$d.rps"}})";
        const std::string examples =
            "\"examples\": [{\"name\": \"wrong target\", \"expect\": \"fires\", \"targets\": [\"d\"], "
            "\"dot\": \"digraph { s [kind=service, rps=9]; d [kind=database, rps=1]; s -> d; }\"},\n"
            "{\"name\": \"undrawn\", \"expect\": \"fires\", \"dot\": \"digraph { s [kind=service, rps=9]; d [kind=database]; s -> d; }\"}],\n";
        const std::string path = m_dir.filePath("ex.json").toStdString();
        std::ofstream(path) << pack(where, examples);
        rules::RuleSet set;
        Diagnostics diags;
        QVERIFY2(set.loadPack(path, diags), model::formatAll(diags).c_str());
        const auto results = set.runExamples("m");
        QCOMPARE(results.size(), std::size_t(2));
        QVERIFY2(results[0].message.find("expected: d; got: s") != std::string::npos, results[0].message.c_str());
        QVERIFY2(results[1].message.find("asked about the rps of d") != std::string::npos, results[1].message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestPackMistakes)
#include "tst_packmistakes.moc"
