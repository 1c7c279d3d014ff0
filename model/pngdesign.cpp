#include "model/pngdesign.h"

#include "model/flate.h"
#include "model/picturedesign.h"

#include <cstdint>
#include <zlib.h>

namespace pb::model {

namespace {

std::uint32_t bigEndian(std::string_view at)
{
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
        n = (n << 8) | static_cast<unsigned char>(at[static_cast<std::size_t>(i)]);
    return n;
}

// libpng hands back a compressed text of at most 8,000,000 bytes; the whiteboard writes no more
// than kMaxPngText. A chunk that inflates past this is not one Probeboard wrote.
constexpr std::size_t kMaxChunkText = 8'000'000;

// What a text chunk holds after its keyword and NUL: the text, inflated when compressed.
std::optional<std::string> chunkText(std::string_view type, std::string_view rest, std::string* why)
{
    auto fail = [&](const std::string& reason) -> std::optional<std::string> {
        if (why) *why = reason;
        return std::nullopt;
    };
    bool compressed = type == "zTXt";
    if (type == "iTXt") { // compression flag, method, language tag NUL, translated keyword NUL
        if (rest.size() < 2) return fail("its design's text chunk is cut short");
        compressed = rest[0] != 0;
        rest.remove_prefix(2);
        for (int field = 0; field < 2; ++field) {
            const std::size_t nul = rest.find('\0');
            if (nul == std::string_view::npos) return fail("its design's text chunk is cut short");
            rest.remove_prefix(nul + 1);
        }
    } else if (compressed) { // compression method: 0, deflate
        if (rest.empty()) return fail("its design's text chunk is cut short");
        rest.remove_prefix(1);
    }
    if (!compressed) return std::string(rest);
    std::string reason;
    auto text = inflated(rest, kMaxChunkText, &reason);
    if (!text) return fail("its design's text does not inflate: " + reason);
    return text;
}

} // namespace

std::optional<std::string> designInPng(std::string_view png, std::string* why, std::string_view key)
{
    auto fail = [&](const std::string& reason) -> std::optional<std::string> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (pictureKind(png) != Picture::Png) return fail("not a PNG picture");
    std::string_view rest = png.substr(8);
    // Length, type, data, CRC: each chunk in turn, up to the pixels' end (IEND).
    while (rest.size() >= 12) {
        const std::uint32_t length = bigEndian(rest);
        if (length > rest.size() - 12) return fail("the PNG is cut short");
        const std::string_view type = rest.substr(4, 4), data = rest.substr(8, length);
        const std::uint32_t crc = bigEndian(rest.substr(8 + length));
        rest.remove_prefix(12 + static_cast<std::size_t>(length));
        if (type == "IEND") break;
        if (type != "tEXt" && type != "zTXt" && type != "iTXt") continue;
        const std::size_t nul = data.find('\0');
        if (nul == std::string_view::npos || data.substr(0, nul) != key) continue;
        const auto typeAndData =
            std::string_view(type.data(), 4 + static_cast<std::size_t>(length));
        const auto computed = crc32(0, reinterpret_cast<const Bytef*>(typeAndData.data()),
                                    static_cast<uInt>(typeAndData.size()));
        if (computed != crc)
            return fail("its design's text chunk is damaged (its checksum does not match)");
        return chunkText(type, data.substr(nul + 1), why);
    }
    if (why) why->clear();
    return std::nullopt;
}

} // namespace pb::model
