// What a review does once every rule has run: keeps the asks, orders the findings, asks each
// question once and applies the design's decisions. Kept apart from the matching (review.cpp):
// it reads only the findings, never the snapshot.
#include "model/printable.h"
#include "rules/review.h"
#include "rules/rulesetimpl.h"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <future>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include <sys/mman.h>
#include <unistd.h>

namespace pb::rules {

void Review::merge(Review&& other)
{
    // Placed first, this review's before the other's: ties keep the order found.
    prepareFinish();
    other.prepareFinish();
    const auto offset = static_cast<std::uint32_t>(m_questionHashes.size());
    m_questionHashes.insert(m_questionHashes.end(), other.m_questionHashes.begin(), other.m_questionHashes.end());
    // Room for the asks finish() keeps too: growing it there copied every place once more.
    m_placed.reserve(m_placed.size() + other.m_placed.size() + asksCount() + other.asksCount());
    const auto part = static_cast<std::uint8_t>(std::min(m_parts++, 255));
    for (Placed p : other.m_placed) {
        p.questionsFrom += offset;
        p.part = part;
        m_placed.push_back(p);
    }
    // Kept as they are, each moved once when finish() puts every finding in order: moving them
    // here first, then again into order, was two passes over 33 MB at 100,000 components.
    for (auto& list : other.m_full) m_merged.push_back(std::move(list));
    m_merged.push_back(std::move(other.m_findings));
    for (auto& list : other.m_merged) m_merged.push_back(std::move(list));
    m_stopped.insert(m_stopped.end(), other.m_stopped.begin(), other.m_stopped.end());
    m_mergedAsks.push_back(std::move(other.m_asks));
    for (auto& list : other.m_mergedAsks) m_mergedAsks.push_back(std::move(list));
    // A merged review runs no more rules: its probes' places (by index into its own findings)
    // would not hold here.
    m_probes.clear();
    // Freed now, not when the other review goes: finish() needs the room.
    other.m_full = {};
    other.m_findings = {};
    other.m_merged = {};
    other.m_placed = {};
    other.m_questionHashes = {};
    other.m_asks = {};
    other.m_mergedAsks = {};
    other.dropMatchState();
}

void Review::dropMatchState()
{
    m_fingerprints = {};
    m_askedOf = {};
    m_askedOfId = {};
    m_targetStamp = {};
    m_textScratch = {};
    m_probes.clear();
}

std::size_t Review::asksCount() const
{
    std::size_t n = m_asks.size();
    for (const auto& list : m_mergedAsks) n += list.size();
    return n;
}

void Review::keepAsks(std::vector<PendingAsk*>& out)
{
    // Every ask in the order found (this review's, then those merged in), then in rule order;
    // within one rule, in the order found (stable).
    std::vector<PendingAsk*> all;
    all.reserve(asksCount());
    for (auto& a : m_asks) all.push_back(&a);
    for (auto& list : m_mergedAsks)
        for (auto& a : list) all.push_back(&a);
    std::vector<std::uint32_t> idx(all.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t i, std::uint32_t j) { return all[i]->order < all[j]->order; });
    // Looked up by the hashes worked out when each was made (prepare()), in open-addressing
    // tables of places in `all`: sets of string pairs were a node allocated per ask and most of this at 100,000
    // components. Texts are compared only when hashes are equal.
    std::size_t size = 16;
    while (size < 2 * all.size()) size *= 2;
    constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
    std::vector<std::uint32_t> pairs(size, kEmpty), elements(size, kEmpty), perElement(size, 0);
    auto slotOf = [&](std::vector<std::uint32_t>& table, std::size_t hash, auto&& same) {
        std::size_t s = hash & (size - 1);
        while (table[s] != kEmpty && !same(*all[table[s]])) s = (s + 1) & (size - 1);
        return s;
    };
    for (std::uint32_t i : idx) {
        PendingAsk& a = *all[i];
        const std::size_t p = slotOf(pairs, a.prepared.pair, [&](const PendingAsk& o) {
            return o.prepared.pair == a.prepared.pair && o.element == a.element && o.key == a.key;
        });
        if (pairs[p] != kEmpty) continue;
        pairs[p] = i;
        const std::size_t e = slotOf(elements, a.prepared.element, [&](const PendingAsk& o) {
            return o.prepared.element == a.prepared.element && o.element == a.element;
        });
        elements[e] = i;
        if (perElement[e]++ >= static_cast<std::uint32_t>(std::max(a.cap, 0))) continue;
        out.push_back(&a);
    }
}

