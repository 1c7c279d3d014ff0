#include "model/dotattributes.h"

#include "model/dotimport.h"
#include "model/dotlists.h"
#include "model/htmltext.h"
#include "model/roundednumbers.h"
#include "model/vocabulary.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>

namespace pb::model {

namespace {

// Graphviz drawing attributes: they describe how another tool drew the graph, not the system,
// so they do not become properties. `shape` is still read for kind inference.
const std::set<std::string>& layoutAttributes()
{
    static const std::set<std::string> attrs{
        "shape", "pos", "width", "height", "color", "fillcolor", "style", "fontname",
        "fontsize", "fontcolor", "penwidth", "xlabel", "tooltip", "URL", "href", "image",
        "margin", "fixedsize", "group", "rank", "ordering", "peripheries", "sides", "orientation",
        "regular", "distortion", "skew", "labelloc", "labeljust", "nojustify", "bgcolor",
        "pencolor", "arrowhead", "arrowtail", "arrowsize", "dir", "constraint", "weight",
        "minlen", "headport", "tailport", "lhead", "ltail", "headlabel", "taillabel",
        "labelfontsize", "labelfontcolor", "decorate", "samehead", "sametail", "splines",
        "concentrate", "rankdir", "nodesep", "ranksep", "layout", "id", "pb_pos", "pb_size",
        "pb_bends", "gradientangle", "class", "comment", "target", "area", "root", "z", "imagescale",
        "imagepos", "xlp", "lp", "labelangle", "labeldistance", "labelfloat"};
    return attrs;
}

// An attribute's text; an HTML-like value (`label=<<b>API</b>>`) as its words alone.
std::string textOf(const char* v)
{
    if (!v) return {};
    return aghtmlstr(const_cast<char*>(v)) ? htmlLabelText(v) : std::string(v);
}


bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)?, scanned once: libstdc++'s
// std::regex backtracks recursively, and a 2,500-digit attribute took 3 s (140 s under ASan)
// and could run out of stack.
bool looksLikeNumber(const std::string& s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto digits = [&] {
        const std::size_t from = i;
        while (i < n && isDigit(s[i])) ++i;
        return i > from;
    };
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    const bool whole = digits();
    bool fraction = false;
    if (i < n && s[i] == '.') {
        ++i;
        fraction = digits();
    }
    if (!whole && !fraction) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

// Whether reading `raw` (a number as looksLikeNumber() accepts it) as a double and writing it back
// would change what it says: a leading zero ("007"), a trailing zero in the fraction ("1.10", a
// version), more digits than a double keeps, or the sign of a zero.
bool losesDigits(const std::string& raw)
{
    std::size_t i = raw[0] == '+' || raw[0] == '-' ? 1 : 0;
    if (i + 1 < raw.size() && raw[i] == '0' && isDigit(raw[i + 1])) return true;
    std::size_t significant = 0, lastFraction = std::string::npos;
    bool fraction = false, nonzero = false;
    for (; i < raw.size() && raw[i] != 'e' && raw[i] != 'E'; ++i) {
        if (raw[i] == '.') fraction = true;
        else {
            nonzero = nonzero || raw[i] != '0';
            if (nonzero) ++significant;
            if (fraction) lastFraction = i;
        }
    }
    if (lastFraction != std::string::npos && raw[lastFraction] == '0') return true;
    return significant > 15 || (!nonzero && raw[0] == '-');
}

Value typedValue(const std::string& key, const std::string& raw)
{
    const PropertySpec* spec = Vocabulary::builtin().property(key);
    if (spec && spec->type == ValueType::List) return splitDotList(raw);
    if (spec && spec->type == ValueType::String) return raw;
    if (raw == "true") return true;
    if (raw == "false") return false;
    if (looksLikeNumber(raw)) {
        // Past the range of a double it stays text as written: "inf" would not survive export
        // and reimport, and a number property then gets the usual message naming the element.
        const double d = std::strtod(raw.c_str(), nullptr);
        // A property the vocabulary does not know is a number only if it reads back as written:
        // "007", "1.10" and a 20-digit id are text, or export would change them.
        if (std::isfinite(d) && (spec || !losesDigits(raw))) return d;
        return raw;
    }
    if (!spec && raw.find(',') != std::string::npos) return splitDotList(raw);
    return raw;
}

// A value typed as pb_types says its property is (exportDot() names the type of every value
// that would otherwise read back as another).
std::optional<Value> hintedValue(const std::string& type, const std::string& raw)
{
    if (type == "string") return raw;
    if (type == "list") return splitDotList(raw);
    if (type == "bool" && (raw == "true" || raw == "false")) return raw == "true";
    if (type == "number" && looksLikeNumber(raw)) return std::strtod(raw.c_str(), nullptr);
    return std::nullopt;
}

// "pb_prop_color" → "color"; empty for any other attribute.
std::string prefixedProperty(const std::string& key)
{
    const std::size_t n = std::strlen(kDotPropertyPrefix);
    return key.size() > n && key.compare(0, n, kDotPropertyPrefix) == 0 ? key.substr(n) : std::string();
}

} // namespace

Value dotAttributeValue(const std::string& key, const std::string& raw)
{
    return typedValue(key, raw);
}

bool dotNameIsTaken(const std::string& key)
{
    // `ordering` is Graphviz's only for some values: always sent under the prefix.
    return key == "label" || key == "kind" || key == "ordering" || key.rfind("pb_", 0) == 0 ||
           layoutAttributes().count(key) > 0;
}

std::string dotAttribute(void* obj, const char* name)
{
    return textOf(agget(obj, const_cast<char*>(name)));
}

DotAttributes dotAttributes(Agraph_t* root, void* obj, int kind, void* inheritFrom)
{
    DotAttributes out;
    for (Agsym_t* s = agnxtattr(root, kind, nullptr); s; s = agnxtattr(root, kind, s)) {
        const char* v = agxget(obj, s);
        if (!v || !*v) continue;
        if (inheritFrom) {
            const char* parent = agxget(inheritFrom, s);
            if (parent && std::string(parent) == v) continue;
        }
        out.emplace_back(s->name, textOf(v));
    }
    return out;
}

bool dotPair(const std::string& s, double& a, double& b)
{
    char* end = nullptr;
    a = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != ',') return false;
    const char* second = end + 1;
    b = std::strtod(second, &end);
    return end != second;
}

