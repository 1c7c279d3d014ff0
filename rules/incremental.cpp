// RuleSet::review through a ReviewCache: each rule runs in a review of its own, so that its
// results can be kept apart and reused while an edit leaves everything it reads as it was.
#include "rules/engine.h"
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
    std::vector<Review::Part> parts;             // per rule that is not a probe, in rule order
    Review::Part probes;                         // every probe rule at once: they share caps
    int lastRerun = 0;
};

ReviewCache::ReviewCache() : m_data(std::make_unique<ReviewCacheData>()) {}
ReviewCache::~ReviewCache() = default;
ReviewCache::ReviewCache(ReviewCache&&) noexcept = default;
ReviewCache& ReviewCache::operator=(ReviewCache&&) noexcept = default;

int ReviewCache::lastRerun() const
{
    return m_data ? m_data->lastRerun : 0;
}

void ReviewCache::clear()
{
    m_data = std::make_unique<ReviewCacheData>();
}

namespace {

// The rules one thread re-runs: probe rules together in one review (per-kind caps), every
// other rule in a review of its own, so that its part can be stored alone.
void runInto(ReviewCacheData& c, const Snapshot& snap, const ReviewOptions& opts, const std::vector<Job>& jobs)
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
        Review one(snap, opts);
        one.runsPart();
        one.run(*j.pack, *j.rule, j.order);
        c.parts[static_cast<std::size_t>(j.order)] = one.takePart();
    }
    if (probes) c.probes = probes->takePart();
}

// Deals the jobs out like the full review does (probes stay in the first part) and runs them,
// each part on its own thread with its own snapshot. Returns the first part's snapshot.
std::unique_ptr<Snapshot> runParts(ReviewCacheData& c, const model::Design& design, const ReviewOptions& opts,
                                   const std::vector<Job>& dirty)
{
    const int threads = std::max(1, std::min(reviewThreads(design, opts), static_cast<int>(dirty.size())));
    std::vector<std::vector<Job>> parts(static_cast<std::size_t>(threads));
    int dealt = 0;
    for (const auto& j : dirty)
        parts[j.rule->probe ? 0 : static_cast<std::size_t>(dealt++ % threads)].push_back(j);
    std::vector<std::unique_ptr<Snapshot>> snaps(parts.size());
    runOnThreads(parts.size(), [&](std::size_t i) {
        snaps[i] = std::make_unique<Snapshot>(design);
        runInto(c, *snaps[i], opts, parts[i]);
    });
    return std::move(snaps.front());
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
        for (const auto& j : jobs) c.reads.push_back(keysRead(*j.rule));
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
    if (!dirty.empty()) snap = runParts(c, *design, opts, dirty);
    c.lastRerun = static_cast<int>(dirty.size());
    c.design = design;
    Review all(snap ? *snap : emptySnapshot(), opts);
    for (const auto& j : jobs)
        if (!j.rule->probe) all.addPart(c.parts[static_cast<std::size_t>(j.order)]);
    all.addPart(c.probes);
    return all.finish(*design);
}

} // namespace pb::rules
