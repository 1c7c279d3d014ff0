// Rules that cannot match the design under review, found before any anchor runs
// (Evaluator::cannotMatch). An optimisation only: without it the same rules run and find nothing.
#include "rules/evaluator.h"

#include <algorithm>

namespace pb::rules {

namespace {
constexpr signed char kComponent = 0, kFlow = 1, kNeither = -1, kBoth = -2;

// What each variable is bound to, from where the rule binds it.
void noteTypes(const Condition& c, std::vector<signed char>& types)
{
    auto set = [&](int var, signed char type) {
        if (var < 0 || static_cast<std::size_t>(var) >= types.size()) return;
        signed char& t = types[static_cast<std::size_t>(var)];
        t = (t == kNeither || t == type) ? type : kBoth;
    };
    auto step = [&](const Step& s) {
        set(s.flowVar, kFlow);
        set(s.toVar, kComponent);
    };
    auto select = [&](const Select& s) {
        set(s.var, s.type == ElemType::Flow ? kFlow : kComponent);
    };
    if (c.step) step(*c.step);
    if (c.reach) {
        set(c.reach->flowVar, kFlow);
        set(c.reach->nodeVar, kComponent);
        set(c.reach->toVar, kComponent);
    }
    if (c.count && c.count->step) step(*c.count->step);
    if (c.count && c.count->select) select(*c.count->select);
    if (c.select) select(*c.select);
    forEachNestedList(c, [&](const Conditions& list) {
        for (const auto& child : list)
            noteTypes(child, types);
    });
}
} // namespace

bool Evaluator::cannotMatch()
{
    m_varTypes.assign(m_rule.varNames.size(), kNeither);
    if (!m_rule.once)
        m_varTypes[static_cast<std::size_t>(m_rule.anchorVar)] =
            m_rule.anchorType == ElemType::Flow ? kFlow : kComponent;
    auto note = [&](const Conditions& list) {
        for (const auto& c : list)
            noteTypes(c, m_varTypes);
    };
    if (m_rule.anchorWhere) note(*m_rule.anchorWhere);
    note(m_rule.where);
    return (m_rule.anchorWhere && neverTrue(*m_rule.anchorWhere)) || neverTrue(m_rule.where);
}

// Conditions that all must hold: false everywhere when one of them is.
bool Evaluator::neverTrue(const Conditions& conds) const
{
    return std::any_of(conds.begin(), conds.end(),
                       [&](const Condition& c) { return neverTrue(c); });
}

// False for every binding: only such a verdict may skip a rule, since Unknown still asks.
bool Evaluator::neverTrue(const Condition& c) const
{
    auto filtered = [&](const std::shared_ptr<Conditions>& list) {
        return list && neverTrue(*list);
    };
    switch (c.kind) {
    case Condition::Kind::Prop: {
        const bool needsValue = c.op == Op::Exists ? wantsPresent(c) : c.ifMissing == Tri::False;
        if (!needsValue || c.prop.var < 0) return false;
        const signed char type = m_varTypes[static_cast<std::size_t>(c.prop.var)];
        return (type == kComponent || type == kFlow) &&
               !m_snap.mayHold(c.prop.keyId, type == kFlow);
    }
    case Condition::Kind::All:
        return neverTrue(c.children);
    case Condition::Kind::Any:
        return !c.children.empty() && std::all_of(c.children.begin(), c.children.end(),
                                                  [&](const Condition& x) { return neverTrue(x); });
    case Condition::Kind::Step:
    case Condition::Kind::Exists:
        return filtered(c.step->flowWhere) || filtered(c.step->toWhere);
    case Condition::Kind::Reach:
        return filtered(c.reach->toWhere);
    case Condition::Kind::Somewhere:
        return filtered(c.select->where);
    default:
        return false; // not, none, nowhere, count: may hold where nothing is drawn
    }
}

} // namespace pb::rules
