// probeboard-cli: the review engine for terminals and CI (docs/cli.md).
#include "app/cli/baseline.h"
#include "app/cli/clioutput.h"
#include "app/cli/diffcommand.h"
#include "model/autolayout.h"
#include "model/designfile.h"
#include "model/dotexport.h"
#include "model/drawioexport.h"
#include "model/mermaidexport.h"
#include "model/otmexport.h"
#include "model/threagileexport.h"
#include "model/jsonutil.h"
#include "model/designpart.h"
#include "model/printable.h"
#include "model/vocabulary.h"
#include "model/resourcepaths.h"
#include "model/version.h"
#include "rules/engine.h"
#include "rules/loader.h"
#include "rules/report.h"
#include "rules/sharedtextformat.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <map>
#include <set>

using namespace pb;
using app::Baseline;
using app::inputError;
using app::kExitClean;
using app::kExitFindings;
using app::kExitInputError;

namespace {

struct CheckOptions
{
    std::vector<std::string> files;
    std::string format = "text";
    std::string failOn = "high";
    std::vector<std::string> packs;
    std::string baseline;
    std::string output;
    bool noBuiltin = false;
};

bool loadRules(rules::RuleSet& set, const std::vector<std::string>& packs, bool builtin)
{
    model::Diagnostics diags;
    bool ok = true;
    if (builtin) ok = set.loadBuiltinPacks(diags) && ok;
    ok = set.loadUserPacks(diags) && ok;
    for (const auto& p : packs) ok = set.loadPack(p, diags) && ok;
    app::printDiagnostics(diags);
    return ok;
}

// A DOT file drawn without positions has every component at 0,0, and the HTML report's picture
// was one box on top of all the others: laid out with Graphviz first. (The whiteboard places such
// a design in columns when it opens it, with Qt's measures of the boxes.)
void placeIfUnplaced(model::Design& d)
{
    if (!model::isUnpositioned(d)) return;
    const model::LayoutResult laid = model::layoutDesign(d);
    if (laid.ok) model::applyLayout(d, laid);
}

// Written a piece at a time: the report of a design of 100,000 components runs to 200 MB, and
// holding it (or a JSON document of it) whole took more memory than the review itself.
void writeReport(const CheckOptions& o, const std::vector<rules::FileReview>& reviews,
                 const rules::RuleSet& set, const rules::ReportWriter& write)
{
    if (o.format == "json") return rules::writeReportJson(reviews, write);
    if (o.format == "sarif") return rules::writeReportSarif(reviews, set, write);
    if (o.format == "github") return rules::writeReportGithub(reviews, write);
    if (o.format == "gitlab") return rules::writeReportGitlab(reviews, write);
    if (o.format == "csv") return rules::writeReportCsv(reviews, write);
    if (o.format == "junit") {
        rules::Severity failAt = rules::Severity::High;
        rules::parseSeverity(o.failOn, failAt); // checked by runCheck before any file was read
        return rules::writeReportJunit(reviews, set, failAt, write);
    }
    if (o.format == "markdown") return rules::writeReportMarkdown(reviews, {}, write);
    if (o.format == "html") return rules::writeReportHtml(reviews, {}, write);
    rules::writeReportText(reviews, o.output.empty() && app::stdoutIsTerminal(), write);
}

int runCheck(const CheckOptions& o)
{
    rules::Severity threshold;
    if (!rules::parseSeverity(o.failOn, threshold))
        return inputError("--fail-on takes info, low, medium, high or critical, not '" + o.failOn + "'");
    if (std::count(o.files.begin(), o.files.end(), "-") > 1)
        return inputError("standard input ('-') can be read only once; give it once");
    if (app::refuseOutputOverInput(o.output, o.files)) return kExitInputError;
    rules::RuleSet set;
    if (!loadRules(set, o.packs, !o.noBuiltin)) return kExitInputError;
    std::optional<Baseline> baseline;
    if (!o.baseline.empty() && !(baseline = app::readBaseline(o.baseline))) return kExitInputError;
    // An architecture page's diagrams all reviewed, each reported and baselined under its own name.
    // A folder: the design files in it and below, each reviewed under its own path.
    model::Diagnostics named;
    const std::vector<std::string> files = model::eachDesignIn(o.files, &named);
    bool broken = app::printDiagnostics(named);
    std::vector<model::Design> designs;
    designs.reserve(files.size());
    std::vector<rules::FileReview> reviews;
    // Every file is read before giving up: a CI log that named only the first broken one took a
    // run per file to clear.
    for (const auto& file : files) {
        model::Diagnostics diags;
        auto d = model::loadDesignFile(file, diags);
        if (app::printDiagnostics(diags) || !d) broken = true;
        else designs.push_back(std::move(*d));
    }
    if (broken) return kExitInputError;
    if (o.format == "html")
        for (auto& d : designs) placeIfUnplaced(d);
    bool failed = false;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        rules::FileReview r{files[i], &designs[i], set.review(designs[i]), {}};
        if (o.format == "sarif" || o.format == "github" || o.format == "gitlab" || o.format == "junit") r.lines = model::elementLines(files[i], designs[i]);
        // Also on stderr: a report written to a file would leave it unseen in a CI log.
        model::Diagnostics stopped;
        for (const auto& st : r.result.stopped)
            stopped.push_back({model::Diagnostic::Level::Warning, files[i], 0, 0, "", "", "W-RULE-STOPPED",
                               rules::stoppedRuleText(st), ""});
        app::printDiagnostics(stopped);
        if (baseline) {
            const auto known = app::baselineFor(*baseline, files[i], o.baseline);
            std::erase_if(r.result.findings, [&](const auto& f) { return known.count(f.fingerprint) > 0; });
            r.result.summary = rules::summarize(r.result.findings);
        }
        for (const auto& f : r.result.findings)
            failed = failed || (!f.settled() && f.severity >= threshold &&
                                f.kind == rules::Finding::Kind::Finding);
        reviews.push_back(std::move(r));
    }
    auto produce = [&](const rules::ReportWriter& write) { writeReport(o, reviews, set, write); };
    if (!app::emit(produce, o.output)) return kExitInputError;
    return failed ? kExitFindings : kExitClean;
}

