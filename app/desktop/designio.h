#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace pb::app {

// The desktop's one doorway to design files, so every open/save path (menu, command line,
// drop, recovery, tests) reports problems the same way: file name, then what is wrong.
// A PNG or SVG picture exported by Probeboard opens as the design it carries (embeddeddesign.h).
// A design with no positions at all gets an initial placement; `placed` reports it.
// `warnings` gets what the file said that did not stop it opening (a misspelt property, a
// decision with an unknown status, a DOT node in two clusters), one line each, as the CLI
// prints them.
std::optional<model::Design> readDesign(const QString& path, QString* error,
                                        bool* placed = nullptr, QStringList* warnings = nullptr);
// Saved back to the file it came from: a .probeboard or .json file, not a DOT or Mermaid import or a picture
// (opened as Untitled, so that a save never writes JSON over them).
bool isNativeDesign(const QString& path);
// The file types Open and Compare With… offer, for a file dialog's filter.
QString openDesignFilter();
bool writeDesign(const model::Design& design, const QString& path, QString* error);

} // namespace pb::app
