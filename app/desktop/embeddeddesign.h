#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>

class QImage;

namespace pb::model {
class Design;
}

// A picture that carries its design, as draw.io's .drawio.png: an exported PNG or SVG holds
// the design's .probeboard text, so the picture pasted into a wiki or sent by mail opens again
// as the drawing it shows. File > Export > Include the Design in Pictures turns it off for a
// picture that should show the drawing and no more (the text holds every property).
namespace pb::app::embedded {

// Where the text goes: a PNG text chunk under model::kPngDesignKey, which Qt writes; an SVG's
// goes in a <metadata> element. The model reads both (model/picturedesign.h, pngdesign.h), so that
// the command line reviews them too.

// False when the design is too large for a PNG to carry (model::designForPng): the picture is
// then written without it.
bool putInPng(QImage& image, const model::Design& design);
// The SVG with a <metadata> element holding the text (XML-escaped) before its closing tag.
QByteArray putInSvg(const QByteArray& svg, const std::string& designText);

// True for a .png, .svg or .pdf path: opened for the design it carries.
bool isPicture(const QString& path);
bool isPng(const QString& path);
// The file's first bytes are a PNG's signature.
bool startsAsPng(const QString& path);

} // namespace pb::app::embedded