int runConvert(const std::string& in, const std::string& out)
{
    const std::string ext =
        out == "-" ? ".probeboard" : model::lowerAscii(std::filesystem::path(out).extension().string());
    const bool dot = ext == ".dot" || ext == ".gv";
    const bool mermaid = ext == ".mmd" || ext == ".mermaid";
    const bool drawio = ext == ".drawio";
    const bool otm = ext == ".otm";
    const bool threagile = ext == ".yaml" || ext == ".yml";
    // Anything else used to be written as JSON under whatever name was given (out.svg, OUT.DOT).
    if (!dot && !mermaid && !drawio && !otm && !threagile && ext != ".probeboard" && ext != ".json")
        return inputError(out + ": cannot tell what to write from '" +
                          std::filesystem::path(out).extension().string() +
                          "'; name it .probeboard or .json for a design file, .dot or .gv for DOT, .mmd for Mermaid, "
                          ".drawio for draw.io, .otm for an Open Threat Model document, .yaml for a Threagile model");
    if (app::refuseOutputOverInput(out, {in})) return kExitInputError;
    model::Diagnostics diags;
    auto d = model::loadDesignFile(in, diags);
    if (app::printDiagnostics(diags) || !d) return kExitInputError;
    // A design DOT cannot carry (a NUL byte, a text of megabytes), or one larger than a design
    // file may be, is refused naming the element or the size, and nothing is written: the file
    // would not have opened again.
    model::Diagnostics refused;
    std::string tooLarge;
    const std::optional<std::string> text =
        dot       ? model::exportDot(*d, in, refused)
        : mermaid ? model::exportMermaid(*d, in, refused)
        : drawio  ? model::exportDrawio(*d, in, refused)
        : otm       ? model::exportOtm(*d, in, refused)
        : threagile ? model::exportThreagile(*d, in, refused)
                    : model::designTextToSave(*d, out == "-" ? "standard output" : out, tooLarge);
    if (!tooLarge.empty())
        refused.push_back({model::Diagnostic::Level::Error, in, 0, 0, "", "", "E-LIMIT", tooLarge, ""});
    app::printDiagnostics(refused); // what was left out is said, even when the rest is written
    if (!text) return kExitInputError;
    return app::emit(*text, out) ? kExitClean : kExitInputError;
}

