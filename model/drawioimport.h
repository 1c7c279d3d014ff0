#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pb::model {

// draw.io (diagrams.net) files, the drawings most teams already have, read into a design by the
// mapping in docs/format.md: a shape is a component (its kind from its icon, its label or a
// cylinder, and marked for the user to confirm), a connector a flow (dashed: asynchronous; its
// waypoints kept as bends), a container (a shape that holds others, a swimlane, an AWS group) a
// zone, and the properties added with Edit Data (`failover`, `data`, `kind`, …) properties.
// Plain and compressed pages are read. A connector left hanging, or joined to a container rather
// than to a shape, is left out with a warning naming it: flows join components. Broken XML is an
// error naming the line and column. `lines`, when given, gets the line of each element's cell (of
// its page when the page is compressed): for reports that point into the file, such as SARIF's.
// `page`: that page (0: the first), and a number past the last is an error saying how many there
// are; without it the first, and more pages are a warning naming them and how to read each
// ("shop.drawio#2", designpart.h).
std::optional<Design> importDrawio(const std::string& text, const std::string& fileName,
                                   Diagnostics& diags,
                                   std::unordered_map<std::string, int>* lines = nullptr,
                                   std::optional<std::size_t> page = std::nullopt);



} // namespace pb::model
