// Review-engine figures for docs/perf.md: load a saved design and run every built-in rule over
// it at 1k, 10k and 100k components, against one plain BFS over the same graph, and peak memory.
// Prints figures; never a pass/fail test.
//   bench_review [--pii-leak P] [--rules] [--no-packs] [--no-cache] [--file DESIGN] [--threads T]
//   [--keep DIR] [N ...]   (default: 1000 10000 100000, P = 0; --file: that design instead of
//   generated ones; T: threads the review may use, default one per core)
// --rules also times each rule alone and lists the ten slowest (PB_RULES_ALL=1: every rule); --no-packs skips the times per
// pack (so that a profile shows the full analysis alone); --no-cache skips the reviews through a
// ReviewCache (what the whiteboard runs after each edit).
// The peak memory of the budget is measured as a user meets it: a fresh process (this program
// again, `--peak-of DESIGN`) loads the saved file and reviews it once, as probeboard-cli check
// does before it writes its report; this process's own peak also holds the generator's design
// and the JSON document it was saved from.
// P is the share of cross-region flows not marked as carrying only ids/aggregates: every such
// flow lets each EU store of personal data reach a whole other region (see docs/perf.md).
// --keep DIR writes the generated designs there and leaves them, for profiling with --file.
// For profiling: PB_REVIEW_RUNS=N repeats the full analysis N times (default 20/5/3 by size),
// PB_MATCH_ROUNDS=N the matching alone (default 3), and with
// --rules, PB_RULE_FOCUS=ID times only that rule, 300 times, so that a profile shows it alone.
#include "bench/designgen.h"
#include "model/designfile.h"
#include "model/resourcepaths.h"
#include "rules/engine.h"
#include "rules/loader.h"
#include "rules/review.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

using namespace pb;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

long peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024; // kilobytes on Linux
}

// Loads `path`, reviews it once with every built-in pack and prints the peak RSS in MB: run in
// a fresh process, so that nothing else this benchmark did counts.
int peakOf(const std::string& path, int threads)
{
    rules::RuleSet set;
    model::Diagnostics diags;
    if (!set.loadBuiltinPacks(diags)) return 1;
    auto design = model::loadDesignFile(path, diags);
    if (!design) return 1;
    rules::ReviewOptions opts{"2026-01-01"};
    opts.threads = threads;
    const auto result = set.review(*design, opts);
    std::printf("%ld %zu\n", peakRssMb(), result.findings.size());
    return 0;
}

long peakInFreshProcess(const std::string& path, int threads)
{
    const std::string command = "/proc/" + std::to_string(::getpid()) + "/exe --peak-of '" + path +
                                "' --threads " + std::to_string(threads);
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return -1;
    long mb = -1;
    std::size_t results = 0;
    if (std::fscanf(pipe, "%ld %zu", &mb, &results) != 2) mb = -1;
    return ::pclose(pipe) == 0 ? mb : -1;
}

// Adjacency in both directions, built outside the timed part: the yardstick is the traversal.
struct Graph
{
    std::vector<int> start, next;
};

Graph adjacency(const model::Design& d)
{
    std::unordered_map<std::string, int> index;
    index.reserve(d.components().size());
    for (const auto& c : d.components()) index.emplace(c.id, static_cast<int>(index.size()));
    const std::size_t n = d.components().size();
    std::vector<std::pair<int, int>> edges;
    edges.reserve(d.flows().size() * 2);
    for (const auto& f : d.flows()) {
        const int a = index.at(f.from), b = index.at(f.to);
        edges.emplace_back(a, b);
        edges.emplace_back(b, a);
    }
    std::sort(edges.begin(), edges.end());
    Graph g;
    g.start.assign(n + 1, 0);
    for (const auto& e : edges) ++g.start[static_cast<std::size_t>(e.first) + 1];
    for (std::size_t i = 0; i < n; ++i) g.start[i + 1] += g.start[i];
    g.next.reserve(edges.size());
    for (const auto& e : edges) g.next.push_back(e.second);
    return g;
}

