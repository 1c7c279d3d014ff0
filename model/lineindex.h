#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace pb::model {

// Where each line of a text starts, so that a reader naming many places in one file (a draw.io
// cell's line, an element's column in a model written on one line) finds each by a binary
// search instead of a scan of the text.
class LineIndex
{
public:
    LineIndex() = default;
    explicit LineIndex(std::string_view text)
    {
        m_starts.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_starts.push_back(i + 1);
    }
    bool empty() const { return m_starts.empty(); }
    // 1-based; 0 for an index of no text.
    int lineOf(std::size_t offset) const
    {
        return static_cast<int>(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin());
    }
    // Where 1-based `line` starts.
    std::size_t startOf(int line) const { return m_starts[static_cast<std::size_t>(line - 1)]; }
    // 1-based, in bytes from the line's start; 0 for an index of no text.
    int columnOf(std::size_t offset) const
    {
        const int line = lineOf(offset);
        return line > 0 ? static_cast<int>(offset - startOf(line) + 1) : 0;
    }

private:
    std::vector<std::size_t> m_starts;
};

} // namespace pb::model
