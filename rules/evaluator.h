#pragma once

#include "rules/pack.h"
#include "rules/snapshot.h"

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>

namespace pb::rules {

// What a variable is bound to during evaluation.
struct Slot
{
    enum class Type { None, Component, Flow, Number, List, Path };
    Type type = Type::None;
    int index = -1;            // Component / Flow
    ElemType listType = ElemType::Component;
    std::vector<int> list;     // List: indexes; Path: component ≥ 0, flow encoded as -(f + 1)
    model::Value boxed;        // Number: the number, as a value conditions can point at
};

// A non-owning reference to a callable: the searches call back once per candidate, and a
// std::function built from a capturing lambda allocated on every search.
template <typename Sig>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)>
{
public:
    template <typename F>
    FunctionRef(F&& f) // NOLINT: implicit, like std::function
        : m_obj(const_cast<void*>(static_cast<const void*>(&f)))
        , m_call([](void* o, Args... a) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(a...); })
    {
    }
    R operator()(Args... a) const { return m_call(m_obj, a...); }

private:
    void* m_obj;
    R (*m_call)(void*, Args...);
};

struct Unknown
{
    std::string elementId;
    std::string key;
    // The element as Review numbers them: component i as i, flow f as componentCount() + f;
    // -1 when it was read some other way (then only its id says which it is).
    int element = -1;
};

// Evaluates one compiled rule over a snapshot, calling `emit` for every binding whose match is
// True or Unknown (never False). Three-valued: a property that is not drawn and has no default
// is Unknown unless the condition says otherwise (if_missing).
class Evaluator
{
public:
    using Emit = std::function<void(const std::vector<Slot>&, Tri, const std::vector<Unknown>&)>;

    Evaluator(const Snapshot& snap, const Rule& rule);
    // With `anchorsIn` (one flag per component), only anchors whose component is flagged run:
    // a component anchor itself, a flow anchor by anchorComponent().
    void run(const Emit& emit, const std::vector<char>* anchorsIn = nullptr);
    // Called from `emit`: no more matches are made, and run() returns as soon as it can.
    void stop() { m_stopped = true; }

    // Also used by templates and questions' "when" after a match.
    Tri pure(const Conditions& conds);
    std::optional<model::Value> value(const Slot& slot, const std::string& key) const;
    // The same without the copy: points into the design, the snapshot, the vocabulary or the
    // slot; nullptr when unknown.
    const model::Value* ref(const Slot& slot, const std::string& key) const;
    // The same through the key's column when it is interned (keyId ≥ 0).
    const model::Value* ref(const Slot& slot, int keyId, const std::string& key) const;
    std::vector<Slot>& slots() { return m_slots; }

private:
    // value() without the copy: conditions run millions of times on large designs, and a copy
    // of a label or a list per test was most of their cost. Points into the design, the
    // snapshot, the vocabulary or the slot; nullptr when unknown.
    const model::Value* ref(const PropRef& p) const; // by column when the key is interned
    Tri pure(const Condition& c);
    Tri prop(const Condition& c);
    void noteUnknown(const Slot& slot, const std::string& key); // a property not drawn
    Tri compare(const model::Value& v, Op op, const Operand& operand);
    const model::Value* operandValue(const Operand& o);
    void seq(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit);
    void seqStep(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit);
    // Per component: the step collection or count that last met it as a neighbour (seqStep,
    // countValue). A count inside a step's `where` takes a new number mid-collection; the outer
    // collection can then only let a repeat through, which the fingerprints drop, never skip one.
    std::vector<unsigned> m_neighbourStamp;
    unsigned m_neighbourEpoch = 0;
    // A number for one pass over a step's neighbours, with room for every component's stamp.
    unsigned nextNeighbourEpoch()
    {
        if (m_neighbourStamp.size() < static_cast<std::size_t>(m_snap.componentCount()))
            m_neighbourStamp.assign(static_cast<std::size_t>(m_snap.componentCount()), 0U);
        if (++m_neighbourEpoch == 0) { // wrapped: no stamp may match a new pass
            std::fill(m_neighbourStamp.begin(), m_neighbourStamp.end(), 0U);
            m_neighbourEpoch = 1;
        }
        return m_neighbourEpoch;
    }
    // True the first time the pass numbered `epoch` meets component `to`.
    bool firstNeighbour(int to, unsigned epoch)
    {
        unsigned& stamp = m_neighbourStamp[static_cast<std::size_t>(to)];
        if (stamp == epoch) return false;
        stamp = epoch;
        return true;
    }
    void seqReach(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit);
    // What a step or a search found for the rest of a rule's conditions to test.
    struct Candidate
    {
        int element; // the flow a step crossed (a search: -1)
        int to;      // the component it reached
        Tri t;
        std::size_t unknownsFrom = 0, unknownsTo = 0; // its facts found missing, in Candidates
        std::size_t pathFrom = 0, pathTo = 0;         // a search's path, in Candidates
    };
    struct Candidates
    {
        std::vector<Candidate> found;
        std::vector<Unknown> unknowns;
        std::vector<int> paths;
    };
    // One more level of nesting while it lives (a scratch per level).
    struct Deeper
    {
        explicit Deeper(int& depth) : m_depth(++depth) {}
        ~Deeper() { --m_depth; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;
        int& m_depth;
    };
    std::deque<Candidates> m_candidates; // one per level of steps and searches in a rule
    int m_seqDepth = 0;
    Candidates& candidates();
    void keepUnknowns(Candidates& c, Candidate& cand, std::size_t& mark);
    void restoreUnknowns(Candidates& c, const Candidate& cand, std::size_t base);
    template <typename Collect, typename Bind>
    void eachCandidate(const Conditions& conds, std::size_t i, Tri truth, const Emit& emit, Collect collect, Bind bindOne);
    void stepEach(const Step& s, FunctionRef<bool(Tri)> visit);
    Tri reachSearch(const Reach& r, FunctionRef<bool(int, Tri)> visit);
    struct ReachPrune;
    bool mayFind(const Reach& r, ReachPrune& p, int start);
    Tri countValue(const Count& c);
    Tri sumWithMissing(const Count& c, double drawn, const std::vector<std::pair<Slot::Type, int>>& missing);
    std::deque<std::vector<int>> m_countLists; // what counts collect, one list per level
    int m_countDepth = 0;
    Tri selectAny(const Select& s);
    // Tested per flow crossed: kept inline.
    bool kindMatches(int comp, const std::vector<std::string>& kinds, const std::vector<int>& ids,
                     std::uint64_t mask) const
    {
        if (kinds.empty()) return true;
        const int id = m_snap.kindId(comp);
        if (mask && id >= 0) return id < 64 && ((mask >> id) & 1U);
        return kindMatchesSlowly(comp, kinds, ids, id);
    }
    bool kindMatchesSlowly(int comp, const std::vector<std::string>& kinds, const std::vector<int>& ids, int id) const;
    // Binds a slot to one element without building a Slot (and its list and value) per test.
    void bind(int var, Slot::Type type, int index)
    {
        Slot& s = m_slots[static_cast<std::size_t>(var)];
        s.type = type;
        s.index = index;
        s.list.clear();
    }
    // True when some condition every match needs reads a key no element of its type holds
    // (rules/nevertrue.cpp): the rule is then not run at all.
    bool cannotMatch();
    bool neverTrue(const Conditions& conds) const;
    bool neverTrue(const Condition& c) const;
    std::vector<signed char> m_varTypes; // per slot: component 0, flow 1, else negative

