#include "model/design.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace pb::model {

const std::vector<std::string>& decisionStatuses()
{
    static const std::vector<std::string> kStatuses = {"open", "in_discussion", "accepted", "mitigated",
                                                       "not_applicable"};
    return kStatuses;
}

bool isIsoDate(std::string_view s)
{
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (s[i] < '0' || s[i] > '9') return false;
        return true;
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2)) return false;
    auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    // A day the calendar has: "2099-02-30" compared as text would have stood until 2099.
    const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                           std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                           std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    return date.ok();
}

bool settlesFinding(std::string_view status)
{
    return status == "accepted" || status == "mitigated" || status == "not_applicable";
}

namespace {
template <typename Vec>
bool insertAt(Vec& vec, typename Vec::value_type item, std::ptrdiff_t index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= vec.size())
        vec.push_back(std::move(item));
    else
        vec.insert(vec.begin() + index, std::move(item));
    return true;
}

// Moves the elements named in `ids` out of `list`, keeping the order of the rest.
template <typename T>
std::vector<std::pair<T, std::size_t>> takeAll(std::vector<T>& list, const std::unordered_set<std::string>& ids)
{
    std::vector<std::pair<T, std::size_t>> out;
    std::size_t keep = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (ids.count(list[i].id)) {
            out.emplace_back(std::move(list[i]), i);
        } else {
            if (keep != i) list[keep] = std::move(list[i]);
            ++keep;
        }
    }
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(keep), list.end());
    return out;
}

// Merges taken elements back by their former indexes: taken in ascending order, each lands
// where it was, since everything that was before it is back before it.
template <typename T>
void putBack(std::vector<T>& list, std::vector<std::pair<T, std::size_t>> back)
{
    std::stable_sort(back.begin(), back.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    std::vector<T> merged;
    merged.reserve(list.size() + back.size());
    std::size_t b = 0, l = 0;
    while (b < back.size() || l < list.size()) {
        if (b < back.size() && (back[b].second <= merged.size() || l == list.size()))
            merged.push_back(std::move(back[b++].first));
        else
            merged.push_back(std::move(list[l++]));
    }
    list = std::move(merged);
}

template <typename T>
void dropTaken(std::vector<std::pair<T, std::size_t>>& back, const Design& d)
{
    std::erase_if(back, [&](const auto& e) { return e.first.id.empty() || d.contains(e.first.id); });
}
} // namespace

Design::Removed Design::removeAll(const std::unordered_set<std::string>& ids)
{
    Removed r;
    r.components = takeAll(m_components, ids);
    r.flows = takeAll(m_flows, ids);
    r.zones = takeAll(m_zones, ids);
    reindex();
    return r;
}

void Design::restore(Removed removed)
{
    dropTaken(removed.components, *this);
    dropTaken(removed.flows, *this);
    dropTaken(removed.zones, *this);
    // Two of the same id among them would break the index: keep the first.
    std::unordered_set<std::string> seen;
    auto once = [&](auto& list) { std::erase_if(list, [&](const auto& e) { return !seen.insert(e.first.id).second; }); };
    once(removed.components);
    once(removed.flows);
    once(removed.zones);
    putBack(m_components, std::move(removed.components));
    putBack(m_flows, std::move(removed.flows));
    putBack(m_zones, std::move(removed.zones));
    reindex();
}

const Component* Design::component(const std::string& id) const
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Component) return nullptr;
    return &m_components[at->index];
}

const Flow* Design::flow(const std::string& id) const
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Flow) return nullptr;
    return &m_flows[at->index];
}

const Zone* Design::zone(const std::string& id) const
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Zone) return nullptr;
    return &m_zones[at->index];
}

Component* Design::component(const std::string& id)
{
    return const_cast<Component*>(std::as_const(*this).component(id));
}

Flow* Design::flow(const std::string& id)
{
    return const_cast<Flow*>(std::as_const(*this).flow(id));
}

Zone* Design::zone(const std::string& id)
{
    return const_cast<Zone*>(std::as_const(*this).zone(id));
}

std::optional<ElementType> Design::typeOf(const std::string& id) const
{
    const auto at = m_index.find(id, idOf());
    if (!at) return std::nullopt;
    return at->type;
}

void Design::reserve(std::size_t components, std::size_t flows, std::size_t zones)
{
    m_components.reserve(components);
    m_flows.reserve(flows);
    m_zones.reserve(zones);
    m_index.reserve(components + flows + zones, idOf());
}

