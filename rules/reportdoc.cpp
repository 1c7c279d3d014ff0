#include "rules/report.h"

#include "rules/designdiff.h"
#include "rules/sharedtextformat.h"
#include "rules/templaterenderer.h"

#include "model/printable.h"

#include <fmt/format.h>

#include <algorithm>

namespace pb::rules {

// Both escapes also show control characters (model::printable): HTML keeps line breaks, which a
// browser folds; Markdown does not, since one ends a table row or a list item early.
std::string htmlEscape(const std::string& text)
{
    std::string out, buf;
    out.reserve(text.size());
    for (char c : model::printable(text, buf, model::LineBreaks::Keep)) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string markdownEscape(const std::string& text)
{
    std::string out, buf;
    for (char c : model::printable(text, buf)) {
        // The backslash too: "gw\|x" came out as "gw\\|x", an escaped backslash and then a bare
        // '|' that split the table's cell.
        if (c == '\\' || c == '|' || c == '*' || c == '_' || c == '<' || c == '>' || c == '`' || c == '[' || c == ']')
            out += '\\';
        out += c;
    }
    return out;
}

namespace {

std::string mdEscape(const std::string& text)
{
    return markdownEscape(text);
}

// A code span that holds any text: fenced by one backtick more than the longest run inside it
// (CommonMark), so a file named with backticks cannot end the span and turn the rest into markup.
std::string mdCode(const std::string& text)
{
    std::string buf;
    const std::string_view shown = model::printable(text, buf);
    std::size_t longest = 0, run = 0;
    for (char c : shown) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = !shown.empty() && (shown.front() == '`' || shown.back() == '`');
    return fence + (pad ? " " : "") + std::string(shown) + (pad ? " " : "") + fence;
}

std::string aboutText(const Finding& f, const model::Design& d)
{
    std::string about;
    const auto& ids = f.path.empty() ? f.targets : f.path;
    for (const auto& id : ids) {
        if (!f.path.empty() && d.flow(id)) continue;
        about += (about.empty() ? "" : f.path.empty() ? ", " : " → ") + labelOf(d, id);
    }
    return about;
}

std::string sectionTitle(const Finding& f)
{
    return f.kind == Finding::Kind::Ask ? "Not drawn" : f.kind == Finding::Kind::Probe ? "Probe"
                                                                                         : severityName(f.severity);
}

} // namespace

namespace {
// The picture goes straight into the report: at 100,000 components it is tens of megabytes.
void writeDesignSvg(const model::Design& d, ChunkedWriter& writer)
{
    std::string& svg = writer.text();
    double maxX = 200, maxY = 120;
    auto sizeOf = [](const model::Size& s, double w, double h) {
        return std::pair{s.width > 0 ? s.width : w, s.height > 0 ? s.height : h};
    };
    for (const auto& c : d.components()) {
        auto [w, h] = sizeOf(c.size, 160, 64);
        maxX = std::max(maxX, c.pos.x + w + 20);
        maxY = std::max(maxY, c.pos.y + h + 20);
    }
    svg += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                       "class=\"diagram\">", maxX, maxY);
    for (const auto& z : d.zones()) {
        auto [w, h] = sizeOf(z.size, 0, 0);
        if (w <= 0) continue;
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"zone\"/>"
                           "<text x=\"{}\" y=\"{}\" class=\"zlabel\">{}</text>",
                           z.pos.x, z.pos.y, w, h, z.pos.x + 8, z.pos.y + 16, htmlEscape(z.label));
        writer.maybeFlush();
    }
    for (const auto& f : d.flows()) {
        const auto* a = d.component(f.from);
        const auto* b = d.component(f.to);
        if (!a || !b) continue;
        auto [aw, ah] = sizeOf(a->size, 160, 64);
        auto [bw, bh] = sizeOf(b->size, 160, 64);
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"flow\"/>",
                           a->pos.x + aw / 2, a->pos.y + ah / 2, b->pos.x + bw / 2, b->pos.y + bh / 2);
        writer.maybeFlush();
    }
    for (const auto& c : d.components()) {
        auto [w, h] = sizeOf(c.size, 160, 64);
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" class=\"comp\"/>"
                           "<text x=\"{}\" y=\"{}\" class=\"clabel\">{}</text>",
                           c.pos.x, c.pos.y, w, h, c.pos.x + w / 2, c.pos.y + h / 2 + 5,
                           htmlEscape(c.label.empty() ? c.id : c.label));
        writer.maybeFlush();
    }
    svg += "</svg>";
}
} // namespace

std::string designSvg(const model::Design& d)
{
    std::string all;
    const ReportWriter gather = [&](std::string_view piece) { all += piece; };
    {
        ChunkedWriter writer(gather);
        writeDesignSvg(d, writer);
    }
    return all;
}

