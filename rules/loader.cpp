#include "rules/loader.h"

#include "rules/compiler.h"

#include "model/printable.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace pb::rules {

using nlohmann::json;

namespace {

const std::set<std::string> kRuleKeys = {"id", "title", "category", "severity", "level", "type",
                                         "description", "match", "report", "why", "questions",
                                         "ask", "fix", "examples", "tags", "version"};
const std::set<std::string> kCategories = {"failure", "billing", "compliance", "database",
                                           "cache", "messaging", "consistency", "scale",
                                           "reliability", "security", "operations"};
const char* const kCategoryNames = "failure, billing, compliance, database, cache, messaging, consistency, scale, "
                                   "reliability, security, operations"; // as docs/rules.md lists them

// Ids and category paths name a rule in reports, baselines, suppressions and SARIF, and are typed
// on the command line (`rules explain ID`): a space, backtick, pipe or control character in one
// would break a Markdown table or a terminal line wherever it is shown, so they are plain words.
constexpr std::size_t kMaxNameLength = 100;

bool isPlainName(const std::string& s)
{
    if (s.empty() || s.size() > kMaxNameLength || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
    }
    return true;
}

const char* const kPlainNameHint = "letters, digits, '-', '_' and '.', starting with a letter or digit, "
                                   "at most 100 characters";

std::string str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A rule's key that takes one of a few words (severity, level, type) and holds another: says
// the word written and the nearest allowed one, so that "hgh" need not be found by eye.
void badChoice(Compiler& c, const json& j, const std::string& ptr, const char* key,
               const std::vector<std::string>& allowed, const std::string& rule)
{
    const std::string at = ptr + "/" + key;
    auto it = j.find(key);
    if (it == j.end()) {
        c.error(at, "E-SCHEMA", "a rule needs a \"" + std::string(key) + "\": " + rule);
        return;
    }
    if (!it->is_string()) {
        c.error(at, "E-SCHEMA", rule);
        return;
    }
    const std::string written = it->get<std::string>();
    const std::string hint = model::closestMatch(written, allowed);
    c.error(at, "E-SCHEMA", "unknown " + std::string(key) + " " + model::quoteText(written),
            hint.empty() ? rule : "did you mean " + model::quoteText(hint) + "?");
}

void readAnchor(Compiler& c, Rule& r, const json& match, const std::string& ptr)
{
    c.onlyKeys(match, ptr, "a match", {"each", "once", "where"});
    auto each = match.find("each");
    const bool once = c.flag(match, "once", ptr);
    // Both at once ran once per design and dropped the anchor without a word. The anchor is still
    // read, so that the conditions naming it add no errors of their own.
    if (once && each != match.end())
        c.error(ptr + "/each", "E-SCHEMA", "a rule has \"each\" or \"once\": true, not both",
                "\"once\" is for rules about the whole design; keep \"each\" to run once per element");
    else if (once) {
        r.once = true;
        return;
    }
    if (each == match.end() || !each->is_object() || each->empty()) {
        c.error(ptr, "E-SCHEMA", "\"match\" needs \"each\": {\"$var\": {\"kind\": [...]}} or \"once\": true");
        return;
    }
    if (each->size() > 1) {
        // The others are bound all the same, so that the conditions naming them add no errors.
        for (auto it = std::next(each->begin()); it != each->end(); ++it) c.declare(it.key(), ptr + "/each/" + it.key());
        c.error(ptr + "/each", "E-SCHEMA", "one anchor per rule, and \"each\" names " + std::to_string(each->size()),
                "anchor on one and reach the others with \"step\" or \"reach\"");
    }
    const std::string var = each->begin().key();
    const json& spec = each->begin().value();
    const std::string p = ptr + "/each/" + var;
    r.anchorVar = c.declare(var, p);
    if (!spec.is_object()) {
        c.error(p, "E-SCHEMA", "the anchor is an object: {\"kind\": [...], \"where\": [...]}");
        return;
    }
    c.onlyKeys(spec, p, "an anchor", {"flow", "kind", "where"});
    if (c.flag(spec, "flow", p)) r.anchorType = ElemType::Flow;
    c.typeVar(r.anchorVar, r.anchorType == ElemType::Flow ? Compiler::VarType::Flow : Compiler::VarType::Component);
    if (r.anchorType == ElemType::Flow && spec.contains("kind"))
        c.error(p + "/kind", "E-SCHEMA", "a flow has no kind",
                "anchor on the component at one end and step to the flow, or test the flow's properties in \"where\"");
    if (spec.contains("kind")) r.anchorKinds = c.kinds(spec["kind"], p + "/kind");
    if (spec.contains("where"))
        r.anchorWhere = std::make_shared<Conditions>(c.conditions(spec["where"], p + "/where"));
}

std::vector<int> vars(Compiler& c, const json& j, const std::string& ptr)
{
    std::vector<int> out;
    if (!j.is_array()) {
        c.error(ptr, "E-SCHEMA", "expected a list of variables");
        return out;
    }
    for (std::size_t i = 0; i < j.size(); ++i)
        if (j[i].is_string()) out.push_back(c.use(j[i].get<std::string>(), ptr + "/" + std::to_string(i)));
    return out;
}

void readReport(Compiler& c, Rule& r, const json& j, const std::string& ptr)
{
    if (j.is_null()) {
        if (!r.once) r.targetVars = {r.anchorVar};
        r.keyVars = r.targetVars;
        return;
    }
    c.onlyKeys(j, ptr, "a report", {"targets", "key", "path"});
    if (j.contains("targets")) r.targetVars = vars(c, j["targets"], ptr + "/targets");
    else if (!r.once) r.targetVars = {r.anchorVar};
    r.keyVars = j.contains("key") ? vars(c, j["key"], ptr + "/key") : r.targetVars;
    // Every finding of the rule would have one fingerprint, and all but the first would be dropped.
    if (!r.once && j.contains("key") && j["key"].is_array() && j["key"].empty())
        c.error(ptr + "/key", "E-SCHEMA", "an empty \"key\" gives every finding of the rule the same fingerprint, so they merge into one",
                "name the variables that identify the problem, or leave \"key\" out (the targets)");
    if (j.contains("path") && j["path"].is_string()) {
        r.pathVar = c.use(j["path"].get<std::string>(), ptr + "/path");
        const auto type = c.typeOf(r.pathVar);
        if (type == Compiler::VarType::Component || type == Compiler::VarType::Flow)
            c.error(ptr + "/path", "E-TYPE", "the report's path is a path a reach found, and '" + str(j, "path") + "' is a " +
                                                 (type == Compiler::VarType::Flow ? "flow" : "component"),
                    "name it with \"path\": \"$p\" in the reach, and report \"path\": \"$p\"");
    }
}

void readQuestions(Compiler& c, Rule& r, const json& j, const std::string& ptr)
{
    if (!j.is_array() || j.empty()) {
        c.error(ptr, "E-SCHEMA", "a rule needs \"questions\": a list of 1 to 3 questions");
        return;
    }
    // A finding asks at most three: the first three whose "when" holds. A question after three
    // with no "when" is never asked.
    int always = 0;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = ptr + "/" + std::to_string(i);
        QuestionSpec q;
        if (!j[i].is_object() || !j[i].contains("text")) {
            c.error(p, "E-SCHEMA", "a question is {\"text\": \"...\", \"answer_points\": [...]}");
            continue;
        }
        c.onlyKeys(j[i], p, "a question", {"text", "when", "answer_points"});
        if (always >= 3)
            c.error(p, "E-SCHEMA", "this question is never asked: a finding asks at most three, and the three before it have no \"when\"",
                    "give the earlier ones \"when\" conditions (variants for the numbers drawn), or drop one");
        if (!j[i].contains("when")) ++always;
        q.text = c.compileTemplate(j[i]["text"], p + "/text");
        if (j[i].contains("when"))
            q.when = std::make_shared<Conditions>(c.conditions(j[i]["when"], p + "/when"));
        std::vector<std::string> points;
        for (const auto& a : j[i].value("answer_points", json::array()))
            if (a.is_string()) points.push_back(a.get<std::string>());
        q.answerPoints = SharedStrings(std::move(points));
        if (q.answerPoints.size() < 3 || q.answerPoints.size() > 6)
            c.error(p + "/answer_points", "E-SCHEMA", "give 3 to 6 answer points (what a strong answer covers)");
        r.questions.push_back(std::move(q));
    }
}

