#include "model/validation.h"

#include "model/jurisdiction.h"
#include "model/printable.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <set>
#include <unordered_map>

namespace pb::model {

namespace {
void add(Diagnostics& diags, Diagnostic::Level level, const std::string& element,
         const std::string& code, const std::string& message, const std::string& hint = {},
         const std::string& relativePointer = {})
{
    Diagnostic d;
    d.pointer = relativePointer;
    d.level = level;
    d.element = element;
    d.code = code;
    d.message = message;
    d.hint = hint;
    diags.push_back(std::move(d));
}

constexpr auto kError = Diagnostic::Level::Error;
constexpr auto kWarning = Diagnostic::Level::Warning;

// A value quoted in a message as quoteText() quotes ids, and when cut, with its length (a pasted
// paragraph, a 400-digit number).
std::string quoted(const std::string& text)
{
    if (text.size() <= kQuotedBytes) return quoteText(text);
    return quoteText(text) + " (" + std::to_string(text.size()) + " characters)";
}

// Any word may name a data class, but rules match the vocabulary's words exactly: "Billing" drawn
// for "billing" made the billing checks pass over the store without a word.
void checkCase(const std::string& elementId, const std::string& key, const StringList& items,
               const PropertySpec& spec, Diagnostics& diags)
{
    for (const auto& item : items)
        for (const auto& known : spec.suggested)
            if (item != known && lowerAscii(item) == lowerAscii(known))
                add(diags, kWarning, elementId, "W-CASE",
                    quoted(item) + " in " + quoteText(key) + " of " + quoteText(elementId) + " differs from the known " + quoteText(known) +
                        " only in letter case; rules look for " + quoteText(known),
                    "write " + quoteText(known), "properties/" + key);
}

void checkRange(const std::string& elementId, const std::string& key, double v, const PropertySpec& spec,
                Diagnostics& diags)
{
    const bool low = spec.min && v < *spec.min, high = spec.max && v > *spec.max;
    if (!low && !high) return;
    std::string range = spec.min && spec.max ? "from " + toDisplayString(*spec.min) + " to " + toDisplayString(*spec.max)
                        : spec.min           ? "at least " + toDisplayString(*spec.min)
                                             : "at most " + toDisplayString(*spec.max);
    add(diags, kWarning, elementId, "W-RANGE",
        "property " + quoteText(key) + " of " + quoteText(elementId) + " is " + quoted(toDisplayString(v)) + "; it should be " + range,
        {}, "properties/" + key);
}

void checkProperties(const std::string& elementId, const char* elementType,
                     const Properties& props, const Vocabulary& vocab, Diagnostics& diags)
{
    for (const auto& [key, value] : props) {
        const PropertySpec* spec = vocab.property(key);
        if (!spec) {
            if (auto s = vocab.suggestProperty(key); !s.empty())
                add(diags, kWarning, elementId, "W-UNKNOWN-PROP",
                    "unknown property " + quoteText(key) + " on " + elementType + " " + quoteText(elementId),
                    "did you mean " + quoteText(s) + "?", "properties/" + key);
            continue;
        }
        const ValueType t = typeOf(value);
        const bool listFromString = spec->type == ValueType::List && t == ValueType::String;
        if (t != spec->type && !listFromString) {
            add(diags, kError, elementId, "E-TYPE",
                "property " + quoteText(key) + " of " + quoteText(elementId) + " must be a " +
                    typeName(spec->type) + ", not a " + typeName(t) + " (" +
                    quoted(toDisplayString(value)) + ")",
                {}, "properties/" + key);
            continue;
        }
        if (t == ValueType::Number) checkRange(elementId, key, std::get<double>(value), *spec, diags);
        if (t == ValueType::List && !spec->suggested.empty()) checkCase(elementId, key, std::get<StringList>(value), *spec, diags);
        if (!spec->allowed.empty() && t == ValueType::String) {
            const auto& s = std::get<std::string>(value);
            bool ok = false;
            for (const auto& a : spec->allowed) ok = ok || a == s;
            if (!ok) {
                std::string allowed;
                for (const auto& a : spec->allowed) allowed += (allowed.empty() ? "" : ", ") + a;
                auto hint = vocab.suggestValue(key, s);
                add(diags, kWarning, elementId, "W-ENUM",
                    quoted(s) + " is not a known value of " + quoteText(key) + " on " + quoteText(elementId) +
                        " (known: " + allowed + ")",
                    hint.empty() ? std::string() : "did you mean " + quoteText(hint) + "?",
                    "properties/" + key);
            }
        }
    }
}

// A zone's parent is the first zone that lists it (one listed by several is reported apart).
// Parents form chains, so each zone is walked once: following every zone's chain to its root
// was quadratic in the depth (100,000 nested zones took ten minutes to load).
struct Nesting
{
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent;
    std::vector<std::size_t> onCycle; // per zone on a cycle: the cycle's first zone met
    std::vector<int> depth;           // 1 at the top; 0 on a cycle and below one
};

Nesting nestingOf(const Design& design, const std::unordered_map<std::string, std::vector<std::string>>& owners)
{
    const auto& zones = design.zones();
    std::unordered_map<std::string, std::size_t> indexOf;
    for (std::size_t i = 0; i < zones.size(); ++i) indexOf.emplace(zones[i].id, i);
    Nesting n{std::vector<std::size_t>(zones.size(), Nesting::kNone),
              std::vector<std::size_t>(zones.size(), Nesting::kNone), std::vector<int>(zones.size(), 0)};
    for (std::size_t i = 0; i < zones.size(); ++i)
        if (auto o = owners.find(zones[i].id); o != owners.end() && !o->second.empty())
            if (auto p = indexOf.find(o->second.front()); p != indexOf.end()) n.parent[i] = p->second;
    std::vector<char> state(zones.size(), 0); // 0: not walked; 1: on the walk under way; 2: done
    std::vector<std::size_t> walk;
    for (std::size_t start = 0; start < zones.size(); ++start) {
        walk.clear();
        std::size_t z = start;
        while (z != Nesting::kNone && state[z] == 0) {
            state[z] = 1;
            walk.push_back(z);
            z = n.parent[z];
        }
        if (z != Nesting::kNone && state[z] == 1) // the walk came back to itself: z starts the cycle
            for (std::size_t i = z; n.onCycle[i] == Nesting::kNone; i = n.parent[i]) n.onCycle[i] = z;
        // Depths from the top down; a zone under a cycle has none.
        int d = z == Nesting::kNone ? 0 : state[z] == 2 ? n.depth[z] : -1;
        for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
            d = d < 0 || n.onCycle[*it] != Nesting::kNone ? -1 : d + 1;
            n.depth[*it] = std::max(d, 0);
            state[*it] = 2;
        }
    }
    return n;
}

// "a → b → c → a", from zone i round to it again; a long cycle names its first and last few
// zones and how many there are.
std::string cycleText(const std::vector<Zone>& zones, const Nesting& n, std::size_t i)
{
    constexpr std::size_t kShown = 8;
    std::size_t length = 1;
    for (std::size_t j = n.parent[i]; j != i; j = n.parent[j]) ++length;
    std::string chain = zones[i].id;
    std::size_t k = 0;
    for (std::size_t j = n.parent[i];; j = n.parent[j]) {
        ++k;
        if (k <= kShown || k + kShown > length || j == i) chain += " → " + zones[j].id;
        else if (k == kShown + 1) chain += " → …";
        if (j == i) break;
    }
    if (length > 2 * kShown) chain += " (" + std::to_string(length) + " zones)";
    return chain;
}

void reportNesting(const Design& design, const std::unordered_map<std::string, std::vector<std::string>>& owners,
                   Diagnostics& diags)
{
    const auto& zones = design.zones();
    const Nesting n = nestingOf(design, owners);
    for (std::size_t i = 0; i < zones.size(); ++i) {
        if (n.onCycle[i] != Nesting::kNone && n.parent[i] != i) // a zone in itself is reported apart
            add(diags, kError, zones[i].id, "E-ZONE-CYCLE", "zone membership forms a cycle: " + cycleText(zones, n, i));
        // Only the first zone past the limit on each chain: the ones inside it are too deep too.
        if (n.depth[i] == kMaxZoneDepth + 1)
            add(diags, kError, zones[i].id, "E-ZONE-DEPTH",
                "zone " + quoteText(zones[i].id) + " is nested " + std::to_string(kMaxZoneDepth + 1) + " zones deep (inside " +
                    quoteText(zones[n.parent[i]].id) + "); the limit is " + std::to_string(kMaxZoneDepth));
    }
}

void checkZones(const Design& design, Diagnostics& diags)
{
    std::unordered_map<std::string, std::vector<std::string>> owners; // member → zones
    for (const auto& z : design.zones())
        for (const auto& m : z.members) {
            if (!design.component(m) && !design.zone(m))
                add(diags, kError, z.id, "E-MISSING-MEMBER",
                    "zone " + quoteText(z.id) + " lists member " + quoteText(m) + ", which does not exist");
            if (m == z.id)
                add(diags, kError, z.id, "E-ZONE-CYCLE", "zone " + quoteText(z.id) + " contains itself");
            owners[m].push_back(z.id);
        }
    reportNesting(design, owners, diags);
    // An element may sit in nested zones only through the nesting itself: listing it in two
    // zones directly leaves its region ambiguous.
    for (const auto& [member, zones] : owners)
        if (zones.size() > 1)
            add(diags, kError, member, "E-TWO-ZONES",
                quoteText(member) + " is listed in zones " + quoteText(zones[0]) + " and " + quoteText(zones[1]) +
                    "; list it only in the innermost zone");
}

// "eu_west_1", "EU West 1" or "us-east1" spelt as a provider writes it, when that spelling is one
// the table places; empty otherwise.
std::string regionSpelling(const std::string& region, const JurisdictionTable& table)
{
    std::string s;
    for (const unsigned char c : region) {
        const char low = static_cast<char>(std::tolower(c));
        const bool sep = c == '_' || c == ' ' || c == '-';
        if (sep) {
            if (!s.empty() && s.back() != '-') s += '-';
        } else {
            // A digit straight after a letter: AWS writes "eu-west-1", GCP "europe-west1".
            if (std::isdigit(c) && !s.empty() && std::isalpha(static_cast<unsigned char>(s.back())) &&
                table.jurisdictionOfRegion(s + low).empty())
                s += '-';
            s += low;
        }
    }
    return s != region && !table.jurisdictionOfRegion(s).empty() ? s : std::string();
}

// A region whose name places it nowhere leaves its components' jurisdiction unknown, and the
// residency checks then cannot say whether personal data left the EU. Warned only where no
// jurisdiction is drawn on the element or around it: that one answers the question.
void checkRegions(const Design& design, Diagnostics& diags)
{
    const JurisdictionTable& table = JurisdictionTable::builtin();
    auto unplaced = [&](const Properties& props) -> std::string {
        const auto region = stringProperty(props, "region");
        if (!region || region->empty() || !table.jurisdictionOfRegion(*region).empty()) return {};
        return *region;
    };
    std::vector<Placement> placements;
    std::unordered_map<std::string, std::string> parents;
    auto warn = [&](const std::string& id, const std::string& region) {
        std::string hint = regionSpelling(region, table);
        hint = hint.empty() ? "set its jurisdiction (for example EU), or use the provider's region name, such as "
                              "eu-central-1, europe-west3 or germanywestcentral"
                            : "did you mean " + quoteText(hint) + "?";
        add(diags, kWarning, id, "W-REGION",
            "region " + quoted(region) + " of " + quoteText(id) + " is not a cloud region Probeboard can place, so its "
            "jurisdiction is unknown to the residency checks", hint, "properties/region");
    };
    const auto& comps = design.components();
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string region = unplaced(comps[i].props);
        if (region.empty()) continue;
        if (placements.empty()) placements = computePlacements(design, table);
        if (placements[i].jurisdiction.empty()) warn(comps[i].id, region);
    }
    for (const auto& z : design.zones()) {
        const std::string region = unplaced(z.props);
        if (region.empty()) continue;
        if (parents.empty()) parents = zoneParents(design);
        if (resolvePlacement(design, z.props, z.id, parents, table).jurisdiction.empty()) warn(z.id, region);
    }
}