// One BFS that reaches every component (restarting in each unreached part), following flows
// both ways: the least work any whole-design question can take.
std::size_t bfsAll(const Graph& g)
{
    const std::size_t n = g.start.size() - 1;
    std::vector<char> seen(n, 0);
    std::vector<int> queue;
    queue.reserve(n);
    std::size_t visitedEdges = 0;
    for (std::size_t s = 0; s < n; ++s) {
        if (seen[s]) continue;
        seen[s] = 1;
        queue.clear();
        queue.push_back(static_cast<int>(s));
        for (std::size_t h = 0; h < queue.size(); ++h) {
            const int v = queue[h];
            for (int e = g.start[static_cast<std::size_t>(v)]; e < g.start[static_cast<std::size_t>(v) + 1]; ++e) {
                ++visitedEdges;
                const int w = g.next[static_cast<std::size_t>(e)];
                if (!seen[static_cast<std::size_t>(w)]) {
                    seen[static_cast<std::size_t>(w)] = 1;
                    queue.push_back(w);
                }
            }
        }
    }
    return visitedEdges;
}

template <typename F>
double bestOf(int runs, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, msSince(t0));
    }
    return best;
}

struct PackSet
{
    std::string name;
    rules::RuleSet set;
};

// Where the time goes: each built-in pack on its own.
void perPack(const model::Design& d, const std::vector<PackSet>& packs, int runs)
{
    for (const auto& p : packs) {
        rules::ReviewResult r;
        const double ms = bestOf(runs, [&] { r = p.set.review(d, {"2026-01-01"}); });
        std::printf("           %-22s %9.2f ms  %7zu results\n", p.name.c_str(), ms, r.findings.size());
    }
}

double g_piiLeak = 0.0;
bool g_perRule = false;
bool g_perPack = true;

// The matching alone: every rule over one snapshot, counting matches without building a
// finding (no text, ids or fingerprints). What the engine's search costs, apart from reporting.
double matchOnly(const model::Design& d, const std::vector<rules::Pack>& packs, long& matches)
{
    static const int rounds = std::getenv("PB_MATCH_ROUNDS") ? std::atoi(std::getenv("PB_MATCH_ROUNDS")) : 3;
    return bestOf(rounds, [&] {
        matches = 0;
        rules::Snapshot snap(d);
        for (const auto& p : packs)
            for (const auto& r : p.rules) {
                rules::Evaluator ev(snap, r);
                ev.run([&](const std::vector<rules::Slot>&, rules::Tri, const std::vector<rules::Unknown>&) { ++matches; });
            }
    });
}

std::vector<rules::Pack> builtinPacks()
{
    std::vector<rules::Pack> packs;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(model::resourceDir() + "/packs"))
        if (e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        model::Diagnostics ignored;
        if (auto p = rules::loadPackFile(f, ignored)) packs.push_back(std::move(*p));
    }
    return packs;
}

// The ten slowest rules, each run alone over one shared snapshot (--rules).
void perRule(const model::Design& d)
{
    const std::vector<rules::Pack> packs = builtinPacks();
    const auto t0 = Clock::now();
    rules::Snapshot snap(d);
    std::printf("           snapshot (index, adjacency, placements) %8.2f ms\n", msSince(t0));
    struct Time
    {
        double ms, matchMs;
        std::string id;
        long matches;
        bool operator<(const Time& o) const { return ms < o.ms; }
    };
    std::vector<Time> times;
    for (const auto& p : packs)
        for (const auto& r : p.rules) {
            const char* focus = std::getenv("PB_RULE_FOCUS");
            if (focus && r.id != focus) continue;
            const double ms = bestOf(focus ? 300 : 3, [&] {
                rules::Review review(snap, {"2026-01-01"});
                review.run(p, r);
            });
            long matches = 0;
            const double matchMs = bestOf(focus ? 300 : 3, [&] {
                matches = 0;
                rules::Evaluator ev(snap, r);
                ev.run([&](const std::vector<rules::Slot>&, rules::Tri, const std::vector<rules::Unknown>&) { ++matches; });
            });
            times.push_back({ms, matchMs, r.id, matches});
        }
    std::sort(times.rbegin(), times.rend());
    double total = 0, matching = 0;
    for (const auto& t : times) total += t.ms, matching += t.matchMs;
    std::printf("           all %zu rules one by one (no snapshot) %8.2f ms, matching alone %.2f ms; slowest:\n",
                times.size(), total, matching);
    const std::size_t shown = std::getenv("PB_RULES_ALL") ? times.size() : std::min<std::size_t>(10, times.size());
    for (std::size_t i = 0; i < shown; ++i)
        std::printf("             %-34s %8.2f ms  (matching %6.2f ms, %6ld matches)\n", times[i].id.c_str(),
                    times[i].ms, times[i].matchMs, times[i].matches);
}

