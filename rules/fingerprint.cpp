#include "rules/fingerprint.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace pb::rules {

std::string fingerprint(const std::string& ruleId, std::vector<std::string> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](const std::string& s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff; // separator: ("ab","c") and ("a","bc") differ
        h *= 1099511628211ull;
    };
    mix(ruleId);
    for (const auto& id : ids) mix(id);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace pb::rules
