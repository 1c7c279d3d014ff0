#pragma once

#include <bit>
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace pb::rules {

// A list that never moves what it holds: it grows by adding a block twice the size of the one
// before, not by moving everything into a larger one. A review of 100,000 components keeps about
// 13,000 pending asks per thread, half a kilobyte each; a vector's doublings moved them again at
// each step and touched twice their memory, each new page a fault (13 µs on the VM of 4
// December). Blocks are reserved, not filled: a page of a block is touched only when used.
template <typename T>
class ChunkedList
{
public:
    static constexpr std::size_t kFirst = 32; // block 0 and block 1; block k ≥ 1 holds kFirst·2^(k-1)

    ChunkedList() = default;
    // Copied element by element: a copied block would have no room reserved past what it holds.
    ChunkedList(const ChunkedList& o)
    {
        for (const auto& x : o) push_back(x);
    }
    ChunkedList& operator=(const ChunkedList& o)
    {
        if (this != &o) {
            clear();
            for (const auto& x : o) push_back(x);
        }
        return *this;
    }
    // A list moved from is empty, as a vector moved from is.
    ChunkedList(ChunkedList&& o) noexcept : m_blocks(std::move(o.m_blocks)), m_size(std::exchange(o.m_size, 0)) {}
    ChunkedList& operator=(ChunkedList&& o) noexcept
    {
        m_blocks = std::move(o.m_blocks);
        m_size = std::exchange(o.m_size, 0);
        o.m_blocks.clear();
        return *this;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear()
    {
        m_blocks.clear();
        m_size = 0;
    }
    T& operator[](std::size_t i)
    {
        const auto [b, o] = place(i);
        return m_blocks[b][o];
    }
    const T& operator[](std::size_t i) const
    {
        const auto [b, o] = place(i);
        return m_blocks[b][o];
    }
    template <typename U>
    T& push_back(U&& v)
    {
        if (m_blocks.empty() || m_blocks.back().size() == capacityOf(m_blocks.size() - 1)) {
            m_blocks.emplace_back().reserve(capacityOf(m_blocks.size() - 1));
        }
        ++m_size;
        return m_blocks.back().emplace_back(std::forward<U>(v));
    }
    template <typename List, typename Elem>
    class Iter
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = Elem*;
        using reference = Elem&;
        Iter() = default;
        Iter(List* list, std::size_t block, std::size_t at) : m_list(list), m_block(block), m_at(at) {}
        reference operator*() const { return m_list->m_blocks[m_block][m_at]; }
        pointer operator->() const { return &**this; }
        Iter& operator++()
        {
            if (++m_at == m_list->m_blocks[m_block].size()) {
                ++m_block;
                m_at = 0;
            }
            return *this;
        }
        Iter operator++(int)
        {
            Iter old = *this;
            ++*this;
            return old;
        }
        bool operator==(const Iter& o) const { return m_block == o.m_block && m_at == o.m_at; }

    private:
        List* m_list = nullptr;
        std::size_t m_block = 0, m_at = 0;
    };
    using iterator = Iter<ChunkedList, T>;
    using const_iterator = Iter<const ChunkedList, const T>;
    // Every block but the last is full, so the end is the first place past the last block.
    iterator begin() { return {this, 0, 0}; }
    iterator end() { return {this, m_blocks.size(), 0}; }
    const_iterator begin() const { return {this, 0, 0}; }
    const_iterator end() const { return {this, m_blocks.size(), 0}; }

private:
    static constexpr std::size_t capacityOf(std::size_t block)
    {
        return block == 0 ? kFirst : kFirst << (block - 1);
    }
    static std::pair<std::size_t, std::size_t> place(std::size_t i)
    {
        if (i < kFirst) return {0, i};
        const std::size_t b = static_cast<std::size_t>(std::bit_width(i / kFirst));
        return {b, i - (kFirst << (b - 1))};
    }

    std::vector<std::vector<T>> m_blocks;
    std::size_t m_size = 0;
};

} // namespace pb::rules