namespace {

const char* kCss = R"(body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1d2433}
h1{font-size:1.6em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccd;padding:.3em .5em;text-align:left;vertical-align:top}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.critical{color:#8e24aa}.high{color:#c62828}.medium{color:#b26a00}.low{color:#00838f}.info{color:#607d8b}
.finding{border-left:4px solid #ccd;padding:.2em 1em;margin:1em 0}.why{color:#444}.points{color:#555;font-size:.92em}
.diagram{width:100%;max-height:32em;border:1px solid #ddd;background:#fbfbfd}.comp{fill:#eef3fb;stroke:#3a5a8c}.zone{fill:none;stroke:#90a4ae;stroke-dasharray:6 4}
.flow{stroke:#607d8b;stroke-width:1.5}.clabel{font-size:13px;text-anchor:middle;fill:#1d2433}.zlabel{font-size:12px;fill:#546e7a}
.diff .added td{color:#15803d}.diff .removed td{color:#b91c1c}.diff .newfinding td{color:#c2410c}.diff .resolved td{color:#15803d}
.rating{font-weight:bold}.muted{color:#6b7280})";

bool decided(const Finding& f)
{
    return f.status != "open";
}

std::string decisionsMarkdown(const ReviewResult& r)
{
    if (std::none_of(r.findings.begin(), r.findings.end(), decided)) return {};
    std::string out = "## Decisions\n\n| Finding | Status | Owner | Justification | Expires |\n|---|---|---|---|---|\n";
    for (const auto& f : r.findings)
        if (decided(f))
            out += "| " + mdEscape(f.title) + " | " + mdEscape(f.status) + " | " + mdEscape(f.owner) + " | " +
                   mdEscape(f.justification) + " | " + mdEscape(f.expires) + " |\n";
    return out + "\n";
}

std::string decisionsHtml(const ReviewResult& r)
{
    if (std::none_of(r.findings.begin(), r.findings.end(), decided)) return {};
    std::string out = "<h2>Decisions</h2><table><tr><th>Finding</th><th>Status</th><th>Owner</th>"
                      "<th>Justification</th><th>Expires</th></tr>";
    for (const auto& f : r.findings)
        if (decided(f))
            out += "<tr><td>" + htmlEscape(f.title) + "</td><td>" + htmlEscape(f.status) + "</td><td>" +
                   htmlEscape(f.owner) + "</td><td>" + htmlEscape(f.justification) + "</td><td>" +
                   htmlEscape(f.expires) + "</td></tr>";
    return out + "</table>";
}

} // namespace

const char* reportCss()
{
    return kCss;
}

std::string reportMarkdown(const std::vector<FileReview>& reviews, const DocOptions& opts)
{
    std::string all;
    writeReportMarkdown(reviews, opts, [&](std::string_view piece) { all += piece; });
    return all;
}

void writeReportMarkdown(const std::vector<FileReview>& reviews, const DocOptions& opts, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    for (const auto& r : reviews) {
        const auto& d = *r.design;
        out += "# Design review: " + mdEscape(d.title.empty() ? r.file : d.title) + "\n\n";
        out += fmt::format("File {} — {}, {}, {}.\n\n", mdCode(r.file),
                           counted(d.components().size(), "component", "components"),
                           counted(d.flows().size(), "flow", "flows"), counted(d.zones().size(), "zone", "zones"));
        const auto& s = r.result.summary;
        auto n = [](int count) { return static_cast<std::size_t>(count); };
        out += fmt::format("**{}** ({} critical, {} high, {} medium, {} low), {}, {}, {} decided.\n\n",
                           counted(n(s.findings), "finding", "findings"), s.bySeverity[4], s.bySeverity[3],
                           s.bySeverity[2], s.bySeverity[1], counted(n(s.asks), "fact not drawn", "facts not drawn"),
                           counted(n(s.probes), "topic probe", "topic probes"), s.accepted);
        for (const auto& stopped : r.result.stopped) out += "> **Incomplete:** " + mdEscape(stoppedRuleText(stopped)) + "\n\n";
        if (!opts.diagramImage.empty()) out += "![Diagram](" + opts.diagramImage + ")\n\n";
        out += "| Severity | Finding | About | Status |\n|---|---|---|---|\n";
        for (const auto& f : r.result.findings) {
            out += "| " + sectionTitle(f) + " | " + mdEscape(f.title) + " (`" + f.ruleId + "`) | " +
                   mdEscape(aboutText(f, d)) + " | " + mdEscape(f.status) + " |\n";
            writer.maybeFlush();
        }
        out += "\n";
        for (const auto& f : r.result.findings) {
            out += "## " + mdEscape(f.title) + "\n\n";
            // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "*" + string&&.
            out += '*';
            out += sectionTitle(f) + " · " + f.category + " · " + f.level + " · `" + f.ruleId + "`*\n\n";
            out += mdEscape(f.why.once()) + "\n\n"; // rendered for the report, not kept
            for (const auto& q : f.questions) {
                out += "- **Q:** " + mdEscape(q.text.once()) + "\n";
                for (const auto& a : q.answerPoints) out += "  - " + mdEscape(a) + "\n";
            }
            if (const std::string hint = f.fixHint.once(); !hint.empty()) out += "\n**Fix:** " + mdEscape(hint) + "\n";
            if (f.status != "open")
                out += "\n**Decision:** " + mdEscape(f.status) + (f.owner.empty() ? "" : " by " + mdEscape(f.owner)) +
                       " — " + mdEscape(f.justification) + "\n";
            out += "\n";
            writer.maybeFlush();
        }
        out += decisionsMarkdown(r.result);
    }
    if (opts.diff) out += diffMarkdown(*opts.diff, opts.diffAgainst, reviews.empty() ? "" : reviews.front().file);
}

std::string reportHtml(const std::vector<FileReview>& reviews, const DocOptions& opts)
{
    std::string all;
    writeReportHtml(reviews, opts, [&](std::string_view piece) { all += piece; });
    return all;
}

namespace {
void writeFindingsHtml(const FileReview& r, ChunkedWriter& writer)
{
    std::string& out = writer.text();
    const auto& d = *r.design;
    out += "<h2>Findings</h2><table><tr><th>Severity</th><th>Finding</th><th>About</th><th>Status</th><th>Owner</th></tr>";
    for (const auto& f : r.result.findings) {
        out += "<tr><td class=\"sev " + severityName(f.severity) + "\">" + htmlEscape(sectionTitle(f)) +
               "</td><td>" + htmlEscape(f.title) + "</td><td>" + htmlEscape(aboutText(f, d)) + "</td><td>" +
               htmlEscape(f.status) + "</td><td>" + htmlEscape(f.owner) + "</td></tr>";
        writer.maybeFlush();
    }
    out += "</table><h2>Questions</h2>";
    for (const auto& f : r.result.findings) {
        out += "<div class=\"finding\"><h3>" + htmlEscape(f.title) + " <small>(" + htmlEscape(f.ruleId) +
               ")</small></h3><p class=\"why\">" + htmlEscape(f.why.once()) + "</p><ul>";
        for (const auto& q : f.questions) {
            out += "<li>" + htmlEscape(q.text.once()) + "<ul class=\"points\">";
            for (const auto& a : q.answerPoints) out += "<li>" + htmlEscape(a) + "</li>";
            out += "</ul></li>";
        }
        out += "</ul>";
        if (const std::string hint = f.fixHint.once(); !hint.empty()) out += "<p><b>Fix:</b> " + htmlEscape(hint) + "</p>";
        if (f.status != "open")
            out += "<p><b>Decision:</b> " + htmlEscape(f.status) + " — " + htmlEscape(f.justification) + "</p>";
        out += "</div>";
        writer.maybeFlush();
    }
}
} // namespace

void writeReportHtml(const std::vector<FileReview>& reviews, const DocOptions& opts, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    out += "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Probeboard review</title><style>";
    out += kCss;
    out += "</style></head><body>";
    for (const auto& r : reviews) {
        const auto& d = *r.design;
        const auto& s = r.result.summary;
        out += "<h1>Design review: " + htmlEscape(d.title.empty() ? r.file : d.title) + "</h1>";
        auto n = [](int count) { return static_cast<std::size_t>(count); };
        out += fmt::format("<p>{} — {}, {}. <b>{}</b> ({} critical, {} high, {} medium, {} low), {}, {}, {} decided.</p>",
                           htmlEscape(r.file), counted(d.components().size(), "component", "components"),
                           counted(d.flows().size(), "flow", "flows"), counted(n(s.findings), "finding", "findings"),
                           s.bySeverity[4], s.bySeverity[3], s.bySeverity[2], s.bySeverity[1],
                           counted(n(s.asks), "fact not drawn", "facts not drawn"),
                           counted(n(s.probes), "probe", "probes"), s.accepted);
        for (const auto& stopped : r.result.stopped)
            out += "<p><b>Incomplete:</b> " + htmlEscape(stoppedRuleText(stopped)) + "</p>";
        if (opts.diagramImage.empty()) writeDesignSvg(d, writer);
        else out += "<p><img src=\"" + htmlEscape(opts.diagramImage) + "\" width=\"640\"></p>";
        writeFindingsHtml(r, writer);
        out += decisionsHtml(r.result);
    }
    if (opts.diff)
        out += "<h2>Changes since " + htmlEscape(opts.diffAgainst) + "</h2>" + diffHtmlFragment(*opts.diff);
    out += "</body></html>\n";
}

} // namespace pb::rules
