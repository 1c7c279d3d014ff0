#pragma once

#include <QImage>
#include <QString>
#include <functional>
#include <string>

namespace pb::rules {
struct DocOptions;
}

namespace pb::app {

class CanvasScene;

// Writing the review report and the interview session: the same documents as the CLI (from
// rules/), with a picture of the drawing as the user sees it on the canvas.
namespace documentexport {

enum class Format
{
    Markdown,
    Html,
    Pdf
};

// Format from a file suffix (.md/.markdown, .html/.htm, .pdf); Html if unknown.
Format formatFor(const QString& path);
QString fileFilter(); // "HTML (*.html);;PDF (*.pdf);;Markdown (*.md)" for save dialogs

// The drawing as the canvas paints it (no selection, no highlights), at most `maxWidth` pixels
// wide; a null image for an empty drawing.
QImage diagramImage(CanvasScene* scene, int maxWidth = 1600);

// `text` into `path` whole or not at all (QSaveFile); false with `error` saying why.
bool saveText(const QString& path, const std::string& text, QString* error);

// Writes the document. `render` produces the text for the given options: Markdown/HTML with the
// picture embedded (HTML: data URI; Markdown: a PNG written next to the file), PDF through
// QTextDocument and QPdfWriter with the picture as a document resource.
bool write(const QString& path, Format format, const QImage& diagram,
           const std::function<std::string(Format, const rules::DocOptions&)>& render, QString* error);

} // namespace documentexport
} // namespace pb::app
