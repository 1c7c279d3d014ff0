#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

enum class ElementType
{
    Component,
    Flow,
    Zone
};

// Finds an element by id: an open-addressing table of (type, position) that reads the id from the
// element itself instead of keeping a copy of it. A node-based map of copied ids was a fifth of a
// large design's memory (27 MB at 378,000 elements, here 4 MB) and an allocation per element.
class IdIndex
{
public:
    struct Place
    {
        ElementType type;
        std::size_t index;
    };
    // Reads the id of the element at a place. Passed to every call rather than kept, so that a
    // copied or moved owner needs no rebinding.
    struct IdOf
    {
        const void* owner;
        const std::string& (*at)(const void* owner, ElementType, std::size_t);
        const std::string& operator()(Place p) const { return at(owner, p.type, p.index); }
    };

    std::optional<Place> find(std::string_view id, IdOf idOf) const;
    // find() for many ids, id(i) for i in [0, n), calling found(i, place or nullopt) in order.
    // On a large design each lookup is two cache misses, the slot and then the element whose id
    // it compares: a pipeline asks for each id's slot, then for the element the slot names, a few
    // lookups before it is made (the snapshot of 100,000 components, which looks up 556,000 flow
    // ends, went from 25-26 to 22-23 ms).
    template <typename Id, typename Found>
    void findMany(std::size_t n, Id&& id, Found&& found, IdOf idOf) const;
    // False, changing nothing, when the id is already indexed.
    bool insert(std::string_view id, Place place, IdOf idOf);
    void clear();
    void reserve(std::size_t count, IdOf idOf);
    std::size_t size() const { return m_count; }

private:
    static std::size_t hashOf(std::string_view id) { return std::hash<std::string_view>{}(id); }
    std::optional<Place> findHashed(std::string_view id, std::size_t hash, IdOf idOf) const;
    // Ask for the slot `hash` starts at; then, once it is in, for the element it names.
    void prefetchSlot(std::size_t hash) const;
    void prefetchElement(std::size_t hash, IdOf idOf) const;
    static std::uint32_t pack(Place p);
    static Place unpack(std::uint32_t entry);
    static std::uint32_t tagOf(std::size_t hash)
    {
        return static_cast<std::uint32_t>(hash >> 32) | 1U;
    }
    void grow(std::size_t slots, IdOf idOf);
    // The slot holding `id`, else the empty slot where it would go.
    std::size_t slotOf(std::string_view id, std::size_t hash, IdOf idOf) const;

    // Per slot: the packed place (0: empty) and part of the id's hash, which settles most
    // mismatches without reading the element's id.
    std::vector<std::uint32_t> m_entries, m_tags;
    std::size_t m_count = 0;
};

template <typename Id, typename Found>
void IdIndex::findMany(std::size_t n, Id&& id, Found&& found, IdOf idOf) const
{
    if (m_count == 0) {
        for (std::size_t i = 0; i < n; ++i) found(i, std::optional<Place>());
        return;
    }
    constexpr std::size_t kAhead = 16, kRing = 4 * kAhead; // kRing: a power of two above 2 * kAhead
    std::size_t hashes[kRing];
    for (std::size_t i = 0; i < n + 2 * kAhead; ++i) {
        if (i < n) {
            hashes[i % kRing] = hashOf(id(i));
            prefetchSlot(hashes[i % kRing]);
        }
        if (i >= kAhead && i - kAhead < n) prefetchElement(hashes[(i - kAhead) % kRing], idOf);
        if (i >= 2 * kAhead) {
            const std::size_t k = i - 2 * kAhead;
            found(k, findHashed(id(k), hashes[k % kRing], idOf));
        }
    }
}

} // namespace pb::model
