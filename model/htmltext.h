#pragma once

#include <string>
#include <string_view>

namespace pb::model {

// The words of a Graphviz HTML-like label (`label=<<b>Orders</b><br/>API>`): tags dropped,
// entities decoded, white space folded to single spaces. A design's labels are plain text, and
// the tags read as part of the name ("<b>Orders</b>") in the whiteboard and in every finding.
std::string htmlLabelText(std::string_view html);

} // namespace pb::model