void applyDotProperties(Properties& props, const DotAttributes& attrs, const std::string& element,
                        Diagnostics& diags)
{
    // Gathered and sorted once: a graph may declare its attributes in any order.
    std::vector<std::pair<std::string, Value>> items(props.begin(), props.end());
    std::string hints;
    auto add = [&](const std::string& name, const std::string& raw) {
        Value v = typedValue(name, raw);
        if (const double* d = std::get_if<double>(&v))
            if (const std::string asRead = roundedWholeNumber(raw, *d); !asRead.empty())
                diags.push_back(roundedNumberWarning(element, name, raw, asRead));
        items.emplace_back(name, std::move(v));
    };
    for (const auto& [k, v] : attrs) {
        // `ordering` is also the vocabulary's message-order property; only in/out are Graphviz's.
        const bool layout =
            k == "ordering" ? (v == "in" || v == "out") : layoutAttributes().count(k) > 0;
        // pb_pos, pb_types, pb_decision_1_status…: Probeboard's own, never a property.
        if (k == "pb_types") hints = v;
        if (const std::string name = prefixedProperty(k); !name.empty()) add(name, v);
        else if (k != "label" && k != "kind" && !layout && k.rfind("pb_", 0) != 0) add(k, v);
    }
    for (const auto& hint : splitDotList(hints)) {
        const auto colon = hint.rfind(':'); // a type has none; a property's name may
        if (colon == std::string::npos) continue;
        const std::string key = hint.substr(0, colon); // the attribute's name, prefixed or not
        std::string raw;
        for (const auto& [k, v] : attrs)
            if (k == key) raw = v;
        const auto typed = hintedValue(hint.substr(colon + 1), raw);
        if (!typed) continue;
        const std::string prefixed = prefixedProperty(key);
        const std::string& name = prefixed.empty() ? key : prefixed;
        std::erase_if(items, [&](const auto& item) { return item.first == name; });
        items.emplace_back(name, *typed);
    }
    props = Properties::fromPairs(std::move(items));
}

} // namespace pb::model
