#pragma once

#include "app/desktop/theme.h"

class QMainWindow;

namespace pb::app::preferences {

// What the user chose and expects the next launch to keep, in QSettings: the colour scheme and
// where the window was. Saved from the user's own gestures (View > Theme, closing a window), so
// that code and tests which set a scheme or build windows leave the user's choice alone.
Theme::Mode themeMode();
void setThemeMode(Theme::Mode mode);

// Pictures exported on light paper whatever scheme the window shows (File > Export > Export on
// Light Paper): a dark picture pasted into a document or a slide is hard to read. On unless
// turned off.
bool exportOnLightPaper();
void setExportOnLightPaper(bool on);

// Exported PNG and SVG pictures carry the design (File > Export > Include the Design in
// Pictures), so that they open again as the drawing. On unless turned off.
bool includeDesignInPictures();
void setIncludeDesignInPictures(bool on);

// The last window closed: its size and place, and whether it was maximised.
void rememberWindow(const QMainWindow& window);
// On the first window of a launch; a further window is placed by the window manager, which
// keeps it from covering the one before exactly. False when nothing was remembered (or it no
// longer fits a screen), leaving the window as it was.
bool restoreWindow(QMainWindow& window);

} // namespace pb::app::preferences