void readFix(Compiler& c, Rule& r, const json& j, const std::string& ptr)
{
    c.onlyKeys(j, ptr, "a fix", {"hint", "actions"});
    if (j.contains("hint")) r.fixHint = c.compileTemplate(j["hint"], ptr + "/hint");
    const json actions = j.value("actions", json::array());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string p = ptr + "/actions/" + std::to_string(i);
        const json& a = actions[i];
        FixAction fa;
        FixSpec spec;
        if (a.contains("set") && a["set"].is_object()) {
            spec.op = "set";
            c.onlyKeys(a["set"], p + "/set", "a set action", {"element", "property", "value"});
            fa.var = c.use(str(a["set"], "element"), p + "/set/element");
            spec.property = str(a["set"], "property");
            if (a["set"].contains("value")) {
                if (auto v = model::valueFromJson(a["set"]["value"])) spec.value = std::move(*v);
                else c.error(p + "/set/value", "E-SCHEMA", "a value is a string, number, boolean or list of strings");
            }
            c.checkFixValue(spec.property, a["set"].value("value", json()), p + "/set/property");
        } else if (a.contains("add_component") && a["add_component"].is_object()) {
            const json& ac = a["add_component"];
            spec.op = "add_component";
            c.onlyKeys(ac, p + "/add_component", "an add_component action", {"kind", "label", "connect_from", "properties"});
            spec.kind = str(ac, "kind");
            c.kinds(spec.kind, p + "/add_component/kind");
            spec.label = str(ac, "label");
            if (ac.contains("connect_from")) fa.var = c.use(str(ac, "connect_from"), p + "/add_component/connect_from");
            const json props = ac.value("properties", json::object());
            for (const auto& [k, v] : props.items()) {
                if (auto value = model::valueFromJson(v)) spec.props[k] = std::move(*value);
                else c.error(p + "/add_component/properties/" + k, "E-SCHEMA",
                             "a value is a string, number, boolean or list of strings");
                c.checkFixValue(k, v, p + "/add_component/properties/" + k);
            }
        } else {
            c.error(p, "E-SCHEMA", "a fix action is {\"set\": {...}} or {\"add_component\": {...}}");
            continue;
        }
        fa.spec = std::make_shared<const FixSpec>(std::move(spec));
        r.fixActions.push_back(std::move(fa));
    }
}

