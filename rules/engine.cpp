#include "rules/engine.h"

#include "model/dotimport.h"
#include "model/resourcepaths.h"
#include "rules/loader.h"
#include "rules/review.h"
#include "rules/rulesetimpl.h"
#include "rules/workerpool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <malloc.h>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

// jemalloc's control interface, when the program is linked with it (weak: otherwise null, and
// glibc's malloc_trim does the same for its own heap).
extern "C" int mallctl(const char*, void*, std::size_t*, void*, std::size_t) __attribute__((weak));

namespace pb::rules {


namespace {
std::string templateText(const Template& t, const Rule& r);
}

void RuleSetImpl::refreshInfos()
{
    infos.clear();
    for (const auto& p : packs)
        for (const auto& r : p.rules) {
            std::vector<std::string> questions;
            for (const auto& q : r.questions) questions.push_back(templateText(q.text, r));
            infos.push_back({r.id, r.packId, r.title, r.category, r.severity, r.level, r.probe,
                             r.description, templateText(r.fixHint, r), r.sourceFile, std::move(questions),
                             r.ask ? templateText(*r.ask, r) : std::string()});
        }
}

Summary summarize(const std::vector<Finding>& findings)
{
    Summary s;
    for (const auto& f : findings) {
        ++s.total;
        if (f.kind == Finding::Kind::Finding) ++s.bySeverity[static_cast<int>(f.severity)];
        if (f.kind == Finding::Kind::Finding) ++s.findings;
        else if (f.kind == Finding::Kind::Probe) ++s.probes;
        else ++s.asks;
        if (f.settled()) ++s.accepted;
    }
    return s;
}

RuleSet::RuleSet() : m_impl(std::make_unique<RuleSetImpl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

namespace {
std::vector<std::string> packFilesIn(const fs::path& dir)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string templateText(const Template& t, const Rule& r)
{
    std::string out;
    for (const auto& p : t) {
        if (p.var < 0) {
            out += p.text;
            continue;
        }
        // Read by a person (`rules explain`): "‹api›" for a label, "‹db.rps›" for a value.
        const std::string& var = r.varNames[static_cast<std::size_t>(p.var)];
        out += "‹" + var.substr(var[0] == '$' ? 1 : 0);
        if (!p.key.empty() && p.key != ".label") out += (p.key[0] == '.' ? "" : ".") + p.key;
        for (const auto& [filter, arg] : p.filters) out += " as " + filter;
        out += "›";
    }
    return out;
}
} // namespace

bool RuleSet::loadPack(const std::string& path, model::Diagnostics& diags)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) return loadFolder(path, diags, false);
    // One file reached twice (installed in the user folder and given with --rules, or given
    // twice) is one pack: loading it again refused it as a clash with itself.
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!ec && !m_impl->files.insert(canonical.string()).second) return true;
    auto pack = loadPackFile(path, diags);
    const bool ok = pack && m_impl->add(std::move(*pack), diags);
    if (ok) m_impl->refreshInfos();
    return ok;
}

bool RuleSet::loadFolder(const std::string& dir, model::Diagnostics& diags, bool mayBeEmpty)
{
    const auto files = packFilesIn(dir);
    if (files.empty() && !mayBeEmpty)
        diags.push_back({model::Diagnostic::Level::Warning, dir, 0, 0, "", "", "W-NO-PACKS",
                         "the folder holds no rule packs (no .json files), so it adds no rules", ""});
    bool ok = true;
    for (const auto& f : files) ok = loadPack(f, diags) && ok;
    return ok;
}

bool RuleSet::loadBuiltinPacks(model::Diagnostics& diags)
{
    return loadPack(model::resourceDir() + "/packs", diags);
}

bool RuleSet::loadUserPacks(model::Diagnostics& diags)
{
    std::error_code ec;
    const std::string dir = model::userPacksDir();
    if (!fs::is_directory(dir, ec)) return true;
    return loadFolder(dir, diags, true); // most people have none
}

std::vector<RuleInfo> RuleSet::rules() const
{
    return m_impl->infos;
}

const RuleInfo* RuleSet::rule(const std::string& id) const
{
    for (const auto& r : m_impl->infos)
        if (r.id == id) return &r;
    return nullptr;
}

