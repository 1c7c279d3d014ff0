#pragma once
// Large designs for review tests that compare two ways of reviewing (threads, the incremental
// cache), and a dump of a review that catches any difference between them.
#include "model/designfile.h"
#include "model/resourcepaths.h"
#include "rules/engine.h"
#include "rules/report.h"

#include <QtGlobal>

#include <algorithm>
#include <filesystem>
#include <string>

namespace pb::testing {

// Components of every kind with nothing drawn on them: many rules ask about the same facts of
// the same element, so which asks are kept depends on the order of the rules.
inline void addBareCell(model::Design& d, const std::string& pre)
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
inline model::Design manyExamples(int copies)
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

inline std::string dump(const model::Design& d, const rules::ReviewResult& r)
{
    rules::FileReview fr{"many.probeboard", &d, r};
    std::string out = rules::reportJson(fr).dump(1);
    // What the JSON report leaves out: fix hints and one-click fixes.
    for (const auto& f : r.findings) {
        out += f.fixHint + "\n";
        for (const auto& x : f.fixes) out += x.op() + " " + x.element + " " + x.property() + "\n";
    }
    return out;
}
} // namespace pb::testing
