#pragma once
// What each fuzz harness checks, shared with tests/model/tst_fuzzregress.cpp so that every
// reproducer kept in tests/data/fuzz-regress/<harness>/ is replayed through the same code.
// Each function returns an empty string when the input was handled as promised (loaded, or
// refused with an error diagnostic) and otherwise says which promise broke. Crashes, leaks and
// hangs are caught by the sanitizers and libFuzzer around them.
#include "model/designfile.h"
#include "model/dotexport.h"
#include "model/dotimport.h"
#include "model/drawioexport.h"
#include "model/drawiofile.h"
#include "model/drawioimport.h"
#include "model/jsonfast.h"
#include "model/designpart.h"
#include "model/mermaidexport.h"
#include "model/mermaidimport.h"
#include "model/pdfdesign.h"
#include "model/pngdesign.h"
#include "model/pytmimport.h"
#include "model/threagileexport.h"
#include "model/threagileimport.h"
#include "model/threatdragonimport.h"
#include "model/tmtimport.h"
#include "model/otmexport.h"
#include "model/otmimport.h"
#include "model/validation.h"
#include "model/vocabulary.h"
#include "rules/compiler.h"
#include "rules/loader.h"
#include "rules/review.h"
#include "rules/snapshot.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace pb::fuzz {

// Any bytes read as a PDF or a PNG that may carry a design (pdfdesign.h, pngdesign.h): never a
// read past the end; a PDF extended with a design gives it back. The bytes are read as a PNG
// behind its signature too, so that every input reaches the chunk reader.
inline std::string checkPdfDesign(const std::string& text)
{
    std::string why;
    (void)model::designInPdf(text, &why);
    (void)model::designInPng(text, &why);
    (void)model::designInPng(std::string("\x89PNG\r\n\x1a\n", 8) + text, &why);
    (void)model::drawioInPicture(text); // draw.io's .drawio.svg and .drawio.png
    (void)model::drawioInPicture(std::string("\x89PNG\r\n\x1a\n", 8) + text);
    const auto extended = model::pdfWithDesign(text, "{\"format\": \"probeboard/1\"}", "d.probeboard");
    if (extended && text.find(".probeboard") == std::string::npos &&
        model::designInPdf(*extended).value_or("") != "{\"format\": \"probeboard/1\"}")
        return "a PDF extended with a design does not give it back";
    return {};
}

// Any bytes read as a draw.io file (drawioimport.h), and as a compressed page of one: refused
// with an error or read, never a crash, and never refused without saying why.
inline std::string checkDrawio(const std::string& text)
{
    for (const std::string& input : {text, "<mxfile><diagram name=\"p\">" + text + "</diagram></mxfile>"}) {
        model::Diagnostics diags;
        if (!model::importDrawio(input, "fuzz.drawio", diags) && !model::hasErrors(diags))
            return "a draw.io text rejected without an error diagnostic";
    }
    return {};
}

// Any bytes read as a Threat Dragon model (threatdragonimport.h), whole and each diagram: refused
// with an error or read, never a crash, and never refused without saying why.
inline std::string checkThreatDragon(const std::string& text)
{
    for (const std::optional<std::size_t> diagram : {std::optional<std::size_t>(), std::optional<std::size_t>(1)}) {
        model::Diagnostics diags;
        if (!model::importThreatDragon(text, "fuzz.json", diags, diagram) && !model::hasErrors(diags))
            return "a Threat Dragon model rejected without an error diagnostic";
    }
    (void)model::threatDragonDiagrams(text);
    return {};
}

// Any bytes read as a Threat Modeling Tool model (tmtimport.h), whole, its second diagram, and
// inside a model's first diagram: the same.
inline std::string checkTmt(const std::string& text)
{
    const std::string inPage = "<ThreatModel xmlns=\"http://schemas.datacontract.org/2004/07/ThreatModeling.Model\">"
                               "<DrawingSurfaceList><DrawingSurfaceModel>" + text + "</DrawingSurfaceModel>"
                               "</DrawingSurfaceList></ThreatModel>";
    for (const std::string& input : {text, inPage})
        for (const std::optional<std::size_t> diagram : {std::optional<std::size_t>(), std::optional<std::size_t>(1)}) {
            model::Diagnostics diags;
            if (!model::importTmt(input, "fuzz.tm7", diags, diagram) && !model::hasErrors(diags))
                return "a Threat Modeling Tool model rejected without an error diagnostic";
        }
    (void)model::tmtDiagrams(text);
    return {};
}

// Any bytes read as an Open Threat Model document (otmimport.h): the same.
inline std::string checkOtm(const std::string& text)
{
    model::Diagnostics diags;
    if (!model::importOtm(text, "fuzz.otm", diags) && !model::hasErrors(diags))
        return "an OTM document rejected without an error diagnostic";
    return {};
}

