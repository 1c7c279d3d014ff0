#include "app/desktop/dialogplaces.h"

#include "app/desktop/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace pb::app::dialogplaces {

namespace {
QString documents()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}
} // namespace

QString besideDesign(const QString& designPath, const QString& fileName)
{
    const QString folder = designPath.isEmpty() ? documents() : QFileInfo(designPath).absolutePath();
    return QDir(folder).filePath(fileName);
}

QString openFolder(const QString& designPath)
{
    if (!designPath.isEmpty()) return QFileInfo(designPath).absolutePath();
    for (const QString& f : recent::files()) {
        const QFileInfo recentFile(f);
        if (recentFile.dir().exists()) return recentFile.absolutePath();
    }
    return documents();
}

} // namespace pb::app::dialogplaces
