// The JUnit XML report (rules/reportjunit.cpp): well-formed whatever a design's labels hold, its
// counts agreeing with its test cases, and each finding failing exactly where it fails the build.
#include "dotdesign.h"
#include "model/diagnostic.h"
#include "rules/engine.h"
#include "rules/report.h"

#include <QXmlStreamReader>
#include <QtTest>
#include <set>

using namespace pb;
using pb::testing::design;

namespace {
const char* kShop =
    "digraph G { api [kind=service, label=\"orders-api\", rps=1200];"
    " cache [kind=cache, hit_ratio=0.9];"
    " db [kind=database, failover=automatic, data=\"pii,payment\", region=\"eu-west-1\"];"
    " crm [kind=third_party, region=\"us-east-1\"];"
    " api -> cache; api -> db; db -> crm; }\n";

struct Parsed
{
    QString error;
    int suites = 0, cases = 0, failures = 0, skipped = 0, outputs = 0;
    QMap<QString, int> declared; // the counts the <testsuites> element states
    QStringList names, failureTypes, skipMessages;
};

Parsed parse(const std::string& text)
{
    Parsed p;
    QXmlStreamReader xml(QByteArray::fromStdString(text));
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto a = xml.attributes();
        if (xml.name() == u"testsuites")
            for (const char* k : {"tests", "failures", "skipped", "errors"})
                p.declared[k] = a.value(QLatin1String(k)).toInt();
        p.suites += xml.name() == u"testsuite";
        if (xml.name() == u"testcase") {
            ++p.cases;
            p.names << a.value("name").toString();
        }
        if (xml.name() == u"failure") {
            ++p.failures;
            p.failureTypes << a.value("type").toString();
        }
        if (xml.name() == u"skipped") {
            ++p.skipped;
            p.skipMessages << a.value("message").toString();
        }
        p.outputs += xml.name() == u"system-out";
    }
    if (xml.hasError())
        p.error = xml.errorString() + " at line " + QString::number(xml.lineNumber());
    return p;
}

std::string junit(const std::vector<rules::FileReview>& reviews, const rules::RuleSet& set,
                  rules::Severity failAt)
{
    std::string out;
    rules::writeReportJunit(reviews, set, failAt, [&](std::string_view piece) { out += piece; });
    return out;
}
} // namespace

class TestReportJunit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        model::Diagnostics diags;
        QVERIFY(m_rules.loadBuiltinPacks(diags));
        m_shop = design(kShop);
        m_quiet = design("digraph G { a [kind=client]; }\n");
    }

    // A suite per file; a test per finding and fact not drawn, and one per rule that found
    // nothing; failures exactly the open findings at or above the severity, as the exit code.
    void countsAgreeWithTheCasesAndTheBuild()
    {
        std::vector<rules::FileReview> reviews{{"shop.dot", &m_shop, m_rules.review(m_shop)},
                                               {"quiet.dot", &m_quiet, m_rules.review(m_quiet)}};
        int rulesRun = 0;
        for (const auto& r : m_rules.rules())
            rulesRun += r.probe ? 0 : 1;
        for (const auto failAt :
             {rules::Severity::Info, rules::Severity::High, rules::Severity::Critical}) {
            const Parsed p = parse(junit(reviews, m_rules, failAt));
            QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
            QCOMPARE(p.suites, 2);
            int expectCases = 0, expectFailures = 0, expectSkipped = 0, expectOutputs = 0;
            for (const auto& r : reviews) {
                std::set<std::string> found;
                for (const auto& f : r.result.findings) {
                    if (f.kind == rules::Finding::Kind::Probe) continue;
                    ++expectCases;
                    if (f.kind == rules::Finding::Kind::Finding) found.insert(f.ruleId.str());
                    if (f.kind == rules::Finding::Kind::Finding && f.severity >= failAt)
                        ++expectFailures;
                    if (f.kind == rules::Finding::Kind::Finding && f.severity < failAt)
                        ++expectOutputs;
                    if (f.kind == rules::Finding::Kind::Ask) ++expectSkipped;
                }
                expectCases += rulesRun - static_cast<int>(found.size());
            }
            QCOMPARE(p.cases, expectCases);
            QCOMPARE(p.failures, expectFailures);
            QCOMPARE(p.skipped, expectSkipped);
            QCOMPARE(p.declared["tests"], p.cases);
            QCOMPARE(p.declared["failures"], p.failures);
            QCOMPARE(p.declared["skipped"], p.skipped);
            QCOMPARE(p.declared["errors"], 0);
            // A finding under the severity passes, and still says what it found.
            QCOMPARE(p.outputs, expectOutputs);
        }
        const Parsed high = parse(junit(reviews, m_rules, rules::Severity::High));
        QVERIFY(high.failureTypes.contains("high") || high.failureTypes.contains("critical"));
        QVERIFY(!high.failureTypes.contains("medium"));
        // Failing on the shop, named with what it is about; passing on the quiet design.
        const QStringList breaker = high.names.filter("missing-circuit-breaker: ");
        QCOMPARE(breaker.size(), 2);
        QVERIFY2(breaker.front().contains(" — orders-api"), qPrintable(breaker.front()));
        QVERIFY(!breaker.back().contains(" — "));
    }

    // An accepted finding is skipped with its decision; a fact not drawn is skipped as one.
    void decisionsAndUndrawnFactsAreSkipped()
    {
        rules::FileReview r{"shop.dot", &m_shop, m_rules.review(m_shop)};
        auto breaker =
            std::find_if(r.result.findings.begin(), r.result.findings.end(),
                         [](const auto& f) { return f.ruleId == "missing-circuit-breaker"; });
        QVERIFY(breaker != r.result.findings.end());
        breaker->status = "accepted";
        breaker->justification = "the cache is write-through & warm";
        const Parsed p = parse(junit({r}, m_rules, rules::Severity::Info));
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY2(p.skipMessages.contains("accepted: the cache is write-through & warm"),
                 qPrintable(p.skipMessages.join('\n')));
        QVERIFY(std::any_of(p.skipMessages.begin(), p.skipMessages.end(),
                            [](const QString& m) { return m.startsWith("Not drawn: "); }));
    }

    // Labels and file names may hold anything: markup, quotes, control characters, a CDATA end,
    // bytes that are not UTF-8. The report stays XML, and the label reads back as written.
    void hostileTextsStayWellFormed()
    {
        const auto d =
            design("digraph G { api [kind=service, label=\"<b>&\\\"x\\\"' ]]> \x01\x1b[31m\"];"
                   " cache [kind=cache]; db [kind=database]; api -> cache; api -> db; }\n");
        std::vector<rules::FileReview> reviews{{"we\xff"
                                                "ird<&>.dot",
                                                &d, m_rules.review(d)}};
        const std::string text = junit(reviews, m_rules, rules::Severity::Info);
        const Parsed p = parse(text);
        QVERIFY2(p.error.isEmpty(),
                 qPrintable(p.error + "\n" + QString::fromStdString(text.substr(0, 2000))));
        QVERIFY(p.failures > 0);
        QVERIFY2(p.names.filter("<b>&\"x\"' ]]>").size() > 0, qPrintable(p.names.join('\n')));
    }

private:
    rules::RuleSet m_rules;
    model::Design m_shop, m_quiet;
};

QTEST_APPLESS_MAIN(TestReportJunit)
#include "tst_reportjunit.moc"