void readExamples(Compiler& c, Rule& r, const json& j, const std::string& ptr)
{
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = ptr + "/" + std::to_string(i);
        Example e;
        c.onlyKeys(j[i], p, "an example", {"name", "dot", "expect", "targets"});
        e.name = str(j[i], "name");
        e.dot = str(j[i], "dot");
        const std::string expect = str(j[i], "expect");
        if (e.dot.empty())
            c.error(p, "E-SCHEMA", "an example is {\"name\", \"dot\": \"digraph {...}\", \"expect\": \"fires\"|\"clean\"}");
        else if (expect != "fires" && expect != "clean") {
            const auto hint = model::closestMatch(expect, {"fires", "clean"});
            c.error(p + (j[i].contains("expect") ? "/expect" : ""), "E-SCHEMA", "\"expect\" is \"fires\" or \"clean\"",
                    hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
        }
        e.fires = expect == "fires";
        for (const auto& t : j[i].value("targets", json::array()))
            if (t.is_string()) e.targets.push_back(t.get<std::string>());
        r.examples.push_back(std::move(e));
    }
}

void readMetadata(Compiler& c, Rule& r, const json& j, const std::string& ptr)
{
    for (const auto& [k, v] : j.items())
        if (!kRuleKeys.count(k)) {
            auto hint = model::closestMatch(k, std::vector<std::string>(kRuleKeys.begin(), kRuleKeys.end()));
            c.error(ptr + "/" + k, "E-SCHEMA", "unknown key " + model::quoteText(k) + " in a rule",
                    hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
        }
    r.title = str(j, "title");
    r.description = str(j, "description");
    r.category = str(j, "category");
    if (r.title.empty()) c.error(ptr, "E-SCHEMA", "a rule needs a \"title\"");
    const std::string top = r.category.str().substr(0, r.category.str().find('/'));
    bool plainPath = true;
    for (std::size_t from = top.size(); from < r.category.str().size() && plainPath;) {
        const std::size_t to = std::min(r.category.str().find('/', from + 1), r.category.str().size());
        plainPath = isPlainName(r.category.str().substr(from + 1, to - from - 1));
        from = to;
    }
    if (!plainPath)
        c.error(ptr + "/category", "E-SCHEMA", "each part of the category's sub-path is " + std::string(kPlainNameHint),
                "for example \"messaging/ordering\"");
    else if (r.category.str().empty())
        c.error(ptr + "/category", "E-SCHEMA", "a rule needs a \"category\"",
                "one of " + std::string(kCategoryNames) + ", optionally with a sub-path such as \"messaging/ordering\"");
    else if (!kCategories.count(top)) {
        auto hint = model::closestMatch(top, std::vector<std::string>(kCategories.begin(), kCategories.end()));
        c.error(ptr + "/category", "E-SCHEMA", "unknown category " + model::quoteText(r.category.str()),
                hint.empty() ? "categories: " + std::string(kCategoryNames) : "did you mean " + model::quoteText(hint) + "?");
    }
    if (!parseSeverity(str(j, "severity"), r.severity))
        badChoice(c, j, ptr, "severity", {"info", "low", "medium", "high", "critical"},
                  "severity is info, low, medium, high or critical");
    r.level = str(j, "level");
    if (r.level != "mid" && r.level != "senior" && r.level != "staff")
        badChoice(c, j, ptr, "level", {"mid", "senior", "staff"}, "level is mid, senior or staff");
    // Not j.value(): it throws when "type" is there but not a string.
    const std::string type = j.contains("type") ? str(j, "type") : std::string("finding");
    if (type != "finding" && type != "probe") badChoice(c, j, ptr, "type", {"finding", "probe"}, "type is finding or probe");
    r.probe = type == "probe";
    // A probe is a topic question, shown as info whatever it says; another severity would be
    // listed by `rules list` and never seen in a review.
    if (r.probe && r.severity != Severity::Info)
        c.error(ptr + "/severity", "E-SCHEMA", "a probe's severity is info", "a probe asks about a topic; a risk is a finding");
}

std::optional<Rule> readRule(Compiler& c, const json& j, const std::string& ptr)
{
    Rule r;
    if (!j.is_object() || str(j, "id").empty()) {
        c.error(ptr, "E-SCHEMA", "a rule is an object with an \"id\"");
        return std::nullopt;
    }
    r.id = str(j, "id");
    r.pointer = ptr + "/id";
    std::tie(r.line, r.column) = c.position(r.pointer);
    if (!isPlainName(r.id))
        c.error(ptr + "/id", "E-SCHEMA", "a rule id is " + std::string(kPlainNameHint),
                "for example \"team-public-api-needs-rate-limit\"");
    c.beginRule(r);
    readMetadata(c, r, j, ptr);
    const json match = j.value("match", json());
    if (!match.is_object()) c.error(ptr, "E-SCHEMA", "a rule needs a \"match\" object");
    else {
        readAnchor(c, r, match, ptr + "/match");
        if (match.contains("where")) r.where = c.conditions(match["where"], ptr + "/match/where");
    }
    readReport(c, r, j.value("report", json()), ptr + "/report");
    if (j.contains("why")) r.why = c.compileTemplate(j["why"], ptr + "/why");
    else c.error(ptr, "E-SCHEMA", "a rule needs \"why\": the plain-words reason it fired");
    readQuestions(c, r, j.value("questions", json()), ptr + "/questions");
    if (j.contains("ask")) r.ask = c.compileTemplate(j["ask"], ptr + "/ask");
    if (j.contains("fix")) readFix(c, r, j["fix"], ptr + "/fix");
    if (j.contains("examples")) readExamples(c, r, j["examples"], ptr + "/examples");
    auto parts = std::make_shared<std::vector<std::shared_ptr<const std::vector<TemplatePart>>>>();
    parts->push_back(r.why.shared());
    for (const auto& q : r.questions) parts->push_back(q.text.shared());
    parts->push_back(r.fixHint.shared());
    r.textParts = std::move(parts);
    return r;
}

void readSets(Compiler& c, Pack& pack, const json& sets);
void readPackProperties(Compiler& c, const json& list);

void readPackHeader(Compiler& c, Pack& pack, const json& j)
{
    const std::string format = str(j, "format");
    if (format != "probeboard-rules/1")
        c.error(format.empty() ? "" : "/format", "E-SCHEMA",
                "expected \"format\": \"probeboard-rules/1\"" +
                    (format.empty() ? std::string() : ", got " + model::quoteText(format)));
    c.onlyKeys(j, "", "a rule pack", {"format", "pack", "settings", "sets", "properties", "rules"});
    const json header = j.value("pack", json::object());
    c.onlyKeys(header, "/pack", "the pack header", {"id", "version", "title", "description"});
    pack.id = str(header, "id");
    pack.version = str(header, "version");
    pack.title = str(header, "title");
    if (pack.id.empty()) c.error("/pack", "E-SCHEMA", "the pack needs \"pack\": {\"id\": ..., \"version\": ...}");
    else if (!isPlainName(pack.id))
        c.error("/pack/id", "E-SCHEMA", "a pack id is " + std::string(kPlainNameHint));
    const json settings = j.value("settings", json::object());
    c.onlyKeys(settings, "/settings", "settings", {"max_probes_per_kind", "max_asks_per_element"});
    const auto probes = model::intSetting(settings, "max_probes_per_kind", 2, 0, 1000);
    const auto asks = model::intSetting(settings, "max_asks_per_element", 2, 0, 1000);
    if (!probes) c.error("/settings/max_probes_per_kind", "E-SCHEMA", "a whole number from 0 to 1000");
    if (!asks) c.error("/settings/max_asks_per_element", "E-SCHEMA", "a whole number from 0 to 1000");
    pack.maxProbesPerKind = probes.value_or(2);
    pack.maxAsksPerElement = asks.value_or(2);
    readSets(c, pack, j.value("sets", json::object()));
    readPackProperties(c, j.value("properties", json::array()));
}

// A set that is not a list of strings compares with nothing, so a rule using it never fires.
void readSets(Compiler& c, Pack& pack, const json& sets)
{
    if (!sets.is_object()) {
        c.error("/sets", "E-SCHEMA", "\"sets\" is an object of named lists: {\"name\": [\"EU\", \"UK\"]}");
        return;
    }
    for (const auto& [name, values] : sets.items()) {
        std::vector<std::string> list;
        if (!values.is_array()) c.error("/sets/" + name, "E-SCHEMA", "a set is a list of strings, e.g. [\"EU\", \"UK\"]");
        else
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (values[i].is_string()) list.push_back(values[i].get<std::string>());
                else c.error("/sets/" + name + "/" + std::to_string(i), "E-TYPE", "a set holds strings, not a " + std::string(values[i].type_name()));
            }
        pack.sets.emplace_back(name, list);
        c.sets[name] = std::make_shared<const model::Value>(model::StringList(list));
    }
}