namespace {
// Why a decision settles nothing, or empty when it stands. Each case is a hand-edited file that
// would otherwise waive a finding in CI without saying so (the whiteboard writes none of them).
std::string whyNotApplied(const model::Decision& d, const std::string& ruleId, const std::string& today)
{
    const auto& known = model::decisionStatuses();
    if (std::find(known.begin(), known.end(), d.status) == known.end())
        return model::quoteText(d.status) + " is not a status, so the decision settles nothing";
    // An expiry that is not a date cannot be trusted to have passed or not: it counts as
    // passed, so the finding fails the build until someone writes it properly.
    if (!d.expires.empty() && !model::isIsoDate(d.expires))
        return "Decision " + model::quoteText(d.status) + " has an expiry that is not a real date written YYYY-MM-DD (" + model::quoteText(d.expires) + ")";
    if (!d.expires.empty() && d.expires < today) return "Decision " + model::quoteText(d.status) + " expired on " + d.expires;
    if (!d.rule.empty() && d.rule != ruleId)
        return "Decision names rule " + model::quoteText(d.rule) + ", but this finding is from " + model::quoteText(ruleId) + ", so it settles nothing";
    if (model::settlesFinding(d.status) && (model::isBlank(d.owner) || model::isBlank(d.justification)))
        return "Decision " + model::quoteText(d.status) + " has no " + std::string(model::isBlank(d.owner) ? "owner" : "justification") +
               ", so it settles nothing";
    return {};
}
} // namespace

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
        if (const std::string why = whyNotApplied(d, f.ruleId.str(), today); !why.empty()) {
            f.status = "open";
            f.justification = why + (d.justification.empty() ? std::string() : ": " + d.justification);
        } else {
            f.status = d.status;
            f.justification = d.justification;
        }
    }
}

namespace {
// The findings are moved in sorted order, from wherever their rules left them: each is a few
// cache lines read from afar, asked for this many findings before they are needed.
constexpr std::size_t kAhead = 8;
void prefetchFinding(const Finding* f)
{
    const char* at = reinterpret_cast<const char*>(f);
    for (std::size_t line = 0; line < sizeof(Finding); line += 64) __builtin_prefetch(at + line, 1);
}

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

// The questions asked so far, by their text's hash: an open-addressing table sized for a share
// of the review's questions (dropRepeatedQuestions), holding where each is (finding, place). Texts are
// compared (and so rendered) only when their hashes are equal; otherwise only the hashes, kept
// beside the order, are read, not the findings.
class AskedTexts
{
public:
    // Empty, with room for `count` questions.
    void reset(std::size_t count)
    {
        std::size_t size = 16;
        while (size < 2 * count) size *= 2;
        m_slots.assign(size, {0, kEmpty, 0});
    }
    // True when question `i` of finding `k` (hash `h`) was not asked yet. Questions already in
    // stay where they are until the end: repeats are taken out after every question is in.
    bool insert(std::size_t h, std::uint32_t k, std::uint32_t i, const std::vector<Finding>& findings)
    {
        for (std::size_t s = h & (m_slots.size() - 1);; s = (s + 1) & (m_slots.size() - 1)) {
            Slot& slot = m_slots[s];
            if (slot.finding == kEmpty) {
                slot = {h, k, i};
                return true;
            }
            if (slot.hash == h && same(findings[slot.finding].questions[slot.question].text, findings[k].questions[i].text))
                return false;
        }
    }

private:
    static bool same(const SharedText& a, const SharedText& b) { return a.entry() == b.entry() || a.str() == b.str(); }
    static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
    struct Slot
    {
        std::size_t hash;
        std::uint32_t finding, question;
    };
    std::vector<Slot> m_slots;
};
} // namespace

Review::Placed Review::placed(Finding& f, std::optional<std::uint64_t> fingerprint)
{
    Placed p = placeOf(f, fingerprint);
    p.questionsFrom = static_cast<std::uint32_t>(m_questionHashes.size());
    for (const auto& q : f.questions) m_questionHashes.push_back(q.hash());
    return p;
}

