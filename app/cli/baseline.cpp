// The baseline `check --baseline` compares against: read with only what it needs kept.
#include "app/cli/baseline.h"

#include "app/cli/clioutput.h"
#include "model/jsonutil.h"

#include <filesystem>

namespace pb::app {

namespace {
// A baseline is what `check --format json` wrote, about 2.6 KB per finding: 26 MB at 10,000
// components, past the 64 MiB a whole DOM may take from about 25,000, so the CLI refused its
// own report. Only each result's file and its findings' fingerprints are kept while parsing,
// so the text's size alone bounds the memory.
constexpr std::size_t kMaxBaselineBytes = std::size_t{1} << 30;

std::optional<nlohmann::json> parseBaseline(const std::string& text, const std::string& path)
{
    model::Diagnostics diags;
    if (!model::withinJsonLimits(text, path, diags, kMaxBaselineBytes)) {
        printDiagnostics(diags);
        return std::nullopt;
    }
    // Dropping a key drops its value: the texts, questions and summaries are never built.
    const nlohmann::json::parser_callback_t keep = [](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event != nlohmann::json::parse_event_t::key) return true;
        const auto& k = parsed.get_ref<const std::string&>();
        return k == "file" || k == "findings" || k == "fingerprint";
    };
    try {
        return nlohmann::json::parse(text, keep);
    } catch (const nlohmann::json::parse_error& e) {
        model::addJsonError(text, path, e.byte > 0 ? e.byte - 1 : 0, model::parseErrorText(e.what()), diags);
    } catch (const nlohmann::json::exception& e) {
        model::addJsonError(text, path, 0, model::parseErrorText(e.what()), diags);
    }
    printDiagnostics(diags);
    return std::nullopt;
}

// Whether a path the baseline names is `file`: the same text, the same path once "./" and ".."
// are read, or the same file on disk, from here or from the baseline's folder (a baseline kept at
// the top of a repository, used from a subfolder).
bool samePath(const std::string& written, const std::string& file, const std::string& baselinePath)
{
    namespace fs = std::filesystem;
    if (written == file || fs::path(written).lexically_normal() == fs::path(file).lexically_normal()) return true;
    std::error_code ec;
    const fs::path mine = fs::weakly_canonical(file, ec);
    if (ec) return false;
    for (const fs::path& from : {fs::path(), fs::path(baselinePath).parent_path()}) {
        const fs::path theirs = fs::weakly_canonical(from / written, ec);
        if (!ec && theirs == mine) return true;
    }
    return false;
}

void warnBaseline(const std::string& baselinePath, const std::string& message, const std::string& hint = {})
{
    printDiagnostics({{model::Diagnostic::Level::Warning, baselinePath, 0, 0, "", "", "W-BASELINE-FILE", message, hint}});
}
} // namespace

std::optional<Baseline> readBaseline(const std::string& path)
{
    std::string err;
    auto text = model::readTextFile(path, err, kMaxBaselineBytes);
    if (!text) {
        printDiagnostics({{model::Diagnostic::Level::Error, path, 0, 0, "", "", "E-IO",
                                "cannot read the baseline: " + err, ""}});
        return std::nullopt;
    }
    auto j = parseBaseline(*text, path);
    if (!j) return std::nullopt;
    // A finding the baseline cannot name would come back as new, and one it names wrongly would
    // hide a new one: a baseline that is not what `check --format json` wrote is refused.
    Baseline fps;
    std::string bad; // the JSON pointer of the first thing wrong
    auto collect = [&](const nlohmann::json& one, const std::string& at) {
        if (!one.is_object() || !one.contains("findings") || !one["findings"].is_array()) {
            bad = at;
            return false;
        }
        const auto file = one.find("file");
        // A file with no findings has its result too: otherwise it read as "not in the baseline".
        auto& mine = fps[file != one.end() && file->is_string() ? file->get<std::string>() : std::string()];
        for (std::size_t i = 0; i < one["findings"].size(); ++i) {
            const auto& f = one["findings"][i];
            if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
                bad = at + "/findings/" + std::to_string(i);
                return false;
            }
            mine.insert(f["fingerprint"].get<std::string>());
        }
        return true;
    };
    bool ok = true;
    if (j->is_array())
        for (std::size_t i = 0; ok && i < j->size(); ++i) ok = collect((*j)[i], "/" + std::to_string(i));
    else ok = collect(*j, "");
    if (!ok) {
        // To the depth of a finding ("/0/findings/3"): every value's place in a large report is
        // several times its size.
        const auto [line, column] = model::JsonPositions(*text, 3).find(bad);
        const bool finding = bad.find("/findings/") != std::string::npos;
        printDiagnostics({{model::Diagnostic::Level::Error, path, line, column, "", bad, "E-BASELINE",
                                std::string("not a probeboard-cli --format json result: ") +
                                    (finding ? "a finding has no \"fingerprint\" text" : "no \"findings\" list"),
                                ""}});
        return std::nullopt;
    }
    return fps;
}

// The part of the baseline for `file`: its own result (by path), else the one result with its file
// name, else the one result there is (a renamed design), else none; all but the first are said on
// stderr. Two results with the design's file name (a/design.probeboard, b/design.probeboard) are
// never guessed between: a wrong guess hides findings or fails a clean build.
std::set<std::string> baselineFor(const Baseline& baseline, const std::string& file, const std::string& path)
{
    namespace fs = std::filesystem;
    for (const auto& [written, fps] : baseline)
        if (samePath(written, file, path)) return fps;
    const auto sameName = [&](const auto& entry) { return fs::path(entry.first).filename() == fs::path(file).filename(); };
    const auto named = std::count_if(baseline.begin(), baseline.end(), sameName);
    const auto shown = [](const std::string& written) { return written.empty() ? std::string("a design it does not name") : written; };
    if (named == 1) {
        const auto& [written, fps] = *std::find_if(baseline.begin(), baseline.end(), sameName);
        warnBaseline(path, "the baseline has no result for " + file + "; the one for " + written + ", of the same name, is used");
        return fps;
    }
    if (named == 0 && baseline.size() == 1) {
        warnBaseline(path, "the baseline was written for " + shown(baseline.begin()->first) + "; it is used for " + file + " as well",
                     "write one baseline per design, or one for all of them with every file given");
        return baseline.begin()->second;
    }
    warnBaseline(path, "the baseline has no result for " + file +
                           (named > 1 ? " (it has several files of that name, in other folders)" : "") +
                           ", so all its findings count as new");
    return {};
}

} // namespace pb::app
