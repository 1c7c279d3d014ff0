#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::model {

// Threagile models (the threagile.yaml a team keeps beside its code for Threagile's own risk
// rules) read as designs, so that a model already written gets the review's questions too
// (docs/format.md). Technical assets are components with their Threagile ids, their kinds from
// their technology (marked for the user to confirm), the data assets they store as `data`, and
// `public`, `encrypted_at_rest` and `replicas` from what Threagile says of them. Communication
// links are flows with their protocol, `tls`, `auth`, and the data assets they send and receive
// as `carries`. Trust boundaries are trust-boundary zones, nested as written. Shared runtimes,
// risk tracking and individual risks are not read: the review asks its own questions.

// The tags exportThreagile() writes: `probeboard:<kind>` on an asset (and `probeboard:region` or
// `probeboard:az` on a boundary) says its kind; `probeboard:kind-to-confirm` that it was guessed;
// `probeboard:data-class` on a data asset that its id is the data class; `probeboard:<key>=<value>`
// a property.
inline constexpr const char* kProbeboardTag = "probeboard:";
inline constexpr const char* kDataClassTag = "probeboard:data-class";
// On a link: the flow's id, and its label where the link's name is not it (a flow without one is
// named by its id, and two links of one asset cannot share a name).
inline constexpr const char* kFlowIdTag = "probeboard:id=";
inline constexpr const char* kLabelTag = "probeboard:label=";

// Whether `text` is such a model: YAML with a top-level `threagile_version` key, which Threagile
// asks every model for.
bool looksLikeThreagile(std::string_view text);

// Broken YAML is an error at its line and column. With `lines`, the line where each element's
// entry is written, by the element's id: a CI annotation lands on the asset in the model.
std::optional<Design> importThreagile(const std::string& text, const std::string& fileName,
                                      Diagnostics& diags,
                                      std::unordered_map<std::string, int>* lines = nullptr);

} // namespace pb::model
