#include "rules/fingerprint.h"

#include <algorithm>

namespace pb::rules {

namespace {
void mix(std::uint64_t& h, std::string_view s)
{
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h ^= 0xff; // separator: ("ab","c") and ("a","bc") differ
    h *= 1099511628211ull;
}
} // namespace

std::uint64_t fingerprintSeed(std::string_view ruleId)
{
    std::uint64_t h = 1469598103934665603ull;
    mix(h, ruleId);
    return h;
}

std::uint64_t fingerprintValue(std::uint64_t seed, std::vector<std::string_view>& ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::uint64_t h = seed;
    for (const auto& id : ids) mix(h, id);
    return h;
}

std::uint64_t fingerprintValue(std::string_view ruleId, std::vector<std::string_view>& ids)
{
    return fingerprintValue(fingerprintSeed(ruleId), ids);
}

std::string fingerprintText(std::uint64_t h)
{
    // Sixteen lower-case hex digits, as "%016llx" wrote them (files store these).
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
    return out;
}

std::string fingerprint(const std::string& ruleId, std::vector<std::string> ids)
{
    std::vector<std::string_view> views(ids.begin(), ids.end());
    return fingerprintText(fingerprintValue(ruleId, views));
}

} // namespace pb::rules
