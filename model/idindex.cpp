#include "model/idindex.h"

#include <algorithm>
#include <stdexcept>

namespace pb::model {

namespace {
// The two low bits hold the type; the place is stored plus one, so that 0 marks an empty slot.
constexpr std::size_t kMaxIndex = (std::size_t{1} << 30) - 2;
} // namespace

std::uint32_t IdIndex::pack(Place p)
{
    if (p.index > kMaxIndex) throw std::length_error("too many elements in one design");
    return static_cast<std::uint32_t>(((p.index + 1) << 2) | static_cast<std::size_t>(p.type));
}

IdIndex::Place IdIndex::unpack(std::uint32_t entry)
{
    return {static_cast<ElementType>(entry & 3U), (entry >> 2) - 1};
}

std::size_t IdIndex::slotOf(std::string_view id, std::size_t hash, IdOf idOf) const
{
    const std::size_t mask = m_entries.size() - 1;
    const std::uint32_t tag = tagOf(hash);
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        const std::uint32_t e = m_entries[s];
        if (e == 0) return s;
        if (m_tags[s] != tag) continue;
        if (idOf(unpack(e)) == id) return s;
    }
}

std::optional<IdIndex::Place> IdIndex::find(std::string_view id, IdOf idOf) const
{
    if (m_count == 0) return std::nullopt;
    return findHashed(id, hashOf(id), idOf);
}

std::optional<IdIndex::Place> IdIndex::findHashed(std::string_view id, std::size_t hash, IdOf idOf) const
{
    const std::size_t s = slotOf(id, hash, idOf);
    if (m_entries[s] == 0) return std::nullopt;
    return unpack(m_entries[s]);
}

void IdIndex::prefetchSlot(std::size_t hash) const
{
    const std::size_t s = hash & (m_entries.size() - 1);
    __builtin_prefetch(&m_entries[s]);
    __builtin_prefetch(&m_tags[s]);
}

void IdIndex::prefetchElement(std::size_t hash, IdOf idOf) const
{
    const std::size_t s = hash & (m_entries.size() - 1);
    const std::uint32_t e = m_entries[s];
    if (e != 0 && m_tags[s] == tagOf(hash)) __builtin_prefetch(&idOf(unpack(e)));
}

bool IdIndex::insert(std::string_view id, Place place, IdOf idOf)
{
    const std::uint32_t entry = pack(place);
    // At most three quarters full, so that a probe ends soon on an empty slot.
    if ((m_count + 1) * 4 > m_entries.size() * 3)
        grow(std::max<std::size_t>(16, m_entries.size() * 2), idOf);
    const std::size_t hash = std::hash<std::string_view>{}(id);
    const std::size_t s = slotOf(id, hash, idOf);
    if (m_entries[s] != 0) return false;
    m_entries[s] = entry;
    m_tags[s] = tagOf(hash);
    ++m_count;
    return true;
}

void IdIndex::clear()
{
    std::fill(m_entries.begin(), m_entries.end(), 0U);
    m_count = 0;
}

void IdIndex::reserve(std::size_t count, IdOf idOf)
{
    std::size_t slots = 16;
    while (count * 4 > slots * 3)
        slots *= 2;
    if (slots > m_entries.size()) grow(slots, idOf);
}

void IdIndex::grow(std::size_t slots, IdOf idOf)
{
    std::vector<std::uint32_t> entries(slots, 0U), tags(slots, 0U);
    const std::size_t mask = slots - 1;
    for (std::size_t s = 0; s < m_entries.size(); ++s) {
        if (m_entries[s] == 0) continue;
        const std::size_t hash = std::hash<std::string_view>{}(idOf(unpack(m_entries[s])));
        std::size_t t = hash & mask;
        while (entries[t] != 0)
            t = (t + 1) & mask;
        entries[t] = m_entries[s];
        tags[t] = tagOf(hash);
    }
    m_entries = std::move(entries);
    m_tags = std::move(tags);
}

} // namespace pb::model
