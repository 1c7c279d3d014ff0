#pragma once

#include "model/jsonutil.h"
#include "model/vocabulary.h"
#include "rules/pack.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <unordered_map>

namespace pb::rules {

// Turns the JSON of one pack into a Pack, collecting every problem. Split from loader.cpp so
// that conditions (compiler.cpp) and templates (templatecompiler.cpp) each stay small.
class Compiler
{
public:
    // Line and column of a JSON pointer in the pack's text (0, 0 when it is not there).
    std::pair<int, int> position(const std::string& pointer) const { return m_positions.find(pointer); }
    using json = nlohmann::json;

    Compiler(const std::string& file, const std::string& text, model::Diagnostics& diags);

    void error(const std::string& pointer, const std::string& code, const std::string& message,
               const std::string& hint = {});
    bool failed() const { return m_failed; }

    // Names: variables are slots of the current rule; `bound` tracks what is in scope.
    void beginRule(Rule& rule);
    // The rule passed to beginRule() is gone (returned, moved or unwound by an exception).
    void endRule() { m_rule = nullptr; }
    int declare(const std::string& name, const std::string& ptr);
    // What a variable stands for, where the compiler can tell: a property of flows read on a
    // component (or a step from a flow) is never true, and says so when the pack loads.
    enum class VarType { Unknown, Component, Flow, Path, Mixed };
    void typeVar(int slot, VarType type);
    VarType typeOf(int slot) const;
    int use(const std::string& name, const std::string& ptr);
    bool isVariable(const json& j) const;
    // An error for each key of `j` not in `allowed`, with the nearest allowed key: a misspelt key
    // ("max_hop", "gte", "setings") is otherwise dropped, and the rule runs without it.
    void onlyKeys(const json& j, const std::string& ptr, const std::string& what,
                  const std::vector<std::string>& allowed);
    // The allowed key a misspelt one most likely meant ("gte" → "ge"), or empty.
    // The boolean `key` of `j` (false when absent); anything but true or false is an error.
    bool flag(const json& j, const char* key, const std::string& ptr);
    static std::string nearestKey(const std::string& key, const std::vector<std::string>& allowed);

    Conditions conditions(const json& j, const std::string& ptr);
    Condition condition(const json& j, const std::string& ptr);
    Template compileTemplate(const json& j, const std::string& ptr);
    std::vector<std::string> kinds(const json& j, const std::string& ptr);
    PropRef propRef(const std::string& text, const std::string& ptr, const model::PropertySpec** spec);
    void checkFixValue(const std::string& property, const json& value, const std::string& ptr);
    // Whether a JSON value is of a property type (a number for Number, a list for List, …).
    static bool fitsType(model::ValueType type, const json& value);

    std::map<std::string, model::PropertySpec> packProperties;
    // The pack's named sets as list values, which operands naming them share.
    std::map<std::string, std::shared_ptr<const model::Value>> sets;

private:
    // The declared or vocabulary property a misspelt one most likely meant, or empty.
    std::string suggestProperty(const std::string& key) const;
    PropRef propRefByName(const std::string& text, const std::string& ptr, const model::PropertySpec** spec);
    Condition propCondition(const json& j, const std::string& ptr);
    Operand operand(const json& j, const std::string& ptr, const model::PropertySpec* spec, Op op);
    Step step(const json& j, const std::string& ptr, bool exports);
    Reach reach(const json& j, const std::string& ptr);
    Count count(const json& j, const std::string& ptr);
    void sumOf(Count& c, const json& j, const std::string& ptr);
    static const model::PropertySpec& countSpec();
    Dir direction(const json& j, const std::string& ptr, const std::string& what);
    void checkFilters(const TemplatePart& part, const model::PropertySpec* spec, const std::string& ref, const std::string& ptr);
    void checkOperandType(const model::PropertySpec* spec, const model::PropertySpec* other, Op op, const std::string& ptr,
                          bool set = false);
    Select select(const json& j, const std::string& ptr, bool exports);
    std::shared_ptr<Conditions> nested(const json& j, const char* key, const std::string& ptr);
    void checkEnum(const model::PropertySpec* spec, const json& value, const std::string& ptr);
    void checkType(const model::PropertySpec& spec, Op op, const json& value, const std::string& ptr);
    const model::PropertySpec* fieldSpec(const std::string& key);
    void checkAppliesTo(const model::PropertySpec& spec, int var, const std::string& text, const std::string& ptr);
    int optionalDeclare(const json& j, const char* key, const std::string& ptr);
    void startsAtComponent(int var, const std::string& ptr, const std::string& what);

    std::string m_file;
    const std::string& m_text;
    model::Diagnostics& m_diags;
    model::JsonPositions m_positions;
    const model::Vocabulary& m_vocab;
    // "Did you mean" per unknown property, worked out once: a pack (or a fuzzed template) that
    // repeats a typo would align it against every known name each time.
    std::unordered_map<std::string, std::string> m_suggestions;
    // What `$x.kind` and the other element fields (`.id`, `.label`, `@region`, `@jurisdiction`)
    // may be compared with: text, and for kinds the vocabulary's kinds. By key.
    std::map<std::string, model::PropertySpec> m_fieldSpecs;
    bool m_failed = false;
    Rule* m_rule = nullptr;
    std::map<std::string, int> m_bound;
    std::map<int, VarType> m_types; // by slot, for the current rule
};

} // namespace pb::rules
