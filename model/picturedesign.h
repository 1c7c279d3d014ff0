#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// A picture exported by the whiteboard carries its design (draw.io's .drawio.png): an SVG in a
// <metadata> element, a PNG in a compressed text chunk. The SVG's is plain text, read here, so
// that `probeboard-cli check drawing.svg` reviews the drawing; the PNG's needs an inflater the
// model does not link, so the whiteboard reads it (app/desktop/embeddeddesign) and the command
// line says so.
enum class Picture { None, Png, Svg };

// What the text starts with: PNG's signature, or XML with an <svg> element early on.
Picture pictureKind(std::string_view text);

// Where the whiteboard puts the design in an SVG; the text in it is XML-escaped.
inline constexpr std::string_view kSvgDesignOpen = "<metadata id=\"probeboard-design\">";
inline constexpr std::string_view kSvgDesignClose = "</metadata>";

// The design text an SVG carries, unescaped; nullopt when it carries none (or it is cut short).
std::optional<std::string> designInSvg(std::string_view svg);
// `text` escaped for the element above: & < > " as entities.
std::string escapeForSvg(std::string_view text);

// The design a picture's text carries, read as designFromText reads a file; its problems are
// named "PATH (the design it carries)", their lines counted in that text. A PNG, or a picture
// without a design, is an error (E-PICTURE) that says what to do instead.
std::optional<Design> designCarriedBy(const std::string& carried, const std::string& path, Diagnostics& diags);
std::optional<Design> designFromPicture(const std::string& text, Picture kind, const std::string& path,
                                        Diagnostics& diags);

} // namespace pb::model
