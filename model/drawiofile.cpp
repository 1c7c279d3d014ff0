#include "model/drawiofile.h"

#include "model/flate.h"
#include "model/picturedesign.h"
#include "model/pngdesign.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <pugixml.hpp>

namespace pb::model {

namespace {
std::optional<std::string> base64(std::string_view text)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        const int v = value(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

} // namespace

std::string drawioUriDecoded(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::optional<std::string> drawioInflate(std::string_view text, std::size_t maxBytes,
                                         std::string& why)
{
    const auto packed = base64(text);
    if (!packed || packed->empty()) {
        why = "the page is neither a diagram nor draw.io's compressed text (base64)";
        return std::nullopt;
    }
    std::string reason;
    const auto xml = inflatedRaw(*packed, maxBytes, &reason);
    if (!xml) {
        why = "the page's compressed text does not inflate: " + reason;
        return std::nullopt;
    }
    return drawioUriDecoded(*xml);
}

std::vector<DrawioPage> drawioPages(const std::string& text)
{
    std::vector<DrawioPage> out;
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8))
        return out;
    for (auto d : doc.document_element().children("diagram")) {
        const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, d.offset_debug()));
        const int line =
            1 + static_cast<int>(std::count(
                    text.begin(),
                    text.begin() + static_cast<std::ptrdiff_t>(std::min(at, text.size())), '\n'));
        out.push_back({d.attribute("name").as_string(), line});
    }
    return out;
}

namespace {
constexpr std::string_view kKeptSuffix = " (the draw.io diagram it keeps)";
} // namespace

std::string drawioInPictureName(const std::string& picturePath)
{
    return picturePath + std::string(kKeptSuffix);
}

std::string pictureOfDrawioName(const std::string& name)
{
    if (name.size() <= kKeptSuffix.size() ||
        name.compare(name.size() - kKeptSuffix.size(), kKeptSuffix.size(), kKeptSuffix) != 0)
        return {};
    return name.substr(0, name.size() - kKeptSuffix.size());
}

std::optional<std::string> drawioInPicture(std::string_view picture)
{
    if (pictureKind(picture) == Picture::Png) {
        const auto kept = designInPng(picture, nullptr, "mxfile");
        if (!kept) return std::nullopt;
        std::string xml = drawioUriDecoded(*kept);
        return looksLikeDrawio(xml) ? std::optional<std::string>(std::move(xml)) : std::nullopt;
    }
    if (pictureKind(picture) != Picture::Svg) return std::nullopt;
    pugi::xml_document doc;
    if (!doc.load_buffer(picture.data(), picture.size(), pugi::parse_default, pugi::encoding_utf8))
        return std::nullopt;
    std::string xml = doc.document_element().attribute("content").as_string();
    return looksLikeDrawio(xml) ? std::optional<std::string>(std::move(xml)) : std::nullopt;
}

bool looksLikeDrawio(std::string_view text)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    for (;;) {
        const std::size_t at = text.find_first_not_of(" \t\r\n");
        if (at == std::string_view::npos) return false;
        text.remove_prefix(at);
        if (text.substr(0, 5) == "<?xml" || text.substr(0, 4) == "<!--") {
            const std::string_view close = text[1] == '?' ? "?>" : "-->";
            const std::size_t end = text.find(close);
            if (end == std::string_view::npos) return false;
            text.remove_prefix(end + close.size());
            continue;
        }
        return text.substr(0, 7) == "<mxfile" || text.substr(0, 13) == "<mxGraphModel";
    }
}

} // namespace pb::model