Review::Placed Review::placeOf(Finding& f, std::optional<std::uint64_t> fingerprint)
{
    auto kindOrder = [](const Finding& x) { return x.kind == Finding::Kind::Finding ? 0u : x.kind == Finding::Kind::Ask ? 1u : 2u; };
    Placed p;
    const auto severity = static_cast<std::uint64_t>(4 - static_cast<int>(f.severity));
    p.major = (std::uint64_t{kindOrder(f)} << 40) | (severity << 32);
    const auto fp = fingerprint ? fingerprint : hexValue(f.fingerprint);
    p.minor = fp.value_or(0);
    p.numeric = fp.has_value();
    p.finding = &f;
    p.rule = f.ruleId.entry();
    p.questions = static_cast<std::uint16_t>(f.questions.size()); // one to three
    return p;
}

void Review::prepareFinish()
{
    setFullAside();
    // Findings were placed as they were made. Asks added from a part (ReviewCache) were not
    // prepared yet; those merged in were prepared by the review that made them.
    for (auto& a : m_asks) prepare(a);
}

void Review::prepare(PendingAsk& a)
{
    // Which asks are kept is known only in finish(), on one thread; what it needs of them is
    // worked out when they are made, on the thread of the review that makes them.
    if (a.prepared.done) return;
    for (auto& q : a.finding.questions)
        if (!q.textHash) q.textHash = q.text.hash();
    Placed place = placeOf(a.finding);
    place.finding = nullptr; // the ask is moved after this
    const std::size_t element = std::hash<std::string>{}(a.element);
    const std::size_t key = std::hash<std::string>{}(a.key);
    a.prepared = {true, place, a.finding.questions.empty() ? 0 : a.finding.questions.front().textHash, element,
                  element ^ (key + 0x9e3779b97f4a7c15ULL + (element << 6) + (element >> 2))};
}

void Review::dropRepeatedQuestions(std::vector<Finding>& sorted)
{
    // The same question from two rules is asked once, by the more severe finding (the first in
    // order). m_placed is in the order of `sorted` by now. Equal texts have equal hashes: the
    // questions are dealt out by their hashes' top bits, in order, and each share is looked
    // through alone, in a table that stays in cache (one table for all was 5.7 ms of cache misses
    // at 100,000 components).
    struct Question
    {
        std::size_t hash;
        std::uint32_t finding, question;
    };
    constexpr std::size_t kPerShare = 4096;
    unsigned bits = 0;
    while (bits < 12 && (m_questionHashes.size() >> bits) > kPerShare) ++bits;
    auto shareOf = [bits](std::size_t hash) { return bits ? static_cast<std::size_t>(std::uint64_t{hash} >> (64 - bits)) : 0; };
    std::vector<std::uint32_t> end((std::size_t{1} << bits) + 1, 0);
    // The hashes are in the order found and read in the order sorted: asked for ahead.
    auto ahead = [&](std::size_t k) {
        if (k + kAhead < m_placed.size()) __builtin_prefetch(&m_questionHashes[m_placed[k + kAhead].questionsFrom]);
    };
    for (std::size_t k = 0; k < m_placed.size(); ++k) {
        ahead(k);
        const Placed& p = m_placed[k];
        for (std::uint32_t i = 0; i < p.questions; ++i) ++end[shareOf(m_questionHashes[p.questionsFrom + i]) + 1];
    }
    for (std::size_t s = 1; s < end.size(); ++s) end[s] += end[s - 1];
    std::vector<Question> dealt(m_questionHashes.size());
    for (std::uint32_t k = 0; k < m_placed.size(); ++k) {
        ahead(k);
        const Placed& p = m_placed[k];
        for (std::uint32_t i = 0; i < p.questions; ++i) {
            const std::size_t h = m_questionHashes[p.questionsFrom + i];
            dealt[end[shareOf(h)]++] = {h, k, i};
        }
    }
    // `end` now holds where each share ends.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> repeated; // finding, question
    AskedTexts asked;
    for (std::size_t s = 0, from = 0; s + 1 < end.size(); from = end[s++]) {
        asked.reset(end[s] - from);
        for (std::size_t q = from; q < end[s]; ++q)
            if (!asked.insert(dealt[q].hash, dealt[q].finding, dealt[q].question, sorted))
                repeated.emplace_back(dealt[q].finding, dealt[q].question);
    }
    // From the back, so that each place still names the question it did.
    std::sort(repeated.begin(), repeated.end());
    for (auto it = repeated.rbegin(); it != repeated.rend(); ++it) {
        auto& qs = sorted[it->first].questions;
        qs.erase(qs.begin() + it->second);
    }
}

