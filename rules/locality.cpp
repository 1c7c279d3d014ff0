#include "rules/locality.h"

#include "rules/ruledeps.h"


namespace pb::rules {

namespace {

bool selectsAcrossDesign(const Conditions& cs);

bool selectsAcrossDesign(const std::shared_ptr<Conditions>& cs)
{
    return cs && selectsAcrossDesign(*cs);
}

bool selectsAcrossDesign(const Condition& c)
{
    if (c.kind == Condition::Kind::Somewhere || c.kind == Condition::Kind::Nowhere || c.select) return true;
    if (c.count && c.count->select) return true;
    bool found = false;
    forEachNestedList(c, [&](const Conditions& cs) { found = found || selectsAcrossDesign(cs); });
    return found;
}

bool selectsAcrossDesign(const Conditions& cs)
{
    for (const auto& c : cs)
        if (selectsAcrossDesign(c)) return true;
    return false;
}

// Walks both versions in order, matching elements by id; a hash lookup only where they part.
// Calls same(old, new) for an element in both, gone(old) / added(new) for the others. False
// when elements both hold changed their order.
template <typename T, typename Same, typename Gone, typename Added>
bool walkInOrder(const std::vector<T>& before, const std::vector<T>& after, const model::Design& db,
                 const model::Design& da, Same same, Gone gone, Added added)
{
    auto inBefore = [&](const std::string& id) { return db.typeOf(id).has_value(); };
    auto inAfter = [&](const std::string& id) { return da.typeOf(id).has_value(); };
    std::size_t i = 0, j = 0;
    while (i < before.size() || j < after.size()) {
        if (i < before.size() && j < after.size() && before[i].id == after[j].id) {
            same(i++, j++);
        } else if (j < after.size() && !inBefore(after[j].id)) {
            added(j++);
        } else if (i < before.size() && !inAfter(before[i].id)) {
            gone(i++);
        } else {
            return false;
        }
    }
    return true;
}

// The greatest distance from the anchor at which each variable can be bound, worked out over
// the conditions until it settles (a variable may be bound in several places).
class HopCounter
{
public:
    explicit HopCounter(const Rule& rule) : m_dist(rule.varNames.size(), -1)
    {
        // A flow anchor belongs to one of its ends (anchorComponent): the other is one further.
        if (rule.anchorVar >= 0 && static_cast<std::size_t>(rule.anchorVar) < m_dist.size())
            m_dist[static_cast<std::size_t>(rule.anchorVar)] = rule.anchorType == ElemType::Flow ? 1 : 0;
    }
    bool bounded = true;
    bool changed = false;
    int most = 0;

