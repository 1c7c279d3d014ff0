#pragma once

#include "model/textwriter.h"

#include <string>
#include <string_view>

namespace pb::rules {

// Where a report writer puts its text, in order.
using ReportWriter = model::TextWriter;

// "1 flow", "3 flows": a report read by a person counts in words.
inline std::string counted(std::size_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Gathers a report's many small pieces and hands them on in pieces of about 64 KB: the report of
// a design of 100,000 components runs to 200 MB, which a writer should not hold whole, and one
// system call per line would be slow. Whatever is left goes on in flush() or on destruction.
class ChunkedWriter
{
public:
    explicit ChunkedWriter(const ReportWriter& write)
        : m_write(write)
    {
        m_text.reserve(kChunk + kChunk / 4);
    }
    ~ChunkedWriter() { flush(); }
    ChunkedWriter(const ChunkedWriter&) = delete;
    ChunkedWriter& operator=(const ChunkedWriter&) = delete;

    // The text so far, to append to; call maybeFlush() after a piece such as one finding.
    std::string& text() { return m_text; }
    void maybeFlush()
    {
        if (m_text.size() >= kChunk) flush();
    }
    // A long stretch of fixed text (SARIF's rule list runs to tens of kilobytes) in pieces, so
    // that no piece grows far past the chunk.
    void append(std::string_view text)
    {
        while (!text.empty()) {
            const std::size_t room = m_text.size() < kChunk ? kChunk - m_text.size() : 0;
            const std::size_t n = std::min(text.size(), std::max<std::size_t>(room, 1));
            m_text.append(text.substr(0, n));
            text.remove_prefix(n);
            maybeFlush();
        }
    }
    // Before a piece of n bytes: what is gathered goes first if the piece would take it past the
    // chunk, so a piece is at most the chunk or the one item, never both.
    void makeRoom(std::size_t n)
    {
        if (m_text.size() + n > kChunk) flush();
    }
    void flush()
    {
        if (m_text.empty()) return;
        m_write(m_text);
        m_text.clear();
    }

private:
    static constexpr std::size_t kChunk = 64 * 1024;
    const ReportWriter& m_write;
    std::string m_text;
};

} // namespace pb::rules
