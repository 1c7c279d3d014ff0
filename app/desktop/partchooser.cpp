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

// What the chooser calls the designs of a file: its pages, diagrams or flowcharts.
struct Words
{
    QString item, itemNamed, holds, holdsMany, title;
};

Words wordsFor(const std::string& path)
{
    if (model::isJson(path) || model::isTmt(path)) // a Threat Dragon or Threat Modeling Tool model
        return {tr("Diagram %1"), tr("Diagram %1: %2"),
                tr("%1 holds %2 diagrams. Each opens as a design of its own; "
                   "probeboard-cli check reviews them all."),
                tr("%1 holds %2 diagrams; the first %3 are listed."), tr("Open Which Diagram?")};
    if (model::holdsPages(path))
        return {tr("Page %1"), tr("Page %1: %2"),
                tr("%1 holds %2 pages. Each opens as a design of its own; "
                   "probeboard-cli check reviews them all."),
                tr("%1 holds %2 pages; the first %3 are listed."), tr("Open Which Page?")};
    return {{}, {},
            tr("%1 holds %2 Mermaid flowcharts. Each opens as a design of its own; "
               "probeboard-cli check reviews them all."),
            tr("%1 holds %2 Mermaid flowcharts; the first %3 are listed."), tr("Open Which Flowchart?")};
}

QString choose(QWidget* parent, const QString& path)
{
    const auto charts = model::designsIn(path.toStdString());
    if (charts.size() < 2) return path;
    const Words words = wordsFor(path.toStdString());
    // A page of thousands would make a list nobody reads, and a slow one: the first hundred.
    QStringList items;
    for (std::size_t i = 0; i < charts.size() && i < model::kMaxFlowchartsPerPage; ++i) {
        const QString heading = QString::fromStdString(charts[i].heading);
        const QString n = QString::number(i + 1), line = QString::number(charts[i].line);
        if (!words.item.isEmpty()) // pages and diagrams by their names
            items << (heading.isEmpty() ? words.item.arg(n) : words.itemNamed.arg(n, heading));
        else
            items << (heading.isEmpty() ? tr("Flowchart %1, line %2").arg(n, line)
                                        : tr("Flowchart %1, line %2: %3").arg(n, line, heading));
    }
    bool ok = false;
    const QString name = QFileInfo(path).fileName();
    const QString said = charts.size() > model::kMaxFlowchartsPerPage
                             ? words.holdsMany.arg(name).arg(charts.size()).arg(model::kMaxFlowchartsPerPage)
                             : words.holds.arg(name).arg(charts.size());
    const QString picked = QInputDialog::getItem(parent, words.title, said, items, 0, false, &ok);
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
