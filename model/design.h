#pragma once

#include "model/idindex.h"
#include "model/value.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pb::model {

struct Point
{
    double x = 0;
    double y = 0;
    bool operator==(const Point&) const = default;
};

struct Size
{
    double width = 0;
    double height = 0;
    bool operator==(const Size&) const = default;
};

struct Component
{
    std::string id; // stable, unique across components, flows and zones
    std::string kind;
    std::string label;
    Properties props;
    Point pos;  // top-left, scene units
    Size size;  // 0x0 means "use the kind's default size"
    bool kindInferred = false; // set by DOT import when the kind was guessed; the user confirms it
    bool operator==(const Component&) const = default;
};

struct Flow
{
    std::string id;
    std::string from;
    std::string to;
    std::string label;
    Properties props;
    std::vector<Point> bends; // optional bend points, scene units
    bool operator==(const Flow&) const = default;
};

// Zone kinds: "region", "az", "trust_boundary".
struct Zone
{
    std::string id;
    std::string kind = "region";
    std::string label;
    Properties props;
    std::vector<std::string> members; // component ids and nested zone ids
    Point pos;
    Size size;
    bool operator==(const Zone&) const = default;
};

// A reviewer's decision about one finding, kept in the design file by fingerprint so it
// survives rewording of the rule and moving things around on the canvas.
struct Decision
{
    std::string fingerprint;
    std::string rule;
    std::string status = "accepted"; // open|in_discussion|accepted|mitigated|not_applicable
    std::string justification;
    std::string owner;
    std::string expires; // ISO date (YYYY-MM-DD) or empty
    bool operator==(const Decision&) const = default;
};

// A decision's fields by name, in the order files write them: what DOT export writes and DOT
// import reads, from one list. `D` is Decision or const Decision.
template <typename D>
auto decisionFields(D& d)
{
    using Text = std::conditional_t<std::is_const_v<D>, const std::string, std::string>;
    return std::array<std::pair<const char*, Text*>, 6>{{{"fingerprint", &d.fingerprint},
                                                         {"rule", &d.rule},
                                                         {"status", &d.status},
                                                         {"justification", &d.justification},
                                                         {"owner", &d.owner},
                                                         {"expires", &d.expires}}};
}

// What a decision's status may be, in the order a reviewer moves through them.
const std::vector<std::string>& decisionStatuses();
// Whether a finding with this status is dealt with: accepted, mitigated or not applicable. One in
// discussion, or with a status misspelt in the file, still fails a build and shows as open: a
// typo must not quietly waive a finding.
bool settlesFinding(std::string_view status);
// A date written YYYY-MM-DD, as a decision's expiry must be: it is compared with today's as text.
bool isIsoDate(std::string_view s);

// The design graph: the single source of truth for the whiteboard, the CLI and the rules.
// Elements keep insertion order (which is file order); lookups by id go through an index that
// every mutating member keeps current.
class Design
{
public:
    std::string title;
    std::vector<Decision> decisions;

    const std::vector<Component>& components() const { return m_components; }
    const std::vector<Flow>& flows() const { return m_flows; }
    const std::vector<Zone>& zones() const { return m_zones; }

    const Component* component(const std::string& id) const;
    const Flow* flow(const std::string& id) const;
    const Zone* zone(const std::string& id) const;
    Component* component(const std::string& id);
    Flow* flow(const std::string& id);
    Zone* zone(const std::string& id);
    std::optional<ElementType> typeOf(const std::string& id) const;
    // What the id names and its index in that list (components(), flows() or zones()): one
    // lookup for a caller that takes either, such as a zone's members.
    std::optional<IdIndex::Place> placeOf(const std::string& id) const { return m_index.find(id, idOf()); }
    bool contains(const std::string& id) const { return typeOf(id).has_value(); }
    // The component each of many ids names, id(i) for i in [0, n): found(i, component or
    // nullptr), in order. Much faster than component() one by one on a large design
    // (IdIndex::findMany).
    template <typename Id, typename Found>
    void componentsOf(std::size_t n, Id&& id, Found&& found) const
    {
        m_index.findMany(n, id, [&](std::size_t i, std::optional<IdIndex::Place> at) {
            found(i, at && at->type == ElementType::Component ? &m_components[at->index] : nullptr);
        }, idOf());
    }

    // Insertion. `index` < 0 appends; otherwise inserts at that position (undo restores the
    // original place). Returns false if the id is empty or already used. Does not validate
    // references: loaders validate, and undo may re-add a flow before its endpoint.
    bool addComponent(Component c, std::ptrdiff_t index = -1);
    // Room for that many elements, for a loader that knows how many are coming.
    void reserve(std::size_t components, std::size_t flows, std::size_t zones);
    bool addFlow(Flow f, std::ptrdiff_t index = -1);
    bool addZone(Zone z, std::ptrdiff_t index = -1);

    // Removal of a single element, returning it and its former index. Removing a component
    // does NOT remove its flows or its zone memberships; callers that want the cascade use
    // removeComponentCascade (the desktop wraps it in one undo step).
    std::optional<std::pair<Component, std::size_t>> removeComponent(const std::string& id);
    std::optional<std::pair<Flow, std::size_t>> removeFlow(const std::string& id);
    std::optional<std::pair<Zone, std::size_t>> removeZone(const std::string& id);

    // Elements taken out together, each with the index it had: one pass and one re-index for
    // the lot. Removing 10,000 components and their flows one at a time re-indexed the design
    // after each and took 16 s in the whiteboard. restore() puts them back where they were.
    struct Removed
    {
        std::vector<std::pair<Component, std::size_t>> components;
        std::vector<std::pair<Flow, std::size_t>> flows;
        std::vector<std::pair<Zone, std::size_t>> zones;
    };
    Removed removeAll(const std::unordered_set<std::string>& ids);
    // The inverse of removeAll on the design it left; an element whose id is taken meanwhile
    // is not put back.
    void restore(Removed removed);

    // Flows touching a component, in file order.
    std::vector<std::string> flowsOf(const std::string& componentId) const;
    // The zone whose members list `id` (the first, when a broken file has two), or nullptr. Reads
    // every zone's members: a caller asking about many elements takes parentZones() once.
    const Zone* parentZone(const std::string& id) const;
    // The same for every member at once, by member id, in one pass.
    std::unordered_map<std::string, const Zone*> parentZones() const;

    // A fresh id "<prefix>-<n>" not used yet.
    std::string uniqueId(const std::string& prefix) const;

    bool operator==(const Design& o) const;

private:
    void reindex();
    IdIndex::IdOf idOf() const;

    std::vector<Component> m_components;
    std::vector<Flow> m_flows;
    std::vector<Zone> m_zones;
    IdIndex m_index;
};

} // namespace pb::model
