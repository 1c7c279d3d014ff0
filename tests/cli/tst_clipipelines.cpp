// probeboard-cli in a team's pipeline: an architecture page's flowcharts each reviewed, and the
// reports that CI systems read in their own formats (GitHub Actions annotations, GitLab Code
// Quality).
#include "clirunner.h"

#include <QSet>
#include <QXmlStreamReader>

using clidesigns::kBreaker;
using clidesigns::kLowOnly;

class TestCliPipelines : public QObject, public CliRunner
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(PB_CLI_PATH));
    }

    // An architecture page with two flowcharts: each reviewed, reported and baselined under its
    // own name (ARCH.md#1, ARCH.md#2); SARIF points at the page itself, at each element's line.
    void eachFlowchartOfAMarkdownPageIsReviewed()
    {
        const QString page = write(
            "ARCH.md",
            "# Shop\n\n```mermaid\nflowchart LR\n  api[orders-api] --> db[(postgres)]\n```\n\n"
            "## Usage\n\n```mermaid\nflowchart LR\n  q[[usage-queue]] -.-> w[usage worker]\n"
            "  w --> ledger[(billing-db)]\n```\n");
        const QString baseline = m_dir.filePath("arch.json");
        const Run json = check({page, "--format", "json", "--output", baseline});
        QVERIFY2(json.code != 2, json.err.constData());
        QFile f(baseline);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray files = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].toObject()["file"].toString(), page + "#1");
        QCOMPARE(files[1].toObject()["file"].toString(), page + "#2");
        QVERIFY(json.err.isEmpty()); // no "more flowcharts not read" warning: none is left out
        const Run again = check({page, "--baseline", baseline, "--format", "json"});
        QCOMPARE(again.code, 0); // every finding of both is known
        for (const auto& file : QJsonDocument::fromJson(again.out).array())
            QVERIFY(file.toObject()["findings"].toArray().isEmpty());
        const QJsonObject sarif = object(check({page + "#2", "--format", "sarif"}).out);
        const QJsonObject where = sarif["runs"]
                                      .toArray()
                                      .first()
                                      .toObject()["results"]
                                      .toArray()
                                      .first()
                                      .toObject()["locations"]
                                      .toArray()
                                      .first()
                                      .toObject()["physicalLocation"]
                                      .toObject();
        QVERIFY2(where["artifactLocation"].toObject()["uri"].toString().endsWith("/ARCH.md"),
                 qPrintable(where["artifactLocation"].toObject()["uri"].toString()));
        QVERIFY(where["region"].toObject()["startLine"].toInt() >=
                13); // a line of the second block
        const Run past = check({page + "#3"});
        QCOMPARE(past.code, 2);
        QVERIFY2(past.err.contains("flowchart 3 asked for, but this Markdown file has 2"),
                 past.err.constData());
    }

    // GitHub Actions' workflow commands: one line per finding and fact not drawn, on the file
    // and the element's line, with the runner's own characters escaped; probes left out.
    void githubAnnotationsFollowSeverity()
    {
        const QString f = write("gh.dot", kBreaker);
        const Run r = check({f, "--format", "github"});
        QCOMPARE(r.code, 1);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY(!lines.isEmpty());
        bool breaker = false;
        for (const QByteArray& line : lines) {
            QVERIFY2(line.startsWith("::error file=") || line.startsWith("::warning file=") ||
                         line.startsWith("::notice file="),
                     line.constData());
            QVERIFY2(!line.contains("probe-"), line.constData());
            if (!line.contains("title=missing-circuit-breaker%3A")) continue;
            breaker = true;
            // High: an error, on line 1 where the DOT declares the service; its questions follow
            // %0A.
            QVERIFY2(line.startsWith(("::error file=" + f + ",line=1,title=").toUtf8()),
                     line.constData());
            QVERIFY2(line.contains("%0A? "), line.constData());
            QVERIFY2(!line.mid(line.indexOf("::", 2) + 2).contains("%3A"),
                     line.constData()); // ':' kept in the message
        }
        QVERIFY2(breaker, r.out.constData());
        QVERIFY(check({f, "--format", "github", "--fail-on", "critical"}).code == 0);
    }

    // JUnit XML for the CI systems that show test reports (Jenkins, GitLab, Azure Pipelines): its
    // failures are what fails the build, so the report and the exit code agree.
    void junitReportAgreesWithTheExitCode()
    {
        const QString f = write("ju.dot", kBreaker);
        for (const char* failOn : {"high", "critical"}) {
            const Run r = check({f, "--format", "junit", "--fail-on", failOn});
            QXmlStreamReader xml(r.out);
            int failures = -1;
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"testsuites")
                    failures = xml.attributes().value("failures").toInt();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(r.code, failures > 0 ? 1 : 0);
            QCOMPARE(failures > 0, std::string(failOn) == "high"); // a high finding, no critical one
            QVERIFY(r.out.contains("file=\"" + f.toUtf8() + "\" line=\"1\""));
        }
    }

    // GitLab's Code Quality report: a JSON list the merge request widget reads, each issue with
    // its rule, a fingerprint that includes the file, a severity of GitLab's and a line.
    void gitlabCodeQualityReport()
    {
        const QString f = write("gl.dot", kBreaker);
        const Run r = check({f, "--format", "gitlab"});
        QCOMPARE(r.code, 1);
        const QJsonArray issues = QJsonDocument::fromJson(r.out).array();
        QVERIFY2(!issues.isEmpty(), r.out.constData());
        QSet<QString> fingerprints;
        bool breaker = false;
        for (const auto& x : issues) {
            const QJsonObject i = x.toObject();
            QVERIFY(!i["description"].toString().isEmpty() &&
                    !i["check_name"].toString().isEmpty());
            QVERIFY(QStringList({"info", "minor", "major", "critical", "blocker"})
                        .contains(i["severity"].toString()));
            QCOMPARE(i["location"].toObject()["path"].toString(), f);
            QVERIFY(i["location"].toObject()["lines"].toObject()["begin"].toInt() >= 1);
            fingerprints.insert(i["fingerprint"].toString());
            if (i["check_name"].toString() != "missing-circuit-breaker") continue;
            breaker = true;
            QCOMPARE(i["severity"].toString(), QString("major")); // high
            QCOMPARE(i["location"].toObject()["lines"].toObject()["begin"].toInt(), 1);
        }
        QVERIFY(breaker);
        QCOMPARE(fingerprints.size(), issues.size());
        const Run clean =
            check({write("gl-clean.dot", kLowOnly), "--format", "gitlab", "--fail-on", "critical"});
        QCOMPARE(QJsonDocument::fromJson(clean.out).isArray(), true);
    }

    // A repository's docs/ folder named whole: every design file in it and below, in path order,
    // each reviewed under its own path; .git, READMEs without a flowchart and JSON other than a
    // Threat Dragon model passed over; a folder holding none is an input error that does not stop
    // the other files' reading.
    void aFolderIsEveryDesignInIt()
    {
        QDir(m_dir.path()).mkpath("repo/docs/arch");
        QDir(m_dir.path()).mkpath("repo/.git");
        QDir(m_dir.path()).mkpath("repo/none");
        write("repo/docs/arch/orders.dot", kBreaker);
        write("repo/docs/small.dot", kLowOnly);
        write("repo/docs/ARCH.md", "# A\n```mermaid\nflowchart LR\n a-->b\n```\n# B\n"
                                   "```mermaid\nflowchart LR\n c-->d\n```\n");
        write("repo/README.md", "# no diagram here\n");
        write("repo/package.json", "{}");
        write("repo/docs/model.json", "{\"summary\": {\"title\": \"m\"}, \"detail\": {\"diagrams\": [{\"title\": "
                                      "\"d\", \"cells\": [{\"id\": \"p\", \"data\": {\"type\": \"tm.Process\", "
                                      "\"name\": \"api\"}}]}]}}");
        write("repo/.git/stray.dot", kBreaker);
        const QString repo = m_dir.filePath("repo");
        const Run r = check({repo, "--format", "json"});
        QCOMPARE(r.code, 1); // orders.dot's high finding
        QStringList files;
        for (const auto& f : QJsonDocument::fromJson(r.out).array())
            files << f.toObject()["file"].toString().mid(repo.size() + 1);
        QCOMPARE(files, (QStringList{"docs/ARCH.md#1", "docs/ARCH.md#2", "docs/arch/orders.dot",
                                     "docs/model.json", "docs/small.dot"}));
        const Run none = check({m_dir.filePath("repo/none"), m_dir.filePath("repo/missing.dot")});
        QCOMPARE(none.code, 2);
        QVERIFY2(none.err.contains("repo/none: error: the folder holds no design file"), none.err.constData());
        QVERIFY2(none.err.contains("missing.dot: error: cannot read the file"), none.err.constData());
    }

    // A spreadsheet of the review: a header, a row per result, quoted as RFC 4180 says, and a
    // label that a spreadsheet would run as a formula kept as text.
    void csvForSpreadsheetsAndTrackers()
    {
        const QString dot = write("sheet.dot",
                                  "digraph { api [kind=service, label=\"=HYPERLINK(\\\"x\\\")\", rps=2000];\n"
                                  "  redis [kind=cache, hit_ratio=0.9, label=\"Cache, \\\"hot\\\"\"];\n"
                                  "  db [kind=database, failover=automatic]; api -> redis; api -> db; }\n");
        const Run r = check({dot, "--format", "csv"});
        QCOMPARE(r.code, 1);
        const QList<QStringList> rows = csvRows(QString::fromUtf8(r.out));
        QVERIFY2(rows.size() == 3, r.out.constData()); // the header, the breaker, the fencing
        QCOMPARE(rows[0].mid(0, 6), (QStringList{"file", "kind", "severity", "rule", "category", "title"}));
        QCOMPARE(rows[0].last(), QStringLiteral("fingerprint"));
        const QStringList& breaker = rows[1]; // high first, as in every report
        QCOMPARE(breaker.size(), rows[0].size());
        QCOMPARE(breaker[1], QStringLiteral("finding"));
        QCOMPARE(breaker[2], QStringLiteral("high"));
        QCOMPARE(breaker[3], QStringLiteral("missing-circuit-breaker"));
        QCOMPARE(breaker[6], QStringLiteral("api redis f-api-redis db f-api-db"));
        QVERIFY2(breaker[7].startsWith("'=HYPERLINK(\"x\"); Cache, \"hot\""), qPrintable(breaker[7]));
        QVERIFY(breaker[10].count('\n') == 2); // three questions, one per line
        QCOMPARE(breaker[12], QStringLiteral("open"));
        QVERIFY(r.out.contains("\r\n"));
        // The same rows as the JSON report, one per result.
        const QJsonArray findings = object(check({dot, "--format", "json"}).out)["findings"].toArray();
        QCOMPARE(rows.size() - 1, findings.size());
        QCOMPARE(breaker.last(), findings[0].toObject()["fingerprint"].toString());
        // Standard input's name is no formula.
        QFile in(dot);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(csvRows(QString::fromUtf8(run({"check", "-", "--format", "csv", "--no-builtin", "--rules", kCore}, in.readAll()).out)).value(1).value(0),
                 QStringLiteral("-"));
    }

private:
    // RFC 4180, as a spreadsheet reads it.
    static QList<QStringList> csvRows(const QString& text)
    {
        QList<QStringList> rows(1);
        QString cell;
        bool quoted = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
                else if (c == '"') quoted = false;
                else cell += c;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                rows.last() << cell;
                cell.clear();
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                rows.last() << cell;
                cell.clear();
                rows.append(QStringList{});
            } else {
                cell += c;
            }
        }
        if (rows.last().isEmpty()) rows.removeLast();
        return rows;
    }
};

QTEST_GUILESS_MAIN(TestCliPipelines)
#include "tst_clipipelines.moc"