bool Design::addComponent(Component c, std::ptrdiff_t index)
{
    if (c.id.empty()) return false;
    // One lookup: the id goes in with the place it takes when appended, the common case.
    if (!m_index.insert(c.id, {ElementType::Component, m_components.size()}, idOf())) return false;
    const bool append = index < 0 || static_cast<std::size_t>(index) >= m_components.size();
    insertAt(m_components, std::move(c), index);
    if (!append) reindex();
    return true;
}

bool Design::addFlow(Flow f, std::ptrdiff_t index)
{
    if (f.id.empty()) return false;
    // One lookup: the id goes in with the place it takes when appended, the common case.
    if (!m_index.insert(f.id, {ElementType::Flow, m_flows.size()}, idOf())) return false;
    const bool append = index < 0 || static_cast<std::size_t>(index) >= m_flows.size();
    insertAt(m_flows, std::move(f), index);
    if (!append) reindex();
    return true;
}

bool Design::addZone(Zone z, std::ptrdiff_t index)
{
    if (z.id.empty()) return false;
    // One lookup: the id goes in with the place it takes when appended, the common case.
    if (!m_index.insert(z.id, {ElementType::Zone, m_zones.size()}, idOf())) return false;
    const bool append = index < 0 || static_cast<std::size_t>(index) >= m_zones.size();
    insertAt(m_zones, std::move(z), index);
    if (!append) reindex();
    return true;
}

std::optional<std::pair<Component, std::size_t>> Design::removeComponent(const std::string& id)
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Component) return std::nullopt;
    const std::size_t i = at->index;
    std::pair<Component, std::size_t> out{std::move(m_components[i]), i};
    m_components.erase(m_components.begin() + static_cast<std::ptrdiff_t>(i));
    reindex();
    return out;
}

std::optional<std::pair<Flow, std::size_t>> Design::removeFlow(const std::string& id)
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Flow) return std::nullopt;
    const std::size_t i = at->index;
    std::pair<Flow, std::size_t> out{std::move(m_flows[i]), i};
    m_flows.erase(m_flows.begin() + static_cast<std::ptrdiff_t>(i));
    reindex();
    return out;
}

std::optional<std::pair<Zone, std::size_t>> Design::removeZone(const std::string& id)
{
    const auto at = m_index.find(id, idOf());
    if (!at || at->type != ElementType::Zone) return std::nullopt;
    const std::size_t i = at->index;
    std::pair<Zone, std::size_t> out{std::move(m_zones[i]), i};
    m_zones.erase(m_zones.begin() + static_cast<std::ptrdiff_t>(i));
    reindex();
    return out;
}

std::vector<std::string> Design::flowsOf(const std::string& componentId) const
{
    std::vector<std::string> out;
    for (const auto& f : m_flows)
        if (f.from == componentId || f.to == componentId) out.push_back(f.id);
    return out;
}

const Zone* Design::parentZone(const std::string& id) const
{
    for (const auto& z : m_zones)
        if (std::find(z.members.begin(), z.members.end(), id) != z.members.end()) return &z;
    return nullptr;
}

std::unordered_map<std::string, const Zone*> Design::parentZones() const
{
    std::unordered_map<std::string, const Zone*> out;
    for (const auto& z : m_zones)
        for (const auto& m : z.members)
            out.emplace(m, &z); // the first zone listing it, as parentZone() finds
    return out;
}

std::string Design::uniqueId(const std::string& prefix) const
{
    for (std::size_t n = m_index.size() + 1;; ++n) {
        std::string candidate = prefix + "-" + std::to_string(n);
        if (!contains(candidate)) return candidate;
    }
}

bool Design::operator==(const Design& o) const
{
    return title == o.title && decisions == o.decisions && m_components == o.m_components &&
           m_flows == o.m_flows && m_zones == o.m_zones;
}

void Design::reindex()
{
    m_index.clear();
    m_index.reserve(m_components.size() + m_flows.size() + m_zones.size(), idOf());
    // Ids are unique: every add refuses one already taken.
    for (std::size_t i = 0; i < m_components.size(); ++i)
        m_index.insert(m_components[i].id, {ElementType::Component, i}, idOf());
    for (std::size_t i = 0; i < m_flows.size(); ++i) m_index.insert(m_flows[i].id, {ElementType::Flow, i}, idOf());
    for (std::size_t i = 0; i < m_zones.size(); ++i) m_index.insert(m_zones[i].id, {ElementType::Zone, i}, idOf());
}

IdIndex::IdOf Design::idOf() const
{
    return {this, [](const void* owner, ElementType type, std::size_t i) -> const std::string& {
                const auto* d = static_cast<const Design*>(owner);
                switch (type) {
                case ElementType::Component: return d->m_components[i].id;
                case ElementType::Flow: return d->m_flows[i].id;
                case ElementType::Zone: break;
                }
                return d->m_zones[i].id;
            }};
}

} // namespace pb::model
