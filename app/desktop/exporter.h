#pragma once

#include <QString>

namespace pb::model {
class Design;
}

namespace pb::app {

class CanvasScene;

// Picture and graph exports of the whole drawing. Selection, handles and review highlights are
// hidden while rendering; the grid is never exported.
namespace exporter {

// `withDesign`: the picture carries the design's text, so that it opens again as the drawing
// (embeddeddesign.h); a picture made for a report needs none. `note` gets why it could not.
bool exportPng(CanvasScene* scene, const QString& path, qreal scale, bool transparent,
               QString* error, bool withDesign = false, QString* note = nullptr);
// Vector SVG: shapes stay paths and labels stay <text>, so the file is searchable and sharp.
bool exportSvg(CanvasScene* scene, const QString& path, const QString& title, QString* error,
               bool withDesign = false);
// Vector PDF, one page the shape of the drawing (no paper size to squeeze it into), at most
// 200 inches a side as PDF readers allow: a larger drawing is scaled down to fit. `withDesign`:
// the design is attached to it (model/pdfdesign.h), so that it opens again as the drawing.
bool exportPdf(CanvasScene* scene, const QString& path, const QString& title, QString* error,
               bool withDesign = false);
bool exportDot(const model::Design& design, const QString& path, QString* error);
// A Mermaid flowchart (model/mermaidexport.h): the graph, without properties or positions.
bool exportMermaid(const model::Design& design, const QString& path, QString* error);
// A draw.io file that opens in draw.io and reads back as this design (model/drawioexport.h).
// `note`: what the file leaves out (review decisions, a property name draw.io cannot hold), for
// the status bar; empty when nothing.
bool exportDrawio(const model::Design& design, const QString& path, QString* error, QString* note = nullptr);
// An Open Threat Model document (model/otmexport.h), for threat-modelling tools that read OTM.
bool exportOtm(const model::Design& design, const QString& path, QString* error);
// A Threagile model (model/threagileexport.h), for Threagile's own risk rules and reports.
bool exportThreagile(const model::Design& design, const QString& path, QString* error);
// The same text, for the clipboard; empty, with `error` set, when the design cannot be written.
QString mermaidText(const model::Design& design, QString* error);

} // namespace exporter
} // namespace pb::app
