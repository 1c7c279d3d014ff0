#include "model/jurisdiction.h"

#include "model/jsonutil.h"
#include "model/printable.h"
#include "model/resourcepaths.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>
#include <unordered_set>

namespace pb::model {

const JurisdictionTable& JurisdictionTable::builtin()
{
    static const JurisdictionTable table = [] {
        const std::string path = resourceDir() + "/vocabulary/jurisdictions.json";
        std::string err;
        Diagnostics diags;
        std::vector<Rule> rules;
        std::vector<std::string> restricted{"EU"};
        auto text = readTextFile(path, err);
        auto j = text ? parseJson(*text, path, diags) : std::nullopt;
        if (!j) {
            std::fprintf(stderr, "probeboard: warning: cannot load %s; regions will not imply "
                                 "jurisdictions\n", path.c_str());
            return fromRules({}, restricted);
        }
        if (auto r = j->find("residency_restricted"); r != j->end() && r->is_array()) {
            restricted.clear();
            for (const auto& s : *r)
                if (s.is_string()) restricted.push_back(s.get<std::string>());
        }
        if (auto rs = j->find("rules"); rs != j->end() && rs->is_array())
            for (const auto& r : *rs) {
                Rule rule;
                rule.exact = r.value("exact", "");
                rule.prefix = r.value("prefix", "");
                rule.jurisdiction = r.value("jurisdiction", "");
                if (!rule.jurisdiction.empty()) rules.push_back(std::move(rule));
            }
        return fromRules(std::move(rules), std::move(restricted));
    }();
    return table;
}

JurisdictionTable JurisdictionTable::fromRules(std::vector<Rule> rules,
                                               std::vector<std::string> restricted)
{
    JurisdictionTable t;
    t.m_rules = std::move(rules);
    t.m_restricted = std::move(restricted);
    return t;
}

std::string JurisdictionTable::jurisdictionOfRegion(const std::string& drawn) const
{
    // Providers name regions in lower case, but people draw "EU-WEST-1", and Azure's portal shows
    // "West Europe" for westeurope: both are read as the provider's name.
    std::string folded;
    const bool plain = std::none_of(drawn.begin(), drawn.end(),
                                    [](unsigned char c) { return std::isupper(c) || c == ' '; });
    if (!plain)
        for (const unsigned char c : drawn)
            if (c != ' ') folded += static_cast<char>(std::tolower(c));
    const std::string& region = plain ? drawn : folded;
    for (const auto& r : m_rules) {
        if (!r.exact.empty() && r.exact == region) return r.jurisdiction;
        if (!r.prefix.empty() && region.compare(0, r.prefix.size(), r.prefix) == 0)
            return r.jurisdiction;
    }
    return {};
}

std::unordered_map<std::string, std::string> zoneParents(const Design& design)
{
    std::unordered_map<std::string, std::string> parent;
    // A zone nested in another lists it as a member, so the innermost zone is the one whose
    // members include the id and which is itself deepest; later (inner) assignments win when
    // we visit zones outer-first. Depth is computed by walking up the already-built chain.
    std::unordered_map<std::string, int> depth;
    for (const auto& z : design.zones())
        for (const auto& m : z.members)
            if (design.zone(m)) parent.emplace(m, z.id);
    // Each zone's depth from its parent's, each worked out once (walking every zone's chain to
    // the top was quadratic in the nesting); a chain that closes on itself is cut where it does.
    std::vector<const std::string*> walk;
    for (const auto& z : design.zones()) {
        walk.clear();
        const std::string* cur = &z.id;
        std::unordered_set<const std::string*> onWalk;
        while (!depth.count(*cur)) {
            auto up = parent.find(*cur);
            walk.push_back(cur);
            if (up == parent.end() || !onWalk.insert(cur).second) break;
            cur = &up->second;
        }
        int d = depth.count(*cur) ? depth[*cur] : -1;
        for (auto it = walk.rbegin(); it != walk.rend(); ++it) d = depth[**it] = d + 1;
    }
    for (const auto& z : design.zones())
        for (const auto& m : z.members) {
            if (design.zone(m)) continue;
            auto it = parent.find(m);
            if (it == parent.end() || depth[z.id] > depth[it->second]) parent[m] = z.id;
        }
    return parent;
}

namespace {
// Codes are upper case (EU, US, UK, and the table's): a drawn "eu" is the same jurisdiction, not
// a new one that every residency comparison would treat as foreign.
std::string drawnJurisdiction(const Properties& props)
{
    return upperAscii(stringProperty(props, "jurisdiction").value_or(""));
}

} // namespace

Placement resolvePlacement(const Design& design, const Properties& ownProps, const std::string& id,
                           const std::unordered_map<std::string, std::string>& parents,
                           const JurisdictionTable& table)
{
    Placement p;
    p.region = stringProperty(ownProps, "region").value_or("");
    p.jurisdiction = drawnJurisdiction(ownProps);
    std::string cur = id;
    // Bounded by the number of zones: a chain that closes on itself ends once it has been round.
    const std::size_t zones = design.zones().size();
    for (std::size_t guard = 0; guard < zones && (p.region.empty() || p.jurisdiction.empty()); ++guard) {
        auto it = parents.find(cur);
        if (it == parents.end()) break;
        const Zone* z = design.zone(it->second);
        if (!z) break;
        if (p.region.empty()) p.region = stringProperty(z->props, "region").value_or("");
        if (p.jurisdiction.empty()) p.jurisdiction = drawnJurisdiction(z->props);
        cur = z->id;
    }
    if (p.jurisdiction.empty() && !p.region.empty())
        p.jurisdiction = table.jurisdictionOfRegion(p.region);
    return p;
}

namespace {
// Each zone's region and jurisdiction (its own, else its parent's) and depth (1 at the top),
// each zone worked out once from its parent: walking every zone's chain to the top was quadratic
// in the nesting (100,000 nested zones). A chain that comes back on itself (an invalid design,
// reported by validation) is cut where it closes.
void placeZones(const std::vector<Zone>& zones, const std::vector<int>& zoneParent, std::vector<Placement>& place,
                std::vector<int>& depth)
{
    std::vector<char> state(zones.size(), 0); // 0: not yet, 1: on the walk under way, 2: done
    std::vector<int> walk;
    for (std::size_t start = 0; start < zones.size(); ++start) {
        walk.clear();
        int z = static_cast<int>(start);
        while (z >= 0 && state[static_cast<std::size_t>(z)] == 0) {
            state[static_cast<std::size_t>(z)] = 1;
            walk.push_back(z);
            z = zoneParent[static_cast<std::size_t>(z)];
        }
        // The walk ends at the top, at a zone already done, or (a cycle) at one of its own.
        const int above = z >= 0 && state[static_cast<std::size_t>(z)] == 2 ? z : -1;
        for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
            const auto i = static_cast<std::size_t>(*it);
            const int parent = it == walk.rbegin() ? above : *(it - 1);
            Placement& p = place[i];
            p.region = stringProperty(zones[i].props, "region").value_or("");
            p.jurisdiction = drawnJurisdiction(zones[i].props);
            depth[i] = 1;
            if (parent >= 0) {
                const auto up = static_cast<std::size_t>(parent);
                if (p.region.empty()) p.region = place[up].region;
                if (p.jurisdiction.empty()) p.jurisdiction = place[up].jurisdiction;
                depth[i] = depth[up] + 1;
            }
            state[i] = 2;
        }
    }
}
} // namespace

