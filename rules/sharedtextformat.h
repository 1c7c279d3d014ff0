#pragma once

#include "rules/finding.h"

#include <fmt/format.h>
#include <string_view>

// fmt prints a SharedText (a finding's or rule's title, id, category…) as the text it holds.
template <> struct fmt::formatter<pb::rules::SharedText> : fmt::formatter<std::string_view>
{
    template <typename Context> auto format(const pb::rules::SharedText& t, Context& ctx) const
    {
        return fmt::formatter<std::string_view>::format(std::string_view(t.str()), ctx);
    }
};