namespace {
// From this many bytes of findings, the pages they are moved into are made present on a second
// thread while this one sorts: first touches of fresh pages were 8 of the 20 ms the move into
// order took at 100,000 components.
constexpr std::size_t kPrefaultFrom = std::size_t{16} << 20;

std::future<void> prefault(void* data, std::size_t bytes)
{
    if (bytes < kPrefaultFrom) return {};
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto from = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    const auto to = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
    if (to <= from) return {};
    try {
        // Only the page tables change; a kernel without MADV_POPULATE_WRITE refuses, and the
        // pages are then touched by the move itself.
        return std::async(std::launch::async, [from, to] { madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE); });
    } catch (const std::system_error&) {
        return {};
    }
}
} // namespace

void Review::putInOrder()
{
    // Every finding in the order it was found: this review's, those of the reviews merged into
    // it, then the asks kept. Ties in the sort keep that order.
    prepareFinish();
    placeKeptAsks();
    // Moved by several threads into places made beforehand (most of finish() was this move), or
    // by this one as it goes when the list is short.
    const bool split = m_finishThreads > 1 && m_placed.size() >= kSplitMoveFrom;
    std::vector<Finding> sorted;
    sorted.reserve(m_placed.size());
    std::future<void> present = prefault(sorted.data(), sorted.capacity() * sizeof(Finding));
    sortPlaces();
    // Each finding (a few hundred bytes of strings) moved once, into its place.
    if (present.valid()) present.get();
    moveIntoOrder(sorted, split);
    // What the findings were moved out of is freed beside the questions' pass when a second
    // thread is to hand: neither reads what the other does.
    auto freeLists = [this] {
        m_full = {};
        m_merged = {};
        m_asks = {};
        m_mergedAsks = {};
    };
    runSideBySide(split, [&] { dropRepeatedQuestions(sorted); }, freeLists);
    m_findings = std::move(sorted);
    m_placed = {};
    m_questionHashes = {};
}

void Review::placeKeptAsks()
{
    std::vector<PendingAsk*> asks;
    keepAsks(asks);
    m_placed.reserve(m_placed.size() + asks.size());
    for (PendingAsk* a : asks) {
        if (a->prepared.place.questions != 1) { // asks have one question: otherwise read the finding
            m_placed.push_back(placed(a->finding));
            continue;
        }
        Placed p = a->prepared.place;
        p.finding = &a->finding;
        p.questionsFrom = static_cast<std::uint32_t>(m_questionHashes.size());
        m_questionHashes.push_back(a->prepared.question);
        m_placed.push_back(p);
    }
}

void Review::sortPlaces()
{
    const bool numeric = addRuleRanks();
    // The order found breaks ties. Fingerprints that are not numbers are compared as text, in
    // place: a stable sort's buffer was a few MB more at the review's peak.
    if (numeric) {
        sortPlaced(m_placed);
        return;
    }
    std::sort(m_placed.begin(), m_placed.end(), [&](const Placed& a, const Placed& b) {
        if (a.major != b.major) return a.major < b.major;
        if (a.finding->fingerprint != b.finding->fingerprint) return a.finding->fingerprint < b.finding->fingerprint;
        return a.found < b.found;
    });
}

void Review::moveIntoOrder(std::vector<Finding>& sorted, bool split)
{
    if (!split) {
        for (std::size_t k = 0; k < m_placed.size(); ++k) {
            if (k + kAhead < m_placed.size()) prefetchFinding(m_placed[k + kAhead].finding);
            sorted.push_back(std::move(*m_placed[k].finding));
        }
        return;
    }
    sorted.resize(m_placed.size());
    const std::size_t n = static_cast<std::size_t>(m_finishThreads), size = m_placed.size();
    // Each thread moves what its part made, still in its core's cache: reading findings the
    // other core made was most of the move. A finding is five whole cache lines, so the two
    // never write to the same line.
    runOnThreads(n, [&](std::size_t t) {
        for (std::size_t k = 0; k < size; ++k)
            if (m_placed[k].part % n == t) sorted[k] = std::move(*m_placed[k].finding);
    });
}

