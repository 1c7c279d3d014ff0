#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// The design as an Open Threat Model document (OTM 0.2.0, JSON), for a team that keeps its threat
// model in a tool that reads OTM (IriusRisk, or any other): components and data flows under their
// ids, kinds as types, zones as trust zones (nested as drawn; components in no zone in one named
// "Outside any zone"), data classes held and carried as assets, properties as attributes, and
// each element's place on the page. importOtm() reads it back to the same elements, kinds, zones,
// data classes and vocabulary properties. OTM asks for two ratings Probeboard does not draw: each
// trust zone's trustRating and each asset's confidentiality, integrity and availability. They are
// written as placeholders for the receiving tool to set (docs/format.md). Bends and review
// decisions are not carried. Nothing is returned, and the reason said, when the text would be
// larger than importOtm() reads (64 MiB, E-LIMIT).
std::optional<std::string> exportOtm(const Design& design, const std::string& fileName, Diagnostics& diags);

} // namespace pb::model
