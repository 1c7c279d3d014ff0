#include "rules/review.h"

#include "rules/fingerprint.h"
#include "rules/report.h"
#include "rules/templaterenderer.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace pb::rules {

namespace {
// The pieces, one after the other, in one allocation.
std::string joined(std::initializer_list<std::string_view> pieces)
{
    std::size_t size = 0;
    for (auto p : pieces) size += p.size();
    std::string out;
    out.reserve(size);
    for (auto p : pieces) out += p;
    return out;
}
} // namespace

Review::Review(const Snapshot& snap, const ReviewOptions& opts)
    : m_snap(snap)
    , m_opts(opts)
{
}

template <typename F>
void Review::forEachId(const Slot& s, F&& f) const
{
    switch (s.type) {
    case Slot::Type::Component: f(m_snap.component(s.index).id); break;
    case Slot::Type::Flow: f(m_snap.flow(s.index).id); break;
    case Slot::Type::List:
        for (int i : s.list) f(s.listType == ElemType::Flow ? m_snap.flow(i).id : m_snap.component(i).id);
        break;
    case Slot::Type::Path:
        for (int e : s.list) f(e >= 0 ? m_snap.component(e).id : m_snap.flow(-e - 1).id);
        break;
    default: break;
    }
}

std::vector<std::string> Review::ids(const Slot& s) const
{
    std::vector<std::string> out;
    out.reserve(s.type == Slot::Type::List || s.type == Slot::Type::Path ? s.list.size() : 1);
    forEachId(s, [&](const std::string& id) { out.push_back(id); });
    return out;
}

void Review::setBase(Finding& f, const Rule& rule) const
{
    f.ruleId = rule.id;
    f.packId = rule.packId;
    f.title = rule.title;
    f.severity = rule.severity;
    f.category = rule.category;
    f.level = rule.level;
    f.kind = rule.probe ? Finding::Kind::Probe : Finding::Kind::Finding;
}

template <typename F>
void Review::forEachElement(const Slot& s, F&& f) const
{
    const int flows = m_snap.componentCount(); // a flow's number: after every component's
    switch (s.type) {
    case Slot::Type::Component: f(s.index); break;
    case Slot::Type::Flow: f(flows + s.index); break;
    case Slot::Type::List:
        for (int i : s.list) f(s.listType == ElemType::Flow ? flows + i : i);
        break;
    case Slot::Type::Path:
        for (int e : s.list) f(e >= 0 ? e : flows - e - 1);
        break;
    default: break;
    }
}

void Review::fillTargets(Finding& f, const std::vector<Slot>& slots, const Rule& rule)
{
    std::size_t most = 0;
    for (int v : rule.targetVars) {
        const Slot& s = slots[static_cast<std::size_t>(v)];
        most += s.type == Slot::Type::List || s.type == Slot::Type::Path ? s.list.size() : 1;
    }
    f.targets.reserve(most);
    // Told apart by element, not by id (ids are unique across components, flows and zones). A
    // rule over the whole design may collect thousands of targets (every store of personal
    // data, say): a stamp per element then, where a set of their ids was most of the finding.
    std::vector<int>& kept = m_keptElements;
    kept.clear();
    const bool many = most > 16;
    if (many && m_targetStamp.empty())
        m_targetStamp.assign(static_cast<std::size_t>(m_snap.componentCount() + m_snap.flowCount()), 0);
    if (many && ++m_targetEpoch == 0) { // wrapped: no stamp may match a new finding
        std::fill(m_targetStamp.begin(), m_targetStamp.end(), 0);
        m_targetEpoch = 1;
    }
    auto firstTime = [&](int e) {
        if (!many) {
            if (std::find(kept.begin(), kept.end(), e) != kept.end()) return false;
            kept.push_back(e);
            return true;
        }
        auto& stamp = m_targetStamp[static_cast<std::size_t>(e)];
        if (stamp == m_targetEpoch) return false;
        stamp = m_targetEpoch;
        return true;
    };
    const int flows = m_snap.componentCount();
    for (int v : rule.targetVars)
        forEachElement(slots[static_cast<std::size_t>(v)], [&](int e) {
            if (firstTime(e)) f.targets.push_back(e < flows ? m_snap.component(e).id : m_snap.flow(e - flows).id);
        });
}