// Declared properties: each once, with a type the engine has, and never a vocabulary property
// under another type (the rules' errors would then contradict the inspector).
void readPackProperties(Compiler& c, const json& list)
{
    if (!list.is_array()) {
        c.error("/properties", "E-SCHEMA", "\"properties\" is a list: [{\"name\": \"owner_team\", \"type\": \"string\"}]");
        return;
    }
    const auto& vocab = model::Vocabulary::builtin();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string ptr = "/properties/" + std::to_string(i);
        const json& p = list[i];
        c.onlyKeys(p, ptr, "a property", {"name", "type", "description"});
        model::PropertySpec spec;
        spec.name = str(p, "name");
        const std::string type = str(p, "type");
        spec.type = type == "number" ? model::ValueType::Number
                    : type == "bool" ? model::ValueType::Bool
                    : type == "list" ? model::ValueType::List : model::ValueType::String;
        if (spec.name.empty()) {
            c.error(ptr, "E-SCHEMA", "a property needs a \"name\"");
            continue;
        }
        if (type != "string" && type != "number" && type != "bool" && type != "list") {
            const auto hint = model::closestMatch(type, {"string", "number", "bool", "list"});
            c.error(ptr + "/type", "E-SCHEMA", "a property's type is string, number, bool or list",
                    hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
        }
        if (const auto* known = vocab.property(spec.name); known && known->type != spec.type)
            c.error(ptr + "/name", "E-SCHEMA", model::quoteText(spec.name) + " is in the vocabulary as a " + model::typeName(known->type) +
                                                   "; a pack cannot declare it again as a " + model::typeName(spec.type),
                    "leave it out (the vocabulary's is used), or pick another name");
        else if (!c.packProperties.emplace(spec.name, spec).second)
            c.error(ptr + "/name", "E-SCHEMA", model::quoteText(spec.name) + " is declared twice in this pack");
    }
}

