#include "app/desktop/partchooser.h"

#include "model/designpart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QStringList>

namespace pb::app::partchooser {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("FlowchartChooser", s);
}
} // namespace

QString choose(QWidget* parent, const QString& path)
{
    const auto charts = model::designsIn(path.toStdString());
    if (charts.size() < 2) return path;
    const bool pages = model::holdsPages(path.toStdString());
    // A page of thousands would make a list nobody reads, and a slow one: the first hundred.
    QStringList items;
    for (std::size_t i = 0; i < charts.size() && i < model::kMaxFlowchartsPerPage; ++i) {
        const QString heading = QString::fromStdString(charts[i].heading);
        const QString n = QString::number(i + 1), line = QString::number(charts[i].line);
        if (pages)
            items << (heading.isEmpty() ? tr("Page %1").arg(n) : tr("Page %1: %2").arg(n, heading));
        else
            items << (heading.isEmpty() ? tr("Flowchart %1, line %2").arg(n, line)
                                        : tr("Flowchart %1, line %2: %3").arg(n, line, heading));
    }
    bool ok = false;
    const QString name = QFileInfo(path).fileName();
    QString said = pages ? tr("%1 holds %2 pages. Each opens as a design of its own; "
                              "probeboard-cli check reviews them all.")
                               .arg(name)
                               .arg(charts.size())
                         : tr("%1 holds %2 Mermaid flowcharts. Each opens as a design of its own; "
                              "probeboard-cli check reviews them all.")
                               .arg(name)
                               .arg(charts.size());
    if (charts.size() > model::kMaxFlowchartsPerPage)
        said = (pages ? tr("%1 holds %2 pages; the first %3 are listed.")
                      : tr("%1 holds %2 Mermaid flowcharts; the first %3 are listed."))
                   .arg(name)
                   .arg(charts.size())
                   .arg(model::kMaxFlowchartsPerPage);
    const QString picked =
        QInputDialog::getItem(parent, pages ? tr("Open Which Page?") : tr("Open Which Flowchart?"),
                              said, items, 0, false, &ok);
    const qsizetype at = items.indexOf(picked);
    return ok && at >= 0 ? QString::fromStdString(charts[static_cast<std::size_t>(at)].path)
                         : QString();
}

QString saveName(const QString& importedFrom)
{
    const auto part = model::designPart(importedFrom.toStdString());
    const QFileInfo from(part ? QString::fromStdString(part->file) : importedFrom);
    const QString suffix = part ? QStringLiteral("-%1").arg(part->block + 1) : QString();
    QString base = from.completeBaseName();
    if (model::isDrawioPicture(from.fileName().toStdString()))
        base.chop(7); // "arch.drawio.svg" → "arch", as "arch.drawio" is
    return from.dir().filePath(base + suffix + QStringLiteral(".probeboard"));
}

} // namespace pb::app::partchooser
