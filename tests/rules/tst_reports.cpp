// The report writers that hand their text on a piece at a time (what probeboard-cli check uses,
// so that a huge design's report is never held whole) write exactly what the functions that
// return the whole text write, and really do hand it on in pieces.
#include "model/diagnostic.h"
#include "model/dotimport.h"
#include "rules/engine.h"
#include "rules/report.h"

#include "dotdesign.h"

#include <QtTest>

using namespace pb;
using pb::testing::design;

namespace {
// Several patterns the built-in packs report, labels with quotes and non-ASCII text included.
std::string patterns(int copies)
{
    std::string dot = "digraph G { label=\"Shop \\\"EU\\\" — review\";\n";
    for (int i = 0; i < copies; ++i) {
        const std::string n = std::to_string(i);
        dot += "svc" + n + " [kind=service, label=\"Orders ‘" + n + "’\", rps=1200];\n";
        dot += "cache" + n + " [kind=cache, hit_ratio=0.9];\n";
        dot +=
            "db" + n +
            " [kind=database, failover=automatic, data=\"pii,payment\", region=\"eu-west-1\"];\n";
        dot += "q" + n + " [kind=queue]; w" + n + " [kind=worker]; bill" + n +
               " [kind=database, data=billing];\n";
        dot += "crm" + n + " [kind=third_party, region=\"us-east-1\"];\n";
        dot += "svc" + n + " -> cache" + n + "; svc" + n + " -> db" + n + "; q" + n + " -> w" + n +
               ";\n";
        dot += "w" + n + " -> bill" + n + "; db" + n + " -> crm" + n + ";\n";
    }
    return dot + "}\n";
}

std::string collect(const std::function<void(const rules::ReportWriter&)>& produce,
                    int* pieces = nullptr)
{
    std::string all;
    int count = 0;
    produce([&](std::string_view piece) {
        all += piece;
        ++count;
    });
    if (pieces) *pieces = count;
    return all;
}
} // namespace

class TestReports : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        model::Diagnostics diags;
        m_rules.loadBuiltinPacks(diags);
        QVERIFY(!model::hasErrors(diags));
        m_busy = design(patterns(3));
        m_quiet = design("digraph G { a [kind=client]; }\n");
    }

    void streamedReportsMatchWholeOnes_data()
    {
        QTest::addColumn<int>("files");
        QTest::newRow("one file with findings") << 1;
        QTest::newRow("one file without findings") << 2;
        QTest::newRow("both files") << 3;
    }

    void streamedReportsMatchWholeOnes()
    {
        QFETCH(int, files);
        std::vector<rules::FileReview> reviews;
        // A name that looks like the mark the writers splice findings in at: still a name.
        if (files & 1) reviews.push_back({"\x01probeboard-stream-0\x01", &m_busy, m_rules.review(m_busy)});
        if (files & 2) reviews.push_back({"quiet.dot", &m_quiet, m_rules.review(m_quiet)});
        QVERIFY((files & 1) == 0 || reviews.front().result.findings.size() > 10);
        QVERIFY((files & 2) == 0 || reviews.back().result.findings.empty()); // the empty arrays too

        nlohmann::ordered_json whole;
        if (reviews.size() == 1)
            whole = rules::reportJson(reviews.front());
        else
            for (const auto& r : reviews)
                whole.push_back(rules::reportJson(r));
        QCOMPARE(collect([&](const auto& w) { rules::writeReportJson(reviews, w); }),
                 whole.dump(2) + "\n");
        QCOMPARE(collect([&](const auto& w) { rules::writeReportSarif(reviews, m_rules, w); }),
                 rules::reportSarif(reviews, m_rules).dump(2) + "\n");
        QCOMPARE(collect([&](const auto& w) { rules::writeReportText(reviews, true, w); }),
                 rules::reportText(reviews, true));
        QCOMPARE(collect([&](const auto& w) { rules::writeReportMarkdown(reviews, {}, w); }),
                 rules::reportMarkdown(reviews));
    }

    // A report of a few hundred kilobytes reaches the writer in several pieces, none of them
    // much over the 64 KB a ChunkedWriter gathers.
    void largeReportsArriveInPieces()
    {
        const auto big = design(patterns(120));
        std::vector<rules::FileReview> reviews{{"big.dot", &big, m_rules.review(big)}};
        for (int format = 0; format < 3; ++format) {
            std::size_t largest = 0;
            int pieces = 0;
            const std::string all = collect(
                [&](const rules::ReportWriter& w) {
                    auto measure = [&](std::string_view piece) {
                        largest = std::max(largest, piece.size());
                        w(piece);
                    };
                    if (format == 0)
                        rules::writeReportJson(reviews, measure);
                    else if (format == 1)
                        rules::writeReportSarif(reviews, m_rules, measure);
                    else
                        rules::writeReportText(reviews, false, measure);
                },
                &pieces);
            QVERIFY2(all.size() > 4 * 64 * 1024, std::to_string(all.size()).c_str());
            QVERIFY(pieces >= 4);
            QVERIFY2(largest < 96 * 1024, (std::to_string(format) + ": " + std::to_string(largest)).c_str());
        }
    }

    // One of a thing is counted as one ("1 flow", "1 finding"), not "1 flows", in the text and
    // Markdown reports' headers and summaries.
    void countsOfOneAreSingular()
    {
        const auto one = design("digraph G { a [kind=service, data=pii, region=\"eu-west-1\", instances=2, replicas=2]; "
                                "b [kind=database, failover=none, replicas=1]; "
                                "subgraph cluster_z { b; } a -> b; }\n");
        std::vector<rules::FileReview> reviews{{"one.dot", &one, m_rules.review(one)}};
        const auto& s = reviews.front().result.summary;
        QCOMPARE(s.asks, 1); // b's jurisdiction
        QCOMPARE(s.probes, 1);
        QCOMPARE(s.findings, 1);
        const std::string text = rules::reportText(reviews, false);
        QVERIFY2(text.find("2 components, 1 flow, 1 zone\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find(", 1 not drawn,") != std::string::npos, text.c_str());
        const std::string md = rules::reportMarkdown(reviews);
        QVERIFY2(md.find("2 components, 1 flow, 1 zone.") != std::string::npos, md.c_str());
        QVERIFY2(md.find("**1 finding** (") != std::string::npos, md.c_str());
        QVERIFY2(md.find("1 fact not drawn, 1 topic probe,") != std::string::npos, md.c_str());
        for (const char* wrong : {"1 flows", "1 zones", "1 facts", " 1 findings", "1 topic probes"}) {
            QVERIFY2(text.find(wrong) == std::string::npos, text.c_str());
            QVERIFY2(md.find(wrong) == std::string::npos, md.c_str());
        }
    }

private:
    rules::RuleSet m_rules;
    model::Design m_busy, m_quiet;
};

QTEST_APPLESS_MAIN(TestReports)
#include "tst_reports.moc"
