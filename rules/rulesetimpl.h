#pragma once
// The inside of a RuleSet, shared by the files that implement it (engine.cpp, incremental.cpp).

#include "model/diagnostic.h"
#include "model/jsonutil.h"
#include "rules/engine.h"
#include "rules/pack.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace pb::rules {

class RuleSetImpl
{
public:
    std::vector<Pack> packs;
    std::vector<RuleInfo> infos; // rebuilt when a pack is added
    std::set<std::string> files; // each pack file loaded, by its canonical path
    int generation = 0;          // counts packs added: a ReviewCache filled before is stale
    // Unique per rule set for the life of the process: a cache must not mistake a new rule set
    // that happens to live at a freed one's address for the one it was filled by.
    const std::uint64_t uid = nextUid();

    bool add(Pack pack, model::Diagnostics& diags)
    {
        // A pack id names one pack: a copy of a loaded one (installed in the user folder and
        // also given with --rules) adds nothing, and another pack under a taken id is one error,
        // not one per rule (and "rules test ID" would not know which was meant).
        for (const auto& p : packs) {
            if (p.id != pack.id) continue;
            std::string e1, e2;
            const auto mine = model::readTextFile(pack.file, e1), theirs = model::readTextFile(p.file, e2);
            if (mine && theirs && *mine == *theirs) return true;
            diags.push_back({model::Diagnostic::Level::Error, pack.file, 0, 0, "", "/pack/id", "E-DUP-ID",
                             "pack id '" + pack.id + "' is already taken by " + p.file,
                             "give this pack its own id, or load only one of the two"});
            return false;
        }
        std::map<std::string, const Pack*> existing; // rule id → the pack that defines it
        for (const auto& p : packs)
            for (const auto& r : p.rules) existing.emplace(r.id, &p);
        bool ok = true;
        for (const auto& r : pack.rules)
            if (const auto it = existing.find(r.id); it != existing.end()) {
                const Pack& other = *it->second;
                diags.push_back({model::Diagnostic::Level::Error, pack.file, r.line, r.column, r.id, r.pointer,
                                 "E-DUP-ID",
                                 "rule id '" + r.id.str() + "' is already defined by pack '" + other.id + "' (" +
                                     other.file + ")",
                                 "rename the rule, or load only one of the two packs"});
                ok = false;
            }
        if (ok) {
            packs.push_back(std::move(pack));
            ++generation;
        }
        return ok;
    }

    void refreshInfos();

private:
    static std::uint64_t nextUid()
    {
        static std::atomic<std::uint64_t> next{1};
        return next++;
    }
};

class Review;

// One rule to run, with its place in the order of all rules (asks are kept in that order).
struct Job
{
    const Pack* pack;
    const Rule* rule;
    int order;
    bool aroundEditOnly = false; // ReviewCache: only the anchors near an edit (rules/locality.h)
};

// How many threads a review of this design may use (ReviewOptions::threads).
int reviewThreads(const model::Design& design, const ReviewOptions& opts, std::size_t fromElements = 8000);

// Calls work(0) … work(n - 1), each but the first on a thread of its own (on this thread when
// none can be had), waits for all, then rethrows the first exception any of them threw.
void runOnThreads(std::size_t n, const std::function<void(std::size_t)>& work);

// a() and b(): side by side when `together` (b() on a kept thread, through runOnThreads), else
// one after the other on this thread.
template <typename A, typename B>
void runSideBySide(bool together, A&& a, B&& b)
{
    if (!together) {
        a();
        b();
        return;
    }
    runOnThreads(2, [&](std::size_t i) {
        if (i == 0) a();
        else b();
    });
}

} // namespace pb::rules
