#pragma once

#include <QString>

class QWidget;

// Opening a Markdown page that holds several Mermaid flowcharts, or a draw.io file of several
// pages: the user picks one, listed by the heading it comes under and its line, or by the page's
// name, and it opens as "doc.md#N" or "shop.drawio#N" (model/designpart.h). The command line
// reviews them all instead.
namespace pb::app::partchooser {

// `path` itself when it is not a Markdown file with two flowcharts or more, or a draw.io file of
// two pages or more; else the name of the one picked; empty when the user cancelled.
QString choose(QWidget* parent, const QString& path);

// What Save As offers for a design read from `importedFrom`, beside it: payments.png →
// payments.probeboard, ARCHITECTURE.md#2 → ARCHITECTURE-2.probeboard, shop.drawio#3 →
// shop-3.probeboard.
QString saveName(const QString& importedFrom);

} // namespace pb::app::partchooser
