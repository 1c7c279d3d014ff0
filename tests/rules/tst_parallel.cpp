// A large review splits its rules over threads, each with its own snapshot, and merges the
// parts (RuleSet::review). The merge must give exactly what one thread gives: the same
// findings in the same order, the same asks kept under the per-element cap, the same probes.
#include "model/designfile.h"
#include "model/resourcepaths.h"
#include "rules/engine.h"
#include "rules/report.h"

#include <QtTest>

#include <filesystem>

using namespace pb;

namespace {
// Components of every kind with nothing drawn on them: many rules ask about the same facts of
// the same element, so which asks are kept depends on the order of the rules.
void addBareCell(model::Design& d, const std::string& pre)
{
    const char* kinds[] = {"client", "api_gateway", "service", "cache", "database", "queue", "worker", "third_party"};
    for (const char* k : kinds) d.addComponent({pre + k, k, k, {}, {}, {}});
    const std::pair<const char*, const char*> flows[] = {
        {"client", "api_gateway"}, {"api_gateway", "service"}, {"service", "cache"}, {"service", "database"},
        {"service", "queue"},      {"queue", "worker"},         {"worker", "database"}, {"worker", "third_party"}};
    int n = 0;
    for (const auto& [a, b] : flows) d.addFlow({pre + "f" + std::to_string(n++), pre + a, pre + b, "", {}, {}});
}

// Every example design, copied `copies` times with prefixed ids: thousands of elements with
// every pattern the packs look for, asks included.
model::Design manyExamples(int copies)
{
    model::Design all;
    for (int k = 0; k < copies; ++k) addBareCell(all, "bare" + std::to_string(k) + "_");
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(model::resourceDir() + "/examples"))
        if (e.path().extension() == ".probeboard") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (int k = 0; k < copies; ++k)
        for (std::size_t f = 0; f < files.size(); ++f) {
            model::Diagnostics diags;
            auto d = model::loadDesignFile(files[f], diags);
            if (!d) qFatal("example %s does not load", files[f].c_str());
            const std::string pre = "c" + std::to_string(k) + "e" + std::to_string(f) + "_";
            for (auto c : d->components()) {
                c.id = pre + c.id;
                all.addComponent(c);
            }
            for (auto fl : d->flows()) {
                fl.id = pre + fl.id;
                fl.from = pre + fl.from;
                fl.to = pre + fl.to;
                all.addFlow(fl);
            }
            for (auto z : d->zones()) {
                z.id = pre + z.id;
                for (auto& m : z.members) m = pre + m;
                all.addZone(z);
            }
        }
    return all;
}

std::string dump(const model::Design& d, const rules::ReviewResult& r)
{
    rules::FileReview fr{"many.probeboard", &d, r};
    std::string out = rules::reportJson(fr).dump(1);
    // What the JSON report leaves out: fix hints and one-click fixes.
    for (const auto& f : r.findings) {
        out += f.fixHint + "\n";
        for (const auto& x : f.fixes) out += x.op + " " + x.element + " " + x.property + "\n";
    }
    return out;
}
} // namespace

class TestParallel : public QObject
{
    Q_OBJECT
private slots:
    void threadsGiveTheSameReview()
    {
        rules::RuleSet set;
        model::Diagnostics diags;
        QVERIFY(set.loadBuiltinPacks(diags));
        const model::Design d = manyExamples(12);
        QVERIFY(d.components().size() > 1000);
        rules::ReviewOptions one{"2026-01-01"};
        one.threads = 1;
        const auto single = set.review(d, one);
        QVERIFY(single.summary.findings > 100);
        QVERIFY(single.summary.asks > 10);
        QVERIFY(single.summary.probes > 0);
        const std::string expected = dump(d, single);
        for (int threads : {2, 3, 5}) {
            rules::ReviewOptions opts{"2026-01-01"};
            opts.threads = threads;
            const auto split = set.review(d, opts);
            QCOMPARE(split.summary.total, single.summary.total);
            QVERIFY2(dump(d, split) == expected, qPrintable(QString("threads=%1").arg(threads)));
        }
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
