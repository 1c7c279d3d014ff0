#include "rules/review.h"

#include "rules/fingerprint.h"
#include "rules/report.h"
#include "rules/templaterenderer.h"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pb::rules {

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
        f.questions.back().text.hash(); // here, on the rule's thread, rather than when merged
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
    Evaluator ev(m_snap, rule);
    ev.run([&](const std::vector<Slot>&, Tri truth, const std::vector<Unknown>& unknowns) {
        onMatch(ev, pack, rule, truth, unknowns);
    }, anchorsIn);
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
    const std::uint64_t fp = fingerprintValue(rule.id.str(), key);
    const int anchor = m_tagAnchors ? anchorOf(ev, rule) : -1;
    if (m_tagAnchors) m_foundFrom.emplace_back(fingerprintText(fp), anchor);
    if (!m_fingerprints.insert(fp)) return;
    // Made where it stays: a finding is 320 bytes, and moving one in and destroying the
    // moved-from shell was a tenth of making it.
    Finding& f = m_findings.emplace_back();
    setBase(f, rule);
    f.fingerprint = fingerprintText(fp);
    fillFinding(f, ev, rule);
    if (m_tagAnchors) m_findingAnchors.push_back(keyed ? anchor : -1);
}

void Review::addAsk(Evaluator& ev, const Pack& pack, const Rule& rule,
                    const std::vector<Unknown>& unknowns)
{
    if (unknowns.empty() || rule.probe) return;
    const Unknown& u = unknowns.front();
    const int anchor = m_tagAnchors ? anchorOf(ev, rule) : -1;
    if (m_tagAnchors) m_askedFrom.emplace_back(u.elementId, anchor);
    // Asked before in this review: asked before in any order of the rules too.
    if (!m_asked.insert({u.elementId, u.key}).second) return;
    // Most unknowns repeat on an element that has had its asks: skip building them.
    if (m_capNow && m_asksPerElement[u.elementId]++ >= pack.maxAsksPerElement) return;
    const std::string label = labelOf(m_snap.design(), u.elementId);
    Finding f;
    setBase(f, rule);
    f.kind = Finding::Kind::Ask;
    f.severity = Severity::Info;
    f.title = "Not drawn: " + u.key + " of " + label;
    f.targets = {u.elementId};
    f.fingerprint = fingerprint("ask:" + u.key, {u.elementId});
    f.why = "The check \"" + rule.title + "\" needs to know the " + u.key + " of " +
            label + ", and the drawing does not say. " +
            "Nothing is assumed: answer it, or draw the property.";
    std::string text;
    if (rule.ask) text = renderTemplate(*rule.ask, ev, rule, m_snap, false).value_or("");
    if (text.empty()) {
        const auto* spec = m_snap.vocab().property(u.key);
        text = "What is the " + u.key + " of " + label + "?" +
               (spec ? " (" + spec->description + ")" : std::string());
    }
    f.questions.push_back({text, rule.questions.empty() ? SharedStrings{} : rule.questions.front().answerPoints});
    m_asks.push_back({m_order, pack.maxAsksPerElement, u.elementId, u.key, std::move(f), anchor});
}

void Review::merge(Review&& other)
{
    const std::size_t shift = m_findings.size();
    // Moved once, not again as the list grows, here or when the asks join it in finish().
    m_findings.reserve(shift + other.m_findings.size() + m_asks.size() + other.m_asks.size());
    for (auto& f : other.m_findings) m_findings.push_back(std::move(f));
    for (const auto& [rule, index] : other.m_probeIndex) m_probeIndex[rule] = index + shift;
    for (auto& a : other.m_asks) m_asks.push_back(std::move(a));
    // Freed now, not when the other review goes: finish() needs the room (40 MB at 100,000
    // components, where clear() kept every byte).
    other.m_findings = {};
    other.m_asks = {};
    other.m_fingerprints.clear();
    other.m_asked = {};
}

Review::Part Review::takePart()
{
    Part p{std::move(m_findings), std::move(m_asks), std::move(m_findingAnchors), std::move(m_foundFrom),
           std::move(m_askedFrom)};
    m_findings.clear();
    m_asks.clear();
    m_findingAnchors.clear();
    m_foundFrom.clear();
    m_askedFrom.clear();
    m_probeIndex.clear();
    return p;
}

void Review::addPart(const Part& part)
{
    m_findings.insert(m_findings.end(), part.findings.begin(), part.findings.end());
    m_asks.insert(m_asks.end(), part.asks.begin(), part.asks.end());
}

