// probeboard-cli in a team's pipeline: an architecture page's flowcharts each reviewed, and the
// reports that CI systems read in their own formats (GitHub Actions annotations, GitLab Code
// Quality).
#include "clirunner.h"

#include <QSet>

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
};

QTEST_GUILESS_MAIN(TestCliPipelines)
#include "tst_clipipelines.moc"
