#pragma once

#include "model/value.h"
#include "rules/finding.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pb::rules {

// The compiled form of a rule pack. The JSON language is described in docs/rules.md; the
// loader (loader.h) checks it and builds these structures once, so evaluation never looks at
// JSON or at names it has not already resolved.

enum class Tri { False, Unknown, True }; // Kleene logic: a fact that is not drawn is Unknown

enum class Op { Eq, Ne, In, NotIn, Gt, Ge, Lt, Le, Exists, ContainsAny, ContainsAll, ContainsNone };

enum class Dir { Out, In, Both };

enum class ElemType { Component, Flow };

// "$x.key" split into the variable slot and the property; special keys start with '.'
// (.id .kind .label) or '@' (@region @jurisdiction).
struct PropRef
{
    int var = -1;
    std::string key;
    int keyId = -1; // internPropertyKey(key): the snapshot's column for it; -1: look up by name
};

// A small process-wide number for a property key, so the rule engine can keep one column of
// values per key instead of searching each element's properties by name. Thread-safe. Returns
// -1 once 4,096 keys exist (hostile packs), and those keys are then looked up by name.
int internPropertyKey(const std::string& key);

// The same for component kinds, so that kind tests compare integers. internKinds gives one id
// per kind (none at all past the cap); knownKindId only looks a kind up (-1: no rule names it).
std::vector<int> internKinds(const std::vector<std::string>& kinds);
int knownKindId(const std::string& kind);
// The ids as a bit set, when every one is below 64 (the first 64 kinds named: the vocabulary
// has about twenty); 0 otherwise, and the ids are compared one by one.
std::uint64_t kindMaskOf(const std::vector<int>& ids);

// An operand: a literal, a property of another bound variable, or a named pack set.
struct Operand
{
    std::optional<model::Value> literal;
    std::optional<PropRef> ref;
    std::string set;
    std::shared_ptr<const model::Value> setValue; // the set's items, resolved when compiled
};

struct Condition;
using Conditions = std::vector<Condition>;

// A neighbour step: from a bound component over one flow to another component.
struct Step
{
    int from = -1;
    Dir dir = Dir::Out;
    int flowVar = -1;                 // slot bound to the flow (may be a scratch slot)
    bool flowNamed = false;           // the rule names the flow: each parallel flow is its own match
    int toVar = -1;                   // slot bound to the neighbour
    std::vector<std::string> kinds;   // empty = any kind
    std::vector<int> kindIds;         // internKinds(kinds)
    std::uint64_t kindMask = 0;       // kindMaskOf(kindIds)
    std::shared_ptr<Conditions> flowWhere;
    std::shared_ptr<Conditions> toWhere;
};

// Bounded BFS from a bound component. `via` filters the flows crossed (slot flowVar = the flow),
// `through` the intermediate components passed (slot nodeVar); targets must match kinds+where.
struct Reach
{
    int from = -1;
    Dir dir = Dir::Out;
    int maxHops = 8;
    int minHops = 1;
    int flowVar = -1;
    int nodeVar = -1;
    int toVar = -1;
    int pathVar = -1;
    bool each = false;
    std::vector<std::string> kinds;
    std::vector<int> kindIds;
    std::uint64_t kindMask = 0;
    std::shared_ptr<Conditions> via;
    std::shared_ptr<Conditions> through;
    std::shared_ptr<Conditions> toWhere;
    // The via's text: rules whose via reads the same of a flow share its verdicts per flow
    // (Snapshot::sharedVerdicts). Empty when it names a pack's set, whose items are the pack's own.
    std::string viaKey;
};

// A selection of components over the whole design (somewhere/nowhere/count select).
struct Select
{
    int var = -1;
    ElemType type = ElemType::Component;
    std::vector<std::string> kinds;
    std::vector<int> kindIds;
    std::uint64_t kindMask = 0;
    std::shared_ptr<Conditions> where;
};

struct Count
{
    std::optional<Step> step;     // count neighbours of a bound component...
    std::optional<Select> select; // ...or elements across the design
    bool sum = false;             // sum a property instead of counting
    std::optional<PropRef> of;    // what to sum (a value not drawn makes the sum unknown)
    // The vocabulary says the summed property is never negative (rps, instances): a sum that
    // already passes a lower bound stays past it whatever the undrawn values are.
    bool sumAtLeastZero = false;
    int asVar = -1;               // binds the number
    int collectVar = -1;          // binds the matched ids (for templates and targets)
    Op op = Op::Ge;
    Operand value;
};

struct Condition
{
    enum class Kind { Prop, All, Any, Not, Step, Exists, None, Reach, Count, Somewhere, Nowhere };
    Kind kind = Kind::Prop;
    std::string pointer; // JSON pointer in the pack, for diagnostics

    // Prop
    PropRef prop;
    Op op = Op::Eq;
    Operand operand;
    std::optional<Tri> ifMissing; // nullopt = Unknown

    Conditions children; // All / Any / Not (one child)
    std::optional<Step> step;     // Step / Exists / None
    std::optional<Reach> reach;
    std::optional<Count> count;
    std::optional<Select> select; // Somewhere / Nowhere
};

