#include "rules/compiler.h"

#include "model/printable.h"

#include <algorithm>

namespace pb::rules {

using model::PropertySpec;
using model::ValueType;

namespace {

// Keys that every element has, whatever the vocabulary says.
const std::set<std::string> kSpecialKeys = {".id", ".kind", ".label", "@region", "@jurisdiction",
                                            "id", "kind", "label"};

} // namespace

Compiler::Compiler(const std::string& file, const std::string& text, model::Diagnostics& diags)
    : m_file(file)
    , m_text(text)
    , m_diags(diags)
    , m_positions(text)
    , m_vocab(model::Vocabulary::builtin())
{
    for (const char* key : {".kind", ".id", ".label", "@region", "@jurisdiction"})
        m_fieldSpecs[key].name = key[0] == '.' ? key + 1 : key;
    auto& kind = m_fieldSpecs[".kind"].allowed;
    for (const auto& k : m_vocab.kinds()) kind.push_back(k.id);
    for (const auto& k : m_vocab.zoneKinds()) kind.push_back(k.id);
}

void Compiler::error(const std::string& pointer, const std::string& code,
                     const std::string& message, const std::string& hint)
{
    model::Diagnostic d;
    d.file = m_file;
    d.pointer = pointer;
    d.code = code;
    d.message = message;
    d.hint = hint;
    d.element = m_rule ? m_rule->id.str() : std::string();
    // A key that is missing has no place of its own: the object that should hold it is named.
    for (std::string at = pointer; d.line == 0 && !at.empty();) {
        std::tie(d.line, d.column) = m_positions.find(at);
        const auto up = at.rfind('/');
        at.erase(up == std::string::npos ? 0 : up);
    }
    m_diags.push_back(std::move(d));
    m_failed = true;
}

void Compiler::beginRule(Rule& rule)
{
    m_rule = &rule;
    m_bound.clear();
    m_types.clear();
}

// A name reused for another sort of element is Mixed, and then nothing is said about it.
void Compiler::typeVar(int slot, VarType type)
{
    if (slot < 0 || type == VarType::Unknown) return;
    auto [it, fresh] = m_types.try_emplace(slot, type);
    if (!fresh && it->second != type) it->second = VarType::Mixed;
}

Compiler::VarType Compiler::typeOf(int slot) const
{
    const auto it = m_types.find(slot);
    return it == m_types.end() ? VarType::Unknown : it->second;
}

int Compiler::declare(const std::string& name, const std::string& ptr)
{
    if (name.size() < 2 || name[0] != '$') {
        error(ptr, "E-NAME", "variable names start with '$', e.g. \"$db\"; got " + model::quoteText(name));
        return -1;
    }
    auto& names = m_rule->varNames;
    int slot = -1;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) slot = static_cast<int>(i);
    if (slot < 0) {
        names.push_back(name);
        slot = static_cast<int>(names.size() - 1);
    }
    m_bound[name] = slot;
    return slot;
}

std::string Compiler::nearestKey(const std::string& key, const std::vector<std::string>& allowed)
{
    // The spellings of other languages' operators are not near ours by edit distance alone.
    static const std::map<std::string, std::string> kAliases = {
        {"gte", "ge"}, {"lte", "le"}, {"neq", "ne"}, {"equals", "eq"}, {"nin", "not_in"}, {"notin", "not_in"}};
    const auto alias = kAliases.find(key);
    if (alias != kAliases.end() && std::find(allowed.begin(), allowed.end(), alias->second) != allowed.end())
        return alias->second;
    return model::closestMatch(key, allowed);
}

void Compiler::onlyKeys(const json& j, const std::string& ptr, const std::string& what,
                        const std::vector<std::string>& allowed)
{
    if (!j.is_object()) return;
    for (const auto& item : j.items()) {
        const std::string& k = item.key();
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        const std::string hint = nearestKey(k, allowed);
        std::string all;
        for (const auto& a : allowed) all += (all.empty() ? "" : ", ") + a;
        error(ptr + "/" + k, "E-SCHEMA", "unknown key " + model::quoteText(k) + " in " + what,
              hint.empty() ? what + " has " + all : "did you mean " + model::quoteText(hint) + "?");
    }
}