// Same answers as resolvePlacement() for every component, but zones are resolved once each (there are
// few) and components are matched to their innermost zone by one pass over the members, with
// no per-component lookups in the design's index: this runs at every review.
std::vector<Placement> computePlacements(const Design& design, const JurisdictionTable& table)
{
    const auto& zones = design.zones();
    // Each member looked up once, through the design's own index: a nested zone, or a component
    // placed once the zones' depths are known (zone, component).
    std::vector<int> zoneParent(zones.size(), -1);
    std::vector<std::pair<int, std::size_t>> placed;
    for (std::size_t i = 0; i < zones.size(); ++i)
        for (const auto& m : zones[i].members) {
            const auto at = design.placeOf(m);
            if (!at) continue;
            if (at->type == ElementType::Component) placed.emplace_back(static_cast<int>(i), at->index);
            else if (at->type == ElementType::Zone && zoneParent[at->index] < 0) zoneParent[at->index] = static_cast<int>(i);
        }
    std::vector<Placement> zonePlace(zones.size());
    std::vector<int> depth(zones.size(), 0);
    placeZones(zones, zoneParent, zonePlace, depth);
    // Per component (by index, through the design's own id index): its innermost zone.
    const Component* first = design.components().data();
    std::vector<int> innermost(design.components().size(), -1);
    for (const auto& [zone, component] : placed) {
        int& z = innermost[component];
        if (z < 0 || depth[static_cast<std::size_t>(zone)] > depth[static_cast<std::size_t>(z)]) z = zone;
    }
    // A design names a handful of regions: each is matched against the naming patterns once,
    // and neighbours mostly share one, so the last is compared before the region is hashed
    // (hashing and copying per component were half of this at 10,000 components).
    std::unordered_map<std::string, std::string> ofRegion;
    const std::pair<const std::string, std::string>* last = nullptr;
    auto own = [](const Properties& props, std::string_view key) -> const std::string* {
        const auto it = props.find(key);
        return it == props.end() ? nullptr : std::get_if<std::string>(&it->second);
    };
    std::vector<Placement> out;
    out.reserve(design.components().size());
    for (const auto& c : design.components()) {
        const int zone = innermost[static_cast<std::size_t>(&c - first)];
        Placement p;
        if (const std::string* region = own(c.props, "region")) p.region = *region;
        if (own(c.props, "jurisdiction")) p.jurisdiction = drawnJurisdiction(c.props);
        if (zone >= 0) {
            const Placement& z = zonePlace[static_cast<std::size_t>(zone)];
            if (p.region.empty()) p.region = z.region;
            if (p.jurisdiction.empty()) p.jurisdiction = z.jurisdiction;
        }
        if (p.jurisdiction.empty() && !p.region.empty()) {
            if (!last || last->first != p.region) {
                auto [it, fresh] = ofRegion.try_emplace(p.region);
                if (fresh) it->second = table.jurisdictionOfRegion(p.region);
                last = &*it;
            }
            p.jurisdiction = last->second;
        }
        out.push_back(std::move(p));
    }
    return out;
}

Placement placementOf(const Design& design, const std::string& componentId,
                      const JurisdictionTable& table)
{
    const Component* c = design.component(componentId);
    if (!c) return {};
    return resolvePlacement(design, c->props, componentId, zoneParents(design), table);
}

} // namespace pb::model