// Calls f(const Conditions&) on each list of conditions nested directly in c: its children and
// the filters of its step, reach, count and select. The walkers that read a rule (what it reads,
// rules/ruledeps.cpp; how far it sees and whether it selects across the design,
// rules/locality.cpp) recurse through this one place, so a new kind of nesting reaches them all.
template <typename F>
void forEachNestedList(const Condition& c, F&& f)
{
    auto list = [&](const std::shared_ptr<Conditions>& cs) {
        if (cs) f(*cs);
    };
    auto step = [&](const std::optional<Step>& s) {
        if (!s) return;
        list(s->flowWhere);
        list(s->toWhere);
    };
    f(c.children);
    step(c.step);
    if (c.reach) {
        list(c.reach->via);
        list(c.reach->through);
        list(c.reach->toWhere);
    }
    if (c.count) {
        step(c.count->step);
        if (c.count->select) list(c.count->select->where);
    }
    if (c.select) list(c.select->where);
}

// A template such as "{{$db.label}} fails over {{$db.failover|default:'?'}}", pre-parsed.
struct TemplatePart
{
    std::string text;   // literal text, when var < 0
    int var = -1;
    std::string key;    // empty = the variable itself (its label, a number, a path, a list)
    int keyId = -1;     // internPropertyKey(key), as PropRef::keyId
    std::vector<std::pair<std::string, std::string>> filters; // name, argument
    TextHasher::Piece hashed;   // the literal text's, for hashing the rendered text unrendered
};
// A compiled text. Its parts are shared: a finding's text rendered when first read
// (TextsLater) keeps them, so it still renders after the rule set that made it is gone.
class Template
{
public:
    Template() = default;
    explicit Template(std::vector<TemplatePart> parts)
        : m_parts(std::make_shared<const std::vector<TemplatePart>>(std::move(parts)))
    {
    }
    const std::vector<TemplatePart>& parts() const { return m_parts ? *m_parts : none(); }
    const std::shared_ptr<const std::vector<TemplatePart>>& shared() const { return m_parts; }
    auto begin() const { return parts().begin(); }
    auto end() const { return parts().end(); }
    std::size_t size() const { return parts().size(); }
    bool empty() const { return parts().empty(); }

private:
    static const std::vector<TemplatePart>& none()
    {
        static const std::vector<TemplatePart> kNone;
        return kNone;
    }
    std::shared_ptr<const std::vector<TemplatePart>> m_parts;
};

struct QuestionSpec
{
    std::shared_ptr<Conditions> when; // only asked when this holds (empty = always)
    Template text;
    SharedStrings answerPoints; // shared with every finding that asks it
};

struct FixAction
{
    int var = -1; // element to change (set), or to connect from (add_component)
    std::shared_ptr<const FixSpec> spec;
};

struct Example
{
    std::string name;
    std::string dot;
    bool fires = true;
    std::vector<std::string> targets; // expected targets, when given
};

struct Rule
{
    // SharedText: every finding of the rule shares them (Finding).
    SharedText id;
    SharedText packId;
    std::string sourceFile;
    std::string pointer;     // where its id is in the pack ("/rules/3/id"), for messages
    int line = 0, column = 0; // the same as a position in the file (0: not known)
    SharedText title;
    std::string description;
    SharedText category;
    SharedText level = "senior";
    Severity severity = Severity::Medium;
    bool probe = false;

    std::vector<std::string> varNames; // slot → "$name"
    int anchorVar = 0;
    ElemType anchorType = ElemType::Component;
    bool once = false;                 // evaluated once per design, no anchor
    std::vector<std::string> anchorKinds;
    std::shared_ptr<Conditions> anchorWhere;
    Conditions where;

    std::vector<int> keyVars;    // fingerprint: ids bound to these (default: targets)
    std::vector<int> targetVars; // element ids reported as targets (lists are expanded)
    int pathVar = -1;

    Template why;
    std::vector<QuestionSpec> questions;
    std::optional<Template> ask; // asked once when the match is Unknown
    Template fixHint;
    // The parts of why, the questions' texts and fixHint, as one object: a finding's texts
    // keep it (rather than each template's parts) to render after the rule set is gone.
    std::shared_ptr<const std::vector<std::shared_ptr<const std::vector<TemplatePart>>>> textParts;
    std::vector<FixAction> fixActions;
    std::vector<Example> examples;

    // How long the rule took the last time a review ran it on several threads, in nanoseconds
    // (0: not yet): the next review starts the longest rules first, so that no thread is left
    // with a long one at the end. Only a hint, read and written by racing reviews alike.
    struct RunCost
    {
        std::atomic<std::int64_t> nanos{0};
        RunCost() = default;
        RunCost(const RunCost& o) : nanos(o.nanos.load(std::memory_order_relaxed)) {}
        RunCost& operator=(const RunCost& o)
        {
            nanos.store(o.nanos.load(std::memory_order_relaxed), std::memory_order_relaxed);
            return *this;
        }
    };
    mutable RunCost cost;
};

struct Pack
{
    std::string id;
    std::string version;
    std::string title;
    std::string file;
    std::vector<std::pair<std::string, std::vector<std::string>>> sets;
    int maxProbesPerKind = 2;
    int maxAsksPerElement = 2;
    std::vector<Rule> rules;
};

} // namespace pb::rules
