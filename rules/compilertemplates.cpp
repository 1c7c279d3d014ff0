// Compiler: question and explanation templates ("{{$db.label}} fails over {{$db.failover}}").
#include "rules/compiler.h"
#include "rules/templaterenderer.h"

#include "model/printable.h"

#include <cstdlib>
#include <set>

namespace pb::rules {

namespace {
const std::vector<std::string> kFilters = {"default", "num", "pct", "one_minus", "mul", "div",
                                           "miss_factor", "labels", "count", "upper"};

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(' ');
    const auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> splitFilters(const std::string& expr)
{
    // '|' inside a quoted default ('a|b') does not split.
    std::vector<std::string> parts;
    std::string cur;
    bool quoted = false;
    for (char c : expr) {
        if (c == '\'') quoted = !quoted;
        if (c == '|' && !quoted) {
            parts.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(trim(cur));
    return parts;
}
} // namespace

// Filters that would print their input unchanged, or nothing: an argument a filter does not take
// (`pct:2`), a factor that is no number, a number filter on text. Said where the types are known.
void Compiler::checkFilters(const TemplatePart& part, const model::PropertySpec* spec, const std::string& ref,
                            const std::string& ptr)
{
    using model::ValueType;
    static const std::set<std::string> kNumeric = {"num", "pct", "one_minus", "mul", "div", "miss_factor"};
    bool known = spec != nullptr; // the type of the value so far
    ValueType type = spec ? spec->type : ValueType::String;
    for (const auto& [name, arg] : part.filters) {
        const std::string in = model::quoteText(name) + " in " + model::quoteText(ref);
        const bool takesArg = name == "default" || name == "mul" || name == "div";
        if (!takesArg && !arg.empty())
            error(ptr, "E-TEMPLATE", in + " takes no argument, and ':" + arg + "' would be ignored");
        if ((name == "mul" || name == "div") && arg.empty())
            error(ptr, "E-TEMPLATE", in + " needs a factor: '" + name + ":2' or '" + name + ":$x.rps'");
        else if ((name == "mul" || name == "div") && arg[0] != '$') {
            char* end = nullptr;
            std::strtod(arg.c_str(), &end);
            if (end == arg.c_str() || *end != '\0') error(ptr, "E-TEMPLATE", in + ": " + model::quoteText(arg) + " is not a number");
        }
        if (kNumeric.count(name) && known && type != ValueType::Number)
            error(ptr, "E-TYPE", in + " needs a number, and the value is " +
                                     (spec && type == spec->type ? model::quoteText(spec->name) + ", a " : "a ") + model::typeName(type));
        else if (name == "count" && known && type != ValueType::List)
            error(ptr, "E-TYPE", in + " counts a list, and the value is a " + model::typeName(type));
        if (name == "count" || name == "one_minus" || name == "mul" || name == "div" || name == "miss_factor")
            type = ValueType::Number;
        else if (name == "num" || name == "pct" || name == "upper")
            type = ValueType::String;
        known = name != "default" && name != "labels"; // those give text or the value itself
    }
}

Template Compiler::compileTemplate(const json& j, const std::string& ptr)
{
    std::vector<TemplatePart> t;
    if (!j.is_string()) {
        error(ptr, "E-SCHEMA", "expected a text (a string)");
        return {};
    }
    const std::string s = j.get<std::string>();
    if (s.size() > kMaxTemplateText) {
        error(ptr, "E-LIMIT", "the text has " + std::to_string(s.size()) + " characters; the limit is " +
                                  std::to_string(kMaxTemplateText),
              "a question or explanation is a few sentences; put background in the rule's \"description\"");
        return {};
    }
    std::size_t placeholders = 0;
    for (auto at = s.find("{{"); at != std::string::npos; at = s.find("{{", at + 2)) ++placeholders;
    if (placeholders > kMaxTemplatePlaceholders) {
        error(ptr, "E-LIMIT", "the text has " + std::to_string(placeholders) + " placeholders; the limit is " +
                                  std::to_string(kMaxTemplatePlaceholders));
        return {};
    }
    // "{$db.label}" is a placeholder written with one brace each side: printed as it is, the
    // user's label never appears.
    for (auto at = s.find("{$"); at != std::string::npos; at = s.find("{$", at + 2))
        if (at == 0 || s[at - 1] != '{') {
            const auto end = s.find('}', at);
            const std::string what = s.substr(at, end == std::string::npos ? 12 : end + 1 - at);
            error(ptr, "E-TEMPLATE", model::quoteText(what) + " has one brace each side, so it is printed as it is",
                  "a placeholder is {" + what + "}");
            return {};
        }
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto open = s.find("{{", pos);
        if (open == std::string::npos) {
            t.push_back({s.substr(pos), -1, {}, -1, {}, TextHasher::piece(std::string_view(s).substr(pos))});
            break;
        }
        if (open > pos)
            t.push_back({s.substr(pos, open - pos), -1, {}, -1, {}, TextHasher::piece(std::string_view(s).substr(pos, open - pos))});
        const auto close = s.find("}}", open);
        if (close == std::string::npos) {
            error(ptr, "E-TEMPLATE", "'{{' at character " + std::to_string(open) + " is never closed");
            break;
        }
        auto parts = splitFilters(s.substr(open + 2, close - open - 2));
        TemplatePart part;
        const std::string ref = parts[0];
        const auto dot = ref.find('.');
        const std::string var = ref.substr(0, dot);
        part.var = use(var, ptr);
        const model::PropertySpec* spec = nullptr;
        if (dot != std::string::npos && part.var >= 0) { // an unbound one is reported once, above
            const PropRef r = propRef(ref, ptr, &spec);
            part.key = r.key;
            part.keyId = r.keyId;
            if (!spec) spec = fieldSpec(r.key);
        }
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const auto colon = parts[i].find(':');
            std::string name = trim(parts[i].substr(0, colon));
            std::string arg = colon == std::string::npos ? "" : trim(parts[i].substr(colon + 1));
            if (arg.size() >= 2 && arg.front() == '\'' && arg.back() == '\'')
                arg = arg.substr(1, arg.size() - 2);
            bool known = false;
            for (const auto& f : kFilters) known = known || f == name;
            if (!known) {
                auto hint = model::closestMatch(name, kFilters);
                error(ptr, "E-TEMPLATE", "unknown filter " + model::quoteText(name) + " in " + model::quoteText(ref),
                      hint.empty() ? std::string() : "did you mean " + model::quoteText(hint) + "?");
            }
            if ((name == "mul" || name == "div") && !arg.empty() && arg[0] == '$') {
                const model::PropertySpec* factor = nullptr;
                const PropRef r = propRef(arg, ptr, &factor); // checks the variable and the property
                if (!factor && r.var >= 0 && !r.key.empty()) factor = fieldSpec(r.key);
                if (factor && factor->type != model::ValueType::Number)
                    error(ptr, "E-TYPE", model::quoteText(name) + " in " + model::quoteText(ref) + " multiplies by " + model::quoteText(arg) + ", which is a " +
                                             model::typeName(factor->type));
            }
            part.filters.emplace_back(name, arg);
        }
        checkFilters(part, spec, ref, ptr);
        t.push_back(std::move(part));
        pos = close + 2;
    }
    return Template(std::move(t));
}

} // namespace pb::rules