void Review::fillFinding(Finding& f, Evaluator& ev, const Rule& rule)
{
    auto& slots = ev.slots();
    fillTargets(f, slots, rule);
    if (rule.pathVar >= 0) f.path = ids(slots[static_cast<std::size_t>(rule.pathVar)]);
    TextsLater texts(ev, rule, m_snap, m_textScratch);
    texts.add(rule.why, false);
    std::vector<const QuestionSpec*>& asked = m_questionsAsked;
    asked.clear();
    for (const auto& q : rule.questions) {
        if (asked.size() >= 3) break;
        if (q.when && ev.pure(*q.when) != Tri::True) continue;
        if (texts.add(q.text, true)) asked.push_back(&q);
    }
    texts.add(rule.fixHint, false);
    auto& made = texts.finish();
    f.why = std::move(made.front());
    f.questions.reserve(asked.size());
    for (std::size_t i = 0; i < asked.size(); ++i) {
        f.questions.push_back({std::move(made[i + 1]), asked[i]->answerPoints});
        f.questions.back().textHash = f.questions.back().text.hash(); // here, on the rule's thread
    }
    f.fixHint = std::move(made.back());
    f.fixes.reserve(rule.fixActions.size());
    for (const auto& a : rule.fixActions) {
        Fix fix;
        fix.spec = a.spec;
        const Slot* s = a.var >= 0 ? &slots[static_cast<std::size_t>(a.var)] : nullptr;
        if (a.spec->op != "set") {
            if (s) fix.connectFrom = ids(*s);
        } else if (const std::string* element = s ? setFixElement(*s) : nullptr) {
            fix.element = *element;
        } else {
            continue;
        }
        f.fixes.push_back(std::move(fix));
    }
}

const std::string* Review::setFixElement(const Slot& s) const
{
    // On a witness path, the change belongs on the last flow: the one into the target.
    if (s.type == Slot::Type::Path)
        for (auto it = s.list.rbegin(); it != s.list.rend(); ++it)
            if (*it < 0) return &m_snap.flow(-*it - 1).id;
    const std::string* first = nullptr;
    forEachId(s, [&](const std::string& id) {
        if (!first) first = &id;
    });
    return first;
}

void Review::run(const Pack& pack, const Rule& rule, int order, const std::vector<char>* anchorsIn)
{
    m_order = order;
    m_fingerprintSeed = fingerprintSeed(rule.id.str());
    Evaluator ev(m_snap, rule);
    const auto elements = static_cast<std::size_t>(m_snap.componentCount() + m_snap.flowCount());
    const std::size_t maxMatches = ruleMatchesLimit(elements), maxFindings = ruleFindingsLimit(elements);
    std::size_t matches = 0;
    bool stopped = false;
    m_ruleFindings = 0;
    ev.run([&](const std::vector<Slot>&, Tri truth, const std::vector<Unknown>& unknowns) {
        onMatch(ev, pack, rule, truth, unknowns);
        if (++matches < maxMatches && m_ruleFindings < maxFindings) return;
        stopped = true;
        ev.stop();
    }, anchorsIn);
    if (stopped) m_stopped.push_back({rule.id.str(), m_ruleFindings, matches});
}

int Review::anchorOf(Evaluator& ev, const Rule& rule) const
{
    if (rule.once) return -1;
    const Slot& s = ev.slots()[static_cast<std::size_t>(rule.anchorVar)];
    if (s.type == Slot::Type::Component) return s.index;
    return s.type == Slot::Type::Flow ? anchorComponent(m_snap, s.index) : -1;
}

void Review::onMatch(Evaluator& ev, const Pack& pack, const Rule& rule, Tri truth,
                     const std::vector<Unknown>& unknowns)
{
    if (truth == Tri::Unknown) {
        addAsk(ev, pack, rule, unknowns);
        return;
    }
    if (rule.probe) {
        addProbe(ev, pack, rule);
        return;
    }
    // Most matches repeat a finding already made (another anchor, another path): told apart by
    // the fingerprint's number, from the ids in place, before any text is made.
    std::vector<std::string_view>& key = m_key;
    key.clear();
    for (int v : rule.keyVars)
        forEachId(ev.slots()[static_cast<std::size_t>(v)], [&](const std::string& id) { key.push_back(id); });
    const bool keyed = !key.empty();
    const std::uint64_t fp = fingerprintValue(m_fingerprintSeed, key);
    const int anchor = m_tagAnchors ? anchorOf(ev, rule) : -1;
    if (m_tagAnchors) m_foundFrom.emplace_back(fingerprintText(fp), anchor);
    if (!m_fingerprints.insert(fp)) return;
    // Made where it stays: a finding is 320 bytes, and moving one in and destroying the
    // moved-from shell was a tenth of making it.
    Finding& f = newFinding();
    ++m_ruleFindings;
    setBase(f, rule);
    f.fingerprint = fingerprintText(fp);
    fillFinding(f, ev, rule);
    // Placed now, while it is in cache: placing them all once the rules were done read each
    // from memory again (0.4-0.7 ms per thread at 10,000 components).
    m_placed.push_back(placed(f, fp)); // f.fingerprint is fp in hex
    if (m_tagAnchors) m_findingAnchors.push_back(keyed ? anchor : -1);
}

