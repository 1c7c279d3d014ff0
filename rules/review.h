#pragma once

#include "model/design.h"
#include "rules/chunkedlist.h"
#include "rules/engine.h"
#include "rules/evaluator.h"
#include "rules/flatset.h"
#include "rules/templaterenderer.h"

#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace pb::rules {

// Runs the rules of all packs over one snapshot and turns matches into findings: one per
// fingerprint, asks for facts that are not drawn (once per element and property), probes
// grouped per rule and capped per kind, questions deduplicated, decisions applied, sorted.
//
// Rules may be split between several reviews (one per thread, sharing the snapshot) and merged
// before finish(): the result is the same as one review running every rule in order, provided
// each review runs its rules in that order (it keeps the first ask per element and property it
// meets) and all probe rules run in the same review. `order` is the rule's place in that order.
class Review
{
public:
    Review(const Snapshot& snap, const ReviewOptions& opts);
    // With `anchorsIn`, only the anchors of flagged components run (Evaluator::run).
    void run(const Pack& pack, const Rule& rule, int order = 0, const std::vector<char>* anchorsIn = nullptr);
    // This review runs only some of the rules, in any order: it cannot cap asks per element as it
    // finds them (an ask another part finds first does not count), so it keeps them all until
    // finish(), and of two asks about the same fact it keeps the one whose rule comes first.
    void runsPart() { m_capNow = false; }
    // Record the anchor component of each finding and ask (Part::findingAnchors), so that a
    // ReviewCache can keep those whose part of the graph an edit did not touch.
    void tagAnchors() { m_tagAnchors = true; }
    // Sets the list being filled aside and prepares the asks added from parts (ReviewCache):
    // findings are placed (where each goes, its questions' hashes) and asks prepared as they are
    // made. RuleSet::review has each part do this on its own thread; finish() does what is left.
    void prepareFinish();
    // finish() may share its work out over this many threads (runOnThreads): a review that ran
    // on several has them to hand.
    void finishOn(int threads) { m_finishThreads = threads; }
    // Frees what only running rules needs (the fingerprints and asks seen, scratch): a review
    // that runs no more rules, on its own thread before a merge rather than in it.
    void dropMatchState();
    // Neither reads the snapshot, which may be gone by then (RuleSet::review frees it first).
    void merge(Review&& other);
    ReviewResult finish(const model::Design& design);

    // Where a finding goes: kind, severity (highest first), rule id, fingerprint. Kind and
    // severity are packed in one number, and the rule's rank among the ids is added to it once
    // every rule's findings are in; the fingerprint's sixteen hex digits are read as a second.
    struct Placed
    {
        std::uint64_t major = 0, minor = 0;
        Finding* finding = nullptr;
        const SharedText::Entry* rule = nullptr; // the finding's rule id: the same for all of a rule's
        std::uint32_t questionsFrom = 0;         // its questions' hashes, in m_questionHashes
        std::uint32_t found = 0;                 // its place in the order found: ties keep it
        std::uint16_t questions = 0;
        bool numeric = true; // the fingerprint is sixteen hex digits
        std::uint8_t part = 0; // which of the merged reviews made it (0: this one)
    };
    // Asks wait for finish(): which are kept (first per element and property, at most the
    // pack's cap per element) depends on every rule before them, some perhaps in another review.
    struct PendingAsk
    {
        int order;
        int cap;
        std::string element, key;
        Finding finding;
        int anchor = -1; // with tagAnchors(): the anchor's component index (-1: none)
        // Worked out when it is made, on the thread of the review that makes it, so that
        // finish() need not read the finding again: where it goes (Placed, without where the
        // finding is, which moves), its question's hash, and the hashes keepAsks() looks it up by.
        struct Prepared
        {
            bool done = false;
            Placed place;
            std::size_t question = 0, element = 0, pair = 0;
        };
        Prepared prepared;
    };
    // What the rules of a part review found, before finish(): a ReviewCache keeps one per rule
    // and hands copies to the next review, which re-runs only the rules an edit can affect.
    struct Part
    {
        std::vector<Finding> findings;
        std::vector<PendingAsk> asks;
        // With tagAnchors(): per finding, the index of the component it was found from in the
        // design reviewed; -1 when it has none or its fingerprint names no element (then any
        // anchor may find it first).
        std::vector<int> findingAnchors;
        // With tagAnchors(): every anchor that found each fingerprint or asked about each element,
        // the first finders and those they won over alike. Anchors so linked run again together:
        // which of them keeps a finding depends on their order.
        std::vector<std::pair<std::string, int>> foundFrom; // fingerprint, anchor
        std::vector<std::pair<std::string, int>> askedFrom; // element id, anchor
        std::vector<StoppedRule> stopped;                    // its rules that hit their limits
    };
    Part takePart();
    void addPart(const Part& part);

private:
    void onMatch(Evaluator& ev, const Pack& pack, const Rule& rule, Tri truth,
                 const std::vector<Unknown>& unknowns);
    void setBase(Finding& f, const Rule& rule) const; // what every finding of the rule says
    void fillFinding(Finding& f, Evaluator& ev, const Rule& rule);
    void fillTargets(Finding& f, const std::vector<Slot>& slots, const Rule& rule);
    // The number forEachElement() gives the element with this id (zones after the flows); -1
    // when the design has none.
    int numberOf(const std::string& id) const;
    // What labelOf() shows for element number `element` (a component or a flow); nullptr for
    // any other.
    const std::string* shownNameOf(int element) const;
    // The element a "set" fix changes: the slot's first, or a path's last flow; nullptr: none.
    const std::string* setFixElement(const Slot& s) const;
    // Each element the slot names: component i as i, flow f as componentCount() + f.
    template <typename F>
    void forEachElement(const Slot& s, F&& f) const;
    void addAsk(Evaluator& ev, const Pack& pack, const Rule& rule, const std::vector<Unknown>& unknowns);
    // The pending asks kept (first per element and property, at most the pack's cap per
    // element), as pointers into them, after `out`'s.
    void keepAsks(std::vector<PendingAsk*>& out);
    std::size_t asksCount() const; // pending, this review's and those merged in
    void prepare(PendingAsk& a);   // PendingAsk::prepared, once
    // Every finding, the kept asks among them, into one list in the result's order.
    void putInOrder();
    // `fingerprint`: the finding's as a number, when the caller has it (else read from its text).
    Placed placed(Finding& f, std::optional<std::uint64_t> fingerprint = std::nullopt);
    // The same, without its questions' hashes (Placed::questionsFrom is left 0).
    static Placed placeOf(Finding& f, std::optional<std::uint64_t> fingerprint = std::nullopt);
    // Adds each rule's rank among the rule ids to its findings' places and numbers them in the
    // order found; says whether every fingerprint is sixteen hex digits (then the sort reads
    // them as numbers).
    bool addRuleRanks();
    // The asks keepAsks() keeps, placed after the findings, from what prepare() worked out.
    void placeKeptAsks();
    // m_placed in the result's order: addRuleRanks(), then sorted.
    void sortPlaces();
    // Each placed finding moved into `sorted`, in order; by several threads when `split`.
    void moveIntoOrder(std::vector<Finding>& sorted, bool split);
    // By major, then fingerprint (as numbers), then the order found.
    static void sortPlaced(std::vector<Placed>& placed);
    std::vector<Placed> m_placed;
    std::vector<std::size_t> m_questionHashes;
    void addProbe(Evaluator& ev, const Pack& pack, const Rule& rule);
    std::vector<std::string> ids(const Slot& s) const;
    // Each id the slot names, as a reference into the design.
    template <typename F>
    void forEachId(const Slot& s, F&& f) const;
    int anchorOf(Evaluator& ev, const Rule& rule) const;
    void applyDecisions(const model::Design& design);
    void dropRepeatedQuestions(std::vector<Finding>& sorted);

