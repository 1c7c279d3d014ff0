// Compiler: conditions (prop, all/any/not, step, exists/none, reach, count, somewhere/nowhere).
#include "rules/compiler.h"

#include "model/printable.h"

#include <algorithm>

namespace pb::rules {

using model::PropertySpec;
using model::ValueType;

namespace {
const std::vector<std::string> kConditionKeys = {"prop", "all", "any", "not", "step", "exists",
                                                 "none", "reach", "count", "somewhere", "nowhere"};
const std::vector<std::pair<std::string, Op>> kOps = {
    {"eq", Op::Eq},         {"ne", Op::Ne}, {"in", Op::In}, {"not_in", Op::NotIn},
    {"gt", Op::Gt},         {"ge", Op::Ge}, {"lt", Op::Lt}, {"le", Op::Le},
    {"exists", Op::Exists}, {"contains_any", Op::ContainsAny},
    {"contains_all", Op::ContainsAll}, {"contains_none", Op::ContainsNone}};

std::vector<std::string> opNames()
{
    std::vector<std::string> out;
    for (const auto& o : kOps) out.push_back(o.first);
    return out;
}

Dir parseDir(const nlohmann::json& j, bool& ok)
{
    ok = true;
    const std::string d = j.is_string() ? j.get<std::string>() : "";
    if (d == "out") return Dir::Out;
    if (d == "in") return Dir::In;
    if (d == "both" || d == "any") return Dir::Both;
    ok = false;
    return Dir::Out;
}

} // namespace

// Which way a step or a reach goes has no default: one left out used to mean "out", and a rule
// written for callers (in) then never fired.
Dir Compiler::direction(const json& j, const std::string& ptr, const std::string& what)
{
    const auto it = j.find("dir");
    if (it == j.end()) {
        error(ptr, "E-SCHEMA", what + " needs \"dir\": \"out\" (along flows), \"in\" (against them) or \"both\"");
        return Dir::Out;
    }
    bool ok = true;
    const Dir d = parseDir(*it, ok);
    if (!ok) error(ptr + "/dir", "E-SCHEMA", "\"dir\" is \"out\", \"in\" or \"both\"");
    return d;
}

// A switch such as "each" or "flow": true or false, said at its own place ("yes" made the JSON
// library throw, and the message named the whole rule).
bool Compiler::flag(const json& j, const char* key, const std::string& ptr)
{
    const auto it = j.find(key);
    if (it == j.end()) return false;
    if (!it->is_boolean()) {
        error(ptr + "/" + key, "E-SCHEMA", std::string("\"") + key + "\" is true or false, not a " + it->type_name());
        return false;
    }
    return it->get<bool>();
}

Condition Compiler::condition(const json& j, const std::string& ptr)
{
    Condition c;
    c.pointer = ptr;
    if (!j.is_object() || j.empty()) {
        error(ptr, "E-SCHEMA", "a condition is an object such as {\"prop\": \"$x.key\", \"eq\": 1}");
        return c;
    }
    // "exists" is both a condition and an operator of "prop"; a "prop" key decides.
    std::string key = j.contains("prop") ? "prop" : "";
    for (const auto& k : kConditionKeys)
        if (key.empty() && j.contains(k)) key = k;
    if (key.empty()) {
        // The key that is not an operator is the misspelt one: {"props": …, "eq": …} names "props".
        std::string first;
        for (const auto& item : j.items())
            if (item.key() != "if_missing" &&
                std::none_of(kOps.begin(), kOps.end(), [&](const auto& o) { return o.first == item.key(); })) {
                first = item.key();
                break;
            }
        if (first.empty()) {
            error(ptr, "E-SCHEMA", "an operator without \"prop\"", "name the property: {\"prop\": \"$x.key\", \"eq\": 1}");
            return c;
        }
        auto hint = model::closestMatch(first, kConditionKeys);
        error(ptr + "/" + first, "E-SCHEMA", "unknown condition " + model::quoteText(first),
              hint.empty() ? "conditions are: prop, all, any, not, step, exists, none, reach, "
                             "count, somewhere, nowhere"
                           : "did you mean " + model::quoteText(hint) + "?");
        return c;
    }
    const std::string p = ptr + "/" + key;
    if (key == "prop") return propCondition(j, ptr);
    if (key == "all" || key == "any") {
        c.kind = key == "all" ? Condition::Kind::All : Condition::Kind::Any;
        // Empty, "any" is never true and "all" always: the rule would quietly never (or always)
        // fire, which is what a half-written condition looks like, not what anyone means.
        if (j[key].is_array() && j[key].empty())
            error(p, "E-SCHEMA", "\"" + key + "\" has no conditions, so it is " + (key == "any" ? "never" : "always") + " true",
                  "list the conditions, or leave the \"" + key + "\" out");
        c.children = conditions(j[key], p);
    } else if (key == "not") {
        c.kind = Condition::Kind::Not;
        c.children.push_back(condition(j[key], p));
    } else if (key == "step" || key == "exists" || key == "none") {
        c.kind = key == "step" ? Condition::Kind::Step
                 : key == "exists" ? Condition::Kind::Exists : Condition::Kind::None;
        auto saved = m_bound;
        c.step = step(j[key], p, key == "step");
        if (key != "step") m_bound = saved; // exists/none bind nothing outside themselves
    } else if (key == "reach") {
        c.kind = Condition::Kind::Reach;
        c.reach = reach(j[key], p);
    } else if (key == "count") {
        c.kind = Condition::Kind::Count;
        c.count = count(j[key], p);
    } else {
        c.kind = key == "somewhere" ? Condition::Kind::Somewhere : Condition::Kind::Nowhere;
        auto saved = m_bound;
        c.select = select(j[key], p, false);
        m_bound = saved;
    }
    return c;
}

Condition Compiler::propCondition(const json& j, const std::string& ptr)
{
    Condition c;
    c.kind = Condition::Kind::Prop;
    c.pointer = ptr;
    if (!j["prop"].is_string()) {
        error(ptr + "/prop", "E-SCHEMA", "\"prop\" is a string like \"$db.failover\"");
        return c;
    }
    const PropertySpec* spec = nullptr;
    c.prop = propRef(j["prop"].get<std::string>(), ptr + "/prop", &spec);
    if (!spec && c.prop.var >= 0) spec = fieldSpec(c.prop.key);
    std::string opName;
    for (const auto& [name, op] : kOps)
        if (j.contains(name)) opName = name, c.op = op;
    for (const auto& [k, v] : j.items()) {
        if (k == "prop" || k == "if_missing" || k == opName) continue;
        const std::string& key = k; // clang 14 (the fuzz build) cannot capture a structured binding
        if (std::any_of(kOps.begin(), kOps.end(), [&](const auto& o) { return o.first == key; })) {
            error(ptr + "/" + k, "E-SCHEMA", "a prop condition has one operator, and this one has " + model::quoteText(k) + " and '" +
                                                 opName + "'",
                  "write one condition for each: conditions in a list must all hold");
            continue;
        }
        const std::string hint = nearestKey(k, opNames());
        error(ptr + "/" + k, "E-SCHEMA", "unknown key " + model::quoteText(k) + " in a prop condition",
              hint.empty() ? "operators: eq ne in not_in gt ge lt le exists contains_any "
                             "contains_all contains_none"
                           : "did you mean " + model::quoteText(hint) + "?");
    }
    if (opName.empty()) {
        error(ptr, "E-SCHEMA", "a prop condition needs an operator such as \"eq\"");
        return c;
    }
    if (auto m = j.find("if_missing"); m != j.end()) {
        const std::string v = m->is_string() ? m->get<std::string>() : "";
        if (v == "true") c.ifMissing = Tri::True;
        else if (v == "false") c.ifMissing = Tri::False;
        else if (v != "unknown")
            error(ptr + "/if_missing", "E-SCHEMA", "\"if_missing\" is \"true\", \"false\" or \"unknown\"");
    }
    c.operand = operand(j[opName], ptr + "/" + opName, spec, c.op);
    if ((c.op == Op::In || c.op == Op::ContainsAny) && j[opName].is_array() && j[opName].empty())
        error(ptr + "/" + opName, "E-SCHEMA", model::quoteText(opName) + " with an empty list is never true", "list the values it may take");
    return c;
}

void Compiler::checkEnum(const PropertySpec* spec, const json& value, const std::string& ptr)
{
    if (!spec || spec->allowed.empty()) return;
    auto check = [&](const json& v, const std::string& p) {
        if (!v.is_string()) return;
        const std::string s = v.get<std::string>();
        for (const auto& a : spec->allowed)
            if (a == s) return;
        auto hint = model::closestMatch(s, spec->allowed);
        std::string allowed;
        for (const auto& a : spec->allowed) allowed += (allowed.empty() ? "" : ", ") + a;
        error(p, "E-ENUM", model::quoteText(s) + " is not a value of " + model::quoteText(spec->name) + " {" + allowed + "}",
              hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
    };
    if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i) check(value[i], ptr + "/" + std::to_string(i));
    else
        check(value, ptr);
}

Operand Compiler::operand(const json& j, const std::string& ptr, const PropertySpec* spec, Op op)
{
    Operand o;
    if (j.is_object()) {
        if (j.contains("ref") && j["ref"].is_string()) {
            const PropertySpec* other = nullptr;
            o.ref = propRef(j["ref"].get<std::string>(), ptr + "/ref", &other);
            if (!other && o.ref->var >= 0) other = fieldSpec(o.ref->key);
            checkOperandType(spec, other, op, ptr + "/ref");
        } else if (j.contains("set") && j["set"].is_string()) {
            o.set = j["set"].get<std::string>();
            if (auto it = sets.find(o.set); it != sets.end()) {
                o.setValue = it->second;
                // A misspelt value in a set is as silent as one written inline: checked the same.
                if (const auto* items = std::get_if<model::StringList>(it->second.get()); items && spec)
                    for (const auto& item : *items) checkEnum(spec, item, ptr + "/set");
                PropertySpec set;
                set.name = o.set; // a set is a list of strings
                set.type = ValueType::List;
                checkOperandType(spec, &set, op, ptr + "/set", true);
            } else {
                std::vector<std::string> names;
                for (const auto& s : sets) names.push_back(s.first);
                const std::string hint = model::closestMatch(o.set, names);
                error(ptr + "/set", "E-UNKNOWN-SET", "the pack defines no set " + model::quoteText(o.set) + " under \"sets\"",
                      hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
            }
        } else {
            error(ptr, "E-SCHEMA", "an operand is a value, {\"ref\": \"$x.key\"} or {\"set\": \"name\"}");
        }
        return o;
    }
    o.literal = model::valueFromJson(j);
    if (!o.literal) {
        error(ptr, "E-SCHEMA", "operands are strings, numbers, booleans or lists of strings");
        return o;
    }
    const bool ordered = op == Op::Gt || op == Op::Ge || op == Op::Lt || op == Op::Le;
    if (ordered && (!j.is_number() || (spec && spec->type != ValueType::Number)))
        error(ptr, "E-TYPE", "gt/ge/lt/le compare numbers" +
                                 (spec ? "; " + model::quoteText(spec->name) + " is a " + model::typeName(spec->type)
                                       : std::string()));
    // Past the vocabulary's range (hit_ratio is a share, at most 1), a bound is never met.
    if (ordered && spec && j.is_number()) {
        const double v = j.get<double>();
        const bool above = (op == Op::Gt && spec->max && v >= *spec->max) || (op == Op::Ge && spec->max && v > *spec->max);
        const bool below = (op == Op::Lt && spec->min && v <= *spec->min) || (op == Op::Le && spec->min && v < *spec->min);
        if (above || below)
            error(ptr, "E-RANGE", model::quoteText(spec->name) + " is " + (above ? "at most " : "at least ") +
                                      model::toDisplayString(model::Value(above ? *spec->max : *spec->min)) + ", so this is never true",
                  spec->name == "hit_ratio" ? "a hit ratio is a share: 0.9 for 90 %" : std::string());
    }
    const bool contains = op == Op::ContainsAny || op == Op::ContainsAll || op == Op::ContainsNone;
    if (contains && spec && spec->type != ValueType::List)
        error(ptr, "E-TYPE", "contains_* needs a list property; " + model::quoteText(spec->name) + " is a " +
                                 model::typeName(spec->type));
    if ((op == Op::In || op == Op::NotIn || contains) && !j.is_array())
        error(ptr, "E-TYPE", "this operator takes a list of values");
    if (op == Op::Exists && !j.is_boolean()) error(ptr, "E-TYPE", "\"exists\" takes true or false");
    if (spec && spec->type == ValueType::Bool && (op == Op::Eq || op == Op::Ne) && !j.is_boolean())
        error(ptr, "E-TYPE", model::quoteText(spec->name) + " is a bool; compare it with true or false");
    if (spec && !ordered && !contains && op != Op::Exists) checkType(*spec, op, j, ptr);
    if (op != Op::Exists) checkEnum(spec, j, ptr);
    return o;
}

// A ref or a named set has a type as a literal has: a number compared with a text property, or
// looked up in a set of strings, is never true either. Said only when both types are known.
void Compiler::checkOperandType(const PropertySpec* spec, const PropertySpec* other, Op op, const std::string& ptr, bool set)
{
    // A list property equals a text property when it holds just that text (scale.json compares
    // users_regions with a region); a named set is not compared that way.
    auto listAndText = [](const PropertySpec* a, const PropertySpec* b, bool named) {
        const auto t = [](const PropertySpec* s) { return s->type == ValueType::List || s->type == ValueType::String; };
        return !named && t(a) && t(b);
    };
    auto what = [](const PropertySpec* s) { return model::quoteText(s->name) + " is a " + model::typeName(s->type); };
    const bool ordered = op == Op::Gt || op == Op::Ge || op == Op::Lt || op == Op::Le;
    const bool contains = op == Op::ContainsAny || op == Op::ContainsAll || op == Op::ContainsNone;
    const bool scalar = other && (other->type == ValueType::Number || other->type == ValueType::Bool);
    if (op == Op::Exists) error(ptr, "E-TYPE", "\"exists\" takes true or false");
    else if (ordered) {
        for (const PropertySpec* s : {spec, other})
            if (s && s->type != ValueType::Number) {
                error(ptr, "E-TYPE", "gt/ge/lt/le compare numbers; " + what(s));
                return;
            }
    } else if (contains && spec && spec->type != ValueType::List)
        error(ptr, "E-TYPE", "contains_* needs a list property; " + what(spec));
    else if ((op == Op::In || op == Op::NotIn || contains) && scalar)
        error(ptr, "E-TYPE", "this operator takes a list of values; " + what(other));
    else if ((op == Op::In || op == Op::NotIn) && spec && other &&
             (spec->type == ValueType::Number || spec->type == ValueType::Bool))
        error(ptr, "E-TYPE", what(spec) + " and " + what(other) + ", so this is never true");
    else if ((op == Op::Eq || op == Op::Ne) && spec && other && spec->type != other->type && !listAndText(spec, other, set))
        error(ptr, "E-TYPE", what(spec) + " and " + what(other) + ", so this is never true",
              other->type == ValueType::List ? "to test membership, use \"in\"" : std::string());
}

bool Compiler::fitsType(ValueType type, const json& v)
{
    switch (type) {
    case ValueType::Number: return v.is_number();
    case ValueType::Bool: return v.is_boolean();
    case ValueType::String: return v.is_string();
    case ValueType::List: return v.is_array();
    }
    return false;
}

const PropertySpec* Compiler::fieldSpec(const std::string& key)
{
    const auto it = m_fieldSpecs.find(key);
    return it == m_fieldSpecs.end() ? nullptr : &it->second;
}

// eq/ne/in/not_in with a value of another type than the property's is never true: "10" is not
// the number 10, and a list property never equals one word. Said when the pack loads, not by a
// rule that quietly never fires.
void Compiler::checkType(const PropertySpec& spec, Op op, const json& value, const std::string& ptr)
{
    auto fits = [&](const json& v) { return fitsType(spec.type, v); };
    const std::string what = model::quoteText(spec.name) + " is a " + model::typeName(spec.type);
    if (spec.type == ValueType::List) {
        if (!value.is_array())
            error(ptr, "E-TYPE", what + ", and a list never equals one value",
                  "use contains_any, contains_all or contains_none");
        return;
    }
    if (spec.type == ValueType::Bool) return; // said above, with its own words
    auto mismatch = [&](const json& v, const std::string& p) {
        if (!fits(v)) error(p, "E-TYPE", what + ", not a " + std::string(v.type_name()) + ", so this is never true");
    };
    if ((op == Op::In || op == Op::NotIn) && value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) mismatch(value[i], ptr + "/" + std::to_string(i));
        return;
    }
    mismatch(value, ptr);
}

// Steps and searches walk from a component along its flows; from a flow they find nothing.
void Compiler::startsAtComponent(int var, const std::string& ptr, const std::string& what)
{
    const VarType type = typeOf(var);
    if (type == VarType::Flow || type == VarType::Path)
        error(ptr, "E-TYPE", what + " starts at a component, and '" + m_rule->varNames[static_cast<std::size_t>(var)] +
                                 "' is a " + (type == VarType::Flow ? "flow" : "path"),
              "to reach a flow's ends, anchor on the component and step to the flow (\"flow\": \"$f\", \"to\": \"$y\")");
}

Step Compiler::step(const json& j, const std::string& ptr, bool exports)
{
    (void)exports;
    Step s;
    if (!j.is_object() || !j.contains("from") || !isVariable(j["from"])) {
        error(ptr, "E-SCHEMA", "a step needs \"from\": \"$var\"");
        return s;
    }
    s.from = use(j["from"].get<std::string>(), ptr + "/from");
    startsAtComponent(s.from, ptr + "/from", "a step");
    s.dir = direction(j, ptr, "a step");
    if (j.contains("kind")) s.kindMask = kindMaskOf(s.kindIds = internKinds(s.kinds = kinds(j["kind"], ptr + "/kind")));
    s.flowVar = optionalDeclare(j, "flow", ptr);
    typeVar(s.flowVar, VarType::Flow);
    s.flowNamed = j.contains("flow");
    s.flowWhere = nested(j, "flow_where", ptr);
    s.toVar = optionalDeclare(j, "to", ptr);
    typeVar(s.toVar, VarType::Component);
    s.toWhere = nested(j, "where", ptr);
    onlyKeys(j, ptr, "a step", {"from", "dir", "kind", "flow", "flow_where", "to", "where"});
    return s;
}

Reach Compiler::reach(const json& j, const std::string& ptr)
{
    Reach r;
    if (!j.is_object() || !j.contains("from") || !isVariable(j["from"])) {
        error(ptr, "E-SCHEMA", "reach needs \"from\": \"$var\"");
        return r;
    }
    r.from = use(j["from"].get<std::string>(), ptr + "/from");
    startsAtComponent(r.from, ptr + "/from", "a reach");
    r.dir = direction(j, ptr, "a reach");
    const auto maxHops = model::intSetting(j, "max_hops", 8, 1, 64);
    const auto minHops = model::intSetting(j, "min_hops", 1, 1, 64);
    r.maxHops = maxHops.value_or(0);
    r.minHops = minHops.value_or(0);
    if (!maxHops || !minHops || r.minHops > r.maxHops)
        error(ptr + "/max_hops", "E-SCHEMA", "1 <= min_hops <= max_hops <= 64");
    r.each = flag(j, "each", ptr);
    if (j.contains("kind")) r.kindMask = kindMaskOf(r.kindIds = internKinds(r.kinds = kinds(j["kind"], ptr + "/kind")));
    onlyKeys(j, ptr, "a reach", {"from", "dir", "min_hops", "max_hops", "via", "through", "kind", "to", "where", "path", "each"});
    // An empty barrier stops nothing and an empty flow filter lets every flow through: half-written.
    for (const char* key : {"via", "through"})
        if (const auto it = j.find(key); it != j.end() && it->is_array() && it->empty())
            error(ptr + "/" + key, "E-SCHEMA", std::string("\"") + key + "\" has no conditions, so it " +
                                                   (key[0] == 'v' ? "lets every flow through" : "stops nothing"),
                  std::string("list the conditions, or leave the \"") + key + "\" out");
    auto saved = m_bound;
    r.flowVar = declare("$_flow", ptr);
    r.nodeVar = declare("$_node", ptr);
    typeVar(r.flowVar, VarType::Flow);
    typeVar(r.nodeVar, VarType::Component);
    // Each test sees only its own element: a "through" reading $_flow would be remembered per
    // component, whichever flow led there, and so would block or pass the wrong paths.
    m_bound.erase("$_node");
    r.via = nested(j, "via", ptr);
    if (r.via) {
        std::string text = j["via"].dump();
        if (text.find("\"set\"") == std::string::npos) r.viaKey = "via " + text;
    }
    m_bound.erase("$_flow");
    m_bound["$_node"] = r.nodeVar;
    r.through = nested(j, "through", ptr);
    m_bound = saved;
    r.toVar = optionalDeclare(j, "to", ptr);
    typeVar(r.toVar, VarType::Component);
    r.toWhere = nested(j, "where", ptr);
    if (j.contains("path")) typeVar(r.pathVar = optionalDeclare(j, "path", ptr), VarType::Path);
    return r;
}

Select Compiler::select(const json& j, const std::string& ptr, bool exports)
{
    (void)exports;
    Select s;
    if (!j.is_object()) {
        error(ptr, "E-SCHEMA", "expected {\"kind\": [...], \"as\": \"$x\", \"where\": [...]}");
        return s;
    }
    onlyKeys(j, ptr, "a select", {"flow", "kind", "as", "where"});
    if (flag(j, "flow", ptr)) s.type = ElemType::Flow;
    if (s.type == ElemType::Flow && j.contains("kind"))
        error(ptr + "/kind", "E-SCHEMA", "a flow has no kind", "test its ends with a step, or its properties in \"where\"");
    if (j.contains("kind")) s.kindMask = kindMaskOf(s.kindIds = internKinds(s.kinds = kinds(j["kind"], ptr + "/kind")));
    s.var = optionalDeclare(j, "as", ptr);
    typeVar(s.var, s.type == ElemType::Flow ? VarType::Flow : VarType::Component);
    s.where = nested(j, "where", ptr);
    return s;
}

// What a count sums: a number property. Anything else was dropped (a list, a number) or summed as
// nothing (a label), and the count quietly counted instead.
void Compiler::sumOf(Count& c, const json& j, const std::string& ptr)
{
    if (!j.is_string()) {
        error(ptr, "E-SCHEMA", "\"sum\" names one property, e.g. \"$s.rps\"");
        return;
    }
    const PropertySpec* spec = nullptr;
    c.sum = true;
    c.of = propRef(j.get<std::string>(), ptr, &spec);
    if (!spec && c.of->var >= 0) spec = fieldSpec(c.of->key);
    if (spec && spec->type != ValueType::Number)
        error(ptr, "E-TYPE", "\"sum\" adds numbers; " + model::quoteText(spec->name) + " is a " + model::typeName(spec->type),
              "count the elements without \"sum\", or sum a number property");
    c.sumAtLeastZero = spec && spec->min && *spec->min >= 0;
}

// What a count compares: a number, checked against its operand like a number property.
const PropertySpec& Compiler::countSpec()
{
    static const PropertySpec kCount = [] {
        PropertySpec s;
        s.name = "the count";
        s.type = ValueType::Number;
        return s;
    }();
    return kCount;
}

Count Compiler::count(const json& j, const std::string& ptr)
{
    Count c;
    if (!j.is_object()) {
        error(ptr, "E-SCHEMA", "count is an object with \"step\" or \"select\"");
        return c;
    }
    std::vector<std::string> keys = {"step", "select", "sum", "as", "collect"};
    for (const auto& [name, op] : kOps)
        if (name != "exists") keys.push_back(name);
    onlyKeys(j, ptr, "a count", keys);
    auto saved = m_bound;
    if (j.contains("step")) c.step = step(j["step"], ptr + "/step", false);
    else if (j.contains("select")) c.select = select(j["select"], ptr + "/select", false);
    else error(ptr, "E-SCHEMA", "count needs \"step\" or \"select\"");
    if (auto s = j.find("sum"); s != j.end()) sumOf(c, *s, ptr + "/sum");
    m_bound = saved;
    // Variable names must be strings; get<std::string>() on anything else throws.
    for (const char* key : {"as", "collect"}) {
        if (!j.contains(key)) continue;
        const std::string p = ptr + "/" + key;
        if (!j[key].is_string()) {
            error(p, "E-SCHEMA", std::string("\"") + key + "\" names a variable, e.g. \"$n\"");
            continue;
        }
        (std::string(key) == "as" ? c.asVar : c.collectVar) = declare(j[key].get<std::string>(), p);
    }
    bool found = false;
    for (const auto& [name, op] : kOps)
        if (j.contains(name) && name != "exists") {
            c.op = op;
            c.value = operand(j[name], ptr + "/" + name, &countSpec(), op);
            found = true;
        }
    if (!found) error(ptr, "E-SCHEMA", "count needs a comparison such as \"ge\": 2");
    return c;
}

} // namespace pb::rules