int runLayout(const std::string& in, const std::string& out, const std::string& engine, double limit)
{
    model::Diagnostics diags;
    auto d = model::loadDesignFile(in, diags);
    if (app::printDiagnostics(diags) || !d) return kExitInputError;
    model::LayoutResult result;
    const std::string used = engine.empty() ? model::defaultLayoutEngine(*d) : engine;
    // Graphviz reports some graphs it cannot lay out by failing an assertion (abort).
    app::CrashAsInputError crash(fmt::format("{}: Graphviz failed inside its layout of this design (its own "
                                             "error, not the file's); try the other engine, --engine {}",
                                             in, used == "sfdp" ? "dot" : "sfdp"));
    // sfdp is the fast engine and the default for big designs: suggesting it again after it ran
    // sent the user round in a circle.
    const std::string advice = used == "sfdp" ? "sfdp is already the faster engine; try a longer --time-limit, "
                                                "or 0 for none"
                                              : "try --engine sfdp, or a longer --time-limit";
    app::runWithTimeLimit(limit, [&] { result = model::layoutDesign(*d, {used, true}); },
                          fmt::format("{}: layout took longer than {:g} s and was stopped ({})", in, limit, advice));
    if (!result.ok) return inputError(in + ": " + result.error);
    return app::emit(model::layoutToJson(result).dump(2) + "\n", out) ? kExitClean : kExitInputError;
}

int runRulesList(const std::vector<std::string>& packs, const std::string& format)
{
    rules::RuleSet set;
    if (!loadRules(set, packs, true)) return kExitInputError;
    const auto list = set.rules();
    if (format == "json") {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& r : list)
            arr.push_back({{"id", r.id}, {"title", r.title}, {"category", r.category},
                           {"severity", rules::severityName(r.severity)}, {"level", r.level},
                           {"type", r.probe ? "probe" : "finding"}, {"pack", r.packId}});
        return app::emit(arr.dump(2) + "\n", "") ? kExitClean : kExitInputError;
    }
    std::string out;
    for (const auto& r : list)
        out += fmt::format("{:<40} {:<9} {:<7} {:<26} {}\n", r.id, rules::severityName(r.severity),
                           r.level, r.category, r.title);
    out += fmt::format("{} rules\n", list.size());
    // A pack from --rules is someone else's text on this terminal: its escapes are shown.
    return app::emit(model::printable(out, model::LineBreaks::Keep), "") ? kExitClean : kExitInputError;
}

int runRulesExplain(const std::vector<std::string>& packs, const std::string& id)
{
    rules::RuleSet set;
    if (!loadRules(set, packs, true)) return kExitInputError;
    const auto list = set.rules();
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& r) { return r.id == id; });
    if (it == list.end()) {
        std::vector<std::string> ids;
        for (const auto& r : list) ids.push_back(r.id);
        auto hint = model::closestMatch(id, ids);
        return inputError("no rule '" + id + "'" +
                          (!hint.empty() ? "; did you mean '" + hint + "'?"
                           : packs.empty() ? "; a rule of your own pack needs it loaded: rules --rules PACK explain " + id
                                           : std::string()));
    }
    std::string out = fmt::format("{}\n{}\n\n", it->id, it->title);
    out += fmt::format("severity: {}   level: {}   category: {}   pack: {} ({})\n\n",
                       rules::severityName(it->severity), it->level, it->category, it->packId, it->sourceFile);
    out += it->description + "\n";
    if (!it->questions.empty()) {
        out += "\nQuestions (at most three per finding; variants are picked by the numbers drawn):\n";
        for (const auto& q : it->questions) out += "  ? " + q + "\n";
    }
    if (!it->fixHint.empty()) out += "\nFix: " + it->fixHint + "\n";
    // A rule that cannot tell without a fact asks for it instead of guessing: the reader of the
    // rule should see that question too, not only the ones its findings carry.
    if (!it->ask.empty()) out += "\nWhen a fact it needs is not drawn, it asks:\n  ? " + it->ask + "\n";
    out += "\n‹…› stands for a label or value of your design; see the questions filled in with: "
           "probeboard-cli check DESIGN\n";
    return app::emit(model::printable(out, model::LineBreaks::Keep), "") ? kExitClean : kExitInputError;
}

