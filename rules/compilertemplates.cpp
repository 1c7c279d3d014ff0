// Compiler: question and explanation templates ("{{$db.label}} fails over {{$db.failover}}").
#include "rules/compiler.h"
#include "rules/templaterenderer.h"

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
            error(ptr, "E-TEMPLATE", "'" + what + "' has one brace each side, so it is printed as it is",
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
        if (dot != std::string::npos && part.var >= 0) { // an unbound one is reported once, above
            const model::PropertySpec* spec = nullptr;
            const PropRef r = propRef(ref, ptr, &spec);
            part.key = r.key;
            part.keyId = r.keyId;
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
                error(ptr, "E-TEMPLATE", "unknown filter '" + name + "' in '" + ref + "'",
                      hint.empty() ? std::string() : "did you mean '" + hint + "'?");
            }
            if ((name == "mul" || name == "div") && !arg.empty() && arg[0] == '$') {
                const model::PropertySpec* spec = nullptr;
                propRef(arg, ptr, &spec); // checks the variable and the property
            }
            part.filters.emplace_back(name, arg);
        }
        t.push_back(std::move(part));
        pos = close + 2;
    }
    return Template(std::move(t));
}

} // namespace pb::rules
