#pragma once

#include <functional>
#include <string_view>

namespace pb::model {

// Takes a text a piece at a time, in order: for texts too large to hold whole (the report of a
// huge design), written as they are made.
using TextWriter = std::function<void(std::string_view)>;

} // namespace pb::model
