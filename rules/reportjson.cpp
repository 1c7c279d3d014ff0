#include "rules/report.h"

#include "model/designpart.h"
#include "model/version.h"

#include <cctype>
#include <functional>
#include <random>

namespace pb::rules {

using nlohmann::ordered_json;

namespace {
const char* kindName(Finding::Kind k)
{
    return k == Finding::Kind::Ask ? "ask" : k == Finding::Kind::Probe ? "probe" : "finding";
}

ordered_json valueJson(const model::Value& v)
{
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto b = std::get_if<bool>(&v)) return *b;
    if (auto d = std::get_if<double>(&v)) return *d;
    return std::get<model::StringList>(v);
}
} // namespace

ordered_json findingJson(const Finding& f)
{
    ordered_json j;
    j["rule"] = f.ruleId;
    j["severity"] = severityName(f.severity);
    j["category"] = f.category;
    j["title"] = f.title;
    j["targets"] = f.targets;
    j["path"] = f.path;
    j["why"] = f.why.once(); // rendered for the report, not kept by the finding
    ordered_json qs = ordered_json::array();
    for (const auto& q : f.questions) qs.push_back({{"text", q.text.once()}, {"answer_points", q.answerPoints.list()}});
    j["questions"] = std::move(qs);
    j["fingerprint"] = f.fingerprint;
    j["kind"] = kindName(f.kind);
    j["level"] = f.level;
    j["pack"] = f.packId;
    j["status"] = f.status;
    if (!f.justification.empty()) j["justification"] = f.justification;
    if (!f.owner.empty()) j["owner"] = f.owner;
    if (!f.expires.empty()) j["expires"] = f.expires;
    if (std::string hint = f.fixHint.once(); !hint.empty()) {
        ordered_json fix{{"hint", std::move(hint)}};
        ordered_json actions = ordered_json::array();
        for (const auto& a : f.fixes) {
            ordered_json aj{{"op", a.op()}};
            if (a.op() == "set") {
                aj["element"] = a.element;
                aj["property"] = a.property();
                aj["value"] = valueJson(a.value());
            } else {
                aj["kind"] = a.kind();
                aj["label"] = a.label();
                ordered_json props = ordered_json::object();
                for (const auto& [k, v] : a.props()) props[k] = valueJson(v);
                aj["properties"] = props;
                aj["connect_from"] = a.connectFrom;
            }
            actions.push_back(std::move(aj));
        }
        fix["actions"] = std::move(actions);
        j["fix"] = std::move(fix);
    }
    return j;
}

namespace {
// A file's report around the given findings array.
ordered_json fileJson(const FileReview& review, ordered_json findings)
{
    ordered_json j;
    j["file"] = review.file;
    j["findings"] = std::move(findings);
    const auto& s = review.result.summary;
    j["summary"] = {{"total", s.total},      {"findings", s.findings}, {"asks", s.asks},
                    {"probes", s.probes},    {"decided", s.accepted},
                    {"critical", s.bySeverity[4]}, {"high", s.bySeverity[3]},
                    {"medium", s.bySeverity[2]},   {"low", s.bySeverity[1]},
                    {"info", s.bySeverity[0]}};
    // Only when a rule was stopped: every complete review keeps the shape it always had.
    if (!review.result.stopped.empty()) {
        ordered_json stopped = ordered_json::array();
        for (const auto& st : review.result.stopped)
            stopped.push_back({{"rule", st.ruleId}, {"findings", st.findings}, {"matches", st.matches},
                               {"message", stoppedRuleText(st)}});
        j["stopped_rules"] = std::move(stopped);
    }
    return j;
}
} // namespace

std::string findingMessage(const Finding& f)
{
    std::string text = f.why.once();
    for (const auto& q : f.questions) text += "\n? " + q.text.once();
    return text;
}

ordered_json reportJson(const FileReview& review)
{
    ordered_json findings = ordered_json::array();
    for (const auto& f : review.result.findings) findings.push_back(findingJson(f));
    return fileJson(review, std::move(findings));
}

