#pragma once

#include "model/design.h"
#include "model/jurisdiction.h"
#include "model/vocabulary.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace pb::rules {

// An immutable, indexed view of a design, built once per review: integer ids, CSR adjacency
// in both directions, per-kind lists and effective placements. Rules read only this.
class Snapshot
{
public:
    explicit Snapshot(const model::Design& design,
                      const model::Vocabulary& vocab = model::Vocabulary::builtin());

    const model::Design& design() const { return m_design; }
    const model::Vocabulary& vocab() const { return m_vocab; }

    int componentCount() const { return static_cast<int>(m_comps.size()); }
    int flowCount() const { return static_cast<int>(m_flows.size()); }
    const model::Component& component(int i) const { return *m_comps[static_cast<std::size_t>(i)]; }
    const model::Flow& flow(int i) const { return *m_flows[static_cast<std::size_t>(i)]; }
    int flowFrom(int f) const { return m_from[static_cast<std::size_t>(f)]; }
    int flowTo(int f) const { return m_to[static_cast<std::size_t>(f)]; }
    bool flowTouchesQueue(int f) const { return m_touchesQueue[static_cast<std::size_t>(f)]; }
    int indexOf(const std::string& componentId) const;

    // Flows leaving / entering component c, as [begin, end) into flowIds().
    std::pair<const int*, const int*> outFlows(int c) const;
    std::pair<const int*, const int*> inFlows(int c) const;

    const std::vector<int>& ofKind(const std::string& kind) const;
    const model::Placement& placement(int c) const { return m_placements[static_cast<std::size_t>(c)]; }

private:
    const model::Design& m_design;
    const model::Vocabulary& m_vocab;
    std::vector<const model::Component*> m_comps;
    std::vector<const model::Flow*> m_flows;
    std::unordered_map<std::string, int> m_index;
    std::vector<int> m_from, m_to;
    std::vector<char> m_touchesQueue;
    std::vector<int> m_outStart, m_outFlows, m_inStart, m_inFlows;
    std::unordered_map<std::string, std::vector<int>> m_byKind;
    std::vector<model::Placement> m_placements;
};

} // namespace pb::rules