// Smaller designs are reviewed on the calling thread, where starting and merging a second
// review costs more than it saves. The threads share one snapshot (bench_review, 2 December:
// 300 components and 900 flows, 1.3 ms on one thread and 1.1 ms on two; 2,000 and 5,500,
// 9.2 and 7.0 ms). A cached review re-runs a few rules beside a busy UI thread, and starts
// sharing them out only at `fromElements` of 8,000.
int reviewThreads(const model::Design& design, const ReviewOptions& opts, std::size_t fromElements)
{
    if (opts.threads > 0) return std::min(opts.threads, 8);
    if (design.components().size() + design.flows().size() < fromElements) return 1;
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

void runOnThreads(std::size_t n, const std::function<void(std::size_t)>& work)
{
    // The kept threads when they are free; they rethrow what the work threw themselves.
    if (n > 1 && WorkerPool::instance().run(n, work)) return;
    std::vector<std::exception_ptr> failed(n);
    auto guarded = [&](std::size_t i) {
        try {
            work(i);
        } catch (...) {
            failed[i] = std::current_exception(); // rethrown on the calling thread
        }
    };
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < n; ++i) {
        try {
            workers.emplace_back(guarded, i);
        } catch (const std::system_error&) {
            guarded(i); // no thread to be had: the same work, here
        }
    }
    if (n > 0) guarded(0);
    for (auto& w : workers) w.join();
    for (const auto& e : failed)
        if (e) std::rethrow_exception(e);
}

namespace {
// From this many components and flows, a review hands the snapshot's pages back to the system
// once it is freed: the allocator would otherwise keep them (about 30 MB at 100,000 components)
// while the merge and the sort ask for new ones, and the review's peak is in those.
constexpr std::size_t kReleaseFrom = 50000;

void releaseFreedMemory()
{
    if (mallctl) {
        mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0); // 4096: every arena
        return;
    }
    malloc_trim(0);
}

void runJobs(Review& review, const std::vector<Job>& jobs)
{
    for (const auto& j : jobs) review.run(*j.pack, *j.rule, j.order);
}

// How many searches a rule's conditions make: what a rule not timed yet is guessed to cost.
int searches(const Conditions& conds)
{
    int n = 0;
    for (const auto& c : conds) {
        n += c.kind == Condition::Kind::Reach ? 1 : 0;
        n += searches(c.children);
        if (c.step && c.step->toWhere) n += searches(*c.step->toWhere);
        if (c.reach && c.reach->toWhere) n += searches(*c.reach->toWhere);
    }
    return n;
}

// Units of work, longest first (by the last time taken, else by the searches they make), the
// rule order kept among equals: a long rule started last left the other threads idle (12 ms
// at 100,000 components). A part review keeps asks whatever order its rules run in.
std::vector<std::size_t> longestFirst(const std::vector<std::vector<Job>>& units)
{
    std::vector<std::int64_t> weight(units.size(), 0);
    bool timed = false;
    for (std::size_t u = 0; u < units.size(); ++u)
        for (const auto& j : units[u]) {
            const std::int64_t t = j.rule->cost.nanos.load(std::memory_order_relaxed);
            timed = timed || t > 0;
            weight[u] += t > 0 ? t : 0;
        }
    if (!timed)
        for (std::size_t u = 0; u < units.size(); ++u)
            for (const auto& j : units[u]) weight[u] += searches(j.rule->where);
    std::vector<std::size_t> order(units.size());
    for (std::size_t u = 0; u < order.size(); ++u) order[u] = u;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
    return order;
}

void runTimed(Review& review, const std::vector<Job>& jobs)
{
    const auto start = std::chrono::steady_clock::now();
    runJobs(review, jobs);
    const auto took = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    for (const auto& j : jobs)
        j.rule->cost.nanos.store(std::max<std::int64_t>(1, took / static_cast<std::int64_t>(jobs.size())), std::memory_order_relaxed);
}
} // namespace

ReviewResult RuleSet::review(const model::Design& design, const ReviewOptions& opts) const
{
    const int threads = reviewThreads(design, opts, 1000);
    // Units of work in rule order: each rule alone, except the probe rules, which share per-kind
    // caps and go together (where the first of them is).
    std::vector<std::vector<Job>> units;
    std::optional<std::size_t> probes;
    int order = 0;
    for (const auto& p : m_impl->packs)
        for (const auto& r : p.rules) {
            if (r.probe && probes) {
                units[*probes].push_back({&p, &r, order++});
                continue;
            }
            if (r.probe) probes = units.size();
            units.push_back({{&p, &r, order++}});
        }
    // Gone before finish(), which reads only the findings: at 100,000 components the snapshot is
    // 50 MB that the sorting and merging can use instead.
    std::optional<Snapshot> snapHolder(std::in_place, design);
    const Snapshot& snap = *snapHolder;
    const bool large = design.components().size() + design.flows().size() >= kReleaseFrom;
    if (threads == 1) {
        Review review(snap, opts);
        for (const auto& u : units) runJobs(review, u);
        snapHolder.reset();
        if (large) releaseFreedMemory();
        return review.finish(design);
    }
    // Each thread takes the next unit as it finishes one, so that a slow rule does not leave the
    // other threads idle.
    const std::vector<std::size_t> longest = longestFirst(units);
    std::atomic<std::size_t> next{0};
    std::vector<std::optional<Review>> reviews(static_cast<std::size_t>(threads));
    runOnThreads(reviews.size(), [&](std::size_t i) {
        reviews[i].emplace(snap, opts);
        reviews[i]->runsPart();
        for (std::size_t u = next++; u < units.size(); u = next++) runTimed(*reviews[i], units[longest[u]]);
    });
    Review& review = *reviews.front();
    snapHolder.reset();
    if (large) releaseFreedMemory();
    // Each part's order worked out on a thread, in the room the snapshot left.
    runOnThreads(reviews.size(), [&](std::size_t i) {
        reviews[i]->prepareFinish();
        reviews[i]->dropMatchState();
    });
    for (std::size_t i = 1; i < reviews.size(); ++i) review.merge(std::move(*reviews[i]));
    // The parts' own lists, freed by the merge, back to the system before finish() asks for room
    // to put every finding in order: the review's peak is there.
    if (large) releaseFreedMemory();
    review.finishOn(threads);
    return review.finish(design);
}