std::string g_file;
std::string g_keep; // --keep DIR: the generated designs are written there and left for profiling
int g_threads = 0;
bool g_cached = true;

// The review the whiteboard runs after each edit (rules::ReviewCache): every rule on a fresh
// cache, then edits that re-run some rules (a breaker toggled on a flow) or none (a note).
void cachedReviews(const model::Design& design, const rules::RuleSet& set, const rules::ReviewOptions& opts, int runs)
{
    auto shared = std::make_shared<const model::Design>(design);
    rules::ReviewResult r;
    const double fresh = bestOf(runs, [&] {
        rules::ReviewCache cache;
        r = set.review(shared, opts, cache);
    });
    std::printf("         through a ReviewCache, fresh   %8.2f ms   (%d results)\n", fresh, r.summary.total);
    if (design.flows().empty()) return;
    rules::ReviewCache cache;
    set.review(shared, opts, cache);
    model::Design edited = design;
    const std::string flowId = edited.flows()[edited.flows().size() / 2].id;
    bool on = false;
    const double toggle = bestOf(runs, [&] {
        on = !on;
        edited.flow(flowId)->props["circuit_breaker"] = on;
        r = set.review(std::make_shared<const model::Design>(edited), opts, cache);
    });
    std::printf("           after a breaker toggled      %8.2f ms   (%d of %zu rules re-run; design copy included)\n",
                toggle, cache.lastRerun(), set.rules().size());
    int note = 0;
    const double untouched = bestOf(runs, [&] {
        edited.flow(flowId)->props["team_note"] = std::to_string(++note);
        r = set.review(std::make_shared<const model::Design>(edited), opts, cache);
    });
    std::printf("           after a property no rule reads %6.2f ms   (%d rules re-run)\n", untouched,
                cache.lastRerun());
    // A flow drawn and taken away again, between two components a third of the design apart,
    // declared as carrying ids only like the generator's flows between regions (an undeclared
    // one lets every EU source of personal data reach the other region: tens of thousands of
    // new cross-region-pii findings at 10k, whatever the review's speed).
    const std::string from = edited.components()[edited.components().size() / 3].id;
    const std::string to = edited.components()[2 * edited.components().size() / 3].id;
    bool drawn = false;
    const double flowed = bestOf(runs, [&] {
        drawn = !drawn;
        if (drawn) edited.addFlow({"bench-extra-flow", from, to, "", {{"carries", model::StringList{"ids"}}}, {}});
        else edited.removeFlow("bench-extra-flow");
        r = set.review(std::make_shared<const model::Design>(edited), opts, cache);
    });
    std::printf("           after a flow added/removed %8.2f ms   (%d rules re-run, %d of them only around it)\n",
                flowed, cache.lastRerun(), cache.lastPartial());
}