// What an import of any bytes may end in: an error said, or a design that saves and loads again.
// `what` names the input in the problem ("a Threagile model").
inline std::string savesAndLoads(const std::optional<model::Design>& design, const model::Diagnostics& diags,
                                 const std::string& what)
{
    if (!design) return model::hasErrors(diags) ? "" : what + " rejected without an error diagnostic";
    model::Diagnostics again;
    if (!model::designFromText(model::designToText(*design), "saved.probeboard", again))
        return what + " read to a design that does not load once saved:\n" + model::formatAll(again);
    return {};
}

// Any bytes read as a Threagile model (threagileimport.h, through model/yamldocument.h).
inline std::string checkThreagile(const std::string& text)
{
    model::Diagnostics diags;
    std::unordered_map<std::string, int> lines;
    return savesAndLoads(model::importThreagile(text, "fuzz.yaml", diags, &lines), diags, "a Threagile model");
}

// Any bytes read as a pytm model (pytmimport.h), with a line for no element the design lacks.
inline std::string checkPytm(const std::string& text)
{
    model::Diagnostics diags;
    std::unordered_map<std::string, int> lines;
    const auto design = model::importPytm(text, "fuzz.json", diags, &lines);
    if (design)
        for (const auto& [id, line] : lines)
            if (!design->component(id) && !design->flow(id)) return "a pytm line kept for " + id + ", which the design lacks";
    return savesAndLoads(design, diags, "a pytm model");
}

// The same components, flows and zones, under the same ids in the same order (the flows in any
// order, with `flowsInAnyOrder`: a format that writes them per element reads them back so).
inline bool sameIds(const model::Design& a, const model::Design& b, bool flowsInAnyOrder = false)
{
    auto ids = [](const auto& elements) {
        std::vector<std::string> out;
        for (const auto& e : elements) out.push_back(e.id);
        return out;
    };
    auto flows = [&](const model::Design& d) {
        auto out = ids(d.flows());
        if (flowsInAnyOrder) std::sort(out.begin(), out.end());
        return out;
    };
    return ids(a.components()) == ids(b.components()) && flows(a) == flows(b) && ids(a.zones()) == ids(b.zones());
}

// What an export of a design may end in: refused with an error, or read back by `readBack` with
// the same elements under the same ids, so that a design taken to that tool comes back. `tool`
// names the export ("draw.io"), `written` the design written ("for draw.io").
template <typename ReadBack>
std::string comesBack(const model::Design& design, const std::optional<std::string>& text,
                      const model::Diagnostics& refused, const std::string& tool, const std::string& written,
                      ReadBack readBack, bool flowsInAnyOrder = false)
{
    if (!text) return model::hasErrors(refused) ? "" : "the " + tool + " export refused without an error";
    model::Diagnostics again;
    const std::optional<model::Design> back = readBack(*text, again);
    if (!back) return "a design written " + written + " does not read back:\n" + model::formatAll(again) + *text;
    if (!sameIds(*back, design, flowsInAnyOrder))
        return "a design written " + written + " read back with other elements:\n" + *text;
    return {};
}

// draw.io keeps each element's id in pb_id.
inline std::string checkDrawioExport(const model::Design& design)
{
    model::Diagnostics refused;
    return comesBack(design, model::exportDrawio(design, "fuzz.drawio", refused), refused, "draw.io", "for draw.io",
                     [](const std::string& t, model::Diagnostics& d) { return model::importDrawio(t, "exported.drawio", d); });
}

inline std::string checkOtmExport(const model::Design& design)
{
    model::Diagnostics refused;
    return comesBack(design, model::exportOtm(design, "fuzz.probeboard", refused), refused, "OTM", "as OTM",
                     [](const std::string& t, model::Diagnostics& d) { return model::importOtm(t, "exported.otm", d); });
}

// Flows keep their ids in a tag; links are written per asset, so flows come back in another order.
inline std::string checkThreagileExport(const model::Design& design)
{
    model::Diagnostics refused;
    return comesBack(
        design, model::exportThreagile(design, "fuzz.probeboard", refused), refused, "Threagile",
        "as a Threagile model",
        [](const std::string& t, model::Diagnostics& d) { return model::importThreagile(t, "exported.yaml", d); }, true);
}