// The .json file beside `path` whose name is nearest to it ("acme.jsn" → "acme.json").
std::string nearbyFile(const std::string& path)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") names.push_back(e.path().filename().string());
    const std::string best = model::closestMatch(p.filename().string(), names);
    return best.empty() ? best : (p.has_parent_path() ? (dir / best).string() : best);
}

int runRulesTest(const std::vector<std::string>& packs, const std::string& packId)
{
    rules::RuleSet set;
    // "rules test my-pack.json" is what a team types for its own pack: a path loads that file
    // (next to the built-in packs, so id clashes are caught) and tests only its rules.
    std::string only = packId;
    std::vector<std::string> all = packs;
    std::error_code ec;
    // Also given with --rules, or installed in the user folder, it still loads once (RuleSet).
    if (!packId.empty() && std::filesystem::exists(packId, ec)) all.push_back(packId);
    if (!loadRules(set, all, true)) return kExitInputError;
    if (!packId.empty() && std::filesystem::exists(packId, ec)) {
        only.clear();
        for (const auto& r : set.rules())
            if (std::filesystem::equivalent(r.sourceFile, packId, ec)) only = r.packId;
        // A copy of a loaded pack adds nothing, so its rules name the other file: its id says
        // which. An empty `only` would run every pack's examples and pass on the built-in ones.
        model::Diagnostics again;
        const auto pack = only.empty() ? rules::loadPackFile(packId, again) : std::nullopt;
        if (pack && !pack->rules.empty()) only = pack->id;
        if (only.empty()) return inputError("no examples found: " + packId + " has no rules");
    } else if (!packId.empty()) {
        std::vector<std::string> ids;
        for (const auto& r : set.rules())
            if (std::find(ids.begin(), ids.end(), r.packId) == ids.end()) ids.push_back(r.packId);
        if (std::find(ids.begin(), ids.end(), packId) == ids.end()) {
            const std::string hint = model::closestMatch(packId, ids);
            const std::string near = hint.empty() ? nearbyFile(packId) : std::string();
            return inputError("no pack '" + packId + "': not a file, nor the id of a loaded pack" +
                              (!hint.empty() ? "; did you mean '" + hint + "'?"
                               : !near.empty() ? "; did you mean the file '" + near + "'?" : std::string()));
        }
    }
    int passed = 0, failed = 0;
    for (const auto& r : set.runExamples(only)) {
        const std::string line = r.ruleId + ": " + r.name + (r.passed ? "" : "  — " + r.message);
        std::fprintf(stdout, "%s  %s\n", r.passed ? "ok  " : "FAIL", model::printable(line).c_str());
        (r.passed ? passed : failed)++;
    }
    std::fprintf(stdout, "%d passed, %d failed\n", passed, failed);
    if (passed + failed == 0) return inputError("no examples found" + (packId.empty() ? "" : " in pack '" + packId + "'"));
    return failed ? kExitFindings : kExitClean;
}

// Each --rules takes one pack: CLI11 lets a list option take every word after it, and the
// design files after "--rules team.json" were then read as packs.
void addPacksOption(CLI::App* cmd, std::vector<std::string>& packs)
{
    cmd->add_option("--rules", packs, "An extra rule pack file or folder (repeat for more)")
        ->allow_extra_args(false);
}

// CLI11 says only "A subcommand is required" for a misspelt command ("chek", "rules explian"):
// this names the word and suggests the command meant.
bool knownCommand(const CLI::App& parent, const std::string& word)
{
    std::vector<std::string> names;
    for (const auto* sub : parent.get_subcommands(std::function<bool(const CLI::App*)>{}))
        names.push_back(sub->get_name());
    if (word.empty() || word[0] == '-' || std::find(names.begin(), names.end(), word) != names.end())
        return true;
    const std::string hint = model::closestMatch(word, names);
    inputError(fmt::format("unknown command '{}'; {} (see --help)", word,
                           hint.empty() ? "the commands are " + fmt::format("{}", fmt::join(names, ", "))
                                        : "did you mean '" + hint + "'?"));
    return false;
}

