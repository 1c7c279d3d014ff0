#pragma once

#include "model/value.h"

#include <string>

namespace pb::model {

// What an imported DOT diagram says without saying it: the kind of a node from its name, label
// and shape, and the words of a record label. Kept apart from the import itself because it is
// a table of what people write, which grows as real diagrams are read.

// The kind a node would get without a `kind` attribute (exposed for tests and the inspector).
std::string inferKind(const std::string& id, const std::string& label, const std::string& shape);

// The text of each field of a record label ("{<in> Monolith|Rails 5}" → Monolith, Rails 5).
StringList recordFields(const std::string& label);

// The kind of a cluster that does not say: an availability zone ("AZ a", "eu-west-1a"), a trust
// boundary ("VPC", "DMZ", "private subnet"), else a region.
std::string inferZoneKind(const std::string& name, const std::string& label);

// A cloud region named in a cluster's label ("AWS eu-west-1"), or empty.
std::string regionInLabel(const std::string& label);

} // namespace pb::model
