#pragma once

#include <QString>

namespace pb::app::dialogplaces {

// Where the file dialogs open. Given no folder, Qt's open in the folder the program was started
// from, which for a launcher or a desktop file is the home folder or '/', never where the user's
// designs are.

// `fileName` beside the design at `designPath` (an export, a report, an interview session); a
// design not saved yet: `fileName` in the user's documents folder.
QString besideDesign(const QString& designPath, const QString& fileName);

// The folder to open or compare from: the design's own, else the newest recent file's, else
// the user's documents folder.
QString openFolder(const QString& designPath);

} // namespace pb::app::dialogplaces
