#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

// Models of Microsoft's Threat Modeling Tool (.tm7: the XML its DataContractSerializer writes),
// read as designs, so that a team whose data flow diagrams live there gets the reliability,
// consistency and compliance questions on them without drawing them again (docs/format.md).
// Each diagram of a model is a design of its own ("model.tm7#2"), as a draw.io file's pages are.
// Processes, data stores and external interactors are components (their kinds from their names
// and their stencils, marked for the user to confirm), data flows are flows (their protocol, and
// encryption as tls), trust-boundary boxes are trust-boundary zones holding what is drawn inside
// them. Its template's generated threats and their states are not read: the review asks its own
// questions.

// Whether `text` is such a model: its first kilobytes open a <ThreatModel> element in the
// Threat Modeling Tool's namespace.
bool looksLikeTmt(std::string_view text);

// The names of the model's diagrams, in order; empty when `text` is not such a model.
std::vector<std::string> tmtDiagrams(const std::string& text);

// Diagram `diagram` (0: the first) of the model; without it the first, with a warning naming the
// others and how to read each. XML that is not well formed is an error at its line and column; a
// model with no diagram, or a number past the last, an error saying so.
std::optional<Design> importTmt(const std::string& text, const std::string& fileName,
                                Diagnostics& diags,
                                std::optional<std::size_t> diagram = std::nullopt);

} // namespace pb::model