namespace {
const char* sarifLevel(Severity s)
{
    return s >= Severity::High ? "error" : s == Severity::Medium ? "warning" : "note";
}

ordered_json sarifRules(const RuleSet& rules)
{
    ordered_json out = ordered_json::array();
    for (const auto& r : rules.rules()) {
        ordered_json rule{{"id", r.id}, {"name", r.id}, {"shortDescription", {{"text", r.title}}}};
        rule["fullDescription"] = {{"text", r.description.empty() ? r.title : r.description}};
        rule["defaultConfiguration"] = {{"level", sarifLevel(r.severity)}};
        rule["properties"] = {{"category", r.category}, {"level", r.level},
                              {"severity", severityName(r.severity)}, {"pack", r.packId}};
        out.push_back(std::move(rule));
    }
    return out;
}

// A file name as a SARIF artifact URI (a relative URI reference): "my design #1 100%.dot" is not
// one until its '#', '%' and spaces are escaped, and dashboards cut the name at the '#'.
std::string artifactUri(const std::string& name)
{
    static const char* kHex = "0123456789ABCDEF";
    // One flowchart of a Markdown file ("doc.md#2"): the file is what a dashboard opens.
    const auto part = model::designPart(name);
    const std::string& file = part ? part->file : name;
    std::string out;
    for (const unsigned char c : file) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            out += static_cast<char>(c);
        else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

ordered_json sarifResult(const FileReview& r, const Finding& f)
{
    ordered_json res{{"ruleId", f.ruleId}, {"level", sarifLevel(f.severity)}};
    res["message"] = {{"text", f.title + ": " + findingMessage(f)}};
    ordered_json logical = ordered_json::array();
    for (const auto& id : f.targets) {
        const bool flow = r.design->flow(id) != nullptr;
        logical.push_back({{"name", labelOf(*r.design, id)}, {"fullyQualifiedName", id},
                           {"kind", flow ? "flow" : "component"}});
    }
    ordered_json physical{{"artifactLocation", {{"uri", artifactUri(r.file)}}}};
    // The line of the first element the finding is about: dashboards place an alert by it.
    for (const auto& id : f.targets)
        if (const auto at = r.lines.find(id); at != r.lines.end()) {
            physical["region"] = {{"startLine", at->second}};
            break;
        }
    res["locations"] = {{{"physicalLocation", physical}, {"logicalLocations", logical}}};
    if (!f.path.empty()) {
        ordered_json steps = ordered_json::array();
        for (const auto& id : f.path)
            steps.push_back({{"location", {{"logicalLocations", {{{"name", labelOf(*r.design, id)},
                                                                 {"fullyQualifiedName", id}}}},
                                           {"message", {{"text", labelOf(*r.design, id)}}}}}});
        res["codeFlows"] = {{{"threadFlows", {{{"locations", steps}}}}}};
    }
    res["partialFingerprints"] = {{"probeboardFingerprint/v1", f.fingerprint}};
    // SARIF's "underReview" is not a suppression: a finding in discussion still counts.
    if (f.status != "open")
        res["suppressions"] = {{{"kind", "external"}, {"status", f.settled() ? "accepted" : "underReview"},
                                {"justification", f.justification.empty() ? f.status : f.justification}}};
    res["properties"] = {{"category", f.category}, {"kind", kindName(f.kind)}, {"level", f.level}};
    return res;
}
} // namespace

namespace {
// A rule stopped at its limits is a notification of the run: dashboards show that the results
// are incomplete, and for which file.
ordered_json sarifInvocation(const std::vector<FileReview>& reviews)
{
    ordered_json notes = ordered_json::array();
    for (const auto& r : reviews)
        for (const auto& st : r.result.stopped)
            notes.push_back({{"level", "warning"},
                             {"message", {{"text", stoppedRuleText(st)}}},
                             {"descriptor", {{"id", st.ruleId}}},
                             {"locations",
                              {{{"physicalLocation",
                                 {{"artifactLocation", {{"uri", artifactUri(r.file)}}}}}}}}});
    if (notes.empty()) return nullptr;
    return {{"executionSuccessful", true}, {"toolExecutionNotifications", std::move(notes)}};
}

ordered_json sarifDocument(ordered_json results, const RuleSet& rules, const std::vector<FileReview>& reviews)
{
    ordered_json driver{{"name", "probeboard"}, {"version", kVersion},
                        {"informationUri", "https://github.com/probeboard/probeboard"},
                        {"rules", sarifRules(rules)}};
    ordered_json run{{"tool", {{"driver", driver}}}, {"results", results}};
    if (ordered_json invocation = sarifInvocation(reviews); !invocation.is_null())
        run["invocations"] = ordered_json::array({std::move(invocation)});
    return ordered_json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", {run}}};
}
} // namespace

ordered_json reportSarif(const std::vector<FileReview>& reviews, const RuleSet& rules)
{
    ordered_json results = ordered_json::array();
    for (const auto& r : reviews)
        for (const auto& f : r.result.findings) results.push_back(sarifResult(r, f));
    return sarifDocument(std::move(results), rules, reviews);
}

namespace {
// Stands for the items of the k-th streamed array in a document's skeleton. A file name or a
// rule pack's text could hold any fixed mark; not one with a number drawn when the program runs.
ordered_json placeholder(std::size_t k)
{
    static const std::string nonce = std::to_string(std::random_device{}()) + "-" +
                                     std::to_string(std::random_device{}());
    return ordered_json::array({"\x01" "probeboard-stream-" + nonce + "-" + std::to_string(k) + "\x01"});
}

// Writes `skeleton` as dump(2) would, each placeholder array's item replaced by the items that
// `items(k, add)` hands to `add`, each dumped in its place: only one item is held at a time.
void writeSpliced(ChunkedWriter& out, const ordered_json& skeleton,
                  const std::function<void(std::size_t, const std::function<void(const ordered_json&)>&)>& items)
{
    const std::string text = skeleton.dump(2);
    std::size_t done = 0;
    std::string scratch;
    for (std::size_t k = 0;; ++k) {
        const std::string mark = placeholder(k).front().dump();
        const std::size_t at = text.find(mark, done);
        if (at == std::string::npos) break;
        const std::size_t lineStart = text.rfind('\n', at) + 1;
        const std::string indent(at - lineStart, ' ');
        out.append(std::string_view(text).substr(done, lineStart - done));
        bool first = true;
        items(k, [&](const ordered_json& item) {
            std::string& piece = scratch;
            piece.assign(first ? "" : ",\n");
            first = false;
            piece += indent;
            // JSON strings hold no raw line breaks: every one in the dump starts a new line.
            for (char c : item.dump(2)) {
                piece += c;
                if (c == '\n') piece += indent;
            }
            out.makeRoom(piece.size());
            out.text() += piece;
            out.maybeFlush();
        });
        done = at + mark.size();
    }
    out.append(std::string_view(text).substr(done));
    out.text() += '\n';
}
} // namespace

void writeReportJson(const std::vector<FileReview>& reviews, const ReportWriter& write)
{
    ChunkedWriter out(write);
    auto skeletonOf = [](const FileReview& r, std::size_t k) {
        return fileJson(r, r.result.findings.empty() ? ordered_json::array() : placeholder(k));
    };
    ordered_json skeleton;
    std::vector<const FileReview*> streamed; // the k-th placeholder's review
    for (const auto& r : reviews) {
        ordered_json file = skeletonOf(r, streamed.size());
        if (!r.result.findings.empty()) streamed.push_back(&r);
        if (reviews.size() == 1) skeleton = std::move(file);
        else skeleton.push_back(std::move(file));
    }
    if (reviews.empty()) skeleton = ordered_json::array();
    writeSpliced(out, skeleton, [&](std::size_t k, const auto& add) {
        for (const auto& f : streamed[k]->result.findings) add(findingJson(f));
    });
}

void writeReportSarif(const std::vector<FileReview>& reviews, const RuleSet& rules, const ReportWriter& write)
{
    ChunkedWriter out(write);
    bool any = false;
    for (const auto& r : reviews) any = any || !r.result.findings.empty();
    writeSpliced(out, sarifDocument(any ? placeholder(0) : ordered_json::array(), rules, reviews), [&](std::size_t, const auto& add) {
        for (const auto& r : reviews)
            for (const auto& f : r.result.findings) add(sarifResult(r, f));
    });
}

} // namespace pb::rules
