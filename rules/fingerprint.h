#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pb::rules {

// Stable identity of a finding: the rule id and the sorted ids it is about, never its wording,
// so rewording a rule or moving boxes keeps acceptances valid. FNV-1a 64, as 16 hex digits.
std::string fingerprint(const std::string& ruleId, std::vector<std::string> ids);

// The same as its 64-bit number (the text is that number in hex): a review tells a new finding
// from one it has made by the number, and writes the text only for a new one. `ids` is sorted.
std::uint64_t fingerprintValue(std::string_view ruleId, std::vector<std::string_view>& ids);
// The same from fingerprintSeed(ruleId), worked out once per rule: FNV-1a reads the rule id
// first, and hashing it again for every match was a per cent of a review.
std::uint64_t fingerprintSeed(std::string_view ruleId);
std::uint64_t fingerprintValue(std::uint64_t seed, std::vector<std::string_view>& ids);
std::string fingerprintText(std::uint64_t value);

} // namespace pb::rules
