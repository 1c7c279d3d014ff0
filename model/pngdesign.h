#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// The design a PNG exported by the whiteboard carries, in a text chunk under the keyword
// "probeboard" (Qt writes it as zTXt; tEXt and iTXt, compressed or not, are read too, as another
// program may have rewritten the file). nullopt when the PNG carries none, with `why` saying what
// is wrong when it carries one that cannot be read (damaged, cut short, larger than a PNG's text
// may be). Only the chunks are read, never the pixels.
// The keyword of that chunk.
inline constexpr std::string_view kPngDesignKey = "probeboard";

// `key`: another program's chunk read alike ("mxfile": the diagram draw.io keeps in its PNGs).
std::optional<std::string> designInPng(std::string_view png, std::string* why = nullptr,
                                       std::string_view key = kPngDesignKey);

} // namespace pb::model