int Compiler::use(const std::string& name, const std::string& ptr)
{
    auto it = m_bound.find(name);
    if (it != m_bound.end()) return it->second;
    if (name == "$_flow" || name == "$_node") {
        error(ptr, "E-UNBOUND", model::quoteText(name) + " is not bound here",
              "in a reach, \"via\" tests each flow as $_flow and \"through\" each component on the way as $_node");
        return -1;
    }
    std::vector<std::string> known;
    for (const auto& [n, slot] : m_bound) known.push_back(n);
    auto hint = model::closestMatch(name, known);
    error(ptr, "E-UNBOUND", model::quoteText(name) + " is not bound here; bind it with \"each\", \"step\", "
                            "\"reach\" or \"count\" first",
          hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
    return -1;
}

bool Compiler::isVariable(const json& j) const
{
    return j.is_string() && !j.get<std::string>().empty() && j.get<std::string>()[0] == '$';
}

PropRef Compiler::propRef(const std::string& text, const std::string& ptr, const PropertySpec** spec)
{
    PropRef ref = propRefByName(text, ptr, spec);
    if (ref.var >= 0 && !ref.key.empty()) ref.keyId = internPropertyKey(ref.key);
    return ref;
}

void Compiler::checkAppliesTo(const PropertySpec& spec, int var, const std::string& text, const std::string& ptr)
{
    const VarType type = typeOf(var);
    if (spec.appliesTo.empty() || (type != VarType::Component && type != VarType::Flow)) return;
    const std::string sort = type == VarType::Component ? "component" : "flow";
    if (std::find(spec.appliesTo.begin(), spec.appliesTo.end(), sort) != spec.appliesTo.end()) return;
    std::string where;
    for (const auto& a : spec.appliesTo) where += (where.empty() ? "" : " and ") + a + "s";
    error(ptr, "E-APPLIES", model::quoteText(spec.name) + " is drawn on " + where + ", and '" +
                                text.substr(0, text.find('.')) + "' is a " + sort + ", so this is never set",
          sort == "component" ? "reach its flows with a step (\"flow\": \"$f\")" : "read it on an end of the flow");
}

// A one-click fix writes its values into the user's design: a misspelt property or a value of
// the wrong type would be written as it is, so both are said when the pack loads.
void Compiler::checkFixValue(const std::string& property, const json& value, const std::string& ptr)
{
    const std::string& p = ptr;
    const PropertySpec* spec = nullptr;
    if (auto it = packProperties.find(property); it != packProperties.end()) spec = &it->second;
    else spec = m_vocab.property(property);
    if (!spec) {
        const std::string hint = suggestProperty(property);
        error(p, "E-UNKNOWN-PROP", "the fix writes an unknown property " + model::quoteText(property),
              hint.empty() ? "declare it under \"properties\"" : "did you mean " + model::quoteText(hint) + "?");
        return;
    }
    if (value.is_null()) return;
    if (!fitsType(spec->type, value))
        error(p, "E-TYPE", "the fix writes a " + std::string(value.type_name()) + " into " + model::quoteText(property) + ", which is a " +
                               model::typeName(spec->type));
    else
        checkEnum(spec, value, p);
}

std::string Compiler::suggestProperty(const std::string& key) const
{
    // The pack's own properties first: a pack that declares "cost_centre" and reads "cost_center"
    // means its own, not the nearest word of the vocabulary.
    std::vector<std::string> declared;
    for (const auto& p : packProperties) declared.push_back(p.first);
    std::string hint = model::closestMatch(key, declared);
    return hint.empty() ? m_vocab.suggestProperty(key) : hint;
}

PropRef Compiler::propRefByName(const std::string& text, const std::string& ptr, const PropertySpec** spec)
{
    PropRef ref;
    if (spec) *spec = nullptr;
    const auto dot = text.find('.');
    if (dot == std::string::npos || dot + 1 >= text.size()) {
        error(ptr, "E-PROP", "expected \"$variable.property\", got " + model::quoteText(text));
        return ref;
    }
    ref.var = use(text.substr(0, dot), ptr);
    ref.key = text.substr(dot + 1);
    if (kSpecialKeys.count(ref.key) || kSpecialKeys.count("." + ref.key)) {
        if (ref.key[0] != '.' && ref.key[0] != '@') ref.key = "." + ref.key;
        return ref;
    }
    if (auto it = packProperties.find(ref.key); it != packProperties.end()) {
        if (spec) *spec = &it->second;
        return ref;
    }
    if (const PropertySpec* s = m_vocab.property(ref.key)) {
        if (spec) *spec = s;
        checkAppliesTo(*s, ref.var, text, ptr);
        return ref;
    }
    auto [known, fresh] = m_suggestions.try_emplace(ref.key);
    if (fresh) {
        // An element's own fields are near misses too ("lable", "@regoin").
        known->second = ref.key[0] == '@' ? model::closestMatch(ref.key, {"@region", "@jurisdiction"})
                                          : model::closestMatch(ref.key, {"label", "kind", "id"});
        if (known->second.empty()) known->second = suggestProperty(ref.key);
    }
    const std::string& hint = known->second;
    error(ptr, "E-UNKNOWN-PROP", "unknown property " + model::quoteText(ref.key) + " (not in the vocabulary, and "
                                 "the pack does not declare it under \"properties\")",
          hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
    return ref;
}

std::vector<std::string> Compiler::kinds(const json& j, const std::string& ptr)
{
    std::vector<std::string> out;
    const bool one = j.is_string(); // then the pointer names the string itself, not an item
    if (!one && !j.is_array()) {
        error(ptr, "E-SCHEMA", "\"kind\" is a kind or a list of kinds");
        return out;
    }
    // An empty list is read as "any kind", which is not what a half-written one means.
    if (!one && j.empty()) {
        error(ptr, "E-SCHEMA", "\"kind\" lists no kind, so it matches every kind",
              "list the kinds, or leave \"kind\" out to mean any kind");
        return out;
    }
    const json list = one ? json::array({j}) : json();
    for (std::size_t i = 0; i < (one ? 1 : j.size()); ++i) {
        const json& item = one ? list[0] : j[i];
        const std::string p = one ? ptr : ptr + "/" + std::to_string(i);
        if (!item.is_string()) {
            error(p, "E-SCHEMA", "kinds are strings");
            continue;
        }
        const std::string k = item.get<std::string>();
        if (!m_vocab.kind(k)) {
            auto hint = m_vocab.suggestKind(k);
            error(p, "E-UNKNOWN-KIND", "unknown kind " + model::quoteText(k),
                  hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
        }
        out.push_back(k);
    }
    return out;
}

Conditions Compiler::conditions(const json& j, const std::string& ptr)
{
    Conditions out;
    if (j.is_object()) {
        out.push_back(condition(j, ptr));
        return out;
    }
    if (!j.is_array()) {
        error(ptr, "E-SCHEMA", "expected a list of conditions");
        return out;
    }
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(condition(j[i], ptr + "/" + std::to_string(i)));
    return out;
}

std::shared_ptr<Conditions> Compiler::nested(const json& j, const char* key, const std::string& ptr)
{
    auto it = j.find(key);
    if (it == j.end()) return nullptr;
    return std::make_shared<Conditions>(conditions(*it, ptr + "/" + key));
}

int Compiler::optionalDeclare(const json& j, const char* key, const std::string& ptr)
{
    auto it = j.find(key);
    if (it == j.end()) return declare(std::string("$_") + key + std::to_string(m_rule->varNames.size()), ptr);
    if (!it->is_string()) {
        error(ptr + "/" + key, "E-SCHEMA", std::string("\"") + key + "\" names a variable");
        return -1;
    }
    return declare(it->get<std::string>(), ptr + "/" + key);
}

} // namespace pb::rules
