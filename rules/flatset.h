#pragma once

#include <cstdint>
#include <vector>

namespace pb::rules {

// A set of 64-bit hashes, open-addressed: a review asks it "seen before?" once per match (tens
// of thousands on a large design), where a node-based set allocated a node per new hash.
class HashSet64
{
public:
    // True when `h` was not in the set yet.
    bool insert(std::uint64_t h)
    {
        if (h == 0) { // 0 marks an empty slot: kept apart
            const bool fresh = !m_hasZero;
            m_hasZero = true;
            return fresh;
        }
        if (2 * (m_count + 1) > m_slots.size()) grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = spread(h) & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == h) return false;
            if (m_slots[i] == 0) {
                m_slots[i] = h;
                ++m_count;
                return true;
            }
        }
    }
    void clear()
    {
        m_slots = {};
        m_count = 0;
        m_hasZero = false;
    }

private:
    // Fingerprints are hashes already, but their low bits alone pick the slot: mixed first.
    static std::size_t spread(std::uint64_t h) { return static_cast<std::size_t>((h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ULL >> 7); }
    void grow()
    {
        std::vector<std::uint64_t> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 64 : 2 * old.size(), 0);
        const std::size_t mask = m_slots.size() - 1;
        for (std::uint64_t h : old) {
            if (h == 0) continue;
            std::size_t i = spread(h) & mask;
            while (m_slots[i] != 0) i = (i + 1) & mask;
            m_slots[i] = h;
        }
    }

    std::vector<std::uint64_t> m_slots;
    std::size_t m_count = 0;
    bool m_hasZero = false;
};

} // namespace pb::rules