// A decision waives a finding in CI, so what it says must mean what the reviewer meant: a
// misspelt status used to waive it, and an expiry date in another format (compared as text
// with today's) never expired.
void checkDecisions(const Design& design, Diagnostics& diags)
{
    const auto& statuses = decisionStatuses();
    std::string known;
    for (const auto& s : statuses) known += (known.empty() ? "" : ", ") + s;
    // Both branches of a merge decided the same finding: the last decision counts, so which
    // one did depended on the order the merge left them in.
    std::unordered_map<std::string, std::size_t> seen; // fingerprint → its first decision
    for (std::size_t i = 0; i < design.decisions.size(); ++i) {
        const Decision& d = design.decisions[i];
        const std::string where = "/decisions/" + std::to_string(i);
        if (const auto [at, fresh] = seen.emplace(d.fingerprint, i); !fresh && !d.fingerprint.empty())
            add(diags, kWarning, "", "W-DECISION-DUPLICATE",
                "finding " + quoted(d.fingerprint) + " is decided twice (decisions " + std::to_string(at->second + 1) +
                    " and " + std::to_string(i + 1) + "); only the last one, " + quoted(d.status) + ", counts",
                "keep one decision per finding", where);
        if (std::find(statuses.begin(), statuses.end(), d.status) == statuses.end()) {
            const std::string s = closestMatch(d.status, statuses);
            add(diags, kWarning, "", "W-DECISION-STATUS",
                "the decision on finding " + quoted(d.fingerprint) + " has status " + quoted(d.status) +
                    ", which is not one of " + known + "; the finding stays open",
                s.empty() ? std::string() : "did you mean " + quoteText(s) + "?", where + "/status");
        }
        for (const auto& [field, value] : {std::pair{"owner", &d.owner}, std::pair{"justification", &d.justification}})
            if (settlesFinding(d.status) && isBlank(*value))
                add(diags, kWarning, "", "W-DECISION-INCOMPLETE",
                    "the decision on finding " + quoted(d.fingerprint) + " has no " + field + "; the finding stays open",
                    "a decision that settles a finding says who owns it and why", where + "/" + field);
        if (!d.expires.empty() && !isIsoDate(d.expires))
            add(diags, kWarning, "", "W-DECISION-EXPIRES",
                "the decision on finding " + quoted(d.fingerprint) + " expires on " + quoted(d.expires) +
                    ", which is not a real date written YYYY-MM-DD; it counts as expired, so the finding stays open",
                "for example \"2027-03-31\"", where + "/expires");
    }
}
bool withinCoordinates(const Point& p)
{
    return std::abs(p.x) <= kMaxCoordinate && std::abs(p.y) <= kMaxCoordinate; // false for NaN too
}

