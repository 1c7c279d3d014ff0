#pragma once

#include <QStringList>

namespace pb::app::recent {

// The recent-files list in QSettings, shared by every window, newest first, at most 12.
QStringList files();
void add(const QString& path);
void remove(const QString& path);

} // namespace pb::app::recent
