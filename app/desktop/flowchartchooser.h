#pragma once

#include <QString>

class QWidget;

// Opening a Markdown page that holds several Mermaid flowcharts: the user picks one, listed by
// the heading it comes under and its line, and it opens as "doc.md#N" (model/markdownpart.h).
// The command line reviews them all instead.
namespace pb::app::flowchartchooser {

// `path` itself when it is not a Markdown file with two flowcharts or more; else the name of the
// one picked; empty when the user cancelled.
QString choose(QWidget* parent, const QString& path);

// What Save As offers for a design read from `importedFrom`, beside it: payments.png →
// payments.probeboard, ARCHITECTURE.md#2 → ARCHITECTURE-2.probeboard.
QString saveName(const QString& importedFrom);

} // namespace pb::app::flowchartchooser
