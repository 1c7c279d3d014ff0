#pragma once

#include "model/diagnostic.h"

#include <QString>
#include <QStringList>

class QWidget;

namespace pb::app {

// Tells the user what a file they just opened said that did not stop it opening: a misspelt
// property with its "did you mean", a decision whose status settles nothing, a DOT node in two
// clusters. The CLI prints these on stderr; the whiteboard used to drop them. The box does not
// block: the design is already open behind it.
void showLoadWarnings(QWidget* parent, const QString& path, const QStringList& warnings);

// The lines for that box from what the loader said: its warnings, one repeated on many elements
// shown a few times and then counted (model::groupRepeated, as the CLI prints them), and at most
// `limit` lines so that the box still fits on the screen.
QStringList loadWarningLines(const model::Diagnostics& diags, qsizetype limit = 20);

} // namespace pb::app
