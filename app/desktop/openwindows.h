#pragma once

#include <QString>

namespace pb::app {

class MainWindow;

// The windows of this process by the file they show. Opening a file that a window already shows
// brings that window forward instead of opening a second one on the same file, where two sets of
// edits would each save over the other.
namespace openwindows {

// The window whose design is the file at `path` (compared as canonical paths: a symlink or
// another spelling of the same file finds it), or nullptr. Untitled designs are never found,
// nor DOT imports, which open untitled.
MainWindow* find(const QString& path);

// Un-minimises, raises and activates `w`: a window this process opens or finds for a request
// that came from elsewhere (a drop, another launch) has to take the focus that was elsewhere.
void bringForward(MainWindow* w);

// Brings the window showing `path` forward (un-minimised, raised, active, back on its canvas
// if the Start Page was shown over it). False when no window shows it.
bool raise(const QString& path);

} // namespace openwindows
} // namespace pb::app
