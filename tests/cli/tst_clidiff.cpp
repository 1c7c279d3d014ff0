// probeboard-cli diff OLD NEW: what changed between two versions, exit codes, and the review
// report written headless (the same document the desktop writes).
#include "clirunner.h"

#include <QRegularExpression>
#include <QSet>

namespace {
const char* kV1 = "digraph { api [kind=service, label=\"orders-api\", rps=1200]; cache [kind=cache, hit_ratio=0.9];\n"
                  "  db [kind=database]; api -> cache; api -> db [sync=true]; }\n";
const char* kV2 = "digraph { api [kind=service, label=\"orders-api\", rps=2400]; cache [kind=cache, hit_ratio=0.9];\n"
                  "  db [kind=database]; q [kind=queue, label=\"events\"]; api -> cache; api -> db [sync=true, circuit_breaker=true];\n"
                  "  api -> q; }\n";
} // namespace

class TestCliDiff : public QObject, public CliRunner
{
    Q_OBJECT

private slots:
    void differencesAndExitCodes()
    {
        const QString v1 = write(QStringLiteral("v1.dot"), kV1);
        const QString v2 = write(QStringLiteral("v2.dot"), kV2);
        Run r = run({QStringLiteral("diff"), v1, v2});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("+ component events (queue)"), r.out.constData());
        QVERIFY(r.out.contains("rps: 1200 → 2400"));
        QVERIFY(r.out.contains("circuit_breaker set to true"));
        QVERIFY(r.out.contains("resolved [high]"));
        QVERIFY(r.out.contains("missing-circuit-breaker"));

        Run same = run({QStringLiteral("diff"), v1, v1});
        QCOMPARE(same.code, 0);
        QCOMPARE(same.out, QByteArray("No differences.\n"));

        Run md = run({QStringLiteral("diff"), v1, v2, QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY(md.out.contains("## Resolved findings"));

        Run bad = run({QStringLiteral("diff"), m_dir.filePath(QStringLiteral("missing.probeboard")), v2});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("missing.probeboard"));
    }

    void reportEscapesUserText()
    {
        const QString d = write(QStringLiteral("x.dot"),
                                "digraph { api [kind=service, label=\"<script>alert(1)</script>\"]; cache [kind=cache];\n"
                                "  db [kind=database]; api -> cache; api -> db [sync=true]; }\n");
        Run r = run({QStringLiteral("report"), d, QStringLiteral("--format"), QStringLiteral("html")});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains("<script>"));
        QVERIFY(r.out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(r.out.contains("<svg"));
        QVERIFY(r.out.contains("<h2>Questions</h2>"));
        // Drawn without positions, the three boxes are laid out, not stacked at 0,0.
        QSet<QByteArray> corners;
        const QRegularExpression box(QStringLiteral("<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"[^>]*class=\"comp\""));
        for (auto m = box.globalMatch(QString::fromUtf8(r.out)); m.hasNext();) {
            const auto one = m.next();
            corners.insert((one.captured(1) + "," + one.captured(2)).toUtf8());
        }
        QCOMPARE(corners.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_clidiff.moc"
