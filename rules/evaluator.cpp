#include "rules/evaluator.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace pb::rules {

using model::Value;

Tri triAnd(Tri a, Tri b)
{
    return static_cast<Tri>(std::min(static_cast<int>(a), static_cast<int>(b)));
}

Tri triOr(Tri a, Tri b)
{
    return static_cast<Tri>(std::max(static_cast<int>(a), static_cast<int>(b)));
}

Tri triNot(Tri a)
{
    return a == Tri::True ? Tri::False : a == Tri::False ? Tri::True : Tri::Unknown;
}

Evaluator::Evaluator(const Snapshot& snap, const Rule& rule)
    : m_snap(snap)
    , m_rule(rule)
    , m_slots(rule.varNames.size())
{
}

// Both sides interned: an integer test. Otherwise (a kind first named after the snapshot was made,
// or `ids` empty past the intern cap) compare the names.
bool Evaluator::kindMatchesSlowly(int comp, const std::vector<std::string>& kinds, const std::vector<int>& ids,
                                  int id) const
{
    if (id >= 0 && ids.size() == kinds.size()) return std::find(ids.begin(), ids.end(), id) != ids.end();
    const std::string& k = m_snap.component(comp).kind;
    return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

const Value* Evaluator::ref(const Slot& slot, const std::string& key) const
{
    if (slot.type == Slot::Type::Component) return m_snap.componentValue(slot.index, key);
    if (slot.type == Slot::Type::Flow) return m_snap.flowValue(slot.index, key);
    if (slot.type == Slot::Type::Number) return &slot.boxed;
    return nullptr;
}

const Value* Evaluator::ref(const Slot& slot, int keyId, const std::string& key) const
{
    if (keyId >= 0) {
        if (slot.type == Slot::Type::Component) return m_snap.componentValue(slot.index, keyId);
        if (slot.type == Slot::Type::Flow) return m_snap.flowValue(slot.index, keyId);
    }
    return ref(slot, key);
}

void Evaluator::noteUnknown(const Slot& slot, const std::string& key)
{
    // The id read in place: through ".id" a snapshot makes the element's built-in values, and
    // most elements with a property not drawn never need them otherwise.
    if (slot.type == Slot::Type::Component) m_unknowns.push_back({m_snap.component(slot.index).id, key, slot.index});
    else if (slot.type == Slot::Type::Flow)
        m_unknowns.push_back({m_snap.flow(slot.index).id, key, m_snap.componentCount() + slot.index});
    else if (auto id = ref(slot, ".id")) m_unknowns.push_back({model::toDisplayString(*id), key});
}

const Value* Evaluator::ref(const PropRef& p) const
{
    return ref(m_slots[static_cast<std::size_t>(p.var)], p.keyId, p.key);
}

std::optional<Value> Evaluator::value(const Slot& slot, const std::string& key) const
{
    const Value* v = ref(slot, key);
    return v ? std::optional<Value>(*v) : std::nullopt;
}

const Value* Evaluator::operandValue(const Operand& o)
{
    static const Value kEmptyList{model::StringList{}};
    if (o.literal) return &*o.literal;
    // Resolved when the pack was compiled: a set named per test was a map lookup by name.
    if (!o.set.empty()) return o.setValue ? o.setValue.get() : &kEmptyList;
    if (o.ref && o.ref->var >= 0) return ref(*o.ref);
    return nullptr;
}

namespace {
// A value read as a list without copying it: a list's items, a string as its only item, and
// anything else as its display text (kept in `scratch`).
std::span<const std::string> asList(const Value& v, std::string& scratch)
{
    if (auto l = std::get_if<model::StringList>(&v)) return {l->data(), l->size()};
    if (auto s = std::get_if<std::string>(&v)) return {s, 1};
    scratch = model::toDisplayString(v);
    return {&scratch, 1};
}

bool contains(std::span<const std::string> l, const std::string& s)
{
    return std::find(l.begin(), l.end(), s) != l.end();
}

bool equalValues(const Value& a, const Value& b)
{
    if (a.index() == b.index()) return a == b;
    // A one-element list equals its only string ("pii" == ["pii"]).
    auto la = std::get_if<model::StringList>(&a);
    auto sb = std::get_if<std::string>(&b);
    if (la && sb) return la->size() == 1 && la->front() == *sb;
    auto lb = std::get_if<model::StringList>(&b);
    auto sa = std::get_if<std::string>(&a);
    if (lb && sa) return lb->size() == 1 && lb->front() == *sa;
    return false;
}
} // namespace

Tri Evaluator::compare(const Value& v, Op op, const Operand& operand)
{
    const Value* rhs = operandValue(operand);
    if (!rhs) {
        if (operand.ref && operand.ref->var >= 0) {
            const Slot& s = m_slots[static_cast<std::size_t>(operand.ref->var)];
            noteUnknown(s, operand.ref->key);
        }
        return Tri::Unknown;
    }
    std::string scratchA, scratchB;
    auto yes = [](bool b) { return b ? Tri::True : Tri::False; };
    switch (op) {
    case Op::Eq: return yes(equalValues(v, *rhs));
    case Op::Ne: return yes(!equalValues(v, *rhs));
    case Op::In:
    case Op::NotIn: {
        const auto list = asList(*rhs, scratchB);
        bool found = false;
        for (const auto& item : asList(v, scratchA)) found = found || contains(list, item);
        return yes(op == Op::In ? found : !found);
    }
    case Op::Gt:
    case Op::Ge:
    case Op::Lt:
    case Op::Le: {
        auto a = std::get_if<double>(&v);
        auto b = std::get_if<double>(rhs);
        if (!a || !b) return Tri::False;
        return yes(op == Op::Gt ? *a > *b : op == Op::Ge ? *a >= *b : op == Op::Lt ? *a < *b : *a <= *b);
    }
    case Op::ContainsAny:
    case Op::ContainsAll:
    case Op::ContainsNone: {
        const auto have = asList(v, scratchA);
        const auto want = asList(*rhs, scratchB);
        std::size_t hits = 0;
        for (const auto& w : want) hits += contains(have, w) ? 1 : 0;
        if (op == Op::ContainsAny) return yes(hits > 0);
        if (op == Op::ContainsAll) return yes(hits == want.size());
        return yes(hits == 0);
    }
    case Op::Exists: return Tri::True;
    }
    return Tri::False;
}

namespace {
bool isElement(const Slot& s)
{
    return s.type == Slot::Type::Component || s.type == Slot::Type::Flow;
}
} // namespace

Tri Evaluator::prop(const Condition& c)
{
    if (c.prop.var < 0) return Tri::False;
    // "Is this the same element as that one" (.id against .id): ids are unique in a design, so
    // the elements are compared, without making either id into a value.
    static const int kId = internPropertyKey(".id");
    if ((c.op == Op::Eq || c.op == Op::Ne) && c.prop.keyId == kId && c.operand.ref && c.operand.ref->keyId == kId &&
        c.operand.ref->var >= 0) {
        const Slot& a = m_slots[static_cast<std::size_t>(c.prop.var)];
        const Slot& b = m_slots[static_cast<std::size_t>(c.operand.ref->var)];
        if (isElement(a) && isElement(b)) return (a.type == b.type && a.index == b.index) == (c.op == Op::Eq) ? Tri::True : Tri::False;
    }
    const Slot& slot = m_slots[static_cast<std::size_t>(c.prop.var)];
    const Value* v = ref(c.prop);
    if (c.op == Op::Exists) {
        return ((v != nullptr) == wantsPresent(c)) ? Tri::True : Tri::False;
    }
    if (!v) {
        if (c.ifMissing) return *c.ifMissing;
        noteUnknown(slot, c.prop.key);
        return Tri::Unknown;
    }
    return compare(*v, c.op, c.operand);
}

Tri Evaluator::pure(const Conditions& conds)
{
    Tri t = Tri::True;
    for (const auto& c : conds) {
        t = triAnd(t, pure(c));
        if (t == Tri::False) break;
    }
    return t;
}

Tri Evaluator::pure(const Condition& c)
{
    switch (c.kind) {
    case Condition::Kind::Prop: return prop(c);
    case Condition::Kind::All: return pure(c.children);
    case Condition::Kind::Any: {
        Tri t = Tri::False;
        for (const auto& child : c.children) {
            t = triOr(t, pure(child));
            if (t == Tri::True) break;
        }
        return t;
    }
    case Condition::Kind::Not: return triNot(pure(c.children.front()));
    case Condition::Kind::Step:
    case Condition::Kind::Exists:
    case Condition::Kind::None: {
        Tri any = Tri::False;
        stepEach(*c.step, [&](Tri t) {
            any = triOr(any, t);
            return any != Tri::True;
        });
        return c.kind == Condition::Kind::None ? triNot(any) : any;
    }
    case Condition::Kind::Reach:
        return reachSearch(*c.reach, [](int, Tri t) { return t != Tri::True; });
    case Condition::Kind::Count: return countValue(*c.count);
    case Condition::Kind::Somewhere:
    case Condition::Kind::Nowhere: {
        auto it = m_globalCache.find(&c);
        Tri any = it != m_globalCache.end() ? it->second : (m_globalCache[&c] = selectAny(*c.select));
        return c.kind == Condition::Kind::Nowhere ? triNot(any) : any;
    }
    }
    return Tri::False;
}

void Evaluator::stepEach(const Step& s, FunctionRef<bool(Tri)> visit)
{
    if (s.from < 0) return;
    const Slot& from = m_slots[static_cast<std::size_t>(s.from)];
    if (from.type != Slot::Type::Component) return;
    const int c = from.index;
    auto tryFlows = [&](std::span<const Snapshot::Edge> edges) {
        for (const auto [f, other] : edges) {
            if (!kindMatches(other, s.kinds, s.kindIds, s.kindMask)) continue;
            bind(s.flowVar, Slot::Type::Flow, f);
            bind(s.toVar, Slot::Type::Component, other);
            Tri t = s.flowWhere ? pure(*s.flowWhere) : Tri::True;
            if (t != Tri::False && s.toWhere) t = triAnd(t, pure(*s.toWhere));
            if (t == Tri::False) continue;
            // Nested evaluation may rebind the slots; restore this candidate before visiting.
            bind(s.flowVar, Slot::Type::Flow, f);
            bind(s.toVar, Slot::Type::Component, other);
            if (!visit(t)) return false;
        }
        return true;
    };
    if (s.dir != Dir::In && !tryFlows(m_snap.outEdges(c))) return;
    if (s.dir != Dir::Out) tryFlows(m_snap.inEdges(c));
}

bool readsOnly(const Condition& c, int var)
{
    if (c.kind == Condition::Kind::Prop) return c.prop.var == var && (!c.operand.ref || c.operand.ref->var == var);
    if (c.kind == Condition::Kind::All || c.kind == Condition::Kind::Any || c.kind == Condition::Kind::Not)
        return readsOnly(c.children, var);
    return false;
}

bool wantsPresent(const Condition& c)
{
    const auto* b = c.operand.literal ? std::get_if<bool>(&*c.operand.literal) : nullptr;
    return b && *b;
}

bool readsOnly(const Conditions& conds, int var)
{
    return std::all_of(conds.begin(), conds.end(), [&](const Condition& c) { return readsOnly(c, var); });
}

// A count over undrawn values: true or false when the values drawn already decide it (a sum of
// counts and rates only grows), else unknown, asking about them. Counting a missing value as 1
// made "a->db[rps=100]; b->db" sum to 101 and report a number nobody drew.
Tri Evaluator::sumWithMissing(const Count& c, double drawn, const std::vector<std::pair<Slot::Type, int>>& missing)
{
    if (c.sumAtLeastZero && (c.op == Op::Gt || c.op == Op::Ge || c.op == Op::Lt || c.op == Op::Le)) {
        const Tri atLeast = compare(Value{drawn}, c.op == Op::Lt ? Op::Ge : c.op == Op::Le ? Op::Gt : c.op, c.value);
        if (atLeast == Tri::True) return c.op == Op::Gt || c.op == Op::Ge ? Tri::True : Tri::False;
    }
    Slot one;
    for (const auto& m : missing) {
        one.type = m.first;
        one.index = m.second;
        noteUnknown(one, c.of->key);
    }
    return Tri::Unknown;
}

Tri Evaluator::countValue(const Count& c)
{
    double total = 0;
    // What is counted is kept only when the rule names it, in a list kept from one count to the
    // next (one per level of counts within counts): a new list per anchor was an allocation each.
    const Deeper level(m_countDepth);
    if (m_countLists.size() < static_cast<std::size_t>(m_countDepth)) m_countLists.emplace_back();
    std::vector<int>& collected = m_countLists[static_cast<std::size_t>(m_countDepth - 1)];
    collected.clear();
    ElemType collectedType = ElemType::Component;
    std::vector<std::pair<Slot::Type, int>> missing; // elements whose summed value is not drawn
    auto add = [&](int index, ElemType type) {
        double amount = 1;
        if (c.sum && c.of) {
            const Value* v = ref(*c.of);
            const double* d = v ? std::get_if<double>(v) : nullptr;
            amount = d ? *d : 0;
            if (!d && c.of->var >= 0) {
                const Slot& s = m_slots[static_cast<std::size_t>(c.of->var)];
                missing.emplace_back(s.type, s.index);
            }
        }
        total += amount;
        if (c.collectVar < 0) return;
        collectedType = type;
        collected.push_back(index);
    };
    if (c.step) {
        // Neighbours are counted, each once however many flows lead to it ("writes to two
        // databases" fired on two flows to one), unless what is summed is the flow's own.
        const bool perFlow = c.sum && c.of && c.of->var == c.step->flowVar;
        const unsigned epoch = perFlow ? 0 : nextNeighbourEpoch();
        stepEach(*c.step, [&](Tri t) {
            const int to = m_slots[static_cast<std::size_t>(c.step->toVar)].index;
            if (t == Tri::True && (perFlow || firstNeighbour(to, epoch))) add(to, ElemType::Component);
            return true;
        });
    } else if (c.select) {
        const Select& s = *c.select;
        const int n = s.type == ElemType::Flow ? m_snap.flowCount() : m_snap.componentCount();
        for (int i = 0; i < n; ++i) {
            if (s.type == ElemType::Component && !kindMatches(i, s.kinds, s.kindIds, s.kindMask)) continue;
            bind(s.var, s.type == ElemType::Flow ? Slot::Type::Flow : Slot::Type::Component, i);
            if (!s.where || pure(*s.where) == Tri::True) add(i, s.type);
        }
    }
    if (c.asVar >= 0) {
        Slot& number = m_slots[static_cast<std::size_t>(c.asVar)];
        number.type = Slot::Type::Number;
        number.index = -1;
        number.boxed = total;
    }
    if (c.collectVar >= 0) {
        Slot& list = m_slots[static_cast<std::size_t>(c.collectVar)];
        list.type = Slot::Type::List;
        list.index = -1;
        list.listType = collectedType;
        list.list.swap(collected); // the slot's old room is the next count's
    }
    return missing.empty() ? compare(Value{total}, c.op, c.value) : sumWithMissing(c, total, missing);
}

Tri Evaluator::selectAny(const Select& s)
{
    Tri any = Tri::False;
    const int n = s.type == ElemType::Flow ? m_snap.flowCount() : m_snap.componentCount();
    for (int i = 0; i < n && any != Tri::True; ++i) {
        if (s.type == ElemType::Component && !kindMatches(i, s.kinds, s.kindIds, s.kindMask)) continue;
        bind(s.var, s.type == ElemType::Flow ? Slot::Type::Flow : Slot::Type::Component, i);
        any = triOr(any, s.where ? pure(*s.where) : Tri::True);
    }
    return any;
}

void Evaluator::seq(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit)
{
    if (truth == Tri::False || m_stopped) return;
    if (i == conds.size()) {
        emit(m_slots, truth, m_unknowns);
        return;
    }
    const Condition& c = conds[i];
    if (c.kind == Condition::Kind::Step) return seqStep(conds, i, truth, emit);
    if (c.kind == Condition::Kind::Reach) return seqReach(conds, i, truth, emit);
    seq(conds, i + 1, triAnd(truth, pure(c)), emit);
}

// Candidates are collected first, then each is bound and the rest of the conditions tested:
// nested conditions reuse the same slots (and a nested reach the same search). Each candidate
// keeps the facts found missing while it was tested, so that every branch asks about its own
// element rather than the first one tried. Kept in a scratch per level, reused from one anchor
// to the next: a list of copied slots per anchor was an allocation or two per match.
Evaluator::Candidates& Evaluator::candidates()
{
    if (m_candidates.size() <= static_cast<std::size_t>(m_seqDepth)) m_candidates.emplace_back();
    Candidates& c = m_candidates[static_cast<std::size_t>(m_seqDepth)];
    c.found.clear();
    c.unknowns.clear();
    c.paths.clear();
    return c;
}

void Evaluator::keepUnknowns(Candidates& c, Candidate& cand, std::size_t& mark)
{
    cand.unknownsFrom = c.unknowns.size();
    c.unknowns.insert(c.unknowns.end(), m_unknowns.begin() + static_cast<long>(mark), m_unknowns.end());
    cand.unknownsTo = c.unknowns.size();
    mark = m_unknowns.size();
}

void Evaluator::restoreUnknowns(Candidates& c, const Candidate& cand, std::size_t base)
{
    m_unknowns.resize(base);
    // Each candidate is restored once: its facts are moved, not copied.
    m_unknowns.insert(m_unknowns.end(), std::make_move_iterator(c.unknowns.begin() + static_cast<long>(cand.unknownsFrom)),
                      std::make_move_iterator(c.unknowns.begin() + static_cast<long>(cand.unknownsTo)));
}

// Collects the candidates (`collect(candidates, mark)`), then binds each (`bindOne`) with the
// facts it found missing and tests the rest of the conditions.
template <typename Collect, typename Bind>
void Evaluator::eachCandidate(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit, Collect collect,
                              Bind bindOne)
{
    Candidates& c = candidates();
    const Deeper level(m_seqDepth);
    const std::size_t base = m_unknowns.size();
    std::size_t mark = base;
    collect(c, mark);
    for (const Candidate& cand : c.found) {
        if (m_stopped) break;
        bindOne(c, cand);
        restoreUnknowns(c, cand, base);
        seq(conds, i + 1, triAnd(truth, cand.t), emit);
    }
    m_unknowns.resize(base);
}

void Evaluator::seqStep(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit)
{
    const Step& s = *conds[i].step;
    // Parallel flows to one neighbour bind the same match when the rule neither names nor tests
    // the flow: a second one is skipped. Three such steps in a row over 400 parallel flows made
    // 64 million matches of one finding (cache-write-bypasses-invalidation, 6 s).
    const bool oncePerNeighbour = !s.flowNamed && !s.flowWhere;
    auto collect = [&](Candidates& c, std::size_t& mark) {
        const unsigned epoch = oncePerNeighbour ? nextNeighbourEpoch() : 0;
        stepEach(s, [&](Tri t) {
            const int to = m_slots[static_cast<std::size_t>(s.toVar)].index;
            if (oncePerNeighbour && !firstNeighbour(to, epoch)) return true;
            Candidate cand{m_slots[static_cast<std::size_t>(s.flowVar)].index, to, t};
            keepUnknowns(c, cand, mark);
            c.found.push_back(cand);
            return true;
        });
    };
    eachCandidate(conds, i, truth, emit, collect, [&](Candidates&, const Candidate& cand) {
        bind(s.flowVar, Slot::Type::Flow, cand.element);
        bind(s.toVar, Slot::Type::Component, cand.to);
    });
}

void Evaluator::seqReach(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit)
{
    const Reach& r = *conds[i].reach;
    auto collect = [&](Candidates& c, std::size_t& mark) {
        reachSearch(r, [&](int v, Tri t) {
            if (!r.each && !c.found.empty() && c.found.front().t == Tri::Unknown && t == Tri::True) {
                c.found.clear(); // the nearest definite target beats a nearer uncertain one
                c.unknowns.clear();
                c.paths.clear();
            }
            Candidate cand{-1, v, t};
            keepUnknowns(c, cand, mark);
            if (r.each || c.found.empty()) {
                cand.pathFrom = c.paths.size();
                if (r.pathVar >= 0) {
                    const auto& path = m_slots[static_cast<std::size_t>(r.pathVar)].list;
                    c.paths.insert(c.paths.end(), path.begin(), path.end());
                }
                cand.pathTo = c.paths.size();
                c.found.push_back(cand);
            }
            return r.each || t != Tri::True;
        });
    };
    eachCandidate(conds, i, truth, emit, collect, [&](Candidates& c, const Candidate& cand) {
        bind(r.toVar, Slot::Type::Component, cand.to);
        if (r.pathVar < 0) return;
        Slot& path = m_slots[static_cast<std::size_t>(r.pathVar)];
        path.type = Slot::Type::Path;
        path.index = -1;
        path.list.assign(c.paths.begin() + static_cast<long>(cand.pathFrom), c.paths.begin() + static_cast<long>(cand.pathTo));
    });
}

void Evaluator::run(const Emit& emit, const std::vector<char>* anchorsIn)
{
    if (cannotMatch()) return;
    // Slots are reset, not rebuilt, per anchor: their lists keep their storage.
    auto start = [&](Slot::Type type, int index) {
        if (m_stopped) return;
        ++m_anchorsDone;
        for (auto& slot : m_slots) {
            slot.type = Slot::Type::None;
            slot.index = -1;
            slot.list.clear();
        }
        m_unknowns.clear();
        Tri t = Tri::True;
        if (!m_rule.once) {
            bind(m_rule.anchorVar, type, index);
            if (m_rule.anchorWhere) t = pure(*m_rule.anchorWhere);
            if (t == Tri::False) return;
            bind(m_rule.anchorVar, type, index);
        }
        seq(m_rule.where, 0, t, emit);
    };
    if (m_rule.once) {
        start(Slot::Type::None, -1);
        return;
    }
    auto wanted = [&](int comp) { return !anchorsIn || comp < 0 || (*anchorsIn)[static_cast<std::size_t>(comp)]; };
    m_anchorsDone = 0;
    m_anchorsTotal = 0;
    if (m_rule.anchorType == ElemType::Flow) m_anchorsTotal = m_snap.flowCount();
    else if (m_rule.anchorKinds.empty()) m_anchorsTotal = m_snap.componentCount();
    else
        for (const auto& kind : m_rule.anchorKinds) m_anchorsTotal += static_cast<long>(m_snap.ofKind(kind).size());
    if (m_rule.anchorType == ElemType::Flow) {
        for (int f = 0; f < m_snap.flowCount(); ++f)
            if (wanted(anchorComponent(m_snap, f))) start(Slot::Type::Flow, f);
        return;
    }
    if (m_rule.anchorKinds.empty()) {
        for (int c = 0; c < m_snap.componentCount(); ++c)
            if (wanted(c)) start(Slot::Type::Component, c);
        return;
    }
    for (const auto& kind : m_rule.anchorKinds)
        for (int c : m_snap.ofKind(kind))
            if (wanted(c)) start(Slot::Type::Component, c);
}

int anchorComponent(const Snapshot& snap, int flow)
{
    return snap.flowFrom(flow) >= 0 ? snap.flowFrom(flow) : snap.flowTo(flow);
}

} // namespace pb::rules
