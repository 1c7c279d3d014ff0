#pragma once

#include "model/design.h"

#include <optional>
#include <string>

namespace pb::model {

// The common case of opening a file: a well-formed probeboard/1 design with nothing wrong in
// it. simdjson validates the whole text and the design is built straight from its parse, without
// nlohmann's SAX parse and DOM, which took three quarters of a load. Anything else (broken JSON,
// another format, a value of the wrong type, a missing or repeated id) returns nothing, and the
// caller reads the text the careful way, which says what is wrong and on which line.
std::optional<Design> readDesignFast(const std::string& text);

} // namespace pb::model
