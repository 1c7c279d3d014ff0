#include "rules/designdiff.h"

#include "rules/report.h"
#include "rules/sharedtextformat.h"

#include "model/printable.h"

#include <fmt/format.h>

#include <set>

namespace pb::rules {

namespace {

void diffProperties(const model::Properties& a, const model::Properties& b, DiffChange& out)
{
    std::set<std::string> keys;
    for (const auto& [k, v] : a) keys.insert(k);
    for (const auto& [k, v] : b) keys.insert(k);
    for (const auto& k : keys) {
        const auto* va = model::findProperty(a, k);
        const auto* vb = model::findProperty(b, k);
        if (va && vb && *va == *vb) continue;
        DiffChange::Property p;
        p.key = k;
        p.hadBefore = va != nullptr;
        p.hasAfter = vb != nullptr;
        if (va) p.before = model::toDisplayString(*va);
        if (vb) p.after = model::toDisplayString(*vb);
        out.properties.push_back(std::move(p));
    }
}

std::string display(const std::string& label, const std::string& id)
{
    return label.empty() ? id : label;
}

DiffElement element(const model::Design&, const model::Component& c)
{
    return {c.id, "component", display(c.label, c.id), c.kind};
}

DiffElement element(const model::Design& d, const model::Flow& f)
{
    return {f.id, "flow", display(f.label, f.id), labelOf(d, f.from) + " → " + labelOf(d, f.to)};
}

DiffElement element(const model::Design&, const model::Zone& z)
{
    return {z.id, "zone", display(z.label, z.id), z.kind};
}

void text(DiffChange& c, const char* field, const std::string& before, const std::string& after)
{
    if (before == after) return;
    c.fields.push_back(field);
    c.values[field] = {before, after};
}

void compare(const model::Component& a, const model::Component& b, const DiffOptions& o, DiffChange& c)
{
    text(c, "label", a.label, b.label);
    text(c, "kind", a.kind, b.kind);
    if (o.includeLayout && a.pos != b.pos) c.fields.push_back("position");
    if (o.includeLayout && a.size != b.size) c.fields.push_back("size");
    diffProperties(a.props, b.props, c);
}

void compare(const model::Flow& a, const model::Flow& b, const DiffOptions& o, DiffChange& c)
{
    text(c, "label", a.label, b.label);
    text(c, "from", a.from, b.from);
    text(c, "to", a.to, b.to);
    if (o.includeLayout && a.bends != b.bends) c.fields.push_back("bends");
    diffProperties(a.props, b.props, c);
}

void compare(const model::Zone& a, const model::Zone& b, const DiffOptions& o, DiffChange& c)
{
    text(c, "label", a.label, b.label);
    text(c, "kind", a.kind, b.kind);
    // Membership order is drawing order, not meaning.
    if (std::set(a.members.begin(), a.members.end()) != std::set(b.members.begin(), b.members.end()))
        c.fields.push_back("members");
    if (o.includeLayout && (a.pos != b.pos || a.size != b.size)) c.fields.push_back("position");
    diffProperties(a.props, b.props, c);
}

// One pass per element type; `get` looks an id up in a design.
template <typename T, typename List, typename Get>
void diffList(const model::Design& before, const model::Design& after, const List& (model::Design::*list)() const,
              Get get, const DiffOptions& opts, DesignDiff& out)
{
    for (const T& b : (after.*list)()) {
        const T* a = get(before, b.id);
        if (!a) {
            out.added.push_back(element(after, b));
            continue;
        }
        DiffChange c;
        c.id = b.id;
        c.label = display(b.label, b.id);
        compare(*a, b, opts, c);
        if (c.fields.empty() && c.properties.empty()) continue;
        c.type = element(after, b).type;
        out.changed.push_back(std::move(c));
    }
    for (const T& a : (before.*list)())
        if (!get(after, a.id)) out.removed.push_back(element(before, a));
}

DiffFinding diffFinding(const Finding& f)
{
    return {f.fingerprint, f.ruleId, f.title, f.severity, f.kind};
}

std::string propertyText(const DiffChange::Property& p)
{
    if (!p.hadBefore) return fmt::format("{} set to {}", p.key, p.after);
    if (!p.hasAfter) return fmt::format("{} removed (was {})", p.key, p.before);
    return fmt::format("{}: {} → {}", p.key, p.before, p.after);
}

std::string changeText(const DiffChange& c)
{
    std::string s;
    for (const auto& f : c.fields) {
        const auto v = c.values.find(f);
        s += (s.empty() ? "" : "; ") +
             (v == c.values.end() ? f + " changed" : fmt::format("{}: {} → {}", f, v->second.first, v->second.second));
    }
    for (const auto& p : c.properties) s += (s.empty() ? "" : "; ") + propertyText(p);
    return s;
}

std::string findingLine(const DiffFinding& f)
{
    return fmt::format("[{}] {} ({})", severityName(f.severity), f.title, f.ruleId);
}

std::string decisionState(const model::Decision& d)
{
    std::string s = d.status;
    if (!d.owner.empty()) s += " by " + d.owner;
    if (!d.expires.empty()) s += " until " + d.expires;
    return s;
}

// "+ accepted by ana until 2027-06-30 (RDS fences for us)", "- was accepted by ana",
// "in_discussion by bob → accepted by ana".
std::string decisionText(const DiffDecision& d)
{
    if (!d.before) return decisionState(*d.after) + (d.after->justification.empty() ? "" : " (" + d.after->justification + ")");
    if (!d.after) return "removed (was " + decisionState(*d.before) + ")";
    std::string s = decisionState(*d.before) + " → " + decisionState(*d.after);
    if (d.before->justification != d.after->justification && !d.after->justification.empty())
        s += " (" + d.after->justification + ")";
    return s;
}

void diffDecisions(const model::Design& before, const model::Design& after, DesignDiff& out)
{
    // The last decision on a fingerprint is the one that counts (validation warns of repeats).
    std::map<std::string, const model::Decision*> was, is;
    for (const auto& d : before.decisions) was[d.fingerprint] = &d;
    for (const auto& d : after.decisions) is[d.fingerprint] = &d;
    auto entry = [](const model::Decision* b, const model::Decision* a) {
        DiffDecision d;
        if (b) d.before = *b;
        if (a) d.after = *a;
        const model::Decision& any = a ? *a : *b;
        d.finding = "finding " + any.fingerprint + (any.rule.empty() ? "" : " (" + any.rule + ")");
        return d;
    };
    for (const auto& d : after.decisions) {
        if (is[d.fingerprint] != &d) continue;
        const auto old = was.find(d.fingerprint);
        if (old == was.end()) out.decisions.push_back(entry(nullptr, &d));
        else if (!(*old->second == d)) out.decisions.push_back(entry(old->second, &d));
    }
    for (const auto& d : before.decisions)
        if (was[d.fingerprint] == &d && !is.count(d.fingerprint)) out.decisions.push_back(entry(&d, nullptr));
}

std::string titleChange(const DesignDiff& d)
{
    auto quoted = [](const std::string& t) { return t.empty() ? std::string("(none)") : "\"" + t + "\""; };
    return quoted(d.titles.first) + " → " + quoted(d.titles.second);
}

} // namespace

DesignDiff diffDesigns(const model::Design& before, const model::Design& after, const DiffOptions& opts)
{
    DesignDiff out;
    out.titleChanged = before.title != after.title;
    if (out.titleChanged) out.titles = {before.title, after.title};
    diffList<model::Component>(before, after, &model::Design::components,
                               [](const model::Design& d, const std::string& id) { return d.component(id); }, opts, out);
    diffList<model::Flow>(before, after, &model::Design::flows,
                          [](const model::Design& d, const std::string& id) { return d.flow(id); }, opts, out);
    diffList<model::Zone>(before, after, &model::Design::zones,
                          [](const model::Design& d, const std::string& id) { return d.zone(id); }, opts, out);
    diffDecisions(before, after, out);
    return out;
}

void diffFindings(DesignDiff& diff, const ReviewResult& before, const ReviewResult& after)
{
    std::set<std::string> a, b;
    for (const auto& f : before.findings) a.insert(f.fingerprint);
    for (const auto& f : after.findings) b.insert(f.fingerprint);
    diff.newFindings.clear();
    diff.resolvedFindings.clear();
    for (const auto& f : after.findings)
        if (!a.count(f.fingerprint)) diff.newFindings.push_back(diffFinding(f));
    for (const auto& f : before.findings)
        if (!b.count(f.fingerprint)) diff.resolvedFindings.push_back(diffFinding(f));
    // A decision is shown with the finding it is about, as either review found it.
    std::map<std::string, const Finding*> byPrint;
    for (const auto* r : {&before, &after})
        for (const auto& f : r->findings) byPrint[f.fingerprint] = &f;
    for (auto& d : diff.decisions) {
        const std::string& print = d.after ? d.after->fingerprint : d.before->fingerprint;
        if (const auto it = byPrint.find(print); it != byPrint.end()) d.finding = findingLine(diffFinding(*it->second));
    }
}

std::string diffText(const DesignDiff& d)
{
    if (d.empty()) return "No differences.\n";
    std::string out;
    // Labels and values go to a terminal: their control characters are shown, not obeyed.
    auto shown = [](std::string_view text) { return model::printable(text); };
    if (d.titleChanged) out += "~ title: " + shown(titleChange(d)) + "\n";
    for (const auto& e : d.added) out += fmt::format("+ {} {} ({})\n", e.type, shown(e.label), shown(e.kind));
    for (const auto& e : d.removed) out += fmt::format("- {} {} ({})\n", e.type, shown(e.label), shown(e.kind));
    for (const auto& c : d.changed) out += fmt::format("~ {} {}: {}\n", c.type, shown(c.label), shown(changeText(c)));
    for (const auto& c : d.decisions)
        out += fmt::format("{} decision on {}: {}\n", !c.before ? "+" : !c.after ? "-" : "~", shown(c.finding),
                           shown(decisionText(c)));
    for (const auto& f : d.newFindings) out += "! new finding " + shown(findingLine(f)) + "\n";
    for (const auto& f : d.resolvedFindings) out += "✓ resolved " + shown(findingLine(f)) + "\n";
    return out;
}

std::string diffMarkdown(const DesignDiff& d, const std::string& beforeName, const std::string& afterName)
{
    std::string out = "# Changes from " + markdownEscape(beforeName) + " to " + markdownEscape(afterName) + "\n\n";
    if (d.empty()) return out + "No differences.\n";
    out += fmt::format("{} added, {} removed, {} changed; {}{}, {} resolved.\n\n", d.added.size(),
                       d.removed.size(), d.changed.size(),
                       d.decisions.empty() ? std::string() : counted(d.decisions.size(), "decision", "decisions") + " changed; ",
                       counted(d.newFindings.size(), "new finding", "new findings"), d.resolvedFindings.size());
    if (d.titleChanged) out += "Title: " + markdownEscape(titleChange(d)) + "\n\n";
    auto section = [&](const char* title, const std::vector<DiffElement>& list) {
        if (list.empty()) return;
        out += std::string("## ") + title + "\n\n";
        for (const auto& e : list)
            out += "- " + e.type + " **" + markdownEscape(e.label) + "** (" + markdownEscape(e.kind) + ")\n";
        out += "\n";
    };
    section("Added", d.added);
    section("Removed", d.removed);
    if (!d.changed.empty()) {
        out += "## Changed\n\n";
        for (const auto& c : d.changed)
            out += "- " + c.type + " **" + markdownEscape(c.label) + "**: " + markdownEscape(changeText(c)) + "\n";
        out += "\n";
    }
    auto findings = [&](const char* title, const std::vector<DiffFinding>& list) {
        if (list.empty()) return;
        out += std::string("## ") + title + "\n\n";
        for (const auto& f : list) out += "- " + markdownEscape(findingLine(f)) + "\n";
        out += "\n";
    };
    if (!d.decisions.empty()) {
        out += "## Decisions\n\n";
        for (const auto& c : d.decisions)
            out += "- " + markdownEscape(c.finding) + ": " + markdownEscape(decisionText(c)) + "\n";
        out += "\n";
    }
    findings("New findings", d.newFindings);
    findings("Resolved findings", d.resolvedFindings);
    return out;
}

std::string diffHtmlFragment(const DesignDiff& d)
{
    if (d.empty()) return "<p>No differences.</p>";
    std::string out = "<table class=\"diff\"><tr><th></th><th>Element</th><th>What</th></tr>";
    auto row = [&](const char* mark, const std::string& cls, const std::string& what, const std::string& detail) {
        out += "<tr class=\"" + cls + "\"><td>" + mark + "</td><td>" + htmlEscape(what) + "</td><td>" +
               htmlEscape(detail) + "</td></tr>";
    };
    if (d.titleChanged) row("~", "changed", "title", titleChange(d));
    for (const auto& e : d.added) row("+", "added", e.type + " " + e.label, "added (" + e.kind + ")");
    for (const auto& e : d.removed) row("−", "removed", e.type + " " + e.label, "removed (" + e.kind + ")");
    for (const auto& c : d.changed) row("~", "changed", c.type + " " + c.label, changeText(c));
    for (const auto& c : d.decisions) row("~", "changed", "decision on " + c.finding, decisionText(c));
    for (const auto& f : d.newFindings) row("!", "newfinding", "new finding", findingLine(f));
    for (const auto& f : d.resolvedFindings) row("✓", "resolved", "resolved finding", findingLine(f));
    return out + "</table>";
}

} // namespace pb::rules
