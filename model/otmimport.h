#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::model {

// Open Threat Model documents (OTM, in JSON: what IriusRisk's StartLeft writes from Terraform,
// CloudFormation, Visio and Lucidchart, and what threat-modelling tools exchange), read as
// designs, so that an architecture kept as OTM, or generated from infrastructure code in CI, gets
// the review's questions (docs/format.md). Components keep their OTM ids (so baselines and
// decisions follow them), their kinds from their type, tags and names (marked for the user to
// confirm), and the data assets they store as `data`; data flows keep the assets they carry as
// `carries`; trust zones are trust-boundary zones holding the components placed in them.
// Attributes named like the vocabulary's properties (`region`, `replicas`, …) are read as those
// properties. Threats and mitigations are not read: the review asks its own questions.

// The type of the trust zone exportOtm() writes for the components a design draws in no zone
// (OTM places every component in one); importOtm() leaves it out again.
inline constexpr const char* kOutsideZoneType = "probeboard-outside";
// The tag exportOtm() gives a component whose kind was guessed and not yet confirmed, so that it
// reads back still to be confirmed: its `type` alone says the kind as if it were certain.
inline constexpr const char* kKindToConfirmTag = "probeboard-kind-to-confirm";

// Whether `text` is such a document: a JSON object with an "otmVersion" among its first
// kilobytes, and not a design file ("format": "probeboard/1") that names one in a label.
bool looksLikeOtm(std::string_view text);

// The line where the document writes each component, data flow and trust zone, by the id it gives
// it (the design's, but for a repeated id): a CI annotation lands on the element in the .otm.
std::unordered_map<std::string, int> otmElementLines(const std::string& text);

// Broken JSON is an error at its line and column; a document that is YAML, not JSON, an error
// saying how to read it.
std::optional<Design> importOtm(const std::string& text, const std::string& fileName, Diagnostics& diags);

} // namespace pb::model