    const Snapshot& m_snap;
    const Rule& m_rule;
    std::vector<Slot> m_slots;
    std::vector<Unknown> m_unknowns;
    std::map<const Condition*, Tri> m_globalCache; // somewhere / nowhere
    // Reach filters (via, through) that read only the flow or node they test give the same
    // answer every time: one verdict per element, not one per BFS that crosses it.
    struct FilterMemo
    {
        const Conditions* conds = nullptr;
        bool cacheable = false;
        // Per element, -1 until evaluated: the memo's own, or the snapshot's, which every rule
        // making the same test shares (Reach::viaKey). Atomic: rules run on several threads.
        std::atomic<signed char>* verdict = nullptr;
        std::unique_ptr<std::atomic<signed char>[]> own;
    };
    std::map<const Conditions*, FilterMemo> m_filterMemo; // a map: a memo stays where it is
    // `shareKey`: the test's text when other rules may make it too (empty: not shared).
    FilterMemo& memoFor(const Conditions& conds, int var, int count, const std::string& shareKey = {});
    Tri filter(FilterMemo& memo, int element);
    Tri viaVerdict(FilterMemo& memo, int flowVar, int f);
    // A reach started from many anchors can only find a target inside the start's connected
    // part (over flows that pass `via`, either direction, any length). When a part holds no
    // component that passes the target test, the search is skipped: one pass over the design
    // instead of one search per anchor. Built only once the searches have cost more than that.
    struct PruneClass
    {
        int first = -1, second = -1; // two members, so one remains when the anchor is one of them
    };
    struct ReachPrune
    {
        long work = 0; // edges and nodes the searches of this reach have visited so far
        long searches = 0; // searches made before the prune was built
        bool built = false, usable = false;
        std::vector<int> part;                         // component → part
        std::vector<std::vector<PruneClass>> classes;  // per part: targets that differ in what is tested
        std::vector<char> open;                        // per part: too many classes, always search
        std::vector<const PropRef*> keys;              // what the target test compares of the target
        std::vector<const Condition*> ownTests;        // its tests that read the target alone
        // Per component, at least how many hops it is from a component that may pass the target
        // test (kFar: none within reach); empty when the test does not narrow the targets.
        std::vector<int> toTarget;
    };
    struct Aside;
    void buildPrune(const Reach& r, ReachPrune& p);
    void buildDistance(const Reach& r, ReachPrune& p);
    std::map<const Reach*, ReachPrune> m_prune;
    // The anchors this run has (an upper bound when only some are wanted) and has started: what a
    // reach's searches so far say the rest will cost.
    long m_anchorsTotal = 0, m_anchorsDone = 0;
    bool m_stopped = false;
    // BFS scratch, reused across anchors: a stamp per component instead of clearing. One per
    // nesting level: a search's `where` may search again, and sharing one set of stamps let the
    // inner search wipe out what the outer one had visited.
    struct Search
    {
        std::vector<int> stamp, parentNode, parentFlow, dist, frontier;
        std::vector<Snapshot::Edge> next; // the flows from one component that may be taken
        int epoch = 0;
    };
    std::deque<Search> m_searches; // a deque: an outer level stays where it is as levels are added
    int m_reachDepth = 0;
    Search& searchScratch();
    void bindPath(const Reach& r, const Search& s, int target);
};

// The component a flow anchor belongs to, for locality: its source, else its target; -1 when
// neither end is drawn.
int anchorComponent(const Snapshot& snap, int flow);

// True when the conditions read nothing but variable `var` (their verdict is one per element).
bool readsOnly(const Conditions& conds, int var);
bool readsOnly(const Condition& c, int var);
// An `exists` test's operand: true when it asks for the key to be there, false when absent.
bool wantsPresent(const Condition& c);

Tri triAnd(Tri a, Tri b);
Tri triOr(Tri a, Tri b);
Tri triNot(Tri a);

} // namespace pb::rules
