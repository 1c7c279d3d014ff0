#pragma once

#include "rules/evaluator.h"

#include <optional>
#include <string>

namespace pb::rules {

// Renders a compiled template against the current bindings. With `strict`, a placeholder whose
// value is not drawn (and has no |default) makes the whole text unavailable, so a question that
// would say "…with ? partitions" is skipped in favour of its fallback; otherwise the gap reads
// "(not drawn)".
std::optional<std::string> renderTemplate(const Template& t, Evaluator& ev, const Rule& rule,
                                          const Snapshot& snap, bool strict);
// The same text, rendered when first read: only the placeholders' texts are worked out now
// (whether a strict text is available is known now too). A finding's why, questions and fix.
std::optional<SharedText> renderLater(const Template& t, Evaluator& ev, const Rule& rule,
                                      const Snapshot& snap, bool strict);

// 10000 → "10,000"; 0.9 → "0.9"; 2.345 → "2.35".
std::string formatNumber(double d);

} // namespace pb::rules
