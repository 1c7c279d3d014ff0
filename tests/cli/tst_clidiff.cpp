// probeboard-cli diff OLD NEW: what changed between two versions, exit codes, and the review
// report written headless (the same document the desktop writes).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

const char* kV1 = "digraph { api [kind=service, label=\"orders-api\", rps=1200]; cache [kind=cache, hit_ratio=0.9];\n"
                  "  db [kind=database]; api -> cache; api -> db [sync=true]; }\n";
const char* kV2 = "digraph { api [kind=service, label=\"orders-api\", rps=2400]; cache [kind=cache, hit_ratio=0.9];\n"
                  "  db [kind=database]; q [kind=queue, label=\"events\"]; api -> cache; api -> db [sync=true, circuit_breaker=true];\n"
                  "  api -> q; }\n";
} // namespace

class TestCliDiff : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

    Run cli(const QStringList& args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROBEBOARD_RESOURCES"), QStringLiteral(PB_RESOURCES));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("no-user-data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PB_CLI_PATH), args);
        if (!p.waitForFinished(60000)) return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void differencesAndExitCodes()
    {
        const QString v1 = write(QStringLiteral("v1.dot"), kV1);
        const QString v2 = write(QStringLiteral("v2.dot"), kV2);
        Run r = cli({QStringLiteral("diff"), v1, v2});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("+ component events (queue)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("rps: 1200 → 2400")));
        QVERIFY(r.out.contains(QStringLiteral("circuit_breaker set to true")));
        QVERIFY(r.out.contains(QStringLiteral("resolved [high]")));
        QVERIFY(r.out.contains(QStringLiteral("missing-circuit-breaker")));

        Run same = cli({QStringLiteral("diff"), v1, v1});
        QCOMPARE(same.code, 0);
        QCOMPARE(same.out, QStringLiteral("No differences.\n"));

        Run md = cli({QStringLiteral("diff"), v1, v2, QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY(md.out.contains(QStringLiteral("## Resolved findings")));

        Run bad = cli({QStringLiteral("diff"), m_dir.filePath(QStringLiteral("missing.probeboard")), v2});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains(QStringLiteral("missing.probeboard")));
    }

    void reportEscapesUserText()
    {
        const QString d = write(QStringLiteral("x.dot"),
                                "digraph { api [kind=service, label=\"<script>alert(1)</script>\"]; cache [kind=cache];\n"
                                "  db [kind=database]; api -> cache; api -> db [sync=true]; }\n");
        Run r = cli({QStringLiteral("report"), d, QStringLiteral("--format"), QStringLiteral("html")});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(QStringLiteral("<script>")));
        QVERIFY(r.out.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(r.out.contains(QStringLiteral("<svg")));
        QVERIFY(r.out.contains(QStringLiteral("<h2>Questions</h2>")));
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_clidiff.moc"
