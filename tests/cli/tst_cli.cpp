// probeboard-cli as CI runs it: exit codes, JSON and SARIF output, baselines, convert, rules
// list/explain/test, --version/--help, and one-line errors for broken input.
#include "clirunner.h"

#include <QDir>
#include <QFileInfo>

namespace {
using clidesigns::kBreaker;
const char* kBilling = "digraph { events [kind=queue]; w [kind=worker]; a [kind=service]; usage [kind=database, data=usage, failover=manual];\n"
                       "  events -> w -> a -> usage; }\n";
const char* kClean = "digraph { api [kind=service]; db [kind=database, failover=manual]; api -> db; }\n";
using clidesigns::kLowOnly;
} // namespace

class TestCli : public QObject, public CliRunner
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(PB_CLI_PATH));
    }

    void exitCodesFollowFailOn()
    {
        const QString breaker = write("breaker.dot", kBreaker);
        const QString billing = write("billing.dot", kBilling);
        const QString clean = write("clean.dot", kClean);
        QCOMPARE(check({clean}).code, 0);
        QCOMPARE(check({breaker}).code, 1);                          // high ≥ default high
        QCOMPARE(check({breaker, "--fail-on", "critical"}).code, 0); // high < critical
        QCOMPARE(check({billing, "--fail-on", "critical"}).code, 1); // billing is critical
        QCOMPARE(check({clean, breaker}).code, 1);                   // any file counts
        const Run bad = check({clean, "--fail-on", "severe"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("--fail-on"));
    }

    void asksAndProbesNeverFailTheBuild()
    {
        // db without failover → an ask (info); --fail-on info still counts only findings.
        const QString f = write("ask.dot", "digraph { api [kind=service]; db [kind=database]; api -> db; }");
        const Run r = check({f, "--format", "json", "--fail-on", "info"});
        QCOMPARE(r.code, 0);
        const auto findings = object(r.out)["findings"].toArray();
        QVERIFY(!findings.isEmpty());
        for (const auto& x : findings) QCOMPARE(x.toObject()["kind"].toString(), QString("ask"));
    }

    void jsonShape()
    {
        const QString f = write("shape.dot", kBreaker);
        const Run r = check({f, "--format", "json"});
        QCOMPARE(r.code, 1);
        const QJsonObject o = object(r.out);
        QCOMPARE(o["file"].toString(), f);
        const QJsonArray findings = o["findings"].toArray();
        QVERIFY(!findings.isEmpty());
        const QJsonObject first = findings.first().toObject();
        for (const char* key : {"rule", "severity", "category", "title", "targets", "path", "why", "questions", "fingerprint"})
            QVERIFY2(first.contains(key), key);
        QCOMPARE(first["rule"].toString(), QString("missing-circuit-breaker"));
        QCOMPARE(first["severity"].toString(), QString("high"));
        QVERIFY(first["targets"].isArray() && first["path"].isArray());
        const QStringList targets = strings(first["targets"]);
        QVERIFY(targets.contains("api") && targets.contains("redis") && targets.contains("db"));
        QCOMPARE(first["fingerprint"].toString().size(), 16);
        const QJsonArray qs = first["questions"].toArray();
        QVERIFY(qs.size() >= 1 && qs.size() <= 3);
        for (const auto& q : qs) {
            QVERIFY(!q.toObject()["text"].toString().isEmpty());
            QVERIFY(!q.toObject()["answer_points"].toArray().isEmpty());
        }
        QVERIFY(qs.first().toObject()["text"].toString().contains(QString::fromUtf8("10\u00d7")));
        const QJsonObject s = o["summary"].toObject();
        QCOMPARE(s["findings"].toInt(), 1);
        QCOMPARE(s["high"].toInt(), 1);
        QCOMPARE(s["total"].toInt(), findings.size());
    }

    void severalFilesGiveAnArray()
    {
        const QString a = write("a.dot", kBreaker);
        const QString b = write("b.dot", kClean);
        const Run r = check({a, b, "--format", "json"});
        const auto doc = QJsonDocument::fromJson(r.out);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 2);
        QCOMPARE(doc.array()[0].toObject()["file"].toString(), a);
        QCOMPARE(doc.array()[1].toObject()["file"].toString(), b);
        QVERIFY(doc.array()[1].toObject()["findings"].toArray().isEmpty());
    }

    // A report of about 25,000 components is past 64 MiB, which a whole DOM may take: the
    // baseline keeps only files and fingerprints, so the CLI reads back what it wrote.
    void aBaselinePastSixtyFourMebibytesIsRead()
    {
        const QString design = write("large-baseline.dot", kBreaker);
        const QString baseline = m_dir.filePath("large-baseline.json");
        QCOMPARE(check({design, "--format", "json", "--output", baseline}).code, 1);
        QFile file(baseline);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        // What a large report is made of, texts the baseline does not need, past the old limit.
        const qsizetype at = text.indexOf('{') + 1;
        text.insert(at, "\"notes\": [\"" + QByteArray(65 << 20, 'x') + "\", {\"fingerprint\": 1}],");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(text), text.size());
        file.close();
        const Run r = check({design, "--baseline", baseline});
        QVERIFY2(r.code == 0, r.err.constData()); // every finding is in the baseline
        QVERIFY(r.err.isEmpty());
    }

    void baselineReportsOnlyNewFindings()
    {
        const QString before = write("before.dot", kBreaker);
        const QString baseline = m_dir.filePath("baseline.json");
        QCOMPARE(check({before, "--format", "json", "--output", baseline}).code, 1);
        QVERIFY(QFile::exists(baseline));
        // Same design, relabelled and with a new problem: only the new one is reported.
        QByteArray after = kBreaker;
        after.replace("Orders API", "Checkout API");
        after.replace("}\n", " events [kind=queue]; w [kind=worker]; u [kind=database, data=usage, failover=manual]; events -> w -> u; }\n");
        const QString afterFile = write("after.dot", after);
        const Run r = check({afterFile, "--format", "json", "--baseline", baseline});
        QCOMPARE(r.code, 1);
        const auto findings = object(r.out)["findings"].toArray();
        QStringList rules;
        for (const auto& f : findings)
            if (f.toObject()["kind"].toString() == "finding") rules << f.toObject()["rule"].toString();
        QCOMPARE(rules, QStringList{"non-idempotent-billing-consumer"});
        // The summary counts what the report lists, not what the baseline took away.
        const auto summary = object(r.out)["summary"].toObject();
        QCOMPARE(summary["total"].toInt(), findings.size());
        QCOMPARE(summary["findings"].toInt(), 1);
        // Nothing new: exit 0 even though the old high finding is still there.
        QCOMPARE(check({before, "--baseline", baseline}).code, 0);
        // A baseline of several designs applies to each its own part: before's findings do not
        // hide the same findings of another design (a `once` rule's, or ones on shared ids).
        const QString other = write("other.dot", kBreaker);
        const QString both = m_dir.filePath("both.json");
        QCOMPARE(check({before, afterFile, "--format", "json", "--output", both}).code, 1);
        QCOMPARE(check({before, afterFile, "--baseline", both}).code, 0);
        const Run elsewhere = check({other, before, "--baseline", both});
        QCOMPARE(elsewhere.code, 1); // other.dot is in neither part, so nothing of it is known
        // One design's baseline used for another is allowed (a renamed file), and said.
        const Run renamed = check({other, "--baseline", baseline});
        QCOMPARE(renamed.code, 0);
        QVERIFY2(renamed.err.contains("the baseline was written for") && renamed.err.contains("W-BASELINE-FILE"),
                 renamed.err.constData());
        // A baseline that is not a result is an input error.
        const QString junk = write("junk.json", "{\"hello\": 1}");
        const Run bad = check({before, "--baseline", junk});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("junk.json"));
    }

    void sarifIsValid()
    {
        const QString f = write("sarif.dot",
                                "digraph { users [kind=database, data=pii, region=\"eu-west-1\", failover=manual];\n"
                                " api [kind=service, region=\"eu-west-1\"]; us [kind=analytics, region=\"us-east-1\"];\n"
                                " api -> users; api -> us; }\n");
        const QString out = m_dir.filePath("out.sarif");
        QCOMPARE(check({f, "--format", "sarif", "--output", out}).code, 1);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject o = object(file.readAll());
        QCOMPARE(o["version"].toString(), QString("2.1.0"));
        const QJsonObject run0 = o["runs"].toArray().first().toObject();
        const QJsonArray results = run0["results"].toArray();
        QVERIFY(!results.isEmpty());
        const QJsonObject res = results.first().toObject();
        QCOMPARE(res["ruleId"].toString(), QString("cross-region-pii"));
        QCOMPARE(res["level"].toString(), QString("error"));
        QStringList logical;
        for (const auto& l : res["locations"].toArray().first().toObject()["logicalLocations"].toArray())
            logical << l.toObject()["fullyQualifiedName"].toString();
        QVERIFY(logical.contains("users") && logical.contains("us"));
        const QJsonArray steps = res["codeFlows"].toArray().first().toObject()["threadFlows"].toArray().first().toObject()["locations"].toArray();
        QVERIFY(steps.size() >= 3); // users, flow, api, flow, us
        QVERIFY(!res["partialFingerprints"].toObject().isEmpty());
        // The line of the first element the finding is about (users, written on line 1), which
        // code scanning needs to place the alert.
        const QJsonObject region = res["locations"].toArray().first().toObject()["physicalLocation"].toObject()["region"].toObject();
        QCOMPARE(region["startLine"].toInt(), 1);
        // In a design file too: the line where the component's entry starts.
        const QString json = m_dir.filePath("sarif.probeboard");
        QCOMPARE(run({"convert", f, json}).code, 0);
        const Run fromJson = check({json, "--format", "sarif"});
        const QJsonObject first = object(fromJson.out)["runs"].toArray().first().toObject()["results"].toArray().first().toObject();
        QFile text(json);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = text.readAll().split('\n');
        const int line = first["locations"].toArray().first().toObject()["physicalLocation"].toObject()["region"].toObject()["startLine"].toInt();
        QVERIFY(line > 1 && line <= lines.size());
        QVERIFY2(lines[line - 1].trimmed() == "{" && lines[line].contains("\"id\": \"users\""), lines[line].constData());

        const QByteArray errors = sarifSchemaErrors(out);
        QVERIFY2(errors.isEmpty(), errors.constData());

        // And the check can fail: a SARIF log with a wrong level is refused.
        QJsonObject broken = o;
        QJsonArray runs = broken["runs"].toArray();
        QJsonObject r0 = runs[0].toObject();
        QJsonArray rs = r0["results"].toArray();
        QJsonObject bad = rs[0].toObject();
        bad["level"] = "severe";
        rs[0] = bad;
        r0["results"] = rs;
        runs[0] = r0;
        broken["runs"] = runs;
        const QString brokenPath = write("broken.sarif", QJsonDocument(broken).toJson());
        const QString schema = QStringLiteral(PB_TEST_DATA "/sarif-schema-2.1.0.json");
        QProcess py;
        py.start("/usr/bin/python3", {"-c",
                                      "import json, sys, jsonschema\n"
                                      "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))\n",
                                      schema, brokenPath});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY(py.exitCode() != 0);
    }

    // A pack's rule pairing every caller of a service with every other is stopped at its limits;
    // the warning reaches stderr, the JSON and a SARIF log that is still valid.
    void runawayRuleIsReportedEverywhere()
    {
        QByteArray dot = "digraph { hub [kind=service];\n";
        for (int i = 0; i < 3000; ++i) dot += "c" + QByteArray::number(i) + " [kind=service]; c" + QByteArray::number(i) + " -> hub;\n";
        const QString f = write("hub.dot", dot + "}\n");
        const QString pack = write("pairs.json", R"({"format": "probeboard-rules/1", "pack": {"id": "pairs", "version": "1"},
          "rules": [{"id": "every-pair", "title": "Two callers", "category": "failure", "severity": "low", "level": "mid",
          "match": {"each": {"$a": {"kind": ["service"]}}, "where": [
            {"step": {"from": "$a", "dir": "out", "to": "$h", "kind": ["service"]}},
            {"step": {"from": "$h", "dir": "in", "to": "$b", "kind": ["service"]}}]},
          "report": {"targets": ["$a", "$b"], "key": ["$a", "$b"]}, "why": "Both call one service.",
          "questions": [{"text": "Q?", "answer_points": ["a", "b", "c"]}]}]})");
        const QString out = m_dir.filePath("hub.sarif");
        const Run sarif = run({"check", f, "--no-builtin", "--rules", pack, "--format", "sarif", "--output", out});
        QCOMPARE(sarif.code, 0); // low findings only
        QVERIFY2(sarif.err.contains("hub.dot: warning: rule 'every-pair' was stopped after 10,000 findings"),
                 sarif.err.constData());
        const QByteArray errors = sarifSchemaErrors(out);
        QVERIFY2(errors.isEmpty(), errors.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject run0 = object(file.readAll())["runs"].toArray().first().toObject();
        const QJsonObject note = run0["invocations"].toArray().first().toObject()["toolExecutionNotifications"].toArray().first().toObject();
        QCOMPARE(note["descriptor"].toObject()["id"].toString(), QString("every-pair"));
        QCOMPARE(run0["results"].toArray().size(), 10000);
        const Run json = run({"check", f, "--no-builtin", "--rules", pack, "--format", "json"});
        const QJsonArray stopped = object(json.out)["stopped_rules"].toArray();
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(stopped.first().toObject()["findings"].toInt(), 10000);
    }

    void textOutputIsPlainWhenNotATerminal()
    {
        const QString f = write("text.dot", kBreaker);
        const Run r = check({f});
        QCOMPARE(r.code, 1);
        QVERIFY(!r.out.contains('\x1b'));
        QVERIFY(r.out.contains("Orders API"));
        QVERIFY(r.out.toLower().contains("high"));
    }

    void markdownAndHtml()
    {
        const QString f = write("md.dot", kBreaker);
        const Run md = check({f, "--format", "markdown"});
        QCOMPARE(md.code, 1);
        QVERIFY(md.out.startsWith("#"));
        const Run html = check({f, "--format", "html"});
        QVERIFY(html.out.contains("<html") || html.out.contains("<!DOCTYPE"));
    }

    // A label may hold an escape sequence that clears or retitles the reader's terminal, a line
    // break that forges a report line, or a bidirectional override. Reports show them; CI logs
    // and terminals must not obey them.
    void controlCharactersInLabelsAreShownNotObeyed()
    {
        const QByteArray label = "Ledger\\u001b[2J\\u001b]0;owned\\u0007\\nHIGH fake | cell\\u202e\\u009b";
        const QString f = write("hostile.probeboard",
                                "{\"format\": \"probeboard/1\", \"components\": [{\"id\": \"db\", \"kind\": \"database\", "
                                "\"label\": \"" + label + "\", \"properties\": {\"failover\": \"automatic\"}},\n"
                                "{\"id\": \"x\", \"kind\": \"dat\\u001b[31mbase\"}]}\n");
        auto obeyable = [](const QByteArray& out) {
            return out.contains('\x1b') || out.contains('\x07') || out.contains("\xc2\x9b") || out.contains("\xe2\x80\xae");
        };
        const Run text = check({f});
        QCOMPARE(text.code, 1);
        QVERIFY2(!obeyable(text.out), text.out.constData());
        QVERIFY(text.out.contains("Ledger\xe2\x90\x9b[2J")); // ␛
        QVERIFY(text.out.contains("\xe2\x90\x87 HIGH fake")); // ␇, the break as a space, the same line
        for (const QByteArray& line : text.out.split('\n')) QVERIFY2(!line.startsWith("HIGH fake"), line.constData());
        // The unknown kind's warning quotes it, on one line, shown.
        QVERIFY2(!obeyable(text.err) && text.err.trimmed().count('\n') == 0, text.err.constData());
        QVERIFY(text.err.contains("dat\xe2\x90\x9b[31mbase"));
        // Markdown: every row of the findings table is still one line of cells.
        const Run md = check({f, "--format", "markdown"});
        QVERIFY2(!obeyable(md.out), md.out.constData());
        int rows = 0;
        for (const QByteArray& line : md.out.split('\n')) {
            if (!line.startsWith("| ")) continue;
            QVERIFY2(line.endsWith(" |"), line.constData());
            ++rows;
        }
        QVERIFY(rows >= 2); // the header and the finding about the ledger
        // JSON keeps every character it is given, escaped; the texts name the label as shown.
        const Run json = check({f, "--format", "json"});
        QVERIFY(!obeyable(json.out));
        const QString why = object(json.out)["findings"].toArray()[0].toObject()["why"].toString();
        QVERIFY2(why.contains(QStringLiteral("Ledger\u241b[2J")), qPrintable(why));
    }

    // Graphviz cannot be interrupted and on some graphs runs for hours: layout stops at its time
    // limit, says so, exits 2 and writes nothing.
    void layoutStopsAtItsTimeLimit()
    {
        // 80 components in eight clusters with about 1,100 flows between them: dot takes 2.6 s
        // here, far past the 0.2 s limit.
        QByteArray dot = "digraph {\n";
        for (int z = 0; z < 8; ++z) {
            dot += "subgraph cluster_z" + QByteArray::number(z) + " {";
            for (int i = z * 10; i < z * 10 + 10; ++i) dot += " c" + QByteArray::number(i) + " [kind=service];";
            dot += " }\n";
        }
        for (int i = 0; i < 80; ++i)
            for (int j = i + 1; j < 80; ++j)
                if (i * j % 3 == 0) dot += "c" + QByteArray::number(i) + " -> c" + QByteArray::number(j) + ";\n";
        const QString in = write("slow.dot", dot + "}\n");
        const QString out = m_dir.filePath("slow.json");
        const Run r = run({"layout", in, out, "--engine", "dot", "--time-limit", "0.2"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("slow.dot: layout took longer than 0.2 s and was stopped"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        // A design Graphviz lays out quickly is not affected by the limit.
        const QString small = write("small.dot", kBreaker);
        const Run ok = run({"layout", small, out, "--time-limit", "60"});
        QCOMPARE(ok.code, 0);
        QVERIFY(QFile::exists(out));
        QCOMPARE(run({"layout", small, out, "--time-limit", "-1"}).code, 2); // a usage error
    }

    void brokenInputIsOneLineNamingFileAndLine_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("DOT syntax") << "broken.dot" << QByteArray("digraph {\n a -> b;\n c -> ;\n}\n") << "broken.dot:3";
        QTest::newRow("JSON syntax") << "broken.probeboard" << QByteArray("{\n \"format\": \"probeboard/1\",\n \"components\": [,]\n}\n") << "broken.probeboard:3";
        QTest::newRow("NUL byte") << "nul.dot" << QByteArray("digraph {\n a;\n\0\n}", 17) << "nul.dot:3";
        QTest::newRow("flow to nowhere") << "dangling.probeboard"
                                         << QByteArray("{\"format\": \"probeboard/1\", \"components\": [{\"id\": \"a\", \"kind\": \"service\"}],\n"
                                                       " \"flows\": [{\"id\": \"f1\", \"from\": \"a\", \"to\": \"ghost\"}]}\n")
                                         << "dangling.probeboard:";
    }

    void brokenInputIsOneLineNamingFileAndLine()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        const QString path = write(name, text);
        const Run r = check({path});
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        const QByteArray err = r.err.trimmed();
        QVERIFY2(!err.isEmpty() && !err.contains('\n'), err.constData());
        QVERIFY2(err.contains(where.toUtf8()), err.constData());
        QVERIFY(err.contains("error"));
    }

    void missingFileAndUsageErrors()
    {
        const Run missing = check({m_dir.filePath("nope.dot")});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("nope.dot"));
        const Run unknownOption = run({"check", "--frobnicate", "x.dot"});
        QCOMPARE(unknownOption.code, 2);
        QVERIFY(!unknownOption.err.isEmpty());
        QCOMPARE(run({}).code, 2);
        QCOMPARE(run({"check"}).code, 2);
        const Run badFormat = check({write("f.dot", kClean), "--format", "xml"});
        QCOMPARE(badFormat.code, 2);
    }

    // `generate | probeboard-cli check -` and `check <(generate)`: standard input and pipes
    // have no size to read up front and no extension; JSON or DOT is told by the first character.
    void readsStandardInputPipesAndDevices()
    {
        const Run dot = run({"check", "-", "--no-builtin", "--rules", kCore, "--format", "json"}, kBreaker);
        QCOMPARE(dot.code, 1);
        QCOMPARE(object(dot.out)["findings"].toArray().first().toObject()["rule"].toString(),
                 QString("missing-circuit-breaker"));
        const Run converted = run({"convert", write("in.dot", kBreaker), "-"});
        QCOMPARE(converted.code, 0);
        const Run json = run({"check", "-", "--no-builtin", "--rules", kCore}, converted.out);
        QCOMPARE(json.code, 1);
        QVERIFY(json.out.contains("Orders API"));
        QCOMPARE(check({write("design.txt", kBreaker)}).code, 1); // DOT under another extension
        const Run broken = run({"check", "-"}, "{\"format\": \"probeboard/1\",\n \"components\": [,]}");
        QCOMPARE(broken.code, 2);
        QVERIFY2(broken.err.contains("-:2:"), broken.err.constData());
        // A device that never ends is read to the limit and refused, not read forever.
        const Run zero = run({"check", "/dev/zero"});
        QCOMPARE(zero.code, 2);
        QVERIFY2(zero.err.contains("larger than the 256 MiB limit"), zero.err.constData());
    }

    void brokenRulePackIsAnInputError()
    {
        const QString pack = writeRulePack("bad-pack.json", "x", "r", "databse");
        const Run r = run({"check", write("p.dot", kClean), "--rules", pack});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("bad-pack.json:3:"), r.err.constData());
        QVERIFY(r.err.contains("database"));
    }

    // A --rules folder with no pack in it (a mistyped path in a CI script) says so; the run goes on.
    void emptyRulesFolderIsWarned()
    {
        QVERIFY(QDir(m_dir.path()).mkpath("no-packs"));
        const Run r = run({"check", write("w.dot", kClean), "--rules", m_dir.filePath("no-packs")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("no-packs: warning: the folder holds no rule packs"), r.err.constData());
        QVERIFY(QDir(m_dir.path()).mkpath("xdg/probeboard/packs")); // an empty user folder is normal
        const Run quiet = run({"check", write("w2.dot", kClean)});
        QCOMPARE(quiet.code, 0);
        QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
    }

    void convertRoundTrips()
    {
        const QString dot = write("conv.dot", kBreaker);
        const QString pb = m_dir.filePath("conv.probeboard");
        const QString back = m_dir.filePath("conv-back.dot");
        QCOMPARE(run({"convert", dot, pb}).code, 0);
        QFile f(pb);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = object(f.readAll());
        QCOMPARE(o["format"].toString(), QString("probeboard/1"));
        QCOMPARE(o["components"].toArray().size(), 3);
        QCOMPARE(run({"convert", pb, back}).code, 0);
        // All three describe the same design: the same findings, fingerprints included.
        auto fps = [&](const QString& file) {
            QStringList out;
            for (const auto& x : object(check({file, "--format", "json"}).out)["findings"].toArray())
                out << x.toObject()["fingerprint"].toString();
            return out;
        };
        QCOMPARE(fps(pb), fps(dot));
        QCOMPARE(fps(back), fps(dot));
        QVERIFY(!fps(dot).isEmpty());
        const Run bad = run({"convert", m_dir.filePath("missing.dot"), pb});
        QCOMPARE(bad.code, 2);
    }

    void outputToStdoutAndThroughSymlinks()
    {
        const QString dot = write("out.dot", kClean);
        const Run dash = run({"convert", dot, "-"});
        QCOMPARE(dash.code, 0);
        QVERIFY(dash.out.contains("\"format\": \"probeboard/1\"")); // no extension: .probeboard JSON
        QVERIFY(!QFile::exists(QDir::current().filePath("-")));
        // --output through a symlink replaces the file it points to and keeps the link.
        const QString real = write("real.json", "old");
        const QString link = m_dir.filePath("link.json");
        QVERIFY(QFile::link(real, link));
        QCOMPARE(check({dot, "--format", "json", "--output", link}).code, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QFile f(real);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"findings\""));
    }

    void rulesListExplainTest()
    {
        const Run list = run({"rules", "list", "--format", "json"});
        QCOMPARE(list.code, 0);
        const auto arr = QJsonDocument::fromJson(list.out).array();
        QStringList ids;
        for (const auto& r : arr) {
            const auto o = r.toObject();
            for (const char* k : {"id", "title", "category", "severity"}) QVERIFY2(!o[k].toString().isEmpty(), k);
            ids << o["id"].toString();
        }
        for (const char* id : {"missing-circuit-breaker", "unfenced-failover", "non-idempotent-billing-consumer",
                               "cross-region-pii", "missing-audit-ledger"})
            QVERIFY2(ids.contains(id), id);
        const Run text = run({"rules", "list"});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("unfenced-failover"));

        const Run explain = run({"rules", "explain", "unfenced-failover"});
        QCOMPARE(explain.code, 0);
        QVERIFY(explain.out.contains("Automatic failover"));
        QVERIFY(explain.out.contains("severity: high"));
        // Its questions, placeholders named for a reader rather than left as template syntax.
        QVERIFY2(explain.out.contains("? ‹d› promotes a replica"), explain.out.constData());
        QVERIFY(!explain.out.contains("{{"));
        // unfenced-failover asks whether ‹d› fails over when its failover is not drawn.
        QVERIFY2(explain.out.contains("When a fact it needs is not drawn, it asks:\n  ? Does ‹d› fail over automatically"),
                 explain.out.constData());
        // A team's own rule: --rules before or after the subcommand, and a hint when it is missing.
        const QString team = QStringLiteral(PB_RESOURCES "/packs-examples/team-policies.json");
        QCOMPARE(run({"rules", "explain", "team-public-api-needs-rate-limit", "--rules", team}).code, 0);
        QCOMPARE(run({"rules", "--rules", team, "explain", "team-public-api-needs-rate-limit"}).code, 0);
        QVERIFY(run({"rules", "explain", "team-public-api-needs-rate-limit"}).err.contains("rules --rules PACK explain"));
        QVERIFY(run({"rules", "test", team.chopped(2)}).err.contains("did you mean the file"));
        const Run typo = run({"rules", "explain", "unfenced-failovr"});
        QCOMPARE(typo.code, 2);
        QVERIFY(typo.err.contains("did you mean 'unfenced-failover'"));

        const Run test = run({"rules", "test", "core"});
        QCOMPARE(test.code, 0);
        QVERIFY(test.out.contains(" 0 failed"));
        QVERIFY(!test.out.contains("FAIL"));
        QCOMPARE(run({"rules", "test", "no-such-pack"}).code, 2);
    }

    void rulesTestReportsFailingExamples()
    {
        const QString pack = write("wrong-example.json",
            "{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"wrong\"},\n"
            "\"rules\": [{\"id\": \"db-exists\", \"title\": \"t\", \"category\": \"failure\", \"severity\": \"low\", \"level\": \"mid\",\n"
            "\"match\": {\"each\": {\"$d\": {\"kind\": [\"database\"]}}}, \"report\": {\"targets\": [\"$d\"]}, \"why\": \"w\",\n"
            "\"questions\": [{\"text\": \"q\", \"answer_points\": [\"a\", \"b\", \"c\"]}],\n"
            "\"examples\": [{\"name\": \"claims clean\", \"expect\": \"clean\", \"dot\": \"digraph { d [kind=database]; }\"},\n"
            "{\"name\": \"misdrawn\", \"expect\": \"fires\", \"dot\": \"digraph { d [kind=databse]; }\"}]}]}\n");
        const Run r = run({"rules", "--rules", pack, "test", "wrong"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("FAIL"));
        QVERIFY(r.out.contains("2 failed"));
        // The typo in the example's own drawing is named, not left to look like the rule's fault.
        QVERIFY2(r.out.contains("unknown kind 'databse'") && r.out.contains("did you mean 'database'"), r.out.constData());
    }

    void versionAndHelpEverywhere()
    {
        const Run v = run({"--version"});
        QCOMPARE(v.code, 0);
        QVERIFY(QRegularExpression("probeboard-cli \\d+\\.\\d+\\.\\d+").match(QString::fromUtf8(v.out)).hasMatch());
        for (const QStringList& cmd : {QStringList{"check"}, QStringList{"convert"}, QStringList{"rules"},
                                       QStringList{"rules", "list"}, QStringList{"rules", "explain"},
                                       QStringList{"rules", "test"}, QStringList{"layout"}, QStringList{"report"}}) {
            const Run ver = run(cmd + QStringList{"--version"});
            QCOMPARE(ver.code, 0);
            QCOMPARE(ver.out, v.out);
            const Run help = run(cmd + QStringList{"--help"});
            QCOMPARE(help.code, 0);
            QVERIFY2(help.out.contains("--help") || help.out.contains("-h"), help.out.constData());
        }
    }

    void builtinPacksRunByDefault()
    {
        const Run r = run({"check", write("builtin.dot", kBreaker), "--format", "json"});
        QCOMPARE(r.code, 1);
        QStringList rules;
        for (const auto& x : object(r.out)["findings"].toArray()) rules << x.toObject()["rule"].toString();
        QVERIFY(rules.contains("missing-circuit-breaker"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
