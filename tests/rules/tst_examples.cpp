// The example designs in resources/examples (issue 3): each loads cleanly, is laid out for the
// whiteboard, survives DOT export and import, and produces exactly the findings it was drawn to
// provoke. The mitigated payments design passes clean. When a rule pack changes what an example
// finds, update the list here after checking by hand that every finding is right for the design.
#include "model/designfile.h"
#include "model/dotexport.h"
#include "model/dotimport.h"
#include "rules/engine.h"

#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

using namespace pb;
namespace fs = std::filesystem;

namespace {

const fs::path kExamples = fs::path(PB_RESOURCES) / "examples";

// Rule ids of the findings (low severity and above) each example is expected to produce, sorted;
// a rule appears once per finding. Every entry was reviewed against the drawing.
const std::map<std::string, std::vector<std::string>>& expectedFindings()
{
    static const std::map<std::string, std::vector<std::string>> expected = {
        // Per-request counters to SQL, a non-idempotent usage consumer, 20 consumers on 12
        // partitions; quota counts that never reach billing (two usage truths).
        {"api-metering.probeboard",
         {"consumers-exceed-partitions", "no-spike-buffer", "non-idempotent-billing-consumer",
          "per-request-usage-writes", "usage-without-billing-ledger"}},
        // Both regions accept writes with no conflict resolution; both topics need global order
        // across 64 partitions.
        {"chat.probeboard",
         {"multi-primary-no-conflict-resolution", "multi-primary-no-conflict-resolution",
          "ordering-across-partitions", "ordering-across-partitions"}},
        // A patient-level extract to a US warehouse (one finding for the warehouse, whichever of
        // the EU stores of personal data reach it), no erasure path, an unaudited export, an
        // SMS vendor without a DPA.
        {"health-records.probeboard",
         {"cross-region-pii", "erasure-without-pipeline", "missing-audit-ledger", "processor-without-dpa"}},
        // Feed reads fall through to posts-db unguarded; 48 consumers on 32 partitions; no lag
        // alert.
        {"news-feed.probeboard",
         {"consumer-lag-unalerted", "consumers-exceed-partitions", "missing-circuit-breaker"}},
        {"payments-mitigated.probeboard", {}},
        // Self-run ledger failover without fencing; payment state, ledger and events written
        // separately; PSP retries with no backoff and no idempotency key.
        {"payments.probeboard",
         {"dual-write-database-and-queue", "dual-write-two-databases", "retries-without-backoff",
          "retries-without-idempotency", "unfenced-failover"}},
        // Gateway → trip → dispatch → pricing → ETA with no timeouts; trips sharded by city;
        // trip writes at 2,500/s with no buffer.
        {"ride-hailing.probeboard", {"deep-sync-chain", "no-spike-buffer", "skewed-shard-key"}},
        // Viral links: hot keys without stampede protection, no breaker in front of urls-db, one
        // id allocator, link creation without a rate limit.
        {"url-shortener.probeboard",
         {"hot-key-stampede", "missing-circuit-breaker", "public-entry-no-rate-limit",
          "single-instance-on-request-path"}},
        // One metadata database without replica or backups, worldwide users in one region, no
        // dead-letter queue for poison uploads, no monitoring anywhere.
        {"video-streaming.probeboard",
         {"database-without-backups", "global-users-single-region", "no-dead-letter-queue",
          "no-monitoring-anywhere", "single-database-no-replica"}},
    };
    return expected;
}

model::Design load(const std::string& file)
{
    model::Diagnostics diags;
    auto d = model::loadDesignFile((kExamples / file).string(), diags);
    if (!d) qFatal("%s does not load", file.c_str());
    return *d;
}

std::vector<std::string> findingIds(const rules::ReviewResult& r)
{
    std::vector<std::string> ids;
    for (const auto& f : r.findings)
        if (f.kind == rules::Finding::Kind::Finding && f.severity >= rules::Severity::Low)
            ids.push_back(f.ruleId);
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString joined(const std::vector<std::string>& ids)
{
    QStringList out;
    for (const auto& id : ids)
        out << QString::fromStdString(id);
    return out.join(QStringLiteral(", "));
}

struct Rect
{
    double x1, y1, x2, y2;
    bool contains(const Rect& o) const
    {
        return o.x1 >= x1 && o.y1 >= y1 && o.x2 <= x2 && o.y2 <= y2;
    }
    bool overlaps(const Rect& o) const { return x1 < o.x2 && o.x1 < x2 && y1 < o.y2 && o.y1 < y2; }
};

Rect rectOf(model::Point p, model::Size s)
{
    return {p.x, p.y, p.x + s.width, p.y + s.height};
}

// Element order is not part of a design's meaning; DOT import orders flows by node.
model::Design sorted(model::Design d)
{
    model::Design out;
    out.title = d.title;
    auto byId = [](const auto& a, const auto& b) { return a.id < b.id; };
    auto components = d.components();
    auto flows = d.flows();
    auto zones = d.zones();
    std::sort(components.begin(), components.end(), byId);
    std::sort(flows.begin(), flows.end(), byId);
    std::sort(zones.begin(), zones.end(), byId);
    for (auto& c : components)
        out.addComponent(c);
    for (auto& f : flows)
        out.addFlow(f);
    for (auto& z : zones) {
        std::sort(z.members.begin(), z.members.end());
        out.addZone(z);
    }
    return out;
}

} // namespace

class TestExamples : public QObject
{
    Q_OBJECT
    rules::RuleSet m_rules;

