#include "app/cli/diffcommand.h"

#include "app/cli/clioutput.h"
#include "model/designfile.h"
#include "rules/designdiff.h"
#include "rules/engine.h"

#include <CLI/CLI.hpp>

namespace pb::app {

CLI::App* addDiffCommand(CLI::App& app, DiffCommand& o)
{
    auto* cmd = app.add_subcommand("diff", "Compare two versions of a design");
    cmd->add_option("old", o.before, "The previous version")->required();
    cmd->add_option("new", o.after, "The current version")->required();
    cmd->add_option("--format", o.format, "text or markdown")->check(CLI::IsMember({"text", "markdown"}));
    cmd->add_option("--rules", o.packs, "Extra rule pack files or folders");
    cmd->add_option("--output", o.output, "Write here instead of standard output");
    cmd->add_flag("--layout", o.layout, "Also list moved and resized elements");
    cmd->add_flag("--no-builtin", o.noBuiltin, "Use only the packs given with --rules");
    return cmd;
}

int runDiff(const DiffCommand& o)
{
    if (refuseOutputOverInput(o.output, {o.before, o.after})) return kExitInputError;
    model::Diagnostics diags;
    auto before = model::loadDesignFile(o.before, diags);
    auto after = model::loadDesignFile(o.after, diags);
    if (printDiagnostics(diags) || !before || !after) return kExitInputError;
    rules::RuleSet set;
    model::Diagnostics packDiags;
    bool ok = o.noBuiltin || set.loadBuiltinPacks(packDiags);
    ok = set.loadUserPacks(packDiags) && ok;
    for (const auto& p : o.packs) ok = set.loadPack(p, packDiags) && ok;
    printDiagnostics(packDiags);
    if (!ok) return kExitInputError;
    rules::DiffOptions opts;
    opts.includeLayout = o.layout;
    auto diff = rules::diffDesigns(*before, *after, opts);
    rules::diffFindings(diff, set.review(*before), set.review(*after));
    const std::string text = o.format == "markdown" ? rules::diffMarkdown(diff, o.before, o.after) : rules::diffText(diff);
    if (!emit(text, o.output)) return kExitInputError;
    return diff.empty() ? kExitClean : kExitFindings;
}

} // namespace pb::app