// Whatever loads without errors saves to text that loads again, so a save never loses work.
inline std::string checkDesignFile(const std::string& text)
{
    if (std::string problem = checkPdfDesign(text); !problem.empty()) return problem;
    if (std::string problem = checkDrawio(text); !problem.empty()) return problem;
    if (std::string problem = checkThreatDragon(text); !problem.empty()) return problem;
    if (std::string problem = checkTmt(text); !problem.empty()) return problem;
    if (std::string problem = checkOtm(text); !problem.empty()) return problem;
    if (std::string problem = checkThreagile(text); !problem.empty()) return problem;
    if (std::string problem = checkPytm(text); !problem.empty()) return problem;
    model::Diagnostics diags;
    auto design = model::designFromText(text, "fuzz.probeboard", diags);
    // The fast reader may decline anything. A design it reads that validates without a word is
    // what designFromText returns, so the careful reader must read it alike, without a word.
    model::Diagnostics validation;
    auto fast = model::readDesignFast(text);
    if (fast) model::validateDesign(*fast, model::Vocabulary::builtin(), validation);
    if (fast && validation.empty()) {
        model::Diagnostics careful;
        auto slow = model::designFromTextCarefully(text, "fuzz.probeboard", careful);
        if (!slow || !careful.empty())
            return "the fast reader read a text the careful one reports on:\n" + model::formatAll(careful);
        if (!(*slow == *fast)) return "the fast and the careful reader read different designs";
    }
    if (!design) return model::hasErrors(diags) ? "" : "rejected without an error diagnostic";
    model::Diagnostics again;
    if (!model::designFromText(model::designToText(*design), "saved.probeboard", again))
        return "a loaded design saved to text that does not load:\n" + model::formatAll(again);
    if (std::string problem = checkOtmExport(*design); !problem.empty()) return problem;
    if (std::string problem = checkThreagileExport(*design); !problem.empty()) return problem;
    return checkDrawioExport(*design);
}


// A design written as Mermaid through the checked export that `convert` uses: refused with an
// error, or read back with as many components, flows and zones.
inline std::string checkMermaidExport(const model::Design& design)
{
    model::Diagnostics refused, again;
    const auto text = model::exportMermaid(design, "fuzz.mmd", refused);
    if (!text) return model::hasErrors(refused) ? "" : "the Mermaid export refused without an error";
    const auto back = model::importMermaid(*text, "exported.mmd", again);
    if (!back) return "a design written as Mermaid does not read back:\n" + model::formatAll(again) + *text;
    if (back->components().size() != design.components().size() || back->flows().size() != design.flows().size() ||
        back->zones().size() != design.zones().size())
        return "a design written as Mermaid read back with other numbers of elements:\n" + *text;
    return {};
}

// The exports a design may be taken out by, each read back.
inline std::string checkExports(const model::Design& design)
{
    if (std::string problem = checkMermaidExport(design); !problem.empty()) return problem;
    if (std::string problem = checkOtmExport(design); !problem.empty()) return problem;
    if (std::string problem = checkThreagileExport(design); !problem.empty()) return problem;
    return checkDrawioExport(design);
}

// The same text as a Mermaid flowchart (the two look alike: ids, arrows, brackets): refused with
// an error, or read into a design that saves to text that loads and writes Mermaid that reads.
inline std::string checkMermaid(const std::string& text)
{
    // The same text as a Markdown page: its first flowchart block, if any, read alike.
    model::Diagnostics inMarkdown;
    if (!model::importMermaidInMarkdown(text, "fuzz.md", inMarkdown) && !model::hasErrors(inMarkdown))
        return "a Markdown text rejected without an error diagnostic";
    model::Diagnostics diags;
    auto design = model::importMermaid(text, "fuzz.mmd", diags);
    if (!design) return model::hasErrors(diags) ? "" : "a Mermaid text rejected without an error diagnostic";
    model::Diagnostics again;
    if (!model::designFromText(model::designToText(*design), "saved.probeboard", again))
        return "a Mermaid import saved to text that does not load:\n" + model::formatAll(again);
    return checkExports(*design);
}

// A graph that imports exports to DOT that imports, through the checked export that
// `convert` uses; a file never affects the next one read. What the checked export refuses (a
// label whose \N made it longer than DOT takes back, say) is refused with a reason and nothing
// written, which is its promise: that is not a failed round trip.
inline std::string checkDot(const std::string& text)
{
    model::Diagnostics diags;
    auto design = model::importDot(text, "fuzz.dot", diags);
    if (!design && !model::hasErrors(diags)) return "rejected without an error diagnostic";
    model::Diagnostics refused, again;
    const auto dot = design ? model::exportDot(*design, "fuzz.dot", refused) : std::nullopt;
    if (design && !dot && !model::hasErrors(refused)) return "the checked export refused without an error";
    // Import refuses the texts the export could not write (checkDotTexts): a text refused only
    // on the way out means the two disagree again. A whole file past a limit may still be.
    for (const auto& d : refused)
        if (!dot && !d.pointer.empty())
            return "DOT import read a text its checked export refuses:\n" + model::formatAll(refused);
    if (dot && !model::importDot(*dot, "exported.dot", again))
        return "an imported graph exported to DOT that does not import:\n" + model::formatAll(again) + *dot;
    if (design)
        if (std::string problem = checkExports(*design); !problem.empty()) return "from DOT: " + problem;
    model::Diagnostics next;
    if (!model::importDot("digraph next { a -> b; }", "next.dot", next))
        return "the next, valid DOT file no longer imports:\n" + model::formatAll(next);
    return checkMermaid(text);
}

