#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace pb::app {

// Tells the user what a file they just opened said that did not stop it opening: a misspelt
// property with its "did you mean", a decision whose status settles nothing, a DOT node in two
// clusters. The CLI prints these on stderr; the whiteboard used to drop them. The box does not
// block: the design is already open behind it.
void showLoadWarnings(QWidget* parent, const QString& path, const QStringList& warnings);

} // namespace pb::app