    void conditions(const std::shared_ptr<Conditions>& cs)
    {
        if (cs) conditions(*cs);
    }
    void conditions(const Conditions& cs)
    {
        for (const auto& c : cs) condition(c);
    }
    void condition(const Condition& c)
    {
        if (c.step) step(*c.step);
        if (c.reach) {
            const int d = from(c.reach->from) + std::max(0, c.reach->maxHops);
            for (int v : {c.reach->toVar, c.reach->pathVar, c.reach->nodeVar, c.reach->flowVar}) bind(v, d);
        }
        if (c.count && c.count->step) {
            step(*c.count->step);
            bind(c.count->collectVar, from(c.count->step->from) + 1);
        }
        forEachNestedList(c, [this](const Conditions& cs) { conditions(cs); });
    }

private:
    int from(int var)
    {
        if (var < 0 || static_cast<std::size_t>(var) >= m_dist.size() || m_dist[static_cast<std::size_t>(var)] < 0) {
            bounded = false; // a search from a variable whose distance is not known
            return 0;
        }
        return m_dist[static_cast<std::size_t>(var)];
    }
    void bind(int var, int d)
    {
        most = std::max(most, d);
        if (var < 0 || static_cast<std::size_t>(var) >= m_dist.size()) return;
        int& at = m_dist[static_cast<std::size_t>(var)];
        if (d > at) {
            at = d;
            changed = true;
        }
    }
    void step(const Step& s)
    {
        const int d = from(s.from) + 1;
        bind(s.flowVar, d);
        bind(s.toVar, d);
    }
    std::vector<int> m_dist;
};

} // namespace

int hopsSeen(const Rule& rule)
{
    if (!staysInItsPart(rule)) return -1;
    HopCounter h(rule);
    // Each pass can only raise a distance, and no distance exceeds the sum of all hops.
    for (int pass = 0; pass < 64; ++pass) {
        h.changed = false;
        h.bounded = true;
        h.conditions(rule.anchorWhere);
        h.conditions(rule.where);
        for (const auto& q : rule.questions) h.conditions(q.when);
        if (!h.changed) return h.bounded ? h.most + 1 : -1; // +1: a flow's far end, its kind
    }
    return -1;
}

std::vector<char> within(const Snapshot& snap, const std::vector<int>& from, int hops)
{
    std::vector<int> dist(static_cast<std::size_t>(snap.componentCount()), -1);
    std::vector<int> frontier;
    for (int c : from)
        if (c >= 0 && c < snap.componentCount() && dist[static_cast<std::size_t>(c)] < 0) {
            dist[static_cast<std::size_t>(c)] = 0;
            frontier.push_back(c);
        }
    std::vector<int> next;
    for (int d = 1; d <= hops && !frontier.empty(); ++d) {
        next.clear();
        auto visit = [&](int c) {
            if (c >= 0 && dist[static_cast<std::size_t>(c)] < 0) {
                dist[static_cast<std::size_t>(c)] = d;
                next.push_back(c);
            }
        };
        for (int c : frontier) {
            for (const auto& e : snap.outEdges(c)) visit(e.other);
            for (const auto& e : snap.inEdges(c)) visit(e.other);
        }
        frontier.swap(next);
    }
    std::vector<char> out(dist.size(), 0);
    for (std::size_t i = 0; i < dist.size(); ++i) out[i] = dist[i] >= 0;
    return out;
}

bool staysInItsPart(const Rule& rule)
{
    if (rule.once || rule.probe) return false;
    if (selectsAcrossDesign(rule.anchorWhere) || selectsAcrossDesign(rule.where)) return false;
    for (const auto& q : rule.questions)
        if (selectsAcrossDesign(q.when)) return false;
    return true;
}

DesignMatch matchDesigns(const model::Design& before, const model::Design& after)
{
    DesignMatch m;
    const auto& cb = before.components();
    const auto& ca = after.components();
    m.oldToNew.assign(cb.size(), -1);
    auto newIndex = [&](const std::string& id) {
        const model::Component* c = after.component(id);
        return c ? static_cast<int>(c - ca.data()) : -1;
    };
    auto touchNew = [&](int j) { if (j >= 0) m.touchedNew.push_back(j); };
    const bool components = walkInOrder(
        cb, ca, before, after,
        [&](std::size_t i, std::size_t j) {
            m.oldToNew[i] = static_cast<int>(j);
            if (cb[i].kind != ca[j].kind || cb[i].label != ca[j].label || cb[i].props != ca[j].props)
                touchNew(static_cast<int>(j));
        },
        [&](std::size_t i) {
            for (const auto& f : after.flowsOf(cb[i].id)) { // flows left naming it
                const model::Flow* fl = after.flow(f);
                touchNew(newIndex(fl->from));
                touchNew(newIndex(fl->to));
            }
        },
        [&](std::size_t j) { touchNew(static_cast<int>(j)); });
    const auto& fb = before.flows();
    const auto& fa = after.flows();
    auto touchEnds = [&](const model::Flow& f) {
        // An end drawn in the old version only was removed: what it joined is touched already.
        for (const std::string* end : {&f.from, &f.to}) touchNew(newIndex(*end));
    };
    const bool flows = walkInOrder(
        fb, fa, before, after,
        [&](std::size_t i, std::size_t j) {
            if (fb[i].from == fa[j].from && fb[i].to == fa[j].to && fb[i].label == fa[j].label && fb[i].props == fa[j].props)
                return;
            touchEnds(fb[i]);
            touchEnds(fa[j]);
        },
        [&](std::size_t i) { touchEnds(fb[i]); },
        [&](std::size_t j) { touchEnds(fa[j]); });
    m.sameOrder = components && flows;
    m.sameZones = sameZonesForRules(before.zones(), after.zones());
    if (!m.sameOrder) m = DesignMatch{};
    return m;
}

} // namespace pb::rules
