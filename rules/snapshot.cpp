#include "rules/snapshot.h"

namespace pb::rules {

Snapshot::Snapshot(const model::Design& design, const model::Vocabulary& vocab)
    : m_design(design)
    , m_vocab(vocab)
{
    const auto& comps = design.components();
    const auto& flows = design.flows();
    m_comps.reserve(comps.size());
    m_index.reserve(comps.size());
    for (const auto& c : comps) {
        m_index.emplace(c.id, static_cast<int>(m_comps.size()));
        m_byKind[c.kind].push_back(static_cast<int>(m_comps.size()));
        m_comps.push_back(&c);
    }
    const std::size_t n = m_comps.size();
    m_outStart.assign(n + 1, 0);
    m_inStart.assign(n + 1, 0);
    for (const auto& f : flows) {
        const int from = indexOf(f.from), to = indexOf(f.to);
        m_flows.push_back(&f);
        m_from.push_back(from);
        m_to.push_back(to);
        const bool queue = (from >= 0 && comps[static_cast<std::size_t>(from)].kind == "queue") ||
                           (to >= 0 && comps[static_cast<std::size_t>(to)].kind == "queue");
        m_touchesQueue.push_back(queue);
        if (from >= 0 && to >= 0) {
            ++m_outStart[static_cast<std::size_t>(from) + 1];
            ++m_inStart[static_cast<std::size_t>(to) + 1];
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        m_outStart[i + 1] += m_outStart[i];
        m_inStart[i + 1] += m_inStart[i];
    }
    m_outFlows.resize(static_cast<std::size_t>(m_outStart[n]));
    m_inFlows.resize(static_cast<std::size_t>(m_inStart[n]));
    std::vector<int> outPos(m_outStart.begin(), m_outStart.end() - 1);
    std::vector<int> inPos(m_inStart.begin(), m_inStart.end() - 1);
    for (std::size_t f = 0; f < m_flows.size(); ++f) {
        if (m_from[f] < 0 || m_to[f] < 0) continue;
        m_outFlows[static_cast<std::size_t>(outPos[static_cast<std::size_t>(m_from[f])]++)] = static_cast<int>(f);
        m_inFlows[static_cast<std::size_t>(inPos[static_cast<std::size_t>(m_to[f])]++)] = static_cast<int>(f);
    }
    m_placements = model::computePlacements(design);
}

int Snapshot::indexOf(const std::string& componentId) const
{
    auto it = m_index.find(componentId);
    return it == m_index.end() ? -1 : it->second;
}

std::pair<const int*, const int*> Snapshot::outFlows(int c) const
{
    const int* base = m_outFlows.data();
    return {base + m_outStart[static_cast<std::size_t>(c)], base + m_outStart[static_cast<std::size_t>(c) + 1]};
}

std::pair<const int*, const int*> Snapshot::inFlows(int c) const
{
    const int* base = m_inFlows.data();
    return {base + m_inStart[static_cast<std::size_t>(c)], base + m_inStart[static_cast<std::size_t>(c) + 1]};
}

const std::vector<int>& Snapshot::ofKind(const std::string& kind) const
{
    static const std::vector<int> none;
    auto it = m_byKind.find(kind);
    return it == m_byKind.end() ? none : it->second;
}

} // namespace pb::rules
