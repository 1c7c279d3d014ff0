#pragma once

#include "model/value.h"

#include <string>

namespace pb::model {

// A list travels in DOT as one attribute, its items separated by commas (data="pii,payment").
// An item's own comma is written `\,` and its own backslash `\\`; any other backslash is kept
// as it is, so hand-written text such as `C:\temp` reads as it always did. Items are trimmed of
// blanks and empty ones dropped ("pii, payment," is two items).
std::string joinDotList(const StringList& items);
StringList splitDotList(const std::string& text);
// `d` in as few digits as read back to the same double: six turned 0.9999999 into 1 and a
// position of 123456.5 into 123456.
std::string shortestNumber(double d);
// A property's value as DOT writes it: a list joined as above, a number in as few digits as read
// back to it, anything else as displayed. applyDotProperties() types it back by the vocabulary.
std::string dotValueText(const Value& v);

} // namespace pb::model
