#pragma once

#include <array>
#include <string_view>

namespace pb::model::keys {

// The keys of each object in a probeboard/1 file, in the order the file writes them. The fast
// reader takes its fields by these positions; the careful one warns about any other key, which
// saving would drop.
inline constexpr std::array<std::string_view, 7> kComponent{"id", "kind", "label", "kind_inferred",
                                                            "position", "size", "properties"};
inline constexpr std::array<std::string_view, 6> kFlow{"id", "from", "to", "label", "properties", "bends"};
inline constexpr std::array<std::string_view, 7> kZone{"id", "kind", "label", "members", "position", "size", "properties"};
inline constexpr std::array<std::string_view, 6> kDecision{"fingerprint", "rule", "status", "justification",
                                                           "owner", "expires"};
inline constexpr std::array<std::string_view, 6> kDesign{"format", "title", "components", "flows", "zones", "decisions"};

} // namespace pb::model::keys
