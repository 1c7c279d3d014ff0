#include "rules/engine.h"

#include "model/dotimport.h"
#include "model/resourcepaths.h"
#include "rules/loader.h"
#include "rules/review.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace pb::rules {

class RuleSetImpl
{
public:
    std::vector<Pack> packs;
    std::vector<RuleInfo> infos; // rebuilt when a pack is added

    bool add(Pack pack, model::Diagnostics& diags)
    {
        std::set<std::string> existing;
        for (const auto& p : packs)
            for (const auto& r : p.rules) existing.insert(r.id);
        bool ok = true;
        for (const auto& r : pack.rules)
            if (existing.count(r.id)) {
                diags.push_back({model::Diagnostic::Level::Error, pack.file, 0, 0, r.id, "",
                                 "E-DUP-ID", "rule id '" + r.id + "' is already defined by another pack", ""});
                ok = false;
            }
        if (ok) packs.push_back(std::move(pack));
        return ok;
    }

    void refreshInfos();
};

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

ReviewResult RuleSet::review(const model::Design& design, const ReviewOptions& opts) const
{
    Snapshot snap(design);
    Review review(snap, opts);
    for (const auto& p : m_impl->packs)
        for (const auto& r : p.rules) review.run(p, r);
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