namespace {
// An example is about its own rule: that rule alone is run on it. Reviewing with every rule of
// the set made `rules test` grow with rules × examples (11.6 s for a pack of 1,000 rules). A
// probe rule shares its pack's cap per kind with the other probes, so it runs in the whole set.
ReviewResult reviewForExample(const RuleSet& set, const Pack& pack, const Rule& rule, const model::Design& design)
{
    if (rule.probe) return set.review(design);
    std::optional<Snapshot> snap(std::in_place, design);
    Review review(*snap, {});
    review.run(pack, rule);
    snap.reset(); // finish() reads the findings alone
    return review.finish(design);
}

ExampleResult runExample(const RuleSet& set, const Pack& pack, const Rule& rule, const Example& ex)
{
    ExampleResult res{rule.id, ex.name, false, {}};
    model::Diagnostics diags;
    auto design = model::importDot(ex.dot, rule.id + " example '" + ex.name + "'", diags);
    if (!design) {
        res.message = diags.empty() ? "the example's DOT does not load" : diags.front().format();
        return res;
    }
    const auto result = reviewForExample(set, pack, rule, *design);
    std::vector<const Finding*> mine;
    std::string asked; // what the rule asked instead of firing, as "rps of b"
    for (const auto& f : result.findings) {
        if (f.ruleId != rule.id) continue;
        if (f.kind != Finding::Kind::Ask) mine.push_back(&f);
        else if (asked.empty()) asked = f.title.str().substr(std::min(f.title.str().size(), std::string("Not drawn: ").size()));
    }
    if (!ex.fires) {
        res.passed = mine.empty();
        if (!res.passed) res.message = "expected no finding, got " + std::to_string(mine.size());
        return res;
    }
    if (mine.empty()) {
        // An unknown match asks instead of firing: the author's example left a fact undrawn.
        res.message = asked.empty() ? "expected the rule to fire; it did not"
                                    : "expected the rule to fire; it did not: it asked about the " + asked +
                                          " instead, because the example does not draw it";
        return res;
    }
    for (const Finding* f : mine) {
        bool all = true;
        for (const auto& t : ex.targets)
            all = all && std::find(f->targets.begin(), f->targets.end(), t) != f->targets.end();
        if (all) {
            res.passed = true;
            return res;
        }
    }
    std::string got, want;
    for (const auto& t : mine.front()->targets) got += (got.empty() ? "" : ", ") + t;
    for (const auto& t : ex.targets) want += (want.empty() ? "" : ", ") + t;
    res.message = "fired, but not on the expected targets (expected: " + want + "; got: " + got + ")";
    return res;
}

// A failing example whose DOT drew something the vocabulary does not know ("api_gatway",
// "ratelimit") fails because of that typo, not the rule: the import's warnings say so.
ExampleResult runExampleExplained(const RuleSet& set, const Pack& pack, const Rule& rule, const Example& ex)
{
    ExampleResult res = runExample(set, pack, rule, ex);
    if (res.passed) return res;
    model::Diagnostics diags;
    model::importDot(ex.dot, "example", diags);
    for (const auto& d : diags)
        if (d.level == model::Diagnostic::Level::Warning)
            res.message += "; the example's DOT: " + d.message + (d.hint.empty() ? "" : " (" + d.hint + ")");
    return res;
}
} // namespace

std::vector<ExampleResult> RuleSet::runExamples(const std::string& packId) const
{
    std::vector<ExampleResult> out;
    for (const auto& p : m_impl->packs) {
        if (!packId.empty() && p.id != packId) continue;
        for (const auto& r : p.rules)
            for (const auto& ex : r.examples) out.push_back(runExampleExplained(*this, p, r, ex));
    }
    return out;
}

} // namespace pb::rules