void Review::addAsk(Evaluator& ev, const Pack& pack, const Rule& rule,
                    const std::vector<Unknown>& unknowns)
{
    if (unknowns.empty() || rule.probe) return;
    const Unknown& u = unknowns.front();
    const int anchor = m_tagAnchors ? anchorOf(ev, rule) : -1;
    if (m_tagAnchors) m_askedFrom.emplace_back(u.elementId, anchor);
    // Asked before in this review: asked before in any order of the rules too. Looked up by the
    // element's number, then among its few keys: a set of (id, key) string pairs copied both per
    // unknown met.
    const int element = u.element >= 0 ? u.element : numberOf(u.elementId);
    AskedOf& asked = element >= 0 ? m_askedOf[element] : m_askedOfId[u.elementId];
    const auto known = std::find(asked.keys.begin(), asked.keys.end(), u.key);
    std::size_t replaces = m_asks.size();
    if (known != asked.keys.end()) {
        if (m_capNow) return; // rules run in order here: the first ask stands
        auto& [order, at] = asked.keptAsk[static_cast<std::size_t>(known - asked.keys.begin())];
        if (order <= m_order) return;
        order = m_order; // a rule before the one that asked: its ask takes that one's place
        replaces = at;
    } else {
        asked.keys.push_back(u.key);
        if (!m_capNow) asked.keptAsk.emplace_back(m_order, m_asks.size());
        // Most unknowns repeat on an element that has had its asks: skip building them.
        if (m_capNow && asked.kept++ >= pack.maxAsksPerElement) return;
    }
    // Read by the element's number where the rule gave it: a lookup by id (a hash of the id and
    // a compare) and a copy of the label per ask added up over 27,000 asks at 100,000 components.
    std::string byId, cut;
    std::string_view label;
    if (const std::string* shown = u.element >= 0 ? shownNameOf(u.element) : nullptr) {
        label = shownText(*shown, cut);
    } else {
        byId = labelOf(m_snap.design(), u.elementId);
        label = shownText(byId, cut);
    }
    // "@jurisdiction" and ".kind" are the rule language's spelling; a person reads "jurisdiction".
    const std::string_view shownKey =
        !u.key.empty() && (u.key[0] == '@' || u.key[0] == '.') ? std::string_view(u.key).substr(1) : u.key;
    Finding f;
    setBase(f, rule);
    f.kind = Finding::Kind::Ask;
    f.severity = Severity::Info;
    f.title = joined({"Not drawn: ", shownKey, " of ", label});
    f.targets = {u.elementId};
    std::vector<std::string_view>& key = m_key;
    key.assign(1, u.elementId);
    f.fingerprint = fingerprintText(fingerprintValue(joined({"ask:", u.key}), key));
    f.why = joined({"The check \"", rule.title.str(), "\" needs to know the ", shownKey, " of ", label,
                    ", and the drawing does not say. Nothing is assumed: answer it, or draw the property."});
    std::string text;
    if (rule.ask) text = renderTemplate(*rule.ask, ev, rule, m_snap, false).value_or("");
    if (text.empty()) {
        // The key quoted, as a field is: "What is the replicas of api?" read wrongly.
        const auto* spec = m_snap.vocab().property(u.key);
        const bool yesNo = spec && spec->type == model::ValueType::Bool;
        text = joined({yesNo ? "Is '" : "What is '", shownKey, yesNo ? "' true for " : "' for ", label, "?"});
        if (spec) text += joined({" (", spec->description, ")"});
    }
    f.questions.push_back({std::move(text), rule.questions.empty() ? SharedStrings{} : rule.questions.front().answerPoints});
    PendingAsk made{m_order, pack.maxAsksPerElement, u.elementId, u.key, std::move(f), anchor, {}};
    prepare(made);
    if (replaces < m_asks.size()) m_asks[replaces] = std::move(made);
    else m_asks.push_back(std::move(made));
}

const std::string* Review::shownNameOf(int element) const
{
    const int comps = m_snap.componentCount();
    if (element < comps) return &m_snap.componentName(element);
    if (element - comps < m_snap.flowCount()) return &m_snap.flowName(element - comps);
    return nullptr; // a zone: labelOf() finds it by id
}

