// RuleSet::review through a ReviewCache: each rule runs in a review of its own, so that its
// results can be kept apart and reused while an edit leaves everything it reads as it was.
#include "rules/engine.h"
#include "rules/locality.h"
#include "rules/review.h"
#include "rules/ruledeps.h"
#include "rules/rulesetimpl.h"
#include "rules/snapshot.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>

namespace pb::rules {

struct ReviewCacheData
{
    std::uint64_t owner = 0; // RuleSetImpl::uid
    int generation = -1;
    std::shared_ptr<const model::Design> design; // what the parts were found in
    std::vector<std::set<std::string>> reads;    // per rule, in rule order
    std::vector<char> local;                     // per rule: staysInItsPart
    std::vector<int> partsOfDesign;              // partsOf(design), kept for the next edit
    std::vector<Review::Part> parts;             // per rule that is not a probe, in rule order
    Review::Part probes;                         // every probe rule at once: they share caps
    int lastRerun = 0, lastPartial = 0;
};

ReviewCache::ReviewCache() : m_data(std::make_unique<ReviewCacheData>()) {}
ReviewCache::~ReviewCache() = default;
ReviewCache::ReviewCache(ReviewCache&&) noexcept = default;
ReviewCache& ReviewCache::operator=(ReviewCache&&) noexcept = default;

int ReviewCache::lastRerun() const
{
    return m_data ? m_data->lastRerun : 0;
}

int ReviewCache::lastPartial() const
{
    return m_data ? m_data->lastPartial : 0;
}

void ReviewCache::clear()
{
    m_data = std::make_unique<ReviewCacheData>();
}

namespace {

// True when every result in the part says where it was found: only then can some be kept.
bool placed(const Review::Part& p)
{
    if (p.findingAnchors.size() != p.findings.size()) return false;
    for (int a : p.findingAnchors)
        if (a < 0) return false;
    for (const auto& a : p.asks)
        if (a.anchor < 0) return false;
    return true;
}

// Where an edit was, for the rules that stay in their part.
struct Around
{
    std::vector<int> oldToNew; // component indexes, last design → this one
    std::vector<char> rerun;   // per component of this design: its anchors run again
};

// The results of `old` found from anchors that do not run again (renumbered for the new
// design), then those of the new run.
Review::Part mergeOutside(Review::Part old, Review::Part fresh, const Around& around)
{
    Review::Part out;
    auto kept = [&](int& a) {
        a = around.oldToNew[static_cast<std::size_t>(a)];
        return a >= 0 && !around.rerun[static_cast<std::size_t>(a)];
    };
    for (std::size_t i = 0; i < old.findings.size(); ++i)
        if (kept(old.findingAnchors[i])) {
            out.findings.push_back(std::move(old.findings[i]));
            out.findingAnchors.push_back(old.findingAnchors[i]);
        }
    for (auto& a : old.asks)
        if (kept(a.anchor)) out.asks.push_back(std::move(a));
    for (auto& f : fresh.findings) out.findings.push_back(std::move(f));
    out.findingAnchors.insert(out.findingAnchors.end(), fresh.findingAnchors.begin(), fresh.findingAnchors.end());
    for (auto& a : fresh.asks) out.asks.push_back(std::move(a));
    return out;
}

// The rules one thread re-runs: probe rules together in one review (per-kind caps), every
// other rule in a review of its own, so that its part can be stored alone.
void runInto(ReviewCacheData& c, const Snapshot& snap, const ReviewOptions& opts, const std::vector<Job>& jobs,
             const Around& around)
{
    std::optional<Review> probes;
    for (const auto& j : jobs) {
        if (j.rule->probe) {
            if (!probes) {
                probes.emplace(snap, opts);
                probes->runsPart();
            }
            probes->run(*j.pack, *j.rule, j.order);
            continue;
        }
        const auto at = static_cast<std::size_t>(j.order);
        Review one(snap, opts);
        one.runsPart();
        if (c.local[at]) one.tagAnchors();
        one.run(*j.pack, *j.rule, j.order, j.touchedPartsOnly ? &around.rerun : nullptr);
        c.parts[at] = j.touchedPartsOnly ? mergeOutside(std::move(c.parts[at]), one.takePart(), around) : one.takePart();
    }
    if (probes) c.probes = probes->takePart();
}

// Deals the jobs out like the full review does (probes stay in the first part) and runs them,
// each part on its own thread with its own snapshot; the first part's is `first`.
void runParts(ReviewCacheData& c, const Snapshot& first, const ReviewOptions& opts, const std::vector<Job>& dirty,
              const Around& around)
{
    const model::Design& design = first.design();
    const int threads = std::max(1, std::min(reviewThreads(design, opts), static_cast<int>(dirty.size())));
    std::vector<std::vector<Job>> parts(static_cast<std::size_t>(threads));
    int dealt = 0;
    for (const auto& j : dirty)
        parts[j.rule->probe ? 0 : static_cast<std::size_t>(dealt++ % threads)].push_back(j);
    std::vector<std::unique_ptr<Snapshot>> snaps(parts.size());
    runOnThreads(parts.size(), [&](std::size_t i) {
        if (i > 0) snaps[i] = std::make_unique<Snapshot>(design);
        runInto(c, i > 0 ? *snaps[i] : first, opts, parts[i], around);
    });
}

// Marks the jobs that can run only around the edit, and says where that is.
Around placeEdit(ReviewCacheData& c, const model::Design& before, const Snapshot& snap, std::vector<Job>& dirty)
{
    Around around;
    const std::vector<int> partsBefore = std::move(c.partsOfDesign);
    c.partsOfDesign = partsOf(snap);
    const bool any = std::any_of(dirty.begin(), dirty.end(), [&](const Job& j) {
        return c.local[static_cast<std::size_t>(j.order)] && placed(c.parts[static_cast<std::size_t>(j.order)]);
    });
    if (!any) return around;
    const DesignMatch m = matchDesigns(before, snap.design());
    around.rerun = partsToRerun(m, partsBefore, c.partsOfDesign);
    if (around.rerun.size() != static_cast<std::size_t>(snap.componentCount()) || around.rerun.empty()) return around;
    around.oldToNew = m.oldToNew;
    for (auto& j : dirty)
        j.touchedPartsOnly = c.local[static_cast<std::size_t>(j.order)] && placed(c.parts[static_cast<std::size_t>(j.order)]);
    return around;
}

const Snapshot& emptySnapshot()
{
    static const model::Design kEmpty;
    static const Snapshot kSnap(kEmpty);
    return kSnap;
}

} // namespace

ReviewResult RuleSet::review(std::shared_ptr<const model::Design> design, const ReviewOptions& opts,
                             ReviewCache& cache) const
{
    if (!cache.m_data) cache.clear();
    ReviewCacheData& c = *cache.m_data;
    std::vector<Job> jobs;
    for (const auto& p : m_impl->packs)
        for (const auto& r : p.rules) jobs.push_back({&p, &r, static_cast<int>(jobs.size())});
    const bool fresh = c.owner != m_impl->uid || c.generation != m_impl->generation || !c.design;
    if (fresh) {
        c = ReviewCacheData{};
        c.owner = m_impl->uid;
        c.generation = m_impl->generation;
        for (const auto& j : jobs) {
            c.reads.push_back(keysRead(*j.rule));
            c.local.push_back(staysInItsPart(*j.rule));
        }
        c.parts.resize(jobs.size());
    }
    // Taken out first: should a rule throw, the cache has no design and the next review
    // starts afresh instead of trusting parts that were half replaced.
    const auto before = std::move(c.design);
    const DesignChange change = fresh ? DesignChange{} : changeBetween(*before, *design);
    bool probesDirty = false;
    for (const auto& j : jobs)
        if (j.rule->probe && affects(change, c.reads[static_cast<std::size_t>(j.order)])) probesDirty = true;
    std::vector<Job> dirty;
    for (const auto& j : jobs)
        if (j.rule->probe ? probesDirty : affects(change, c.reads[static_cast<std::size_t>(j.order)]))
            dirty.push_back(j);
    std::unique_ptr<Snapshot> snap;
    if (!dirty.empty()) {
        snap = std::make_unique<Snapshot>(*design);
        const Around around = fresh ? Around{} : placeEdit(c, *before, *snap, dirty);
        if (fresh) c.partsOfDesign = partsOf(*snap);
        runParts(c, *snap, opts, dirty, around);
    }
    c.lastRerun = static_cast<int>(dirty.size());
    c.lastPartial = static_cast<int>(std::count_if(dirty.begin(), dirty.end(), [](const Job& j) { return j.touchedPartsOnly; }));
    c.design = design;
    Review all(snap ? *snap : emptySnapshot(), opts);
    for (const auto& j : jobs)
        if (!j.rule->probe) all.addPart(c.parts[static_cast<std::size_t>(j.order)]);
    all.addPart(c.probes);
    return all.finish(*design);
}

} // namespace pb::rules
