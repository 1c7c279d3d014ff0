#pragma once

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace pb::model {

// An element's properties: keys kept sorted (files diff cleanly, iteration is deterministic), in
// one array instead of a tree. Elements have a handful of properties, often none: a std::map was
// 48 bytes per element and a 112-byte node per property, a sixth of a large design's memory.
// Reads like the std::map it replaces, except that adding or erasing a key moves the others:
// references into it last until the next change, as with a vector.
template <typename V> class PropertyMap
{
public:
    using key_type = std::string;
    using mapped_type = V;
    using value_type = std::pair<std::string, V>;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;
    using size_type = std::size_t;

    PropertyMap() = default;
    // As std::map: the first of a repeated key stands.
    PropertyMap(std::initializer_list<value_type> items)
    {
        for (const auto& item : items)
            emplace(item.first, item.second);
    }

    // From pairs in any order, the last of a repeated key standing, as assigning each in turn
    // would: one sort, where inserting keys that come out of order one at a time is quadratic
    // (a file's properties come in the file's order).
    static PropertyMap fromPairs(std::vector<value_type> items)
    {
        std::stable_sort(items.begin(), items.end(),
                         [](const value_type& a, const value_type& b) { return a.first < b.first; });
        PropertyMap out;
        out.m_items.reserve(items.size());
        for (auto& item : items) {
            if (!out.m_items.empty() && out.m_items.back().first == item.first) out.m_items.back() = std::move(item);
            else out.m_items.push_back(std::move(item));
        }
        return out;
    }

    iterator begin() { return m_items.begin(); }
    iterator end() { return m_items.end(); }
    const_iterator begin() const { return m_items.begin(); }
    const_iterator end() const { return m_items.end(); }
    size_type size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    void clear() { m_items.clear(); }

    iterator find(std::string_view key)
    {
        auto it = lowerBound(key);
        return it != end() && it->first == key ? it : end();
    }
    const_iterator find(std::string_view key) const
    {
        auto it = lowerBound(key);
        return it != end() && it->first == key ? it : end();
    }
    size_type count(std::string_view key) const { return find(key) == end() ? 0 : 1; }
    bool contains(std::string_view key) const { return find(key) != end(); }

    V& operator[](const std::string& key) { return try_emplace(key).first->second; }
    V& at(std::string_view key)
    {
        auto it = find(key);
        if (it == end()) throw std::out_of_range("no property '" + std::string(key) + "'");
        return it->second;
    }
    const V& at(std::string_view key) const { return const_cast<PropertyMap*>(this)->at(key); }

    template <typename... Args>
    std::pair<iterator, bool> try_emplace(const std::string& key, Args&&... args)
    {
        auto it = lowerBound(key);
        if (it != end() && it->first == key) return {it, false};
        return {m_items.emplace(it, std::piecewise_construct, std::forward_as_tuple(key),
                                std::forward_as_tuple(std::forward<Args>(args)...)),
                true};
    }
    template <typename K, typename T> std::pair<iterator, bool> emplace(K&& key, T&& value)
    {
        auto it = lowerBound(key);
        if (it != end() && it->first == key) return {it, false};
        return {m_items.emplace(it, std::forward<K>(key), std::forward<T>(value)), true};
    }
    std::pair<iterator, bool> insert(value_type item)
    {
        return emplace(std::move(item.first), std::move(item.second));
    }
    template <typename T>
    std::pair<iterator, bool> insert_or_assign(const std::string& key, T&& value)
    {
        auto [it, added] = try_emplace(key);
        it->second = std::forward<T>(value);
        return {it, added};
    }
    size_type erase(std::string_view key)
    {
        auto it = find(key);
        if (it == end()) return 0;
        m_items.erase(it);
        return 1;
    }
    iterator erase(const_iterator it) { return m_items.erase(it); }

    bool operator==(const PropertyMap&) const = default;

private:
    static bool keyLess(const value_type& item, std::string_view k) { return item.first < k; }
    iterator lowerBound(std::string_view key)
    {
        return std::lower_bound(begin(), end(), key, keyLess);
    }
    const_iterator lowerBound(std::string_view key) const
    {
        return std::lower_bound(begin(), end(), key, keyLess);
    }

    std::vector<value_type> m_items;
};

} // namespace pb::model
