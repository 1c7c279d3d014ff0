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

// The lines of a message box from what the model said at one level: one said of many elements
// shown a few times and then counted (model::groupRepeated, as the CLI prints them), and at most
// `limit` lines, then how many more, so that the box still fits on the screen.
QStringList diagnosticLines(const model::Diagnostics& diags, model::Diagnostic::Level level, qsizetype limit);

// The lines for that box: the loader's warnings.
inline QStringList loadWarningLines(const model::Diagnostics& diags, qsizetype limit = 20)
{
    return diagnosticLines(diags, model::Diagnostic::Level::Warning, limit);
}

} // namespace pb::app
