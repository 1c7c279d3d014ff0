#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// The design as a Threagile model (threagile.yaml), so that a team can run Threagile's own risk
// rules and reports on what it drew: components as technical assets of the technology their
// kind is (a tag `probeboard:<kind>` keeps the kind), flows as communication links with protocol
// and authentication, the data classes held and carried as data assets, and zones as nested trust
// boundaries (a region's name as a tag). Threagile asks for ratings Probeboard does not draw
// (business criticality, each asset's confidentiality, integrity and availability, sizes and
// machines); they are written as placeholders for the team to set (docs/format.md).
// importThreagile() reads it back to the same components, kinds, zones and properties; flows come
// back under Threagile's link ids. Nothing is returned, and the reason said, when the text would be
// larger than the YAML reader takes (32 MiB, E-LIMIT).
std::optional<std::string> exportThreagile(const Design& design, const std::string& fileName,
                                           Diagnostics& diags);

} // namespace pb::model
