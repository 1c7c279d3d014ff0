#pragma once

#include <QObject>
#include <QStringList>

namespace pb::app::recent {

// The recent-files list in QSettings, shared by every window, newest first, at most 12.
QStringList files();
void add(const QString& path);
void remove(const QString& path);

// Says when the list changes, so that every window's Open Recent menu follows: one window's Save
// As left the others' menus without the file.
class Notifier : public QObject
{
    Q_OBJECT
signals:
    void changed();
};
Notifier& notifier();

} // namespace pb::app::recent
