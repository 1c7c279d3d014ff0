#include "app/desktop/designio.h"

#include "app/desktop/initialplacement.h"
#include "model/designfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

namespace pb::app {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("DesignIo", s);
}
} // namespace

std::optional<model::Design> readDesign(const QString& path, QString* error, bool* placed)
{
    if (!QFileInfo::exists(path)) {
        if (error) *error = tr("%1: the file does not exist.").arg(path);
        return std::nullopt;
    }
    model::Diagnostics diags;
    auto design = model::loadDesignFile(path.toStdString(), diags);
    if (!design || model::hasErrors(diags)) {
        // Every error, one per line, each naming the file, line:column and element.
        QStringList lines;
        for (const auto& d : diags)
            if (d.level == model::Diagnostic::Level::Error)
                lines << QString::fromStdString(d.format());
        if (lines.isEmpty()) lines << tr("%1: the file could not be read.").arg(path);
        if (lines.size() > 20) {
            const qsizetype more = lines.size() - 20;
            lines = lines.mid(0, 20);
            lines << tr("… and %1 more problems.").arg(more);
        }
        if (error) *error = lines.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    const bool moved = placeIfUnpositioned(*design);
    if (placed) *placed = moved;
    return design;
}

bool writeDesign(const model::Design& design, const QString& path, QString* error)
{
    std::string why;
    if (model::saveDesignFile(design, path.toStdString(), why)) return true;
    if (error) *error = tr("%1: %2").arg(path, QString::fromStdString(why));
    return false;
}

} // namespace pb::app