int Review::numberOf(const std::string& id) const
{
    const auto at = m_snap.design().placeOf(id);
    if (!at) return -1;
    const auto index = static_cast<int>(at->index);
    switch (at->type) {
    case model::ElementType::Component: return index;
    case model::ElementType::Flow: return m_snap.componentCount() + index;
    default: return m_snap.componentCount() + m_snap.flowCount() + index;
    }
}

void Review::setFullAside()
{
    if (!m_findings.empty()) m_full.push_back(std::move(m_findings));
    m_findings = {};
}

Finding& Review::newFinding()
{
    if (m_findings.size() == m_findings.capacity()) {
        // Small reviews (the whiteboard's) stay small; large ones fill lists of a few thousand.
        const std::size_t next = std::min<std::size_t>(std::max<std::size_t>(32, 2 * m_findings.capacity()), 4096);
        setFullAside();
        m_findings.reserve(next);
    }
    return m_findings.emplace_back();
}

Review::Part Review::takePart()
{
    std::vector<Finding> findings;
    if (m_full.empty()) {
        findings = std::move(m_findings);
    } else {
        setFullAside();
        std::size_t total = 0;
        for (const auto& list : m_full) total += list.size();
        findings.reserve(total);
        for (auto& list : m_full) std::move(list.begin(), list.end(), std::back_inserter(findings));
    }
    m_full.clear();
    // The findings moved: where they were placed no longer holds.
    m_placed.clear();
    m_questionHashes.clear();
    std::vector<PendingAsk> asks; // this review's, then those merged in, each moved once
    asks.reserve(asksCount());
    for (auto& a : m_asks) asks.push_back(std::move(a));
    for (auto& list : m_mergedAsks)
        for (auto& a : list) asks.push_back(std::move(a));
    m_mergedAsks.clear();
    Part p{std::move(findings), std::move(asks), std::move(m_findingAnchors), std::move(m_foundFrom),
           std::move(m_askedFrom), std::move(m_stopped)};
    m_findings.clear();
    m_asks.clear();
    m_askedOf.clear(); // their places in m_asks are gone
    m_askedOfId.clear();
    m_findingAnchors.clear();
    m_foundFrom.clear();
    m_askedFrom.clear();
    m_probes.clear();
    m_stopped.clear();
    return p;
}

void Review::addPart(const Part& part)
{
    setFullAside(); // after what this review found so far, and not moving it
    if (!part.findings.empty()) {
        m_full.push_back(part.findings);
        for (auto& f : m_full.back()) m_placed.push_back(placed(f));
    }
    for (const auto& a : part.asks) m_asks.push_back(a);
    m_stopped.insert(m_stopped.end(), part.stopped.begin(), part.stopped.end());
}

void Review::addProbe(Evaluator& ev, const Pack& pack, const Rule& rule)
{
    const Slot& anchor = ev.slots()[static_cast<std::size_t>(rule.anchorVar)];
    const int flows = m_snap.componentCount(); // forEachElement's numbering
    if (auto it = m_probes.find(&rule); it != m_probes.end()) {
        // A probe gathers every anchor of its rule: thousands on a large design, told apart by
        // a bit per element rather than a set of their ids.
        Finding& f = *it->second.finding;
        auto& seen = it->second.seen;
        forEachElement(anchor, [&](int e) {
            std::uint64_t& word = seen[static_cast<std::size_t>(e) / 64];
            const std::uint64_t bit = std::uint64_t{1} << (e % 64);
            if (word & bit) return;
            word |= bit;
            f.targets.push_back(e < flows ? m_snap.component(e).id : m_snap.flow(e - flows).id);
        });
        return;
    }
    const std::string kind =
        anchor.type == Slot::Type::Component ? m_snap.component(anchor.index).kind : "flow";
    if (m_probesPerKind[kind]++ >= pack.maxProbesPerKind) return;
    ProbeTargets& probe = m_probes[&rule];
    Finding& f = newFinding();
    probe.finding = &f;
    setBase(f, rule);
    f.severity = Severity::Info;
    f.fingerprint = fingerprint(rule.id, {});
    fillFinding(f, ev, rule);
    m_placed.push_back(placed(f)); // its targets grow later; what places it does not change
    probe.seen.assign((static_cast<std::size_t>(flows + m_snap.flowCount()) + 63) / 64, 0);
    for (int v : rule.targetVars)
        forEachElement(ev.slots()[static_cast<std::size_t>(v)], [&](int e) {
            probe.seen[static_cast<std::size_t>(e) / 64] |= std::uint64_t{1} << (e % 64);
        });
}

} // namespace pb::rules
