#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

// OWASP Threat Dragon models (its JSON, versions 1 and 2), read as designs, so that a team that
// drew its data flows there gets the reliability, consistency and compliance questions on them
// without drawing them again (docs/format.md). Each diagram of a model is a design of its own
// ("model.json#2"), as a draw.io file's pages are. Actors, processes and stores are components
// (their kinds from their names, marked for the user to confirm; an actor a client, a store a
// database unless its name says a cache, a queue, …), flows are flows (their protocol, and
// encryption as tls), trust-boundary boxes are trust-boundary zones holding what is drawn inside
// them. Its STRIDE threats are not read: the review asks its own questions.

// Whether `text` is a Threat Dragon model: a JSON object whose opening keys include "summary" or
// "detail", and not a design file's "format". Read from the first few kilobytes only.
bool looksLikeThreatDragon(std::string_view text);

// The titles of the model's diagrams, in order; empty when `text` is not such a model.
std::vector<std::string> threatDragonDiagrams(const std::string& text);

// Diagram `diagram` (0: the first) of the model; without it the first, with a warning naming the
// others and how to read each. Broken JSON is an error at its line and column; a model with no
// diagram, or a number past the last, an error saying so.
std::optional<Design> importThreatDragon(const std::string& text, const std::string& fileName,
                                         Diagnostics& diags,
                                         std::optional<std::size_t> diagram = std::nullopt);

} // namespace pb::model