void runSize(int n, const rules::RuleSet& set, const std::vector<PackSet>& packs,
             const std::filesystem::path& dir)
{
    const auto tGen = Clock::now();
    std::string path = g_file;
    if (path.empty()) {
        const model::Design generated = bench::generateDesign({n, 42, 100, 0.05, 0.2, g_piiLeak});
        path = (dir / ("design-" + std::to_string(n) + ".probeboard")).string();
        std::string error;
        if (!model::saveDesignFile(generated, path, error)) {
            std::fprintf(stderr, "bench_review: cannot save %s: %s\n", path.c_str(), error.c_str());
            std::exit(1);
        }
    }
    const double genMs = msSince(tGen);
    const auto bytes = std::filesystem::file_size(path);
    const int runs = n >= 100000 ? 3 : n >= 10000 ? 5 : 20;
    // PB_REVIEW_RUNS=N repeats the full analysis N times, so that a profile shows mostly it.
    const int reviewRuns = std::getenv("PB_REVIEW_RUNS") ? std::atoi(std::getenv("PB_REVIEW_RUNS")) : runs;

    // One design alive at a time, as in the application: each load replaces the last, which is
    // freed before the next load starts (and outside the timing).
    std::optional<model::Design> loaded;
    double loadMs = 1e300;
    for (int i = 0; i < (n >= 100000 ? 2 : 5); ++i) {
        loaded.reset();
        const auto t0 = Clock::now();
        model::Diagnostics diags;
        loaded = model::loadDesignFile(path, diags);
        if (!loaded) {
            std::fprintf(stderr, "bench_review: %s does not load back\n", path.c_str());
            std::exit(1);
        }
        loadMs = std::min(loadMs, msSince(t0));
    }

    rules::ReviewResult result;
    rules::ReviewOptions opts{"2026-01-01"};
    opts.threads = g_threads;
    double reviewMs = 1e300;
    for (int i = 0; i < reviewRuns; ++i) {
        result = {}; // one result alive at a time, as in the CLI; its freeing is not timed
        const auto t0 = Clock::now();
        result = set.review(*loaded, opts);
        reviewMs = std::min(reviewMs, msSince(t0));
    }
    const long reviewPeakMb = peakInFreshProcess(path, g_threads);
    const Graph g = adjacency(*loaded);
    std::size_t edges = 0;
    const double bfsMs = bestOf(runs * 4, [&] { edges = bfsAll(g); });

    std::printf("%8zu components %8zu flows %4zu zones | file %6.1f MB, generate %7.1f ms\n",
                loaded->components().size(),
                loaded->flows().size(), loaded->zones().size(), double(bytes) / 1e6, genMs);
    std::printf("         load (read + parse + validate) %8.2f ms\n", loadMs);
    std::printf("         full analysis, all packs       %8.2f ms   (%d findings, %d asks, %d probes)\n",
                reviewMs, result.summary.findings, result.summary.asks, result.summary.probes);
    std::printf("         one plain BFS (%zu edge visits) %8.3f ms   analysis / BFS = %.0f\n", edges,
                bfsMs, reviewMs / bfsMs);
    long matches = 0;
    const double matchMs = matchOnly(*loaded, builtinPacks(), matches);
    std::printf("         matching only, one thread      %8.2f ms   (%ld matches; no findings built)\n", matchMs,
                matches);
    std::printf("         peak RSS, load + analysis alone %7ld MB   (a fresh process, as probeboard-cli check)\n",
                reviewPeakMb);
    if (g_cached) cachedReviews(*loaded, set, opts, runs);
    std::printf("         peak RSS so far                %8ld MB\n", peakRssMb());
    if (g_perPack) {
        std::printf("         per pack:\n");
        perPack(*loaded, packs, std::max(1, runs / 2));
    }
    if (g_perRule) perRule(*loaded);
    std::fflush(stdout);
    if (g_file.empty() && g_keep.empty()) std::filesystem::remove(path);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--peak-of")
        return peakOf(argv[2], argc >= 5 && std::string(argv[3]) == "--threads" ? std::atoi(argv[4]) : 0);
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--pii-leak" && i + 1 < argc) g_piiLeak = std::atof(argv[++i]);
        else if (std::string(argv[i]) == "--rules") g_perRule = true;
        else if (std::string(argv[i]) == "--no-packs") g_perPack = false;
        else if (std::string(argv[i]) == "--no-cache") g_cached = false;
        else if (std::string(argv[i]) == "--file" && i + 1 < argc) g_file = argv[++i];
        else if (std::string(argv[i]) == "--threads" && i + 1 < argc) g_threads = std::atoi(argv[++i]);
        else if (std::string(argv[i]) == "--keep" && i + 1 < argc) g_keep = argv[++i];
        else sizes.push_back(std::atoi(argv[i]));
    }
    if (!g_file.empty()) sizes = {1};
    if (sizes.empty()) sizes = {1000, 10000, 100000};

    rules::RuleSet set;
    model::Diagnostics diags;
    if (!set.loadBuiltinPacks(diags)) {
        for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.format().c_str());
        return 1;
    }
    std::printf("built-in rules: %zu\n", set.rules().size());
    std::vector<PackSet> packs;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(model::resourceDir() + "/packs"))
        if (e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        PackSet p{std::filesystem::path(f).stem().string(), {}};
        model::Diagnostics ignored;
        if (p.set.loadPack(f, ignored)) packs.push_back(std::move(p));
    }
    const auto dir = g_keep.empty()
                         ? std::filesystem::temp_directory_path() / ("pb-bench-" + std::to_string(::getpid()))
                         : std::filesystem::path(g_keep);
    std::filesystem::create_directories(dir);
    for (int n : sizes)
        if (n > 0) runSize(n, set, packs, dir);
    if (g_keep.empty()) std::filesystem::remove_all(dir);
    return 0;
}