void readPackBody(Compiler& c, Pack& pack, const json& j)
{
    readPackHeader(c, pack, j);
    auto rules = j.find("rules");
    if (rules == j.end()) {
        c.error("", "E-SCHEMA", "a rule pack needs \"rules\": a list of rules");
        return;
    }
    if (!rules->is_array()) {
        c.error("/rules", "E-SCHEMA", "\"rules\" is a list of rules");
        return;
    }
    if (rules->size() > kMaxPackRules) {
        c.error("/rules", "E-LIMIT", "the pack has " + std::to_string(rules->size()) +
                                         " rules; the limit is " + std::to_string(kMaxPackRules));
        return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < rules->size(); ++i) {
        const std::string ptr = "/rules/" + std::to_string(i);
        std::optional<Rule> rule;
        try {
            rule = readRule(c, (*rules)[i], ptr);
        } catch (const json::exception& e) {
            c.endRule();
            c.error(ptr, "E-SCHEMA", std::string("unexpected value in the rule: ") + e.what());
        }
        // readRule's own Rule is gone; errors from here on must not name it through the compiler
        // (reading it was a use-after-free found by fuzz_rulepack).
        c.endRule();
        if (!rule) continue;
        if (!ids.insert(rule->id).second)
            c.error(ptr + "/id", "E-DUP-ID", "rule id " + model::quoteText(rule->id.str()) + " is used twice in this pack");
        rule->packId = pack.id;
        rule->sourceFile = pack.file;
        pack.rules.push_back(std::move(*rule));
    }
}

} // namespace

