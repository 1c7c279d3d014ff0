#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// zlib's deflate and inflate in the zlib format (RFC 1950), which is what a PDF stream's
// /FlateDecode holds: a design attached to a PDF is a tenth of its size compressed, and PDF tools
// that rewrite a file (qpdf, mutool, Acrobat) compress the attachments they keep.

std::string deflated(std::string_view data);

// nullopt when `data` is not zlib data, is cut short, or would inflate past `maxBytes` (a small
// stream may claim gigabytes); `why` then says which.
// `made`: how much it inflated, whether it succeeded or not (what a caller with a budget spent).
std::optional<std::string> inflated(std::string_view data, std::size_t maxBytes,
                                    std::string* why = nullptr, std::size_t* made = nullptr);

// The same for raw deflate data (RFC 1951, no zlib header): what draw.io compresses a page into.
std::optional<std::string> inflatedRaw(std::string_view data, std::size_t maxBytes,
                                       std::string* why = nullptr);

} // namespace pb::model
