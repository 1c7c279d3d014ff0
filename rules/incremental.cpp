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
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pb::rules {

struct ReviewCacheData
{
    std::uint64_t owner = 0; // RuleSetImpl::uid
    int generation = -1;
    std::shared_ptr<const model::Design> design; // what the parts were found in
    std::vector<std::set<std::string>> reads;    // per rule, in rule order
    std::vector<char> local;                     // per rule: staysInItsPart
    std::vector<int> hops;                       // per rule: hopsSeen, or -1
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
    auto none = [](int a) { return a < 0; };
    if (p.findingAnchors.size() != p.findings.size() || std::any_of(p.findingAnchors.begin(), p.findingAnchors.end(), none))
        return false;
    for (const auto& a : p.asks)
        if (a.anchor < 0) return false;
    for (const auto* links : {&p.foundFrom, &p.askedFrom})
        for (const auto& l : *links)
            if (l.second < 0) return false;
    return true;
}

// Where an edit was, for the rules that stay in their part.
struct Around
{
    std::vector<int> oldToNew;              // component indexes, last design → this one
    std::map<int, std::vector<char>> near;  // by hops: the components that close to the edit
};

// Renumbers a part's anchors for the edited design (-1: the anchor is gone).
void renumber(Review::Part& p, const std::vector<int>& oldToNew)
{
    auto to = [&](int& a) { a = a >= 0 ? oldToNew[static_cast<std::size_t>(a)] : -1; };
    for (int& a : p.findingAnchors) to(a);
    for (auto& a : p.asks) to(a.anchor);
    for (auto& l : p.foundFrom) to(l.second);
    for (auto& l : p.askedFrom) to(l.second);
}

// Widens `run` to every anchor linked to one in it: anchors that found the same fingerprint or
// asked about the same element go together, and so do anchors that are gone (-1).
void closeOver(std::vector<char>& run, const Review::Part& p)
{
    const std::size_t gone = run.size();
    std::vector<int> up(gone + 1);
    for (std::size_t i = 0; i < up.size(); ++i) up[i] = static_cast<int>(i);
    auto find = [&](int x) {
        while (up[static_cast<std::size_t>(x)] != x) x = up[static_cast<std::size_t>(x)] = up[static_cast<std::size_t>(up[static_cast<std::size_t>(x)])];
        return x;
    };
    for (const auto* links : {&p.foundFrom, &p.askedFrom}) {
        std::unordered_map<std::string_view, int> first;
        for (const auto& [key, anchor] : *links) {
            const int a = anchor >= 0 ? anchor : static_cast<int>(gone);
            auto [it, fresh] = first.try_emplace(key, a);
            if (!fresh) up[static_cast<std::size_t>(find(a))] = find(it->second);
        }
    }
    std::vector<char> dirty(up.size(), 0);
    dirty[static_cast<std::size_t>(find(static_cast<int>(gone)))] = 1;
    for (std::size_t i = 0; i < gone; ++i)
        if (run[i]) dirty[static_cast<std::size_t>(find(static_cast<int>(i)))] = 1;
    for (std::size_t i = 0; i < gone; ++i) run[i] = dirty[static_cast<std::size_t>(find(static_cast<int>(i)))];
}

bool kept(int anchor, const std::vector<char>& run)
{
    return anchor >= 0 && !run[static_cast<std::size_t>(anchor)];
}

// True when the new run found a fingerprint, or asked about an element, that a kept anchor
// found or asked about too: then the kept anchors with that key join `run`.
bool collides(const Review::Part& fresh, const Review::Part& old, std::vector<char>& run)
{
    bool hit = false;
    for (auto links : {std::make_pair(&fresh.foundFrom, &old.foundFrom), std::make_pair(&fresh.askedFrom, &old.askedFrom)}) {
        std::unordered_set<std::string_view> found;
        for (const auto& l : *links.first) found.insert(l.first);
        for (const auto& [key, anchor] : *links.second)
            if (kept(anchor, run) && found.count(key)) {
                run[static_cast<std::size_t>(anchor)] = 1;
                hit = true;
            }
    }
    return hit;
}

// The results of `old` found from anchors that did not run again, then those of the new run.
Review::Part mergeKept(Review::Part old, Review::Part fresh, const std::vector<char>& run)
{
    Review::Part out;
    for (std::size_t i = 0; i < old.findings.size(); ++i)
        if (kept(old.findingAnchors[i], run)) {
            out.findings.push_back(std::move(old.findings[i]));
            out.findingAnchors.push_back(old.findingAnchors[i]);
        }
    for (auto& a : old.asks)
        if (kept(a.anchor, run)) out.asks.push_back(std::move(a));
    for (auto& l : old.foundFrom)
        if (kept(l.second, run)) out.foundFrom.push_back(std::move(l));
    for (auto& l : old.askedFrom)
        if (kept(l.second, run)) out.askedFrom.push_back(std::move(l));
    for (auto& f : fresh.findings) out.findings.push_back(std::move(f));
    out.findingAnchors.insert(out.findingAnchors.end(), fresh.findingAnchors.begin(), fresh.findingAnchors.end());
    for (auto& a : fresh.asks) out.asks.push_back(std::move(a));
    for (auto& l : fresh.foundFrom) out.foundFrom.push_back(std::move(l));
    for (auto& l : fresh.askedFrom) out.askedFrom.push_back(std::move(l));
    return out;
}

// How far a rule sees from its anchor; unbounded: as far as the flows go, its whole part.
int hopsOf(const ReviewCacheData& c, const Job& j, const Snapshot& snap)
{
    const int hops = c.hops[static_cast<std::size_t>(j.order)];
    return hops >= 0 ? hops : snap.componentCount();
}

// One rule run again only from the anchors near the edit and those linked to them, its other
// results kept. A full review would give the same: every anchor whose results may differ runs,
// and of anchors that find the same thing, all run or none does.
Review::Part runAround(const Snapshot& snap, const ReviewOptions& opts, const Job& j, Review::Part old,
                       const std::vector<char>& near, const std::vector<int>& oldToNew)
{
    renumber(old, oldToNew);
    std::vector<char> run = near;
    for (;;) {
        closeOver(run, old);
        Review one(snap, opts);
        one.runsPart();
        one.tagAnchors();
        one.run(*j.pack, *j.rule, j.order, &run);
        Review::Part fresh = one.takePart();
        if (!collides(fresh, old, run)) return mergeKept(std::move(old), std::move(fresh), run);
    }
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
        if (j.aroundEditOnly) {
            c.parts[at] = runAround(snap, opts, j, std::move(c.parts[at]), around.near.at(hopsOf(c, j, snap)), around.oldToNew);
            continue;
        }
        Review one(snap, opts);
        one.runsPart();
        if (c.local[at]) one.tagAnchors();
        one.run(*j.pack, *j.rule, j.order);
        c.parts[at] = one.takePart();
    }
    if (probes) c.probes = probes->takePart();
}

