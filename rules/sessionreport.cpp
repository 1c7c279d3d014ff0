#include "rules/sessionreport.h"

#include "rules/reportwriter.h"
#include "rules/sharedtextformat.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace pb::rules {

namespace {

std::string duration(int seconds)
{
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

// A line of notes starting a Markdown block ("# x", "- x", "1. x", "---", "~~~") would turn the
// rest of the quote into a heading, a list, a rule or code.
std::string markdownLineStart(std::string line)
{
    const std::size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos) return {};
    line.erase(0, at); // leading spaces in a quote make an indented code block
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')'))
        line.insert(digits, 1, '\\');
    else if (line.find_first_of("#-+=~") == 0)
        line.insert(0, 1, '\\');
    return line;
}

// Every line of `text` escaped and quoted under `indent`; markdownEscape alone makes one line of
// it. A hard break (two spaces) ends each line, else the quote reads as one paragraph.
std::string markdownLines(const std::string& text, const std::string& indent)
{
    std::string out;
    std::size_t from = 0;
    while (from <= text.size()) {
        std::size_t end = text.find('\n', from);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(from, end - from);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        line = markdownLineStart(markdownEscape(line));
        if (!out.empty()) out += "  \n";
        out += line.empty() ? indent.substr(0, indent.find_last_not_of(' ') + 1) : indent + line;
        from = end + 1;
    }
    return out;
}

std::string htmlLines(const std::string& text)
{
    std::string out;
    for (char c : htmlEscape(text)) {
        if (c == '\n') out += "<br>";
        else out += c;
    }
    return out;
}

} // namespace

int levelRank(const std::string& level)
{
    return level == "staff" ? 2 : level == "senior" ? 1 : 0;
}

std::vector<SessionQuestion> interviewQueue(const ReviewResult& review, const std::vector<SessionQuestion>& previous)
{
    std::map<std::string, const SessionQuestion*> old;
    for (const auto& q : previous) old[q.key] = &q;
    std::vector<SessionQuestion> out;
    for (const auto& f : review.findings) {
        if (f.kind == Finding::Kind::Ask) continue;
        for (std::size_t i = 0; i < f.questions.size(); ++i) {
            SessionQuestion q;
            q.key = f.fingerprint + "#" + std::to_string(i);
            q.findingTitle = f.title;
            q.category = f.category;
            q.severity = severityName(f.severity);
            q.level = f.level;
            q.text = f.questions[i].text;
            q.answerPoints = f.questions[i].answerPoints;
            q.severityRank = static_cast<int>(f.severity);
            q.levelRank = levelRank(f.level);
            if (auto it = old.find(q.key); it != old.end()) {
                q.mark = it->second->mark;
                q.rating = it->second->rating;
                q.notes = it->second->notes;
            }
            out.push_back(std::move(q));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const SessionQuestion& a, const SessionQuestion& b) {
        if (a.severityRank != b.severityRank) return a.severityRank > b.severityRank;
        return a.levelRank < b.levelRank;
    });
    // Questions that disappeared (the candidate changed the drawing) but were already handled
    // stay in the session: they were asked, and their notes matter.
    for (const auto& q : previous)
        if (!q.mark.empty() || q.rating || !q.notes.empty())
            if (std::none_of(out.begin(), out.end(), [&](const SessionQuestion& n) { return n.key == q.key; }))
                out.push_back(q);
    return out;
}

std::string ratingName(int rating)
{
    static const char* names[] = {"", "1 — weak", "2 — mixed", "3 — good", "4 — strong"};
    return rating >= 1 && rating <= 4 ? names[rating] : "";
}

