// The review as a spreadsheet: one row per finding, fact not drawn and topic, for the teams that
// track design-review items in a sheet or import them into a tracker (Threat Dragon's users ask
// for exactly this: findings that check in and cannot check out).
#include "rules/report.h"

#include <string_view>

namespace pb::rules {

namespace {
// RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled. A cell
// that a spreadsheet would read as a formula (=, +, -, @, a tab or a return first: OWASP's CSV
// injection) gets an apostrophe first, so that a label "=HYPERLINK(…)" in a design stays text.
void appendCell(std::string& out, std::string_view text)
{
    // A lone "-" (standard input's name) is no formula.
    const bool formula =
        !text.empty() &&
        std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
        !(text.size() == 1 && (text[0] == '-' || text[0] == '+'));
    const bool quote = formula || text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    if (quote) out += '"';
}

const char* kindName(Finding::Kind k)
{
    return k == Finding::Kind::Finding ? "finding"
           : k == Finding::Kind::Ask   ? "not drawn"
                                       : "topic";
}

std::string joinedIds(const std::vector<std::string>& ids, const char* between)
{
    std::string out;
    for (const auto& id : ids)
        out += (out.empty() ? "" : between) + id;
    return out;
}

std::string questionsText(const Finding& f)
{
    std::string out;
    for (const auto& q : f.questions)
        out += (out.empty() ? "" : "\n") + q.text.str();
    return out;
}
} // namespace

void writeReportCsv(const std::vector<FileReview>& reviews, const ReportWriter& write)
{
    ChunkedWriter writer(write);
    std::string& out = writer.text();
    out += "file,kind,severity,rule,category,title,targets,labels,path,why,questions,fix,status,"
           "owner,expires,justification,fingerprint\r\n";
    for (const auto& r : reviews) {
        for (const auto& f : r.result.findings) {
            std::vector<std::string> labels;
            for (const auto& id : f.targets)
                labels.push_back(r.design ? labelOf(*r.design, id) : id);
            const std::string cells[] = {r.file,
                                         kindName(f.kind),
                                         severityName(f.severity),
                                         f.ruleId.str(),
                                         f.category.str(),
                                         f.title.str(),
                                         joinedIds(f.targets, " "),
                                         joinedIds(labels, "; "),
                                         joinedIds(f.path, " "),
                                         f.why.str(),
                                         questionsText(f),
                                         f.fixHint.str(),
                                         f.status.str(),
                                         f.owner.str(),
                                         f.expires.str(),
                                         f.justification.str(),
                                         f.fingerprint};
            bool first = true;
            for (const auto& cell : cells) {
                if (!first) out += ',';
                first = false;
                appendCell(out, cell);
            }
            out += "\r\n";
            writer.maybeFlush();
        }
    }
}

std::string reportCsv(const std::vector<FileReview>& reviews)
{
    std::string out;
    writeReportCsv(reviews, [&](std::string_view piece) { out += piece; });
    return out;
}

} // namespace pb::rules
