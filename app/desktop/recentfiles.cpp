#include "app/desktop/recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace pb::app::recent {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

QStringList files()
{
    QStringList out;
    for (const QString& f : QSettings().value(kKey).toStringList())
        if (QFileInfo::exists(f)) out << f;
    return out;
}

void add(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(kKey).toStringList();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > 12)
        list.removeLast();
    QSettings().setValue(kKey, list);
    emit notifier().changed();
}

void remove(const QString& path)
{
    QStringList list = QSettings().value(kKey).toStringList();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(kKey, list);
    emit notifier().changed();
}

Notifier& notifier()
{
    static Notifier n;
    return n;
}

} // namespace pb::app::recent
