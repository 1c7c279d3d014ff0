#pragma once

#include "model/design.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace pb::model {

// Region-name → jurisdiction rules from resources/vocabulary/jurisdictions.json.
class JurisdictionTable
{
public:
    struct Rule
    {
        std::string exact;
        std::string prefix;
        std::string jurisdiction;
    };

    static const JurisdictionTable& builtin();
    static JurisdictionTable fromRules(std::vector<Rule> rules, std::vector<std::string> restricted);

    // "eu-west-1" → "EU", "eu-west-2" → "UK"; empty when no rule matches.
    std::string jurisdictionOfRegion(const std::string& region) const;
    // Jurisdictions whose personal data must stay inside them (data, not code).
    const std::vector<std::string>& residencyRestricted() const { return m_restricted; }

private:
    std::vector<Rule> m_rules;
    std::vector<std::string> m_restricted;
};

// Where a component effectively is: its own region/jurisdiction, else the innermost zone
// (then outer zones) that sets one, else the jurisdiction derived from the region's name.
struct Placement
{
    std::string region;       // empty = unknown
    std::string jurisdiction; // empty = unknown
};

// member id (component or zone) → id of the innermost zone listing it.
std::unordered_map<std::string, std::string> zoneParents(const Design& design);

// One entry per component, in design.components() order. O(components + zone depth).
std::vector<Placement> computePlacements(const Design& design,
                                         const JurisdictionTable& table = JurisdictionTable::builtin());

Placement placementOf(const Design& design, const std::string& componentId,
                      const JurisdictionTable& table = JurisdictionTable::builtin());

// The same for any element (a component or a zone) with its own properties, given zoneParents():
// for callers that place several elements and work the parents out once.
Placement resolvePlacement(const Design& design, const Properties& ownProps, const std::string& id,
                           const std::unordered_map<std::string, std::string>& parents,
                           const JurisdictionTable& table = JurisdictionTable::builtin());

} // namespace pb::model