std::optional<Pack> loadPackText(const std::string& text, const std::string& file,
                                 model::Diagnostics& diags)
{
    // A key written twice in a rule ("where" twice) would drop the first without a word.
    const std::size_t before = diags.size();
    auto j = model::parseJson(text, file, diags, model::Diagnostic::Level::Error);
    if (!j) return std::nullopt;
    const bool repeated = model::hasErrors(model::Diagnostics(diags.begin() + long(before), diags.end()));
    Compiler c(file, text, diags);
    Pack pack;
    pack.file = file;
    if (!j->is_object()) {
        c.error("", "E-SCHEMA", "a rule pack is a JSON object");
        return std::nullopt;
    }
    // Every shape check reports its own error; this only turns one that was missed into an
    // error naming the file instead of an exception escaping to the caller.
    try {
        readPackBody(c, pack, *j);
    } catch (const json::exception& e) {
        c.error("", "E-SCHEMA", std::string("unexpected value in the pack: ") + e.what());
    }
    if (c.failed() || repeated) return std::nullopt;
    return pack;
}

std::optional<Pack> loadPackFile(const std::string& path, model::Diagnostics& diags)
{
    std::string err;
    auto text = model::readTextFile(path, err);
    if (!text) {
        diags.push_back({model::Diagnostic::Level::Error, path, 0, 0, "", "", "E-IO",
                         "cannot read the rule pack: " + err, ""});
        return std::nullopt;
    }
    return loadPackText(*text, path, diags);
}

} // namespace pb::rules