bool withinExtent(const Size& s)
{
    return s.width >= 0 && s.height >= 0 && s.width <= kMaxExtent && s.height <= kMaxExtent;
}

std::string number(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

std::string pointText(const Point& p)
{
    return "(" + number(p.x) + ", " + number(p.y) + ")";
}

void checkPlace(const std::string& id, const char* what, const Point& pos, const Size& size, Diagnostics& diags)
{
    if (!withinCoordinates(pos))
        add(diags, kError, id, "E-LIMIT",
            std::string(what) + " " + quoteText(id) + " is at " + pointText(pos) + "; positions lie within ±" +
                std::to_string(static_cast<long>(kMaxCoordinate)),
            {}, "position");
    if (!withinExtent(size))
        add(diags, kError, id, "E-LIMIT",
            std::string(what) + " " + quoteText(id) + " is " + number(size.width) + " wide and " + number(size.height) +
                " high; sizes lie from 0 to " + std::to_string(static_cast<long>(kMaxExtent)),
            {}, "size");
}

// Geometry matters to the whiteboard alone, but a file it cannot show is refused where it is
// read, with the line, as every other limit is.
void checkGeometry(const Design& design, Diagnostics& diags)
{
    for (const auto& c : design.components()) checkPlace(c.id, "component", c.pos, c.size, diags);
    for (const auto& z : design.zones()) checkPlace(z.id, "zone", z.pos, z.size, diags);
    for (const auto& f : design.flows()) {
        if (f.bends.size() > kMaxBends) {
            add(diags, kError, f.id, "E-LIMIT",
                "flow " + quoteText(f.id) + " has " + std::to_string(f.bends.size()) + " bend points; the limit is " +
                    std::to_string(kMaxBends),
                {}, "bends");
            continue;
        }
        for (std::size_t i = 0; i < f.bends.size(); ++i)
            if (!withinCoordinates(f.bends[i])) {
                add(diags, kError, f.id, "E-LIMIT",
                    "flow " + quoteText(f.id) + " bends at " + pointText(f.bends[i]) + "; positions lie within ±" +
                        std::to_string(static_cast<long>(kMaxCoordinate)),
                    {}, "bends/" + std::to_string(i));
                break;
            }
    }
}
} // namespace