void Review::keepAsks()
{
    // In rule order; within one rule, in the order its review found them (stable).
    std::vector<std::size_t> idx(m_asks.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t i, std::size_t j) { return m_asks[i].order < m_asks[j].order; });
    // Views into the pending asks, which stay where they are until the end: a set of copied
    // string pairs was a third of finish() at 100,000 components.
    struct PairHash
    {
        std::size_t operator()(const std::pair<std::string_view, std::string_view>& p) const
        {
            const std::size_t a = std::hash<std::string_view>{}(p.first);
            return a ^ (std::hash<std::string_view>{}(p.second) + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
        }
    };
    std::unordered_set<std::pair<std::string_view, std::string_view>, PairHash> asked(2 * m_asks.size());
    std::unordered_map<std::string_view, int> perElement(2 * m_asks.size());
    m_findings.reserve(m_findings.size() + m_asks.size()); // the findings move once, not again
    for (std::size_t i : idx) {
        PendingAsk& a = m_asks[i];
        if (!asked.emplace(a.element, a.key).second) continue;
        if (perElement[a.element]++ >= a.cap) continue;
        m_findings.push_back(std::move(a.finding));
    }
    m_asks.clear();
}

void Review::addProbe(Evaluator& ev, const Pack& pack, const Rule& rule)
{
    const auto anchorIds = ids(ev.slots()[static_cast<std::size_t>(rule.anchorVar)]);
    auto it = m_probeIndex.find(rule.id);
    if (it != m_probeIndex.end()) {
        // A probe gathers every anchor of its rule: thousands on a large design.
        Finding& f = m_findings[it->second];
        auto& seen = m_probeTargets[rule.id];
        if (seen.empty()) seen.insert(f.targets.begin(), f.targets.end());
        for (const auto& id : anchorIds)
            if (seen.insert(id).second) f.targets.push_back(id);
        return;
    }
    const Slot& anchor = ev.slots()[static_cast<std::size_t>(rule.anchorVar)];
    const std::string kind =
        anchor.type == Slot::Type::Component ? m_snap.component(anchor.index).kind : "flow";
    if (m_probesPerKind[kind]++ >= pack.maxProbesPerKind) return;
    m_probeIndex[rule.id] = m_findings.size();
    Finding& f = m_findings.emplace_back();
    setBase(f, rule);
    f.severity = Severity::Info;
    f.fingerprint = fingerprint(rule.id, {});
    fillFinding(f, ev, rule);
}

void Review::applyDecisions(const model::Design& design)
{
    // Each decision replaces what an earlier one for the same fingerprint said: the last stands.
    // Looked up by fingerprint, not compared with every finding (a large design's accepted risks
    // times its findings).
    std::unordered_map<std::string_view, const model::Decision*> last;
    for (const auto& d : design.decisions) last[d.fingerprint] = &d;
    if (last.empty()) return;
    std::string today = m_opts.today;
    if (today.empty()) {
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc); // reviews run on worker threads: not the shared gmtime() buffer
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
        today = buf;
    }
    for (auto& f : m_findings) {
        const auto it = last.find(f.fingerprint);
        if (it == last.end()) continue;
        const model::Decision& d = *it->second;
        f.owner = d.owner;
        f.expires = d.expires;
        if (!d.expires.empty() && d.expires < today) {
            f.status = "open";
            f.justification = "Decision '" + d.status + "' expired on " + d.expires + ": " + d.justification;
        } else {
            f.status = d.status;
            f.justification = d.justification;
        }
    }
}

namespace {
// Sixteen lower-case hex digits as a number: for fixed-length hex, numeric order is text order.
std::optional<std::uint64_t> hexValue(const std::string& s)
{
    if (s.size() != 16) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return std::nullopt;
        v = (v << 4) | static_cast<std::uint64_t>(d);
    }
    return v;
}

// The question texts asked so far, by their SharedText hash: an open-addressing table sized once
// for every question of the review. A node-based set allocated a node per question, which was
// half of this pass. Texts are compared (and so rendered) only when their hashes are equal.
class AskedTexts
{
public:
    explicit AskedTexts(std::size_t count)
    {
        std::size_t size = 16;
        while (size < 2 * count) size *= 2;
        m_slots.assign(size, {0, nullptr});
    }
    // True when the text was not there yet.
    bool insert(const SharedText& t)
    {
        static const SharedText::Plain kEmpty{std::string()};
        const SharedText::Entry* e = t.entry() ? t.entry() : &kEmpty;
        const std::size_t h = e->hash();
        for (std::size_t i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            auto& [hash, text] = m_slots[i];
            if (!text) {
                m_slots[i] = {h, e};
                return true;
            }
            if (hash == h && (text == e || text->text() == e->text())) return false;
        }
    }

private:
    // Entries, not the SharedTexts that point at them: those move as repeated questions are
    // dropped, the entries stay where they are.
    std::vector<std::pair<std::size_t, const SharedText::Entry*>> m_slots;
};
} // namespace