inline const model::Design& sampleDesign()
{
    static const model::Design design = [] {
        model::Diagnostics diags;
        auto d = model::importDot(
            "digraph shop { client [kind=client];"
            " api [kind=service, label=\"Orders API\", rps=2500, replicas=3];"
            " cache [kind=cache, hit_ratio=0.85]; db [kind=database, replicas=2];"
            " q [kind=queue]; w [kind=worker];"
            " subgraph cluster_eu { kind=region; label=eu; api; cache; db; }"
            " client -> api [protocol=https]; api -> cache; api -> db [sync=true];"
            " api -> q; q -> w; w -> db; }",
            "sample.dot", diags);
        if (!d) std::abort();
        return *d;
    }();
    return design;
}

inline void reviewWith(const rules::Pack& pack)
{
    rules::Snapshot snap(sampleDesign());
    rules::Review review(snap, rules::ReviewOptions{"2026-01-01"});
    for (const auto& r : pack.rules) review.run(pack, r);
    (void)review.finish(sampleDesign());
}

// A pack is refused with an error, or it loads and runs over a design.
inline std::string checkRulePack(const std::string& text)
{
    model::Diagnostics diags;
    auto pack = rules::loadPackText(text, "fuzz.json", diags);
    if (!pack) return model::hasErrors(diags) ? "" : "rejected without an error diagnostic";
    reviewWith(*pack);
    return {};
}

// The text becomes the "why", a question and the fix hint of a rule that fires on the sample
// design, so placeholders and filters are rendered against real bindings.
inline std::string templatePack(const std::string& text)
{
    using nlohmann::json;
    json step1 = {{"step", {{"from", "$s"}, {"dir", "out"}, {"flow", "$cf"}, {"to", "$c"},
                            {"kind", {"cache"}}}}};
    json step2 = {{"step", {{"from", "$s"}, {"dir", "out"}, {"flow", "$df"}, {"to", "$d"},
                            {"kind", {"database"}}}}};
    json rule = {{"id", "fuzz-rule"}, {"title", "fuzz"}, {"category", "failure"},
                 {"severity", "high"}, {"level", "senior"}, {"description", "fuzzed template"},
                 {"match", {{"each", {{"$s", {{"kind", {"service"}}}}}}, {"where", {step1, step2}}}},
                 {"report", {{"targets", {"$s", "$c", "$d", "$df"}}}},
                 {"why", text},
                 {"questions", {{{"text", text},
                                 {"answer_points", {"one point", "another point", "a third"}}}}},
                 {"fix", {{"hint", text}}}};
    json pack = {{"format", "probeboard-rules/1"},
                 {"pack", {{"id", "fuzz"}, {"version", "1.0.0"}, {"title", "fuzz"}}},
                 {"rules", {rule}}};
    try {
        return pack.dump();
    } catch (const json::exception&) {
        return {}; // not UTF-8: cannot be in a pack file, which is JSON text
    }
}

// The host pack is read once; each input is then compiled by the template compiler alone, in
// the scope of that rule, and rendered as its "why", first question and fix hint. Going
// through a whole pack file per input (JSON, every other field, three copies of the text) ran
// the harness at under 600 inputs a second; this keeps the same code under test.
inline const rules::Pack& templateHostPack()
{
    static const rules::Pack pack = [] {
        model::Diagnostics diags;
        auto p = rules::loadPackText(templatePack("{{$s.label}}"), "host.json", diags);
        if (!p) std::abort();
        return *p;
    }();
    return pack;
}

inline std::string checkTemplate(const std::string& text)
{
    try {
        (void)nlohmann::json(text).dump();
    } catch (const nlohmann::json::exception&) {
        return {}; // not UTF-8: cannot be in a pack file, which is JSON text
    }
    static const std::string noText = "{}";   // positions are not what is under test here
    rules::Pack pack = templateHostPack();
    rules::Rule& rule = pack.rules.front();
    model::Diagnostics diags;
    rules::Compiler compiler("fuzz.json", noText, diags);
    compiler.beginRule(rule);
    for (const auto& name : std::vector<std::string>(rule.varNames)) compiler.declare(name, "/rules/0");
    rules::Template t = compiler.compileTemplate(nlohmann::json(text), "/rules/0/why");
    compiler.endRule();
    if (compiler.failed()) return model::hasErrors(diags) ? "" : "refused without an error diagnostic";
    rule.why = t;
    rule.questions.front().text = t;
    rule.fixHint = t;
    reviewWith(pack);
    return {};
}

} // namespace pb::fuzz
