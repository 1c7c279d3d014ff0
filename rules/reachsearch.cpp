// Reach searches: breadth-first over the snapshot's flows, with the verdicts of what a flow or
// a component must pass kept per element (and shared between rules that test alike). What lets
// a search be skipped altogether is in reachprune.cpp.
#include "rules/evaluator.h"

#include <algorithm>

namespace pb::rules {

Evaluator::FilterMemo& Evaluator::memoFor(const Conditions& conds, int var, int count, const std::string& shareKey)
{
    auto [it, fresh] = m_filterMemo.try_emplace(&conds);
    FilterMemo& memo = it->second;
    if (fresh) {
        memo.conds = &conds;
        memo.cacheable = readsOnly(conds, var);
        if (memo.cacheable && !shareKey.empty()) {
            memo.verdict = m_snap.sharedVerdicts(shareKey, count);
        } else if (memo.cacheable) {
            memo.own = std::make_unique<std::atomic<signed char>[]>(static_cast<std::size_t>(count));
            for (int i = 0; i < count; ++i) memo.own[static_cast<std::size_t>(i)].store(-1, std::memory_order_relaxed);
            memo.verdict = memo.own.get();
        }
    }
    return memo;
}

// The slot the memo's conditions read is already bound to `element`. Verdicts that recorded a
// missing fact are not kept, so every caller still sees (and asks about) it.
Tri Evaluator::filter(FilterMemo& memo, int element)
{
    if (!memo.cacheable) return pure(*memo.conds);
    auto& cell = memo.verdict[static_cast<std::size_t>(element)];
    if (const signed char v = cell.load(std::memory_order_relaxed); v >= 0) return static_cast<Tri>(v);
    const std::size_t before = m_unknowns.size();
    const Tri t = pure(*memo.conds);
    // Another thread may store the same verdict at the same time: it is a function of the element.
    if (m_unknowns.size() == before) cell.store(static_cast<signed char>(t), std::memory_order_relaxed);
    return t;
}

// Most flows a search crosses have a verdict already: read it without binding the flow.
Tri Evaluator::viaVerdict(FilterMemo& memo, int flowVar, int f)
{
    if (memo.cacheable) {
        const signed char v = memo.verdict[static_cast<std::size_t>(f)].load(std::memory_order_relaxed);
        if (v >= 0) return static_cast<Tri>(v);
    }
    bind(flowVar, Slot::Type::Flow, f);
    return filter(memo, f);
}

Evaluator::Search& Evaluator::searchScratch()
{
    if (m_searches.size() <= static_cast<std::size_t>(m_reachDepth)) m_searches.emplace_back();
    Search& s = m_searches[static_cast<std::size_t>(m_reachDepth)];
    const std::size_t n = static_cast<std::size_t>(m_snap.componentCount());
    if (s.stamp.size() != n) {
        s.stamp.assign(n, 0);
        s.parentNode.assign(n, -1);
        s.parentFlow.assign(n, -1);
        s.dist.assign(n, 0);
        s.epoch = 0;
    }
    return s;
}

Tri Evaluator::reachSearch(const Reach& r, FunctionRef<bool(int, Tri)> visit)
{
    if (r.from < 0) return Tri::False;
    const Slot& fromSlot = m_slots[static_cast<std::size_t>(r.from)];
    if (fromSlot.type != Slot::Type::Component) return Tri::False;
    ReachPrune& prune = m_prune[&r];
    if (!mayFind(r, prune, fromSlot.index)) return Tri::False;
    long& work = prune.work;
    Search& s = searchScratch();
    const Deeper level(m_reachDepth);
    const int epoch = ++s.epoch;
    const int start = fromSlot.index;
    std::vector<int>& frontier = s.frontier;
    frontier.clear();
    frontier.push_back(start);
    s.stamp[static_cast<std::size_t>(start)] = epoch;
    s.dist[static_cast<std::size_t>(start)] = 0;
    // Looked up once per search, not once per flow crossed.
    FilterMemo* via = r.via ? &memoFor(*r.via, r.flowVar, m_snap.flowCount(), r.viaKey) : nullptr;
    FilterMemo* through = r.through ? &memoFor(*r.through, r.nodeVar, m_snap.componentCount()) : nullptr;
    // A via whose verdicts are kept is read here; one that reads more is tested per flow below.
    const std::atomic<signed char>* verdict = via && via->cacheable ? via->verdict : nullptr;
    const int* toTarget = prune.toTarget.empty() ? nullptr : prune.toTarget.data();
    int* stamp = s.stamp.data();
    Tri best = Tri::False;
    for (std::size_t head = 0; head < frontier.size(); ++head) {
        const int u = frontier[head];
        const int d = s.dist[static_cast<std::size_t>(u)];
        if (d >= r.maxHops) continue;
        const auto out = m_snap.outEdges(u), in = m_snap.inEdges(u);
        work += static_cast<long>(1 + out.size() + in.size());
        // Most flows lead back to a component the search has met, or are known not to pass:
        // sorted out in a loop that calls nothing, in flow order, before the rest are taken.
        if (s.next.size() < out.size() + in.size()) s.next.resize(out.size() + in.size());
        Snapshot::Edge* const next = s.next.data();
        std::size_t taken = 0;
        auto scan = [&](std::span<const Snapshot::Edge> edges) {
            for (const Snapshot::Edge& e : edges) {
                const bool open = stamp[e.other] != epoch &&
                                  (!verdict || verdict[e.flow].load(std::memory_order_relaxed) != static_cast<signed char>(Tri::False));
                next[taken] = e;
                taken += open ? 1 : 0;
            }
        };
        if (r.dir != Dir::In) scan(out);
        if (r.dir != Dir::Out) scan(in);
        for (std::size_t k = 0; k < taken; ++k) {
            const auto [f, v] = next[k];
            if (stamp[v] == epoch) continue; // a second flow to the same component
            // A fact that is not drawn does not block a path (authors use if_missing).
            if (via && viaVerdict(*via, r.flowVar, f) == Tri::False) continue;
            bind(r.flowVar, Slot::Type::Flow, f); // what the tests below may read
            stamp[v] = epoch;
            s.parentNode[static_cast<std::size_t>(v)] = u;
            s.parentFlow[static_cast<std::size_t>(v)] = f;
            s.dist[static_cast<std::size_t>(v)] = d + 1;
            if (d + 1 >= r.minHops && kindMatches(v, r.kinds, r.kindIds, r.kindMask)) {
                bind(r.toVar, Slot::Type::Component, v);
                Tri t = r.toWhere ? pure(*r.toWhere) : Tri::True;
                if (t != Tri::False) {
                    best = triOr(best, t);
                    bind(r.toVar, Slot::Type::Component, v);
                    bindPath(r, s, v);
                    if (!visit(v, t)) return best;
                }
            }
            // Nothing the search may accept is close enough beyond v: no need to go on from it.
            if (toTarget && d + 1 + toTarget[v] > r.maxHops) continue;
            bind(r.nodeVar, Slot::Type::Component, v);
            if (!through || filter(*through, v) != Tri::False) frontier.push_back(v);
        }
    }
    return best;
}

void Evaluator::bindPath(const Reach& r, const Search& s, int target)
{
    if (r.pathVar < 0) return;
    // Built in the slot's own list: a search binds a path at every target it meets, and a new
    // list each time was an allocation per match (2,000 for processor-without-dpa at 10k).
    Slot& path = m_slots[static_cast<std::size_t>(r.pathVar)];
    path.type = Slot::Type::Path;
    path.index = -1;
    path.listType = ElemType::Component;
    path.list.clear();
    for (int v = target; v >= 0;) {
        path.list.push_back(v);
        const int f = s.parentFlow[static_cast<std::size_t>(v)];
        const int u = s.parentNode[static_cast<std::size_t>(v)];
        if (v == m_slots[static_cast<std::size_t>(r.from)].index || f < 0) break;
        path.list.push_back(-(f + 1));
        v = u;
    }
    std::reverse(path.list.begin(), path.list.end());
}

} // namespace pb::rules
