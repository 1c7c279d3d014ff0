#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/value.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pb::model {

struct KindSpec
{
    std::string id;          // "database"
    std::string displayName; // "Database"
    std::string group;       // palette group: edge, compute, data, messaging, compliance
    std::string icon;        // file name under resources/icons, e.g. "database.svg"
    std::string description;
    Properties defaults;     // default property values for new components of this kind
    Size defaultSize;
};

struct PropertySpec
{
    std::string name;
    ValueType type = ValueType::String;
    std::vector<std::string> allowed;   // enumerated string values; empty = free text
    std::vector<std::string> suggested; // common values offered by editors; others are fine
    std::vector<std::string> appliesTo; // "component", "flow", "zone" (element types)
    std::optional<Value> defaultValue;  // applies when not drawn, unless overridden per kind
    std::optional<Value> defaultTouchingQueue; // flows into or out of a queue (sync=false)
    std::string description;            // one line, shown in the inspector and in errors
    // Numbers only: the range a drawn value should lie in ("hit_ratio" is a share, 0 to 1; counts
    // and rates are not negative). A value outside gets a warning, not an error: it is kept.
    std::optional<double> min;
    std::optional<double> max;
};

// The vocabulary of kinds and well-known properties, loaded from resources/vocabulary/*.json.
// Unknown properties are legal (kept through load/save); ones that look like a misspelling of
// a known property get a warning with the suggestion.
class Vocabulary
{
public:
    static std::optional<Vocabulary> load(const std::string& path, Diagnostics& diags);
    // The built-in vocabulary from the resource folder (see resourcepaths.h); aborts with a
    // message on stderr only if the installation itself is broken.
    static const Vocabulary& builtin();

    const std::vector<KindSpec>& kinds() const { return m_kinds; }
    const std::vector<KindSpec>& zoneKinds() const { return m_zoneKinds; }
    const KindSpec* zoneKind(const std::string& id) const;
    const std::vector<PropertySpec>& properties() const { return m_properties; }
    const KindSpec* kind(const std::string& id) const;
    const PropertySpec* property(const std::string& name) const;

    // The value a component/flow/zone has for `key` when it is not drawn: the kind's default,
    // else the property's default, else nothing (unknown). `elementKind` is the component
    // kind, or "flow"/"zone". `flowTouchesQueue` selects the sync=false default for queue flows.
    std::optional<Value> defaultFor(const std::string& elementKind, const std::string& key,
                                    bool flowTouchesQueue = false) const;
    // The same without a copy, for the rule engine's inner loop; nullptr when there is none.
    const Value* defaultRef(const std::string& elementKind, const std::string& key,
                            bool flowTouchesQueue = false) const;

    // Closest known name within a small edit distance, for "did you mean" hints; empty if none.
    std::string suggestKind(const std::string& unknown) const;
    std::string suggestZoneKind(const std::string& unknown) const;
    std::string suggestProperty(const std::string& unknown) const;
    std::string suggestValue(const std::string& property, const std::string& unknown) const;

private:
    void buildIndex();

    std::vector<KindSpec> m_kinds;
    std::vector<KindSpec> m_zoneKinds;
    std::vector<PropertySpec> m_properties;
    // Name → position: every rule condition on an undrawn property looks its default up.
    std::unordered_map<std::string, std::size_t> m_kindIndex, m_propertyIndex;
};

// Optimal string alignment distance (a swap of neighbours is one edit), used for every "did
// you mean" in the project.
// `cap`: once every alignment costs more than this, stop and return cap + 1.
std::size_t editDistance(const std::string& a, const std::string& b,
                         std::size_t cap = static_cast<std::size_t>(-1) - 1);
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

} // namespace pb::model