std::string sessionMarkdown(const InterviewSession& s, const model::Design& d, const DocOptions& opts)
{
    std::string out = "# Interview: " + markdownEscape(s.title.empty() ? d.title : s.title) + "\n\n";
    out += fmt::format("{} · {} in total · {}, {}.\n\n", s.date, duration(s.totalSeconds),
                       counted(d.components().size(), "component", "components"), counted(d.flows().size(), "flow", "flows"));
    if (!opts.diagramImage.empty()) out += "![Diagram](" + opts.diagramImage + ")\n\n";
    if (!s.phases.empty()) {
        out += "| Phase | Time |\n|---|---|\n";
        for (const auto& p : s.phases) out += "| " + markdownEscape(p.name) + " | " + duration(p.seconds) + " |\n";
        out += "\n";
    }
    out += "## Questions asked\n\n";
    int n = 0;
    for (const auto& q : s.questions) {
        if (q.mark != "asked") continue;
        out += fmt::format("{}. {}\n", ++n, markdownEscape(q.text));
        out += "   *" + markdownEscape(q.findingTitle) + " · " + q.severity + " · " + q.level + "*";
        if (q.rating) out += " — **rating " + ratingName(q.rating) + "**";
        out += "\n";
        if (!q.notes.empty()) { // appended: GCC 12 at -O3 warns falsely (-Wrestrict) on "\n" + string&&
            out += '\n';
            out += markdownLines(q.notes, "   > ") + "\n";
        }
        out += "\n";
    }
    if (n == 0) out += "No questions were asked.\n\n";
    std::string skipped;
    for (const auto& q : s.questions)
        if (q.mark == "skipped") skipped += "- " + markdownEscape(q.text) + "\n";
    if (!skipped.empty()) out += "## Skipped\n\n" + skipped + "\n";
    if (!s.notes.empty()) out += "## Notes\n\n" + markdownLines(s.notes, "> ") + "\n";
    return out;
}

std::string sessionHtml(const InterviewSession& s, const model::Design& d, const DocOptions& opts)
{
    std::string out = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Probeboard interview"
                      "</title><style>";
    out += reportCss();
    out += "</style></head><body>";
    out += "<h1>Interview: " + htmlEscape(s.title.empty() ? d.title : s.title) + "</h1>";
    out += fmt::format("<p>{} · {} in total · {}, {}.</p>", htmlEscape(s.date), duration(s.totalSeconds),
                       counted(d.components().size(), "component", "components"), counted(d.flows().size(), "flow", "flows"));
    out += opts.diagramImage.empty() ? designSvg(d)
                                     : "<p><img src=\"" + htmlEscape(opts.diagramImage) + "\" width=\"640\"></p>";
    if (!s.phases.empty()) {
        out += "<h2>Phases</h2><table><tr><th>Phase</th><th>Time</th></tr>";
        for (const auto& p : s.phases)
            out += "<tr><td>" + htmlEscape(p.name) + "</td><td>" + duration(p.seconds) + "</td></tr>";
        out += "</table>";
    }
    out += "<h2>Questions asked</h2><table><tr><th>#</th><th>Question</th><th>Rating</th><th>Notes</th></tr>";
    int n = 0;
    for (const auto& q : s.questions) {
        if (q.mark != "asked") continue;
        out += fmt::format("<tr><td>{}</td><td>", ++n) + htmlEscape(q.text) + "<br><span class=\"muted\">" +
               htmlEscape(q.findingTitle) + " · " + htmlEscape(q.severity) + " · " + htmlEscape(q.level) +
               "</span></td><td class=\"rating\">" + htmlEscape(ratingName(q.rating)) + "</td><td>" +
               htmlLines(q.notes) + "</td></tr>";
    }
    out += "</table>";
    if (n == 0) out += "<p>No questions were asked.</p>";
    std::string skipped;
    for (const auto& q : s.questions)
        if (q.mark == "skipped") skipped += "<li>" + htmlEscape(q.text) + "</li>";
    if (!skipped.empty()) out += "<h2>Skipped</h2><ul>" + skipped + "</ul>";
    if (!s.notes.empty()) out += "<h2>Notes</h2><p>" + htmlLines(s.notes) + "</p>";
    return out + "</body></html>\n";
}

} // namespace pb::rules
