#include "rules/engine.h"

#include "model/dotimport.h"
#include "model/resourcepaths.h"
#include "rules/loader.h"
#include "rules/review.h"
#include "rules/rulesetimpl.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace pb::rules {


namespace {
std::string templateText(const Template& t, const Rule& r);
}

void RuleSetImpl::refreshInfos()
{
    infos.clear();
    for (const auto& p : packs)
        for (const auto& r : p.rules)
            infos.push_back({r.id, r.packId, r.title, r.category, r.severity, r.level, r.probe,
                             r.description, templateText(r.fixHint, r), r.sourceFile});
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
        out += "{{" + r.varNames[static_cast<std::size_t>(p.var)];
        if (!p.key.empty()) out += (p.key[0] == '.' || p.key[0] == '@' ? "" : ".") + p.key;
        out += "}}";
    }
    return out;
}
} // namespace

bool RuleSet::loadPack(const std::string& path, model::Diagnostics& diags)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        bool ok = true;
        for (const auto& f : packFilesIn(path)) ok = loadPack(f, diags) && ok;
        return ok;
    }
    auto pack = loadPackFile(path, diags);
    const bool ok = pack && m_impl->add(std::move(*pack), diags);
    if (ok) m_impl->refreshInfos();
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
    return loadPack(dir, diags);
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

// Smaller designs are reviewed on the calling thread: a second thread builds its own snapshot
// and fills its own property columns, and below about 8,000 elements that costs more than it
// saves (bench_review: 2,000 components and flows, 15 ms on one thread, 20 ms on two; 3,000
// components and 8,000 flows, 39 ms on one, 30 ms on two).
int reviewThreads(const model::Design& design, const ReviewOptions& opts)
{
    if (opts.threads > 0) return std::min(opts.threads, 8);
    if (design.components().size() + design.flows().size() < 8000) return 1;
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

void runOnThreads(std::size_t n, const std::function<void(std::size_t)>& work)
{
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
void runJobs(Review& review, const std::vector<Job>& jobs)
{
    for (const auto& j : jobs) review.run(*j.pack, *j.rule, j.order);
}
} // namespace

ReviewResult RuleSet::review(const model::Design& design, const ReviewOptions& opts) const
{
    const int threads = reviewThreads(design, opts);
    // Probe rules share per-kind caps and stay together in the first part; the other rules are
    // dealt out in turn. Each part has its own snapshot (its columns fill as it reads).
    std::vector<std::vector<Job>> parts(static_cast<std::size_t>(threads));
    int order = 0, dealt = 0;
    for (const auto& p : m_impl->packs)
        for (const auto& r : p.rules) {
            const std::size_t part = r.probe ? 0 : static_cast<std::size_t>(dealt++ % threads);
            parts[part].push_back({&p, &r, order++});
        }
    if (threads == 1) {
        Snapshot snap(design);
        Review review(snap, opts);
        runJobs(review, parts.front());
        return review.finish(design);
    }
    std::vector<std::optional<Snapshot>> snaps(parts.size());
    std::vector<std::optional<Review>> reviews(parts.size());
    runOnThreads(parts.size(), [&](std::size_t i) {
        snaps[i].emplace(design);
        reviews[i].emplace(*snaps[i], opts);
        reviews[i]->runsPart();
        runJobs(*reviews[i], parts[i]);
    });
    Review& review = *reviews.front();
    for (std::size_t i = 1; i < parts.size(); ++i) review.merge(std::move(*reviews[i]));
    return review.finish(design);
}

namespace {
ExampleResult runExample(const RuleSet& set, const Rule& rule, const Example& ex)
{
    ExampleResult res{rule.id, ex.name, false, {}};
    model::Diagnostics diags;
    auto design = model::importDot(ex.dot, rule.id + " example '" + ex.name + "'", diags);
    if (!design) {
        res.message = diags.empty() ? "the example's DOT does not load" : diags.front().format();
        return res;
    }
    const auto result = set.review(*design);
    std::vector<const Finding*> mine;
    for (const auto& f : result.findings)
        if (f.ruleId == rule.id && f.kind != Finding::Kind::Ask) mine.push_back(&f);
    if (!ex.fires) {
        res.passed = mine.empty();
        if (!res.passed) res.message = "expected no finding, got " + std::to_string(mine.size());
        return res;
    }
    if (mine.empty()) {
        res.message = "expected the rule to fire; it did not";
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
    std::string got;
    for (const auto& t : mine.front()->targets) got += (got.empty() ? "" : ", ") + t;
    res.message = "fired, but not on the expected targets (got: " + got + ")";
    return res;
}
} // namespace

std::vector<ExampleResult> RuleSet::runExamples(const std::string& packId) const
{
    std::vector<ExampleResult> out;
    for (const auto& p : m_impl->packs) {
        if (!packId.empty() && p.id != packId) continue;
        for (const auto& r : p.rules)
            for (const auto& ex : r.examples) out.push_back(runExample(*this, r, ex));
    }
    return out;
}

} // namespace pb::rules
