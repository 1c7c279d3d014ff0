#include "model/vocabulary.h"

#include "model/jsonutil.h"
#include "model/printable.h"
#include "model/resourcepaths.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace pb::model {

namespace {
using nlohmann::json;

struct Reader
{
    const std::string& file;
    const std::string& text;
    Diagnostics& diags;
    JsonPositions positions{text};

    void error(const std::string& pointer, const std::string& msg)
    {
        Diagnostic d;
        d.file = file;
        d.pointer = pointer;
        d.code = "E-VOCABULARY";
        d.message = msg;
        std::tie(d.line, d.column) = positions.find(pointer);
        diags.push_back(std::move(d));
    }

    KindSpec readKind(const json& k, const std::string& ptr)
    {
        KindSpec spec;
        spec.id = jsonString(k, "id");
        if (spec.id.empty()) error(ptr, "kind has no \"id\"");
        spec.displayName = jsonString(k, "name");
        if (spec.displayName.empty()) spec.displayName = spec.id;
        spec.group = jsonString(k, "group");
        spec.icon = jsonString(k, "icon");
        spec.description = jsonString(k, "description");
        spec.defaultSize = {160, 64};
        if (auto s = k.find("size"); s != k.end() && s->is_array() && s->size() == 2 &&
                                     (*s)[0].is_number() && (*s)[1].is_number())
            spec.defaultSize = {(*s)[0].get<double>(), (*s)[1].get<double>()};
        if (auto d = k.find("defaults"); d != k.end() && d->is_object())
            for (const auto& [key, val] : d->items()) {
                if (auto v = valueFromJson(val)) spec.defaults[key] = *v;
                else error(ptr + "/defaults/" + key, "default must be a string, number, bool or list");
            }
        return spec;
    }

    PropertySpec readProperty(const json& p, const std::string& ptr)
    {
        PropertySpec spec;
        spec.name = jsonString(p, "name");
        if (spec.name.empty()) error(ptr, "property has no \"name\"");
        const std::string type = jsonString(p, "type");
        if (type == "string") spec.type = ValueType::String;
        else if (type == "number") spec.type = ValueType::Number;
        else if (type == "bool") spec.type = ValueType::Bool;
        else if (type == "list") spec.type = ValueType::List;
        else error(ptr + "/type", "type must be string, number, bool or list, not '" + type + "'");
        spec.allowed = jsonStrings(p, "allowed");
        spec.suggested = jsonStrings(p, "suggested");
        spec.appliesTo = jsonStrings(p, "applies_to");
        spec.description = jsonString(p, "description");
        if (auto d = p.find("default"); d != p.end()) spec.defaultValue = valueFromJson(*d);
        if (auto d = p.find("default_touching_queue"); d != p.end())
            spec.defaultTouchingQueue = valueFromJson(*d);
        readRange(p, ptr, spec);
        return spec;
    }

    void readRange(const json& p, const std::string& ptr, PropertySpec& spec)
    {
        for (const char* bound : {"min", "max"}) {
            auto b = p.find(bound);
            if (b == p.end()) continue;
            if (!b->is_number() || spec.type != ValueType::Number) {
                error(ptr + "/" + bound, std::string("\"") + bound + "\" is a number, and only on a number property");
                continue;
            }
            (std::string_view(bound) == "min" ? spec.min : spec.max) = b->get<double>();
        }
        if (spec.min && spec.max && *spec.min > *spec.max) error(ptr + "/min", "\"min\" is larger than \"max\"");
    }
};
} // namespace

std::optional<Vocabulary> Vocabulary::load(const std::string& path, Diagnostics& diags)
{
    std::string err;
    auto text = readTextFile(path, err);
    if (!text) {
        diags.push_back({Diagnostic::Level::Error, path, 0, 0, "", "", "E-IO",
                         "cannot read vocabulary: " + err, ""});
        return std::nullopt;
    }
    const std::size_t before = diags.size();
    auto j = parseJson(*text, path, diags);
    if (!j) return std::nullopt;
    Reader r{path, *text, diags};
    if (!j->is_object() || !j->contains("kinds") || !(*j)["kinds"].is_array()) {
        r.error("", "a vocabulary is an object with a \"kinds\" array");
        return std::nullopt;
    }
    Vocabulary v;
    const auto& kinds = (*j)["kinds"];
    for (std::size_t i = 0; i < kinds.size(); ++i)
        v.m_kinds.push_back(r.readKind(kinds[i], "/kinds/" + std::to_string(i)));
    if (auto zk = j->find("zone_kinds"); zk != j->end() && zk->is_array())
        for (std::size_t i = 0; i < zk->size(); ++i)
            v.m_zoneKinds.push_back(r.readKind((*zk)[i], "/zone_kinds/" + std::to_string(i)));
    if (auto props = j->find("properties"); props != j->end() && props->is_array())
        for (std::size_t i = 0; i < props->size(); ++i)
            v.m_properties.push_back(
                r.readProperty((*props)[i], "/properties/" + std::to_string(i)));
    if (diags.size() != before && hasErrors(diags)) return std::nullopt;
    v.buildIndex();
    return v;
}

const Vocabulary& Vocabulary::builtin()
{
    static const Vocabulary vocab = [] {
        Diagnostics diags;
        const std::string path = resourceDir() + "/vocabulary/vocabulary.json";
        auto v = load(path, diags);
        if (!v) {
            for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.format().c_str());
            std::fprintf(stderr, "probeboard: the installation is broken: cannot load %s\n",
                         path.c_str());
            std::exit(3);
        }
        return std::move(*v);
    }();
    return vocab;
}