// Deals the jobs out (probes stay in the first part) and runs the parts on threads of their
// own, sharing the snapshot.
void runParts(ReviewCacheData& c, const Snapshot& snap, const ReviewOptions& opts, const std::vector<Job>& dirty,
              const Around& around)
{
    const int threads = std::max(1, std::min(reviewThreads(snap.design(), opts), static_cast<int>(dirty.size())));
    std::vector<std::vector<Job>> parts(static_cast<std::size_t>(threads));
    int dealt = 0;
    for (const auto& j : dirty)
        parts[j.rule->probe ? 0 : static_cast<std::size_t>(dealt++ % threads)].push_back(j);
    runOnThreads(parts.size(), [&](std::size_t i) { runInto(c, snap, opts, parts[i], around); });
}

// Marks the jobs that can run only around the edit, and says where that is.
Around placeEdit(ReviewCacheData& c, const model::Design& before, const Snapshot& snap, std::vector<Job>& dirty)
{
    Around around;
    // A rule stopped at its limits found only what came first: around the edit alone, it would
    // not find what a full review finds. It runs in full.
    auto local = [&](const Job& j) {
        const Review::Part& p = c.parts[static_cast<std::size_t>(j.order)];
        return c.local[static_cast<std::size_t>(j.order)] && placed(p) && p.stopped.empty();
    };
    if (std::none_of(dirty.begin(), dirty.end(), local)) return around;
    const DesignMatch m = matchDesigns(before, snap.design());
    if (!m.sameOrder || !m.sameZones) return around;
    around.oldToNew = m.oldToNew;
    for (auto& j : dirty) {
        if (!local(j)) continue;
        const int hops = hopsOf(c, j, snap);
        if (!around.near.count(hops)) around.near.emplace(hops, within(snap, m.touchedNew, hops));
        j.aroundEditOnly = true;
    }
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
            c.hops.push_back(hopsSeen(*j.rule));
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
        runParts(c, *snap, opts, dirty, around);
    }
    c.lastRerun = static_cast<int>(dirty.size());
    c.lastPartial = static_cast<int>(std::count_if(dirty.begin(), dirty.end(), [](const Job& j) { return j.aroundEditOnly; }));
    c.design = design;
    Review all(snap ? *snap : emptySnapshot(), opts);
    for (const auto& j : jobs)
        if (!j.rule->probe) all.addPart(c.parts[static_cast<std::size_t>(j.order)]);
    all.addPart(c.probes);
    return all.finish(*design);
}

} // namespace pb::rules