namespace {
// findings[i] becomes what was at findings[order[i]], each moved once, by following the
// permutation's cycles: a sorted copy would hold every finding twice (50 MB at 100,000
// components).
void putInOrder(std::vector<Finding>& findings, const std::vector<std::size_t>& order)
{
    std::vector<char> placed(order.size(), 0);
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (placed[start]) continue;
        Finding held = std::move(findings[start]);
        std::size_t at = start;
        for (std::size_t from = order[at]; from != start; from = order[at]) {
            findings[at] = std::move(findings[from]);
            placed[at] = 1;
            at = from;
        }
        findings[at] = std::move(held);
        placed[at] = 1;
    }
}
} // namespace

void Review::dropRepeatedQuestions()
{
    // The same question from two rules is asked once, by the more severe finding.
    std::size_t count = 0;
    for (const auto& f : m_findings) count += f.questions.size();
    AskedTexts asked(count);
    for (auto& f : m_findings) {
        auto& qs = f.questions;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < qs.size(); ++i) {
            if (!asked.insert(qs[i].text)) continue;
            if (kept != i) qs[kept] = std::move(qs[i]);
            ++kept;
        }
        qs.erase(qs.begin() + static_cast<std::ptrdiff_t>(kept), qs.end());
    }
}

ReviewResult Review::finish(const model::Design& design)
{
    keepAsks();
    // Sorted by index, then each moved once: a finding is a few hundred bytes of strings. The
    // order is kind, severity (highest first), rule id, fingerprint: the first three packed in one
    // number (rule ids by their rank), the fingerprint's sixteen hex digits read as a second, so
    // the sort compares integers only.
    std::vector<std::string_view> ruleIds;
    // A rule's findings mostly sit together: one entry per run of them, not one per finding
    // (sorting a string per finding was most of finish() at 100,000 components).
    // Findings of one rule share its id's entry: compared by address before by text.
    const SharedText::Entry* lastEntry = nullptr;
    for (const auto& f : m_findings) {
        if (f.ruleId.entry() == lastEntry && lastEntry) continue;
        lastEntry = f.ruleId.entry();
        if (ruleIds.empty() || ruleIds.back() != f.ruleId.str()) ruleIds.push_back(f.ruleId.str());
    }
    std::sort(ruleIds.begin(), ruleIds.end());
    ruleIds.erase(std::unique(ruleIds.begin(), ruleIds.end()), ruleIds.end());
    auto kindOrder = [](const Finding& f) { return f.kind == Finding::Kind::Finding ? 0u : f.kind == Finding::Kind::Ask ? 1u : 2u; };
    struct Key
    {
        std::uint64_t major, minor;
        std::size_t index;
    };
    std::vector<Key> idx(m_findings.size());
    std::string_view lastRule;
    std::uint64_t lastRank = 0;
    bool numeric = true; // every fingerprint sixteen hex digits, as fingerprint() writes them
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const Finding& f = m_findings[i];
        if (i == 0 || ((f.ruleId.entry() != lastEntry || !lastEntry) && f.ruleId.str() != lastRule)) {
            lastEntry = f.ruleId.entry(); // a rule's findings mostly sit together
            lastRule = f.ruleId.str();
            lastRank = static_cast<std::uint64_t>(std::lower_bound(ruleIds.begin(), ruleIds.end(), lastRule) - ruleIds.begin());
        }
        const auto severity = static_cast<std::uint64_t>(4 - static_cast<int>(f.severity));
        const auto fp = hexValue(f.fingerprint);
        numeric = numeric && fp.has_value();
        idx[i] = {(std::uint64_t{kindOrder(f)} << 40) | (severity << 32) | lastRank, fp.value_or(0), i};
    }
    std::stable_sort(idx.begin(), idx.end(), [&](const Key& a, const Key& b) {
        if (a.major != b.major) return a.major < b.major;
        if (numeric) return a.minor < b.minor;
        return m_findings[a.index].fingerprint < m_findings[b.index].fingerprint;
    });
    std::vector<std::size_t> order(idx.size());
    for (std::size_t i = 0; i < idx.size(); ++i) order[i] = idx[i].index;
    putInOrder(m_findings, order);
    dropRepeatedQuestions();
    applyDecisions(design);
    ReviewResult r;
    for (const auto& f : m_findings) {
        ++r.summary.total;
        ++r.summary.bySeverity[static_cast<int>(f.severity)];
        if (f.kind == Finding::Kind::Finding) ++r.summary.findings;
        else if (f.kind == Finding::Kind::Probe) ++r.summary.probes;
        else ++r.summary.asks;
        if (f.status != "open") ++r.summary.accepted;
    }
    r.findings = std::move(m_findings);
    return r;
}

} // namespace pb::rules