    static void addRows()
    {
        QTest::addColumn<QString>("file");
        for (const auto& [file, ids] : expectedFindings())
            QTest::newRow(file.c_str()) << QString::fromStdString(file);
    }

private slots:
    void initTestCase()
    {
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        model::Diagnostics diags;
        QVERIFY2(m_rules.loadBuiltinPacks(diags),
                 diags.empty() ? "" : diags.front().format().c_str());
    }

    void everyExampleIsListedHereAndInTheIndex()
    {
        std::ifstream in(kExamples / "index.json");
        QVERIFY(in);
        const auto index = nlohmann::json::parse(in);
        std::vector<std::string> indexed;
        for (const auto& e : index.at("examples")) {
            const std::string file = e.at("file").get<std::string>();
            QVERIFY2(fs::exists(kExamples / file), file.c_str());
            QVERIFY2(!e.at("title").get<std::string>().empty(), file.c_str());
            QVERIFY2(!e.at("description").get<std::string>().empty(), file.c_str());
            QVERIFY2(!e.at("tags").empty(), file.c_str());
            indexed.push_back(file);
        }
        std::vector<std::string> onDisk;
        for (const auto& entry : fs::directory_iterator(kExamples))
            if (entry.path().extension() == ".probeboard")
                onDisk.push_back(entry.path().filename().string());
        std::sort(indexed.begin(), indexed.end());
        std::sort(onDisk.begin(), onDisk.end());
        QCOMPARE(joined(indexed), joined(onDisk));
        std::vector<std::string> tested;
        for (const auto& [file, ids] : expectedFindings())
            tested.push_back(file);
        QCOMPARE(joined(tested), joined(onDisk));
        QVERIFY(onDisk.size() >= 8);
    }

    void loadsWithoutErrorsOrWarnings_data() { addRows(); }
    void loadsWithoutErrorsOrWarnings()
    {
        QFETCH(QString, file);
        model::Diagnostics diags;
        auto d = model::loadDesignFile((kExamples / file.toStdString()).string(), diags);
        QVERIFY(d);
        QVERIFY2(diags.empty(), diags.empty() ? "" : diags.front().format().c_str());
        QVERIFY(d->components().size() >= 10 && d->components().size() <= 30);
        QVERIFY(!d->zones().empty());
        QVERIFY(!d->title.empty());
    }

    void isLaidOutForTheWhiteboard_data() { addRows(); }
    void isLaidOutForTheWhiteboard()
    {
        QFETCH(QString, file);
        const auto d = load(file.toStdString());
        const auto& cs = d.components();
        for (std::size_t i = 0; i < cs.size(); ++i) {
            QVERIFY2(cs[i].size.width > 0 && cs[i].size.height > 0, cs[i].id.c_str());
            for (std::size_t j = i + 1; j < cs.size(); ++j)
                QVERIFY2(!rectOf(cs[i].pos, cs[i].size).overlaps(rectOf(cs[j].pos, cs[j].size)),
                         (cs[i].id + " overlaps " + cs[j].id).c_str());
        }
        for (const auto& z : d.zones()) {
            const Rect zr = rectOf(z.pos, z.size);
            for (const auto& m : z.members) {
                const auto* c = d.component(m);
                const auto* inner = d.zone(m);
                QVERIFY(c || inner);
                const Rect mr = c ? rectOf(c->pos, c->size) : rectOf(inner->pos, inner->size);
                QVERIFY2(zr.contains(mr), (z.id + " does not enclose " + m).c_str());
            }
            for (const auto& c : cs)
                if (d.parentZone(c.id) == nullptr)
                    QVERIFY2(!zr.overlaps(rectOf(c.pos, c.size)),
                             (c.id + " lies in " + z.id).c_str());
        }
    }

    void survivesDotExportAndImport_data() { addRows(); }
    void survivesDotExportAndImport()
    {
        QFETCH(QString, file);
        const auto d = load(file.toStdString());
        model::Diagnostics diags;
        const auto back = model::importDot(model::exportDot(d), "example.dot", diags);
        QVERIFY2(back, diags.empty() ? "" : diags.front().format().c_str());
        QVERIFY(sorted(*back) == sorted(d));
    }

    void producesItsRecordedFindings_data() { addRows(); }
    void producesItsRecordedFindings()
    {
        QFETCH(QString, file);
        const auto result = m_rules.review(load(file.toStdString()));
        QCOMPARE(joined(findingIds(result)), joined(expectedFindings().at(file.toStdString())));
    }

    void mitigatedPaymentsPassesClean()
    {
        const auto result = m_rules.review(load("payments-mitigated.probeboard"));
        QVERIFY2(findingIds(result).empty(), qPrintable(joined(findingIds(result))));
        // The same architecture without the mitigations is not clean, so the variant proves them.
        QVERIFY(!findingIds(m_rules.review(load("payments.probeboard"))).empty());
    }
};

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
