#include "rules/finding.h"

#include "model/design.h"

#include <algorithm>

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

bool Finding::settled() const
{
    return model::settlesFinding(status.str());
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
// Odd, with its bits spread: powers of it stay odd and mixed.
constexpr std::uint64_t kBase = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kBase2 = kBase * kBase, kBase4 = kBase2 * kBase2, kBase8 = kBase4 * kBase4;
constexpr std::uint64_t kBase3 = kBase2 * kBase, kBase5 = kBase4 * kBase, kBase6 = kBase4 * kBase2,
                        kBase7 = kBase4 * kBase3;

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

void TextHasher::add(std::string_view piece)
{
    const auto* p = reinterpret_cast<const unsigned char*>(piece.data());
    std::size_t n = piece.size();
    m_length += n;
    std::uint64_t h = m_hash;
    // Eight bytes a step, their products independent of each other: the same as a byte a step.
    for (; n >= 8; p += 8, n -= 8)
        h = h * kBase8 + p[0] * kBase7 + p[1] * kBase6 + p[2] * kBase5 + p[3] * kBase4 + p[4] * kBase3 +
            p[5] * kBase2 + p[6] * kBase + p[7];
    for (; n > 0; ++p, --n) h = h * kBase + *p;
    m_hash = h;
}

TextHasher::Piece TextHasher::piece(std::string_view text)
{
    TextHasher h;
    h.add(text);
    std::uint64_t power = 1;
    for (std::size_t i = 0; i < text.size(); ++i) power *= kBase;
    return {h.m_hash, power, text.size()};
}

std::size_t TextHasher::done() const
{
    const std::uint64_t h = finalMix(m_hash ^ finalMix(m_length + kBase));
    return static_cast<std::size_t>(h | 1); // 0 means "not worked out yet" (SharedText::Entry)
}

} // namespace pb::rules