void Review::sortPlaced(std::vector<Placed>& placed)
{
    // Dealt out by major (kind, severity and rule: a few dozen, each met in runs) and the top
    // bits of the fingerprint, then put right by an insertion sort, which has only the few in
    // each group to order. A comparison sort was a quarter of finish() at 10,000 components:
    // its branches on random fingerprints are unpredictable.
    const std::size_t n = placed.size();
    std::vector<std::uint64_t> majors;
    for (std::size_t i = 0; i < n; ++i)
        if (i == 0 || placed[i].major != placed[i - 1].major) majors.push_back(placed[i].major);
    std::sort(majors.begin(), majors.end());
    majors.erase(std::unique(majors.begin(), majors.end()), majors.end());
    unsigned bits = 0; // about as many groups as places
    while (bits < 16 && (majors.size() << (bits + 1)) <= n) ++bits;
    std::vector<std::uint32_t> group(n);
    std::vector<std::uint32_t> next((majors.size() << bits) + 1, 0);
    for (std::size_t i = 0, major = 0; i < n; ++i) {
        if (i == 0 || placed[i].major != placed[i - 1].major)
            major = static_cast<std::size_t>(std::lower_bound(majors.begin(), majors.end(), placed[i].major) - majors.begin());
        const std::uint64_t top = bits ? placed[i].minor >> (64 - bits) : 0;
        group[i] = static_cast<std::uint32_t>((major << bits) | top);
        ++next[group[i] + 1];
    }
    for (std::size_t g = 1; g < next.size(); ++g) next[g] += next[g - 1];
    // In place, each swapped straight into its group's next free slot (American flag sort): a
    // second list of places was a few MB more at the review's peak.
    const std::vector<std::uint32_t> end(next.begin() + 1, next.end());
    for (std::size_t g = 0; g < end.size(); ++g)
        while (next[g] < end[g]) {
            const std::uint32_t i = next[g];
            if (group[i] == g) {
                ++next[g];
                continue;
            }
            const std::uint32_t j = next[group[i]]++;
            std::swap(placed[i], placed[j]);
            std::swap(group[i], group[j]);
        }
    // Each group is one major: by fingerprint, then order found.
    auto before = [](const Placed& a, const Placed& b) { return a.minor != b.minor ? a.minor < b.minor : a.found < b.found; };
    for (std::size_t g = 0, from = 0; g < end.size(); from = end[g++]) {
        const auto first = placed.begin() + static_cast<std::ptrdiff_t>(from), last = placed.begin() + static_cast<std::ptrdiff_t>(end[g]);
        if (last - first > 32) { // a group this large means fingerprints alike in their top bits
            std::sort(first, last, before);
            continue;
        }
        for (auto it = first; it != last; ++it) {
            const Placed p = *it;
            auto j = it;
            for (; j != first && before(p, *(j - 1)); --j) *j = *(j - 1);
            *j = p;
        }
    }
}

bool Review::addRuleRanks()
{
    // A rule's findings mostly sit together, and share its id's text: one rank per run of them,
    // recognised by the text's address before by the text (sorting a string per finding was most
    // of finish() at 100,000 components).
    std::vector<std::string_view> ruleIds;
    const SharedText::Entry* lastEntry = nullptr;
    for (std::size_t i = 0; i < m_placed.size(); ++i) {
        const Placed& p = m_placed[i];
        if (i > 0 && p.rule == lastEntry) continue;
        lastEntry = p.rule;
        const std::string_view id = p.finding->ruleId.str();
        if (ruleIds.empty() || ruleIds.back() != id) ruleIds.push_back(id);
    }
    std::sort(ruleIds.begin(), ruleIds.end());
    ruleIds.erase(std::unique(ruleIds.begin(), ruleIds.end()), ruleIds.end());
    std::uint64_t lastRank = 0;
    bool numeric = true; // every fingerprint sixteen hex digits, as fingerprint() writes them
    for (std::size_t i = 0; i < m_placed.size(); ++i) {
        Placed& p = m_placed[i];
        p.found = static_cast<std::uint32_t>(i);
        if (i == 0 || p.rule != lastEntry) {
            lastEntry = p.rule;
            const std::string_view id = p.finding->ruleId.str();
            lastRank = static_cast<std::uint64_t>(std::lower_bound(ruleIds.begin(), ruleIds.end(), id) - ruleIds.begin());
        }
        p.major |= lastRank;
        numeric = numeric && p.numeric;
    }
    return numeric;
}

ReviewResult Review::finish(const model::Design& design)
{
    putInOrder();
    applyDecisions(design);
    ReviewResult r;
    r.summary = summarize(m_findings);
    r.findings = std::move(m_findings);
    // By rule id: which thread ran a rule must not change the result.
    std::sort(m_stopped.begin(), m_stopped.end(),
              [](const StoppedRule& a, const StoppedRule& b) { return a.ruleId < b.ruleId; });
    r.stopped = std::move(m_stopped);
    return r;
}

} // namespace pb::rules
