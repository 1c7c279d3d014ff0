#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

// Finding a draw.io file's diagram: telling the file from others, listing its pages, reading the
// text draw.io compresses a page into, and the diagram a picture draw.io exported keeps.

// The draw.io file a picture draw.io exported keeps beside its pixels (.drawio.png: a text chunk
// "mxfile" of the URI-encoded XML; .drawio.svg: the <svg> element's content attribute), so that
// `check architecture.drawio.svg` reviews the picture a README shows. nullopt when it keeps none.
std::optional<std::string> drawioInPicture(std::string_view picture);
// How messages name that diagram: "arch.drawio.svg (the draw.io diagram it keeps)"; and the
// picture's path back from such a name (empty for any other name).
std::string drawioInPictureName(const std::string& picturePath);
std::string pictureOfDrawioName(const std::string& name);

// Whether `text` is a draw.io file: after any byte-order mark, XML declaration and comments it
// opens <mxfile> or <mxGraphModel>.
bool looksLikeDrawio(std::string_view text);

// The pages of a draw.io file: each one's name and the line of its <diagram>. Empty when the
// text is not XML or has no pages in an <mxfile>.
struct DrawioPage
{
    std::string name;
    int line = 0;
};
std::vector<DrawioPage> drawioPages(const std::string& text);

// "%3Cmxfile%3E" → "<mxfile>": what encodeURIComponent wrote, read back.
std::string drawioUriDecoded(std::string_view s);

// The text draw.io compresses a page into (base64 of raw deflate of the URI-encoded XML), read
// back; nullopt with `why` set when it is none of these or would pass `maxBytes`.
std::optional<std::string> drawioInflate(std::string_view text, std::size_t maxBytes,
                                         std::string& why);

} // namespace pb::model
