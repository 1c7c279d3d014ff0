#include "rules/locality.h"

#include "rules/ruledeps.h"

#include <numeric>

namespace pb::rules {

namespace {

bool selectsAcrossDesign(const Conditions& cs);

bool selectsAcrossDesign(const std::shared_ptr<Conditions>& cs)
{
    return cs && selectsAcrossDesign(*cs);
}

bool selectsAcrossDesign(const std::optional<Step>& s)
{
    return s && (selectsAcrossDesign(s->flowWhere) || selectsAcrossDesign(s->toWhere));
}

bool selectsAcrossDesign(const Condition& c)
{
    if (c.kind == Condition::Kind::Somewhere || c.kind == Condition::Kind::Nowhere || c.select) return true;
    if (c.count && (c.count->select || selectsAcrossDesign(c.count->step))) return true;
    if (c.reach && (selectsAcrossDesign(c.reach->via) || selectsAcrossDesign(c.reach->through) ||
                    selectsAcrossDesign(c.reach->toWhere)))
        return true;
    return selectsAcrossDesign(c.step) || selectsAcrossDesign(c.children);
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

struct Parts
{
    std::vector<int> up;
    explicit Parts(std::size_t n) : up(n) { std::iota(up.begin(), up.end(), 0); }
    int find(int x)
    {
        while (up[static_cast<std::size_t>(x)] != x) {
            int& next = up[static_cast<std::size_t>(x)];
            next = up[static_cast<std::size_t>(next)];
            x = next;
        }
        return x;
    }
    void join(int a, int b) { up[static_cast<std::size_t>(find(a))] = find(b); }
};

} // namespace

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
    auto oldIndex = [&](const std::string& id) {
        const model::Component* c = before.component(id);
        return c ? static_cast<int>(c - cb.data()) : -1;
    };
    auto newIndex = [&](const std::string& id) {
        const model::Component* c = after.component(id);
        return c ? static_cast<int>(c - ca.data()) : -1;
    };
    auto touchOld = [&](int i) { if (i >= 0) m.touchedOld.push_back(i); };
    auto touchNew = [&](int j) { if (j >= 0) m.touchedNew.push_back(j); };
    const bool components = walkInOrder(
        cb, ca, before, after,
        [&](std::size_t i, std::size_t j) {
            m.oldToNew[i] = static_cast<int>(j);
            if (cb[i].kind != ca[j].kind || cb[i].label != ca[j].label || cb[i].props != ca[j].props) {
                touchOld(static_cast<int>(i));
                touchNew(static_cast<int>(j));
            }
        },
        [&](std::size_t i) { touchOld(static_cast<int>(i)); },
        [&](std::size_t j) { touchNew(static_cast<int>(j)); });
    const auto& fb = before.flows();
    const auto& fa = after.flows();
    auto touchEnds = [&](const model::Flow& f) {
        for (const std::string* end : {&f.from, &f.to}) {
            // An end may be drawn in one version only: touch it wherever it is.
            touchOld(oldIndex(*end));
            touchNew(newIndex(*end));
        }
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

std::vector<int> partsOf(const Snapshot& snap)
{
    Parts parts(static_cast<std::size_t>(snap.componentCount()));
    for (int f = 0; f < snap.flowCount(); ++f)
        if (snap.flowFrom(f) >= 0 && snap.flowTo(f) >= 0) parts.join(snap.flowFrom(f), snap.flowTo(f));
    std::vector<int> out(parts.up.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = parts.find(static_cast<int>(i));
    return out;
}

std::vector<char> partsToRerun(const DesignMatch& m, const std::vector<int>& partsBefore,
                               const std::vector<int>& partsAfter)
{
    if (!m.sameOrder || !m.sameZones || partsBefore.size() != m.oldToNew.size()) return {};
    std::vector<char> dirty(partsAfter.size(), 0);
    for (int j : m.touchedNew) dirty[static_cast<std::size_t>(partsAfter[static_cast<std::size_t>(j)])] = 1;
    std::vector<char> dirtyBefore(partsBefore.size(), 0);
    for (int i : m.touchedOld) dirtyBefore[static_cast<std::size_t>(partsBefore[static_cast<std::size_t>(i)])] = 1;
    for (std::size_t i = 0; i < partsBefore.size(); ++i) {
        const int j = m.oldToNew[i];
        if (j >= 0 && dirtyBefore[static_cast<std::size_t>(partsBefore[i])])
            dirty[static_cast<std::size_t>(partsAfter[static_cast<std::size_t>(j)])] = 1;
    }
    std::vector<char> out(partsAfter.size(), 0);
    for (std::size_t j = 0; j < out.size(); ++j) out[j] = dirty[static_cast<std::size_t>(partsAfter[j])];
    return out;
}

} // namespace pb::rules
