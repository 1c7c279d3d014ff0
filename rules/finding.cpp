#include "rules/finding.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace pb::rules {

std::string severityName(Severity s)
{
    switch (s) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
    }
    return "info";
}

bool parseSeverity(const std::string& s, Severity& out)
{
    for (auto v : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (severityName(v) == s) {
            out = v;
            return true;
        }
    return false;
}

namespace {
constexpr std::uint64_t kMul1 = 0x87c37b91114253d5ULL;
constexpr std::uint64_t kMul2 = 0x4cf5ad432745937fULL;

std::uint64_t rotl(std::uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

// MurmurHash3's finaliser: every input bit reaches every output bit.
std::uint64_t finalMix(std::uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}
} // namespace

void TextHasher::mix(std::uint64_t word)
{
    m_hash = rotl(m_hash ^ (rotl(word * kMul1, 31) * kMul2), 27) * 5 + 0x52dce729;
}

namespace {
// The first `n` (< 8) bytes at p as a word, the first byte lowest.
std::uint64_t loadShort(const unsigned char* p, std::size_t n)
{
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{p[i]} << (8 * i);
    return w;
}
} // namespace

void TextHasher::add(std::string_view piece)
{
    static_assert(std::endian::native == std::endian::little, "words as loadShort builds them");
    m_length += piece.size();
    const auto* p = reinterpret_cast<const unsigned char*>(piece.data());
    std::size_t n = piece.size();
    // Finish the word a previous piece began; then whole words; then keep the rest. The words are
    // the same wherever the pieces were cut.
    if (m_fill > 0) {
        const std::size_t take = std::min<std::size_t>(8 - m_fill, n);
        m_word |= loadShort(p, take) << (8 * m_fill);
        m_fill += static_cast<unsigned>(take);
        p += take;
        n -= take;
        if (m_fill < 8) return;
        mix(m_word);
        m_word = 0;
        m_fill = 0;
    }
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        mix(w);
    }
    m_word = loadShort(p, n);
    m_fill = static_cast<unsigned>(n);
}

std::size_t TextHasher::done() const
{
    std::uint64_t h = m_hash ^ rotl(m_word * kMul1, 31) * kMul2;
    h = finalMix(h ^ m_length);
    return static_cast<std::size_t>(h | 1); // 0 means "not worked out yet" (SharedText::Entry)
}

} // namespace pb::rules
