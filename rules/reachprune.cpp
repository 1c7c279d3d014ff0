// Skipping reach searches that cannot find anything (Evaluator::mayFind). Kept apart from the
// search itself: it is an optimisation, and the searches give the same findings without it.
#include "rules/evaluator.h"

#include <algorithm>
#include <numeric>

namespace pb::rules {

namespace {
constexpr std::size_t kMaxClasses = 16;

// Collects what `conds` read of the target (var `to`): the tests that read the target alone
// (their verdicts), and the target's keys that other tests compare with the anchor's. False when
// the test reads anything the search binds per step (the flow crossed, the node passed, the
// path) or searches itself: then its verdict is not a function of the target's values and the
// anchor's, and nothing is pruned. A test of the target alone counts by its verdict, not by the
// value it reads: `kind eq client` splits the targets in two, where their fourteen kinds made
// more classes than a part may hold, and cross-region-pii searched from every source.
bool targetKeys(const Conditions& conds, const Reach& r, std::vector<const PropRef*>& out,
                std::vector<const Condition*>& own)
{
    auto local = [&](int var) { return var == r.flowVar || var == r.nodeVar || var == r.pathVar; };
    for (const auto& c : conds) {
        switch (c.kind) {
        case Condition::Kind::Prop:
            if (local(c.prop.var) || (c.operand.ref && local(c.operand.ref->var))) return false;
            if (readsOnly(c, r.toVar)) {
                own.push_back(&c);
                break;
            }
            if (c.prop.var == r.toVar) out.push_back(&c.prop);
            if (c.operand.ref && c.operand.ref->var == r.toVar) out.push_back(&*c.operand.ref);
            break;
        case Condition::Kind::All:
        case Condition::Kind::Any:
        case Condition::Kind::Not:
            if (!targetKeys(c.children, r, out, own)) return false;
            break;
        default: return false;
        }
    }
    return true;
}

int findRoot(std::vector<int>& parent, int v)
{
    while (parent[static_cast<std::size_t>(v)] != v) {
        int& p = parent[static_cast<std::size_t>(v)];
        p = parent[static_cast<std::size_t>(p)]; // path halving
        v = p;
    }
    return v;
}

bool sameValue(const model::Value* a, const model::Value* b)
{
    return a == b || (a && b && *a == *b);
}
} // namespace

// Tests made on the side of a search (building what prunes it, asking whether it may find
// anything) leave the flow and target slots, and the facts found missing, as they were.
struct Evaluator::Aside
{
    Aside(Evaluator& ev, const Reach& r)
        : m_ev(ev)
        , m_r(r)
        , m_flow(ev.m_slots[static_cast<std::size_t>(r.flowVar)])
        , m_to(ev.m_slots[static_cast<std::size_t>(r.toVar)])
        , m_unknowns(ev.m_unknowns.size())
    {
    }
    ~Aside()
    {
        m_ev.m_slots[static_cast<std::size_t>(m_r.flowVar)] = m_flow;
        m_ev.m_slots[static_cast<std::size_t>(m_r.toVar)] = m_to;
        m_ev.m_unknowns.resize(m_unknowns);
    }
    Aside(const Aside&) = delete;
    Aside& operator=(const Aside&) = delete;

private:
    Evaluator& m_ev;
    const Reach& m_r;
    const Slot m_flow, m_to;
    const std::size_t m_unknowns;
};

void Evaluator::buildPrune(const Reach& r, ReachPrune& p)
{
    p.built = true;
    if (r.toVar < 0 || (r.toWhere && !targetKeys(*r.toWhere, r, p.keys, p.ownTests))) return;
    // A test of the target's id tells every target apart: each part would have as many classes
    // as targets, and the pass would be spent for nothing.
    if (std::any_of(p.keys.begin(), p.keys.end(), [](const PropRef* k) { return k->key == ".id"; })) return;
    const int n = m_snap.componentCount();
    const Aside aside(*this, r);
    // A `via` that reads more than the flow (the anchor, say) may let a flow pass from one
    // anchor and not another: then every flow counts, which only makes the parts larger.
    const bool viaPerFlow = !r.via || readsOnly(*r.via, r.flowVar);
    std::vector<int> parent(static_cast<std::size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    FilterMemo* via = r.via && viaPerFlow ? &memoFor(*r.via, r.flowVar, m_snap.flowCount(), r.viaKey) : nullptr;
    for (int f = 0; f < m_snap.flowCount(); ++f) {
        const int a = m_snap.flowFrom(f), b = m_snap.flowTo(f);
        if (a < 0 || b < 0) continue;
        if (via && viaVerdict(*via, r.flowVar, f) == Tri::False) continue;
        parent[static_cast<std::size_t>(findRoot(parent, a))] = findRoot(parent, b);
    }
    p.part.resize(static_cast<std::size_t>(n));
    for (int v = 0; v < n; ++v) p.part[static_cast<std::size_t>(v)] = findRoot(parent, v);
    p.classes.assign(static_cast<std::size_t>(n), {});
    p.open.assign(static_cast<std::size_t>(n), 0);
    // Targets whose tested values and own verdicts are equal get the same verdict: a few per
    // part stand for all.
    struct Tuple
    {
        std::vector<const model::Value*> values;
        std::vector<Tri> verdicts;
        bool operator==(const Tuple& o) const
        {
            return verdicts == o.verdicts && std::equal(values.begin(), values.end(), o.values.begin(), sameValue);
        }
    };
    Tuple mine{std::vector<const model::Value*>(p.keys.size()), std::vector<Tri>(p.ownTests.size())};
    auto tuple = [&](int v, Tuple& out) {
        bind(r.toVar, Slot::Type::Component, v);
        for (std::size_t k = 0; k < p.keys.size(); ++k) out.values[k] = ref(*p.keys[k]);
        for (std::size_t k = 0; k < p.ownTests.size(); ++k) out.verdicts[k] = pure(*p.ownTests[k]);
    };
    // Each class's tuple, worked out once when the class is made (per part, in class order).
    std::vector<std::vector<Tuple>> tuples(static_cast<std::size_t>(n));
    for (int v = 0; v < n; ++v) {
        const auto part = static_cast<std::size_t>(p.part[static_cast<std::size_t>(v)]);
        if (p.open[part] || !kindMatches(v, r.kinds, r.kindIds, r.kindMask)) continue;
        tuple(v, mine);
        auto& classes = p.classes[part];
        const auto same = std::find(tuples[part].begin(), tuples[part].end(), mine);
        if (same != tuples[part].end()) {
            auto& cls = classes[static_cast<std::size_t>(same - tuples[part].begin())];
            if (cls.second < 0) cls.second = v;
            continue;
        }
        if (classes.size() >= kMaxClasses) {
            p.open[part] = 1;
            continue;
        }
        classes.push_back({v, -1});
        tuples[part].push_back(mine);
    }
    p.usable = true;
}

// Hops from each component to the nearest one that may pass the target test, over the flows
// that pass `via`, walked against the search's direction: one breadth-first pass from all those
// targets at once. A lower bound on what the search meets: it leaves out `through` and the
// parts of the test that read more than the target (the anchor, say), which only adds targets.
// So a search that stops going on from a component too far from every target finds the same
// targets, by the same parents and in the same order: every component on a shortest path to a
// target it accepts is close enough to be gone on from.
void Evaluator::buildDistance(const Reach& r, ReachPrune& p)
{
    if (r.toVar < 0 || (r.via && !readsOnly(*r.via, r.flowVar))) return;
    std::vector<const Condition*> own; // the parts of the test that read the target alone
    if (r.toWhere)
        for (const auto& c : *r.toWhere)
            if (readsOnly(c, r.toVar)) own.push_back(&c);
    if (r.kinds.empty() && own.empty()) return;
    const int n = m_snap.componentCount();
    const Aside aside(*this, r);
    constexpr int kFar = 1 << 30;
    std::vector<int> dist(static_cast<std::size_t>(n), kFar), queue;
    for (int v = 0; v < n; ++v) {
        if (!kindMatches(v, r.kinds, r.kindIds, r.kindMask)) continue;
        bind(r.toVar, Slot::Type::Component, v);
        if (std::any_of(own.begin(), own.end(), [&](const Condition* c) { return pure(*c) == Tri::False; })) continue;
        dist[static_cast<std::size_t>(v)] = 0;
        queue.push_back(v);
    }
    // Most components may be targets by what they are (cross-region-pii's "not a client"): the
    // distances would skip next to nothing, and what decides is the test against the anchor,
    // which only the parts (buildPrune) can use.
    if (2 * queue.size() > static_cast<std::size_t>(n)) return;
    FilterMemo* via = r.via ? &memoFor(*r.via, r.flowVar, m_snap.flowCount(), r.viaKey) : nullptr;
    auto relax = [&](int f, int x, int dx) {
        if (x < 0 || dist[static_cast<std::size_t>(x)] <= dx) return;
        if (via && viaVerdict(*via, r.flowVar, f) == Tri::False) return;
        dist[static_cast<std::size_t>(x)] = dx;
        queue.push_back(x);
    };
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const int u = queue[head];
        const int du = dist[static_cast<std::size_t>(u)];
        if (du >= r.maxHops) continue;
        // A search going out along x→u arrives at u from x; one going in arrives along u→x.
        if (r.dir != Dir::In)
            for (const auto [f, x] : m_snap.inEdges(u)) relax(f, x, du + 1);
        if (r.dir != Dir::Out)
            for (const auto [f, x] : m_snap.outEdges(u)) relax(f, x, du + 1);
    }
    p.toTarget = std::move(dist);
}

bool Evaluator::mayFind(const Reach& r, ReachPrune& p, int start)
{
    if (!p.built) {
        // Building costs about one pass over the design: it is built once the searches have cost
        // as much (as in renting skis until their price is paid, at most twice the better choice;
        // four passes had cost cross-region-pii, which finds nothing here, 2 of its 3.8 ms at
        // 10,000 components). Searches that stay small never pay it.
        const long design = m_snap.componentCount() + 2L * m_snap.flowCount();
        // Or sooner, once two searches or more have cost an eighth of that, and as much again
        // for each anchor still to come would cost more than building: cross-region-pii's
        // searches of sixteen hops spent a pass over the design on its first eight anchors before
        // building what then skipped nearly every other. Rules whose searches stay small never
        // reach the eighth.
        const bool worth = p.work >= design / 8 && p.searches >= 2 && m_anchorsDone > 0 &&
                           p.work / m_anchorsDone * (m_anchorsTotal - m_anchorsDone) >= design;
        if (p.work < design && !worth) {
            ++p.searches;
            return true;
        }
        // The parts only when there are no distances: where the target test narrows the targets
        // by what they are, the distances skip what the parts would (processor-without-dpa paid
        // 0.5 of its 2.2 ms at 10,000 components for parts that skipped nothing more).
        buildDistance(r, p);
        if (p.toTarget.empty()) buildPrune(r, p);
        else p.built = true;
    }
    if (!p.toTarget.empty() && p.toTarget[static_cast<std::size_t>(start)] > r.maxHops) return false;
    if (!p.usable) return true;
    const auto part = static_cast<std::size_t>(p.part[static_cast<std::size_t>(start)]);
    if (p.open[part]) return true;
    const Aside aside(*this, r);
    for (const auto& cls : p.classes[part]) {
        const int v = cls.first != start ? cls.first : cls.second;
        if (v < 0) continue;
        bind(r.toVar, Slot::Type::Component, v);
        if (!r.toWhere || pure(*r.toWhere) != Tri::False) return true;
    }
    return false;
}

} // namespace pb::rules