    const Snapshot& m_snap;
    ReviewOptions m_opts;
    // This review's findings, in the order found: lists that filled up, then the one being
    // filled. A full list is set aside rather than grown: growing moved every finding made so
    // far (a few hundred bytes each) once more per doubling, and moved the probes' findings.
    std::vector<std::vector<Finding>> m_full;
    std::vector<Finding> m_findings;
    std::vector<std::vector<Finding>> m_merged; // the findings of reviews merged into this one
    Finding& newFinding();
    void setFullAside();
    HashSet64 m_fingerprints; // fingerprintValue(): only asked "seen before?"
    std::size_t m_ruleFindings = 0;   // made by the rule running, against ruleFindingsLimit()
    std::vector<StoppedRule> m_stopped; // this review's and those merged in
    std::uint64_t m_fingerprintSeed = 0; // fingerprintSeed() of the rule running
    std::vector<std::string_view> m_key; // scratch: the ids a match's fingerprint is made of
    // Scratch for fillFinding(), kept from one finding to the next instead of grown for each.
    TextsLater::Scratch m_textScratch;
    std::vector<int> m_keptElements;
    std::vector<std::uint32_t> m_targetStamp; // per component, then flow: the finding that named it
    std::uint32_t m_targetEpoch = 0;
    std::vector<const QuestionSpec*> m_questionsAsked;
    // The properties asked about per element (by forEachElement's number, or by id when it has
    // none), and how many of its asks were kept (with m_capNow).
    struct AskedOf
    {
        std::vector<std::string> keys;
        // Per key, with runsPart(): the order of the rule whose ask is kept, and where it is in
        // m_asks. A part's rules may run out of order (longest first), and the ask of the rule
        // first in the order must be the one kept, as in a review that ran them all in order.
        std::vector<std::pair<int, std::size_t>> keptAsk;
        int kept = 0;
    };
    std::unordered_map<int, AskedOf> m_askedOf;
    std::map<std::string, AskedOf> m_askedOfId;
    ChunkedList<PendingAsk> m_asks;
    // The asks of reviews merged into this one, where they were made: moving each into m_asks
    // was most of a merge.
    std::vector<ChunkedList<PendingAsk>> m_mergedAsks;
    int m_finishThreads = 1;
    int m_parts = 1; // this review and those merged into it
    // Fewer findings are moved into order by the thread that finishes: waking others costs more.
    static constexpr std::size_t kSplitMoveFrom = 2048;
    bool m_capNow = true;
    bool m_tagAnchors = false;
    std::vector<int> m_findingAnchors;
    std::vector<std::pair<std::string, int>> m_foundFrom, m_askedFrom;
    int m_order = 0;
    std::map<std::string, int> m_probesPerKind;
    struct ProbeTargets
    {
        Finding* finding = nullptr;      // where it is: lists are set aside, never grown
        std::vector<std::uint64_t> seen; // a bit per element (forEachElement) among its targets
    };
    std::map<const Rule*, ProbeTargets> m_probes;
};

} // namespace pb::rules
