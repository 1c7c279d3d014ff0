#pragma once

#include "model/design.h"
#include "rules/engine.h"
#include "rules/evaluator.h"

#include <map>
#include <set>
#include <unordered_set>

namespace pb::rules {

// Runs the rules of all packs over one snapshot and turns matches into findings: one per
// fingerprint, asks for facts that are not drawn (once per element and property), probes
// grouped per rule and capped per kind, questions deduplicated, decisions applied, sorted.
//
// Rules may be split between several reviews (one per thread, each with its own snapshot) and
// merged before finish(): the result is the same as one review running every rule in order,
// provided all probe rules run in the same review. `order` is the rule's place in that order.
class Review
{
public:
    Review(const Snapshot& snap, const ReviewOptions& opts);
    void run(const Pack& pack, const Rule& rule, int order = 0);
    // This review runs only some of the rules: it cannot cap asks per element as it finds them
    // (an ask another part finds first does not count), so it keeps them all until finish().
    void runsPart() { m_capNow = false; }
    void merge(Review&& other);
    ReviewResult finish(const model::Design& design);

    // Asks wait for finish(): which are kept (first per element and property, at most the
    // pack's cap per element) depends on every rule before them, some perhaps in another review.
    struct PendingAsk
    {
        int order;
        int cap;
        std::string element, key;
        Finding finding;
    };
    // What the rules of a part review found, before finish(): a ReviewCache keeps one per rule
    // and hands copies to the next review, which re-runs only the rules an edit can affect.
    struct Part
    {
        std::vector<Finding> findings;
        std::vector<PendingAsk> asks;
    };
    Part takePart();
    void addPart(const Part& part);

private:
    void onMatch(Evaluator& ev, const Pack& pack, const Rule& rule, Tri truth,
                 const std::vector<Unknown>& unknowns);
    Finding base(const Rule& rule) const;
    void fillFinding(Finding& f, Evaluator& ev, const Rule& rule);
    void addAsk(Evaluator& ev, const Pack& pack, const Rule& rule, const std::vector<Unknown>& unknowns);
    void keepAsks();
    void addProbe(Evaluator& ev, const Pack& pack, const Rule& rule);
    std::vector<std::string> ids(const Slot& s) const;
    void applyDecisions(const model::Design& design);

    const Snapshot& m_snap;
    ReviewOptions m_opts;
    std::vector<Finding> m_findings;
    std::set<std::string> m_fingerprints;
    std::set<std::pair<std::string, std::string>> m_asked;
    std::vector<PendingAsk> m_asks;
    std::map<std::string, int> m_asksPerElement; // with m_capNow: asks kept so far per element
    bool m_capNow = true;
    int m_order = 0;
    std::map<std::string, int> m_probesPerKind;
    std::map<std::string, std::size_t> m_probeIndex; // rule id → finding index
    std::map<std::string, std::unordered_set<std::string>> m_probeTargets; // rule id → its targets
};

} // namespace pb::rules
