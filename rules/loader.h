#pragma once

#include "model/diagnostic.h"
#include "rules/pack.h"

#include <optional>
#include <string>

namespace pb::rules {

// More rules than this in one pack is refused before any rule is compiled (docs/reliability.md).
inline constexpr std::size_t kMaxPackRules = 10'000;

// Reads and checks one rule pack. Every problem is reported (JSON pointer, line:column,
// "did you mean"); a pack with any error is rejected whole. Names are resolved against the
// built-in vocabulary plus the properties the pack itself declares.
std::optional<Pack> loadPackText(const std::string& text, const std::string& file,
                                 model::Diagnostics& diags);
std::optional<Pack> loadPackFile(const std::string& path, model::Diagnostics& diags);

} // namespace pb::rules