// The first word from argv[from] on that is neither an option nor the pack after --rules.
const char* commandWordAfter(int argc, char** argv, int from)
{
    for (int i = from; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rules") ++i;
        else if (arg.empty() || arg[0] != '-') return argv[i];
    }
    return nullptr;
}

void addVersion(CLI::App* app)
{
    app->set_version_flag("--version", std::string("probeboard-cli ") + kVersion);
}

} // namespace

int main(int argc, char** argv)
{
    model::setExecutablePath(argv[0]);
    // A reader that stops early (`check … | head`) would end the process silently with exit 141;
    // ignored, the write fails and the report says why, with exit 2 (docs/cli.md).
    std::signal(SIGPIPE, SIG_IGN);
    // Named, so usage lines say "probeboard-cli" rather than the path it was started from.
    CLI::App app{"probeboard-cli: review system designs from the terminal and CI", "probeboard-cli"};
    addVersion(&app);
    app.require_subcommand(1);

    CheckOptions check;
    auto* checkCmd = app.add_subcommand("check", "Review designs (.probeboard, .json, .dot, Mermaid, Markdown, draw.io, Threat Dragon, Threat Modeling Tool, Open Threat Model, exported pictures, folders)");
    checkCmd->add_option("files", check.files, "Designs: .probeboard/.json, .dot/.gv, Mermaid .mmd, draw.io .drawio (and .drawio.svg/.png), a Threat Dragon model (.json), a Threat Modeling Tool model (.tm7; model.tm7#2 names its second diagram), an Open Threat Model document (.otm, .json or .yaml), a Threagile model (threagile.yaml), a pytm model in JSON (tm.py --json, or what pytm.json.load reads), a Markdown file's Mermaid flowcharts (each reviewed; doc.md#2 names the second), a PNG, SVG or PDF exported with its design; a folder: every design file in it and below; - for standard input")->required();
    checkCmd->add_option("--format", check.format, "text, json, sarif, github (Actions annotations), gitlab (Code Quality), junit (a test report for Jenkins, GitLab, Azure Pipelines, CircleCI), markdown, html or csv (a spreadsheet)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html", "csv"}));
    checkCmd->add_option("--fail-on", check.failOn,
                         "Exit 1 when an open finding is at or above this severity");
    addPacksOption(checkCmd, check.packs);
    checkCmd->add_option("--baseline", check.baseline,
                         "A previous --format json result; report only new findings");
    checkCmd->add_option("--output", check.output, "Write here instead of standard output");
    checkCmd->add_flag("--no-builtin", check.noBuiltin, "Use only the packs given with --rules");
    addVersion(checkCmd);

    std::string convertIn, convertOut;
    auto* convertCmd = app.add_subcommand("convert", "Convert a design between .probeboard and .dot, or write it as a Mermaid flowchart (.mmd); reads .mmd, .drawio, Markdown, Threat Dragon, Threat Modeling Tool and OTM models, and PNG, SVG and PDF exports, too");
    convertCmd->add_option("input", convertIn, "The design to read (.dot/.gv, Mermaid .mmd, draw.io .drawio, a Threat Dragon model (.json) or Threat Modeling Tool model (.tm7, model.tm7#2), a Markdown page's flowchart (doc.md#2), a PNG, SVG or PDF exported with its design, or .probeboard JSON; - for standard input)")->required();
    convertCmd->add_option("output", convertOut, "Where to write it: .probeboard/.json as a design file, .dot/.gv as DOT, .mmd/.mermaid as a Mermaid flowchart (ids, labels, kinds, flows and zones; no properties), .drawio for draw.io (its Edit Data holds ids, kinds and properties), .otm for an Open Threat Model document (OTM 0.2.0 JSON: trust zones, assets and attributes for tools that read OTM), .yaml or .yml for a Threagile model (technical assets, links, data assets and trust boundaries, with placeholder ratings); - for standard output (a design file)")->required();
    addVersion(convertCmd);

    std::string layoutIn, layoutOut, layoutEngine;
    double layoutLimit = 120; // the whiteboard's own limit for the same run
    auto* layoutCmd = app.add_subcommand("layout", "Lay a design out with Graphviz; write positions as JSON");
    layoutCmd->add_option("input", layoutIn, "The design to lay out (.probeboard, .json, .dot, .mmd, .drawio)")->required();
    layoutCmd->add_option("output", layoutOut, "Result file (JSON); standard output if omitted");
    layoutCmd->add_option("--engine", layoutEngine, "dot or sfdp (default: by size)")
        ->check(CLI::IsMember({"dot", "sfdp"}));
    layoutCmd->add_option("--time-limit", layoutLimit, "Stop after this many seconds and exit 2 (0: no limit)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1e6));
    addVersion(layoutCmd);

    std::string reportFile, reportFormat = "html", reportOut;
    std::vector<std::string> reportPacks;
    auto* reportCmd = app.add_subcommand("report", "Write a review report");
    reportCmd->add_option("design", reportFile, "The design to review (.probeboard, .json, .dot, .mmd, .drawio)")->required();
    reportCmd->add_option("--format", reportFormat, "html (self-contained, the default) or markdown")
        ->check(CLI::IsMember({"html", "markdown"}));
    reportCmd->add_option("--output", reportOut, "Write here instead of standard output");
    addPacksOption(reportCmd, reportPacks);
    bool reportNoBuiltin = false;
    reportCmd->add_flag("--no-builtin", reportNoBuiltin, "Use only the packs given with --rules");
    addVersion(reportCmd);

    app::DiffCommand diff;
    auto* diffCmd = app::addDiffCommand(app, diff);
    addVersion(diffCmd);

    std::vector<std::string> rulePacks;
    std::string listFormat = "text", explainId, testPack;
    auto* rulesCmd = app.add_subcommand("rules", "List, explain and test rules");
    rulesCmd->require_subcommand(1);
    addPacksOption(rulesCmd, rulePacks);
    addVersion(rulesCmd);
    auto* listCmd = rulesCmd->add_subcommand("list", "List the loaded rules");
    listCmd->add_option("--format", listFormat, "text or json")->check(CLI::IsMember({"text", "json"}));
    addVersion(listCmd);
    auto* explainCmd = rulesCmd->add_subcommand("explain", "Explain one rule");
    explainCmd->add_option("id", explainId, "A rule id, as rules list shows it")->required();
    addVersion(explainCmd);
    auto* testCmd = rulesCmd->add_subcommand("test", "Run the example cases packs carry");
    testCmd->add_option("pack", testPack, "Only this pack: a pack id, or the path of a pack file");
    addVersion(testCmd);
    // "rules explain ID --rules team.json": the pack option may follow the subcommand too.
    for (auto* sub : {listCmd, explainCmd, testCmd}) sub->fallthrough();

    if (argc > 1 && !knownCommand(app, argv[1])) return kExitInputError;
    if (argc > 1 && std::string(argv[1]) == "rules")
        if (const char* word = commandWordAfter(argc, argv, 2); word && !knownCommand(*rulesCmd, word))
            return kExitInputError;
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return inputError(std::string(e.what()) + " (see --help)");
    }
    try {
        if (checkCmd->parsed()) return runCheck(check);
        if (convertCmd->parsed()) return runConvert(convertIn, convertOut);
        if (layoutCmd->parsed()) return runLayout(layoutIn, layoutOut, layoutEngine, layoutLimit);
        if (reportCmd->parsed()) {
            CheckOptions o;
            o.files = {reportFile};
            o.format = reportFormat;
            o.output = reportOut;
            o.packs = reportPacks;
            o.noBuiltin = reportNoBuiltin;
            o.failOn = "critical";
            return runCheck(o) == kExitInputError ? kExitInputError : kExitClean;
        }
        if (diffCmd->parsed()) return app::runDiff(diff);
        if (listCmd->parsed()) return runRulesList(rulePacks, listFormat);
        if (explainCmd->parsed()) return runRulesExplain(rulePacks, explainId);
        if (testCmd->parsed()) return runRulesTest(rulePacks, testPack);
    } catch (const std::exception& e) {
        return inputError(std::string("unexpected failure: ") + e.what());
    }
    return kExitInputError;
}
