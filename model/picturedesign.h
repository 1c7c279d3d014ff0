#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// A picture exported by the whiteboard carries its design (draw.io's .drawio.png): an SVG in a
// <metadata> element, a PDF as an attached file (pdfdesign.h), a PNG in a compressed text chunk
// (pngdesign.h). All three are read here, so that `probeboard-cli check drawing.png` reviews the
// drawing as the whiteboard opens it.
enum class Picture { None, Png, Svg, Pdf };

// What the text starts with: PNG's signature, XML with an <svg> element early on, or "%PDF-"
// (a PDF carries its design as an attachment: pdfdesign.h).
Picture pictureKind(std::string_view text);

// Where the whiteboard puts the design in an SVG; the text in it is XML-escaped.
inline constexpr std::string_view kSvgDesignOpen = "<metadata id=\"probeboard-design\">";
inline constexpr std::string_view kSvgDesignClose = "</metadata>";

// The design text an SVG carries, unescaped; nullopt when it carries none (or it is cut short).
std::optional<std::string> designInSvg(std::string_view svg);
// `text` escaped for the element above: & < > " as entities.
std::string escapeForSvg(std::string_view text);

// The design as a PNG text chunk carries it: one line of ASCII without a single space (spaces
// and non-ASCII written as \u escapes). Qt's PNG reader hands a text chunk back with its
// whitespace collapsed, which would change a label with two spaces in it; and libpng reads a
// compressed chunk of at most 8,000,000 bytes, which a compact text fits about twice as large a
// design into as the file's own layout. nullopt when it is still larger than kMaxPngText.
inline constexpr std::size_t kMaxPngText = 7'900'000;
std::optional<std::string> designForPng(const Design& design);

// The design a picture's text carries, read as designFromText reads a file; its problems are
// named "PATH (the design it carries)", their lines counted in that text. A picture without a
// design, or whose design cannot be read, is an error (E-PICTURE) that says which.
std::optional<Design> designCarriedBy(const std::string& carried, const std::string& path, Diagnostics& diags);
std::optional<Design> designFromPicture(const std::string& text, Picture kind, const std::string& path,
                                        Diagnostics& diags);

} // namespace pb::model
