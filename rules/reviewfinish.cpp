// What a review does once every rule has run: keeps the asks, orders the findings, asks each
// question once and applies the design's decisions. Kept apart from the matching (review.cpp):
// it reads only the findings, never the snapshot.
#include "rules/review.h"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pb::rules {

void Review::merge(Review&& other)
{
    // Kept as they are, each moved once when finish() puts every finding in order: moving them
    // here first, then again into order, was two passes over 33 MB at 100,000 components.
    for (auto& list : other.m_full) m_merged.push_back(std::move(list));
    m_merged.push_back(std::move(other.m_findings));
    for (auto& list : other.m_merged) m_merged.push_back(std::move(list));
    m_asks.reserve(m_asks.size() + other.m_asks.size());
    for (auto& a : other.m_asks) m_asks.push_back(std::move(a));
    // A merged review runs no more rules: its probes' places (by index into its own findings)
    // would not hold here.
    m_probes.clear();
    // Freed now, not when the other review goes: finish() needs the room.
    other.m_full = {};
    other.m_findings = {};
    other.m_merged = {};
    other.m_asks = {};
    other.m_fingerprints.clear();
    other.m_askedOf = {};
    other.m_askedOfId = {};
}

void Review::keepAsks(std::vector<Finding*>& out)
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
    for (std::size_t i : idx) {
        PendingAsk& a = m_asks[i];
        if (!asked.emplace(a.element, a.key).second) continue;
        if (perElement[a.element]++ >= a.cap) continue;
        out.push_back(&a.finding);
    }
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
    // True when the question's text was not there yet.
    bool insert(const Question& q)
    {
        static const SharedText::Plain kEmpty{std::string()};
        const SharedText::Entry* e = q.text.entry() ? q.text.entry() : &kEmpty;
        const std::size_t h = q.hash();
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


// Where a finding goes: kind, severity (highest first), rule id, fingerprint. The first three
// are packed in one number (rule ids by their rank), the fingerprint's sixteen hex digits read as
// a second, so that the sort compares integers only.
struct SortKey
{
    std::uint64_t major, minor;
    std::size_t index;
};

std::vector<SortKey> sortKeys(const std::vector<Finding*>& all, bool& numeric)
{
    // A rule's findings mostly sit together, and share its id's entry: one rank per run of
    // them, recognised by that entry's address before by its text (sorting a string per finding
    // was most of finish() at 100,000 components).
    std::vector<std::string_view> ruleIds;
    const SharedText::Entry* lastEntry = nullptr;
    for (const Finding* f : all) {
        if (f->ruleId.entry() == lastEntry && lastEntry) continue;
        lastEntry = f->ruleId.entry();
        if (ruleIds.empty() || ruleIds.back() != f->ruleId.str()) ruleIds.push_back(f->ruleId.str());
    }
    std::sort(ruleIds.begin(), ruleIds.end());
    ruleIds.erase(std::unique(ruleIds.begin(), ruleIds.end()), ruleIds.end());
    auto kindOrder = [](const Finding& f) { return f.kind == Finding::Kind::Finding ? 0u : f.kind == Finding::Kind::Ask ? 1u : 2u; };
    std::vector<SortKey> keys(all.size());
    std::string_view lastRule;
    std::uint64_t lastRank = 0;
    lastEntry = nullptr;
    numeric = true; // every fingerprint sixteen hex digits, as fingerprint() writes them
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Finding& f = *all[i];
        if (i == 0 || ((f.ruleId.entry() != lastEntry || !lastEntry) && f.ruleId.str() != lastRule)) {
            lastEntry = f.ruleId.entry();
            lastRule = f.ruleId.str();
            lastRank = static_cast<std::uint64_t>(std::lower_bound(ruleIds.begin(), ruleIds.end(), lastRule) - ruleIds.begin());
        }
        const auto severity = static_cast<std::uint64_t>(4 - static_cast<int>(f.severity));
        const auto fp = hexValue(f.fingerprint);
        numeric = numeric && fp.has_value();
        keys[i] = {(std::uint64_t{kindOrder(f)} << 40) | (severity << 32) | lastRank, fp.value_or(0), i};
    }
    return keys;
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
            if (!asked.insert(qs[i])) continue;
            if (kept != i) qs[kept] = std::move(qs[i]);
            ++kept;
        }
        qs.erase(qs.begin() + static_cast<std::ptrdiff_t>(kept), qs.end());
    }
}

void Review::putInOrder()
{
    // Every finding in the order it was found: this review's, those of the reviews merged into
    // it, then the asks kept. Ties in the sort keep that order.
    setFullAside();
    std::size_t total = m_asks.size();
    for (const auto* lists : {&m_full, &m_merged})
        for (const auto& list : *lists) total += list.size();
    std::vector<Finding*> all;
    all.reserve(total);
    for (auto* lists : {&m_full, &m_merged})
        for (auto& list : *lists)
            for (auto& f : list) all.push_back(&f);
    keepAsks(all);
    bool numeric = true;
    std::vector<SortKey> keys = sortKeys(all, numeric);
    std::stable_sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
        if (a.major != b.major) return a.major < b.major;
        if (numeric) return a.minor < b.minor;
        return all[a.index]->fingerprint < all[b.index]->fingerprint;
    });
    // Each finding (a few hundred bytes of strings) moved once, into its place.
    std::vector<Finding> sorted;
    sorted.reserve(keys.size());
    for (const SortKey& k : keys) sorted.push_back(std::move(*all[k.index]));
    m_findings = std::move(sorted);
    m_full = {};
    m_merged = {};
    m_asks = {};
}

ReviewResult Review::finish(const model::Design& design)
{
    putInOrder();
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