void Vocabulary::buildIndex()
{
    // First wins, as the linear search did when a file names a kind or property twice.
    for (std::size_t i = 0; i < m_kinds.size(); ++i) m_kindIndex.emplace(m_kinds[i].id, i);
    for (std::size_t i = 0; i < m_properties.size(); ++i) m_propertyIndex.emplace(m_properties[i].name, i);
}

const KindSpec* Vocabulary::kind(const std::string& id) const
{
    auto it = m_kindIndex.find(id);
    return it == m_kindIndex.end() ? nullptr : &m_kinds[it->second];
}

const KindSpec* Vocabulary::zoneKind(const std::string& id) const
{
    auto it = std::find_if(m_zoneKinds.begin(), m_zoneKinds.end(),
                           [&](auto& k) { return k.id == id; });
    return it == m_zoneKinds.end() ? nullptr : &*it;
}

const PropertySpec* Vocabulary::property(const std::string& name) const
{
    auto it = m_propertyIndex.find(name);
    return it == m_propertyIndex.end() ? nullptr : &m_properties[it->second];
}

const Value* Vocabulary::defaultRef(const std::string& elementKind, const std::string& key,
                                    bool flowTouchesQueue) const
{
    if (const KindSpec* k = kind(elementKind))
        if (auto v = findProperty(k->defaults, key)) return v;
    const PropertySpec* p = property(key);
    if (!p) return nullptr;
    if (elementKind == "flow" && flowTouchesQueue && p->defaultTouchingQueue)
        return &*p->defaultTouchingQueue;
    return p->defaultValue ? &*p->defaultValue : nullptr;
}

std::optional<Value> Vocabulary::defaultFor(const std::string& elementKind, const std::string& key,
                                            bool flowTouchesQueue) const
{
    const Value* v = defaultRef(elementKind, key, flowTouchesQueue);
    return v ? std::optional<Value>(*v) : std::nullopt;
}

// Optimal string alignment: like Levenshtein, but two swapped neighbours ("cahce", "stpe") cost
// one edit, not two, since that is the commonest typo and must still get a "did you mean".
std::size_t editDistance(const std::string& a, const std::string& b, std::size_t cap)
{
    const std::size_t n = b.size();
    cap = std::min(cap, std::max(a.size(), n)); // the distance is never more than that
    const std::size_t over = cap + 1;
    if ((a.size() > n ? a.size() - n : n - a.size()) > cap) return over;
    // Only cells within `cap` of the diagonal can cost `cap` or less; the rest count as `over`.
    // Rows of short words live on the stack: "did you mean" runs this for every known name.
    constexpr std::size_t kSmall = 48;
    std::array<std::size_t, 3 * kSmall> small{};
    std::vector<std::size_t> large;
    std::size_t* rows = small.data();
    if (n + 1 > kSmall) {
        large.resize(3 * (n + 1));
        rows = large.data();
    }
    std::size_t* prev2 = rows;
    std::size_t* prev = rows + (n + 1);
    std::size_t* cur = rows + 2 * (n + 1);
    for (std::size_t j = 0; j <= n; ++j) {
        prev[j] = std::min(j, over);
        prev2[j] = over;
        cur[j] = over;
    }
    std::size_t prevMin = 0;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t lo = i > cap ? i - cap : 1;
        const std::size_t hi = std::min(n, i + cap);
        cur[lo - 1] = lo == 1 ? std::min(i, over) : over;
        std::size_t rowMin = cur[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = std::min(v, over);
            rowMin = std::min(rowMin, cur[j]);
        }
        if (hi < n) cur[hi + 1] = over; // the next row reads one cell past this band
        // Costs never fall from one row to the next but one, so two rows over the cap end it.
        if (i > 1 && rowMin > cap && prevMin > cap) return over;
        prevMin = rowMin;
        std::size_t* spare = prev2;
        prev2 = prev;
        prev = cur;
        cur = spare; // stale outside the next band, which writes every cell it later reads
    }
    return prev[n];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates)
{
    // The same word in other letter case ("Billing", "UNFENCED-FAILOVER") is the likeliest
    // meaning of all, though it may be more edits away than a third of its length.
    const std::string folded = lowerAscii(word);
    for (const auto& c : candidates)
        if (c != word && lowerAscii(c) == folded) return c;
    // A third of the word's length, at least 1 and at most 3 edits, counts as a likely typo.
    const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::string best;
    std::size_t bestDistance = limit + 1;
    for (const auto& c : candidates) {
        // The distance is at least the difference in length: a long unknown word (a pasted
        // sentence) skips the quadratic alignment against every short candidate.
        const std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
        if (gap >= bestDistance) continue;
        const std::size_t d = editDistance(word, c, bestDistance - 1);
        if (d < bestDistance && d != 0) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

std::string Vocabulary::suggestKind(const std::string& unknown) const
{
    std::vector<std::string> ids;
    for (const auto& k : m_kinds) ids.push_back(k.id);
    return closestMatch(unknown, ids);
}

std::string Vocabulary::suggestZoneKind(const std::string& unknown) const
{
    std::vector<std::string> ids;
    for (const auto& k : m_zoneKinds) ids.push_back(k.id);
    return closestMatch(unknown, ids);
}

std::string Vocabulary::suggestProperty(const std::string& unknown) const
{
    std::vector<std::string> names;
    for (const auto& p : m_properties) names.push_back(p.name);
    return closestMatch(unknown, names);
}

std::string Vocabulary::suggestValue(const std::string& property, const std::string& unknown) const
{
    const PropertySpec* p = this->property(property);
    return p ? closestMatch(unknown, p->allowed) : std::string();
}

} // namespace pb::model
