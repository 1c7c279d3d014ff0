#pragma once

#include <string>
#include <vector>

namespace pb::rules {

// Stable identity of a finding: the rule id and the sorted ids it is about, never its wording,
// so rewording a rule or moving boxes keeps acceptances valid. FNV-1a 64, as 16 hex digits.
std::string fingerprint(const std::string& ruleId, std::vector<std::string> ids);

} // namespace pb::rules