namespace {
bool clampValue(double& v, double low, double high)
{
    const double kept = std::isnan(v) ? 0.0 : std::clamp(v, low, high);
    if (kept == v) return false;
    v = kept;
    return true;
}

bool clampPoint(Point& p)
{
    const bool x = clampValue(p.x, -kMaxCoordinate, kMaxCoordinate);
    return clampValue(p.y, -kMaxCoordinate, kMaxCoordinate) || x;
}

bool clampPlace(Point& pos, Size& size)
{
    const bool moved = clampPoint(pos);
    const bool w = clampValue(size.width, 0, kMaxExtent);
    return clampValue(size.height, 0, kMaxExtent) || w || moved;
}
} // namespace

bool clampGeometry(Component& c)
{
    return clampPlace(c.pos, c.size);
}

bool clampGeometry(Zone& z)
{
    return clampPlace(z.pos, z.size);
}

bool clampGeometry(Flow& f)
{
    bool changed = false;
    if (f.bends.size() > kMaxBends) {
        f.bends.resize(kMaxBends);
        changed = true;
    }
    for (auto& b : f.bends) changed = clampPoint(b) || changed;
    return changed;
}

void validateDesign(const Design& design, const Vocabulary& vocab, Diagnostics& diags)
{
    for (const auto& c : design.components()) {
        if (!vocab.kind(c.kind)) {
            auto s = vocab.suggestKind(c.kind);
            add(diags, kWarning, c.id, "W-UNKNOWN-KIND",
                "unknown kind " + quoteText(c.kind) + " on component " + quoteText(c.id),
                s.empty() ? std::string() : "did you mean " + quoteText(s) + "?");
        }
        checkProperties(c.id, "component", c.props, vocab, diags);
    }
    for (const auto& f : design.flows()) {
        if (!design.component(f.from))
            add(diags, kError, f.id, "E-DANGLING-FLOW",
                "flow " + quoteText(f.id) + " starts at " + quoteText(f.from) + ", which is not a component");
        if (!design.component(f.to))
            add(diags, kError, f.id, "E-DANGLING-FLOW",
                "flow " + quoteText(f.id) + " ends at " + quoteText(f.to) + ", which is not a component");
        checkProperties(f.id, "flow", f.props, vocab, diags);
    }
    for (const auto& z : design.zones()) {
        if (!vocab.zoneKind(z.kind)) {
            auto s = vocab.suggestZoneKind(z.kind);
            add(diags, kError, z.id, "E-ZONE-KIND",
                "zone " + quoteText(z.id) + " has kind " + quoteText(z.kind) +
                    "; zones are region, az or trust_boundary",
                s.empty() ? std::string() : "did you mean " + quoteText(s) + "?");
        }
        checkProperties(z.id, "zone", z.props, vocab, diags);
    }
    checkZones(design, diags);
    checkRegions(design, diags);
    checkGeometry(design, diags);
    checkDecisions(design, diags);
}

bool validateImported(const Design& design, const std::string& file, Diagnostics& diags,
                      const std::unordered_map<std::string, int>* lines)
{
    Diagnostics checks;
    validateDesign(design, Vocabulary::builtin(), checks);
    for (auto& d : checks) {
        d.file = file;
        if (lines && d.line == 0) // at the element's line in the file it came from
            if (const auto at = lines->find(d.element); at != lines->end()) d.line = at->second;
        diags.push_back(std::move(d));
    }
    return !hasErrors(diags);
}

} // namespace pb::model
