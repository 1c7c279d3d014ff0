// What probeboard-cli refuses to do to a user's files and arguments, found by a scripted pass over
// the CLI on 5 December: options that swallowed design files, a report written over the design
// it was made from, permissions widened on save, a file written in a format its name did not ask
// for, and messages that did not say what was wrong.
#include "clirunner.h"

#include <QDir>
#include <QFileInfo>

namespace {
const char* kBreaker = "digraph { api [kind=service]; redis [kind=cache]; db [kind=database, failover=manual];\n"
                       "  api -> redis; api -> db; }\n";
const char* kUnfenced = "digraph { db [kind=database, failover=automatic]; }\n";
} // namespace

class TestCliGuards : public QObject, public CliRunner
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // `--rules` took every word after it, so the designs after a pack were read as packs.
    void eachRulesOptionTakesOnePack()
    {
        const QString a = write("a.dot", kBreaker), b = write("b.dot", kUnfenced);
        const Run r = run({"check", a, "--no-builtin", "--rules", kCore, b, "--format", "json"});
        QCOMPARE(r.code, 1);
        const auto files = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[1].toObject()["findings"].toArray().first().toObject()["rule"].toString(),
                 QString("unfenced-failover"));
    }

    void theResultIsNeverWrittenOverTheDesign()
    {
        const QString design = write("self.dot", kBreaker);
        const Run r = check({design, "--output", design});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is the input"), r.err.constData());
        QFile f(design);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(kBreaker));
        const Run same = run({"convert", design, design});
        QCOMPARE(same.code, 2);
        QVERIFY2(same.err.contains("the output ") && !same.err.contains("--output"), same.err.constData());
        const Run diff = run({"diff", design, write("other.dot", kUnfenced), "--output", design});
        QCOMPARE(diff.code, 2);
        QVERIFY2(diff.err.contains("is the input"), diff.err.constData());
        const Run twice = run({"check", "-", "-"}, kBreaker);
        QCOMPARE(twice.code, 2);
        QVERIFY2(twice.err.contains("only once"), twice.err.constData());
    }

    void aReplacedFileKeepsItsPermissions()
    {
        const QString design = write("p.dot", kBreaker);
        const QString out = write("private.json", "old");
        QVERIFY(QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        QCOMPARE(check({design, "--format", "json", "--output", out}).code, 1);
        const int userBits = QFile::ReadUser | QFile::WriteUser | QFile::ExeUser; // the caller's, as Qt sees them
        QCOMPARE(int(QFileInfo(out).permissions()) & ~userBits, int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
    }

    void convertWritesWhatTheNameAsksFor()
    {
        const QString design = write("c.dot", kBreaker);
        const QString upper = m_dir.filePath("OUT.DOT");
        QCOMPARE(run({"convert", design, upper}).code, 0);
        QFile f(upper);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("digraph"));
        const Run svg = run({"convert", design, m_dir.filePath("out.svg")});
        QCOMPARE(svg.code, 2);
        QVERIFY2(svg.err.contains("'.svg'") && svg.err.contains(".mmd for Mermaid"), svg.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath("out.svg")));
        // A Mermaid flowchart, which `check` reads back with the same finding as the DOT it came from.
        const QString mmd = m_dir.filePath("out.Mermaid");
        QCOMPARE(run({"convert", design, mmd}).code, 0);
        QFile m(mmd);
        QVERIFY(m.open(QIODevice::ReadOnly));
        const QByteArray text = m.readAll();
        QVERIFY2(text.contains("\nflowchart ") && text.contains(" database\n"), text.constData());
        const Run fromDot = check({design, "--format", "json"}), fromMmd = check({mmd, "--format", "json"});
        QCOMPARE(fromMmd.code, fromDot.code);
        QVERIFY2(fromMmd.out.contains("missing-circuit-breaker"), fromMmd.out.constData());
    }

    // A design holding what DOT cannot carry (here a NUL byte, which JSON can hold) was written to
    // a .dot file its own import refused. Now nothing is written, and one line says what to mend.
    void convertRefusesDotThatWouldNotReadBack()
    {
        const QString design = write("nul.probeboard",
                                     "{\"format\": \"probeboard/1\", \"components\": [\n"
                                     "  {\"id\": \"api\", \"kind\": \"service\", \"label\": \"a\\u0000b\"}]}\n");
        const QString out = m_dir.filePath("nul.dot");
        const Run r = run({"convert", design, out});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(out));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("probeboard-cli: " + design.toUtf8() + ": error: cannot write DOT: component 'api': "
                                  "its label holds a NUL byte"),
                 r.err.constData());
        QVERIFY2(r.err.contains("[element 'api'] [at label]"), r.err.constData());
        // A long text is not a reason: it is written in pieces and converts back whole.
        const QByteArray note(100'000, 'n');
        const QString longDesign = write("long.probeboard",
                                         "{\"format\": \"probeboard/1\", \"components\": [\n"
                                         "  {\"id\": \"api\", \"kind\": \"service\", \"label\": \"api\", "
                                         "\"properties\": {\"x_note\": \"" + note + "\"}}]}\n");
        const QString longDot = m_dir.filePath("long.dot"), back = m_dir.filePath("long-back.probeboard");
        QCOMPARE(run({"convert", longDesign, longDot}).code, 0);
        const Run again = run({"convert", longDot, back});
        QVERIFY2(again.code == 0, again.err.constData());
        QFile f(back);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(note));
    }

    void messagesSayWhy()
    {
        const Run full = check({write("f.dot", kBreaker), "--output", "/dev/full"});
        QCOMPARE(full.code, 2);
        QVERIFY2(full.err.contains("No space left on device"), full.err.constData());
        const Run command = run({"chek", "x.dot"});
        QCOMPARE(command.code, 2);
        QVERIFY2(command.err.contains("unknown command 'chek'; did you mean 'check'?"), command.err.constData());
        const Run pack = run({"rules", "test", "cor"});
        QCOMPARE(pack.code, 2);
        QVERIFY2(pack.err.contains("no pack 'cor'") && pack.err.contains("'core'"), pack.err.constData());
        QVERIFY2(pack.out.isEmpty(), pack.out.constData()); // exit 2: nothing on standard output
        const Run empty = run({"check", "-"}, " \n");
        QCOMPARE(empty.code, 2);
        QVERIFY2(empty.err.contains("empty input"), empty.err.constData());
        const Run rule = run({"rules", "explain", "UNFENCED-FAILOVER"});
        QCOMPARE(rule.code, 2);
        QVERIFY2(rule.err.contains("did you mean 'unfenced-failover'"), rule.err.constData());
        const Run sub = run({"rules", "--rules", kCore, "explian", "core"});
        QCOMPARE(sub.code, 2);
        QVERIFY2(sub.err.contains("unknown command 'explian'; did you mean 'explain'?"), sub.err.constData());
    }

    // `check … | head`: the reader goes away. The exit code was 141 (SIGPIPE) with no word.
    // Each broken file is named, not only the first.
    void everyBrokenFileIsNamed()
    {
        const Run r = check({m_dir.filePath("nonexistent.dot"), write("empty.dot", ""), write("cut.probeboard", "{\"format\": ")});
        QCOMPARE(r.code, 2);
        for (const char* name : {"nonexistent.dot", "empty.dot", "cut.probeboard"})
            QVERIFY2(r.err.contains(name), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void aReaderThatLeavesEarlyGetsAReason()
    {
        QStringList args{"check"};
        const QString design = QStringLiteral(PB_RESOURCES "/examples/payments.probeboard");
        for (int i = 0; i < 40; ++i) args << design; // far more than a pipe's 64 KiB buffer
        args << "--format" << "json";
        QString command = QStringLiteral("'" PB_CLI_PATH "'");
        for (const QString& a : args) command += " '" + a + "'";
        QProcess shell;
        shell.start("bash", {"-c", command + " 2>" + m_dir.filePath("pipe.err") +
                                       " | head -c 10 >/dev/null; echo ${PIPESTATUS[0]}"});
        QVERIFY(shell.waitForFinished(120000));
        QCOMPARE(shell.readAllStandardOutput().trimmed(), QByteArray("2"));
        QFile err(m_dir.filePath("pipe.err"));
        QVERIFY(err.open(QIODevice::ReadOnly));
        const QByteArray why = err.readAll();
        QVERIFY2(why.contains("cannot write to standard output: Broken pipe"), why.constData());
    }

    // A pack tested by path and also given with --rules is one pack, not a clash with itself.
    void aPackGivenTwiceLoadsOnce()
    {
        const QString team = QStringLiteral(PB_RESOURCES "/packs-examples/team-policies.json");
        const Run r = run({"rules", "--rules", team, "test", team});
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.err.contains("already defined"), r.err.constData());
        // Installed in the user folder, then named again: the authoring loop of a team.
        QDir().mkpath(m_dir.filePath("xdg/probeboard/packs"));
        const QString installed = m_dir.filePath("xdg/probeboard/packs/team.json");
        QVERIFY(QFile::copy(team, installed));
        const Run test = run({"rules", "test", installed});
        const Run checked = run({"check", write("u.dot", kUnfenced), "--rules", installed});
        QFile::remove(installed);
        QCOMPARE(test.code, 0);
        QVERIFY2(!test.err.contains("already defined"), test.err.constData());
        QVERIFY2(!checked.err.contains("already defined") && checked.code != 2, checked.err.constData());
    }

    // A rule id another pack has: where it is, and which pack has it.
    void aClashingRuleIdSaysWhereAndWithWhom()
    {
        const QString pack = writeRulePack("clash.json", "team", "unfenced-failover", "database");
        const Run r = run({"check", write("x.dot", kUnfenced), "--rules", pack});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("clash.json:2:") && r.err.contains("already defined by pack 'core'"), r.err.constData());
    }

    void sarifNamesTheFileAsAUri()
    {
        const QString design = write("my design #1 100%.dot", kBreaker);
        const Run r = check({design, "--format", "sarif"});
        QCOMPARE(r.code, 1);
        const auto result = object(r.out)["runs"].toArray()[0].toObject()["results"].toArray()[0].toObject();
        const QString uri = result["locations"].toArray()[0].toObject()["physicalLocation"].toObject()
                                ["artifactLocation"].toObject()["uri"].toString();
        QVERIFY2(uri.endsWith("my%20design%20%231%20100%25.dot"), qPrintable(uri));
    }
};

QTEST_GUILESS_MAIN(TestCliGuards)
#include "tst_cliguards.moc"
