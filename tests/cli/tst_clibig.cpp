// What a tester with huge designs found: the same warning on every component flooding stderr
// and burying the one that mattered, layout advice that named the engine just used, and an HTML
// report held whole (1.2 GB at 100,000 components, four times the other formats).
#include "clirunner.h"

#include "rules/report.h"

namespace {
// n services in a chain, each with the misspelt property `sla` (the vocabulary has `slo`).
QByteArray chainWithSla(int n)
{
    QByteArray dot = "digraph {\n";
    for (int i = 0; i < n; ++i) dot += "  n" + QByteArray::number(i) + " [kind=service, sla=\"99.9\"];\n";
    for (int i = 1; i < n; ++i) dot += "  n" + QByteArray::number(i - 1) + " -> n" + QByteArray::number(i) + ";\n";
    return dot + "}\n";
}
} // namespace

class TestCliBig : public QObject, public CliRunner
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // 20,000 identical lines buried W-RULE-STOPPED; now the first three and a count. An error is
    // never counted away, and machine output has no load warnings to lose.
    void aWarningOnEveryComponentIsCounted()
    {
        const QString in = write("org.dot", chainWithSla(40));
        const Run r = check({in, "--format", "json"});
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[2].contains("org.dot:4: warning: unknown property 'sla' on component 'n2'"), r.err.constData());
        QVERIFY2(lines[3].endsWith("org.dot: warning: … and 37 more components with the same warning: unknown "
                                   "property 'sla' (did you mean 'slo'?) [W-UNKNOWN-PROP]"),
                 r.err.constData());
        QVERIFY(object(r.out).contains("findings"));
    }

    // sfdp is the default above 2,000 components; a stopped sfdp run was told to try sfdp.
    void aStoppedLayoutGetsAdviceForItsEngine()
    {
        const QString big = write("big.dot", chainWithSla(2500));
        const Run sfdp = run({"layout", big, m_dir.filePath("big.json"), "--time-limit", "0.001"});
        QCOMPARE(sfdp.code, 2);
        QVERIFY2(sfdp.err.contains("big.dot: layout took longer than 0.001 s and was stopped (sfdp is already the "
                                   "faster engine; try a longer --time-limit, or 0 for none)"),
                 sfdp.err.constData());
        QVERIFY(!sfdp.err.contains("try --engine sfdp"));
        const Run dot = run({"layout", big, m_dir.filePath("big.json"), "--engine", "dot", "--time-limit", "0.001"});
        QCOMPARE(dot.code, 2);
        QVERIFY2(dot.err.contains("(try --engine sfdp, or a longer --time-limit)"), dot.err.constData());
    }

    // The HTML report, its picture included, is handed on in pieces of about 64 KB like the other
    // formats; it was built as one string (the picture alone is megabytes).
    void theHtmlReportIsWrittenInPieces()
    {
        pb::model::Design d;
        for (int i = 0; i < 20000; ++i) {
            const std::string id = "c" + std::to_string(i);
            d.addComponent({id, "service", "Service " + id, {}, {double(i % 200) * 200, double(i / 200) * 100}, {}});
            if (i > 0) d.addFlow({"f" + id, "c" + std::to_string(i - 1), id, "", {}, {}});
        }
        const pb::rules::FileReview review{"big.probeboard", &d, {}, {}};
        std::string all;
        std::size_t largest = 0, pieces = 0;
        pb::rules::writeReportHtml({review}, {}, [&](std::string_view piece) {
            largest = std::max(largest, piece.size());
            ++pieces;
            all += piece;
        });
        QVERIFY2(largest <= 80 * 1024, qPrintable(QString::number(largest)));
        QVERIFY(pieces > 10);
        QVERIFY(all.find(pb::rules::designSvg(d)) != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCliBig)
#include "tst_clibig.moc"
