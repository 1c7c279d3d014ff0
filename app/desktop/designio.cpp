#include "app/desktop/designio.h"

#include "app/desktop/embeddeddesign.h"
#include "app/desktop/initialplacement.h"
#include "app/desktop/loadwarnings.h"
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/picturedesign.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

namespace pb::app {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("DesignIo", s);
}

// Each problem on its own line, at most 20 and a count of the rest: a file with thousands of
// them must still give a dialog that fits on the screen.
QStringList linesOf(const model::Diagnostics& diags, model::Diagnostic::Level level)
{
    QStringList lines;
    for (const auto& d : diags)
        if (d.level == level) lines << QString::fromStdString(d.format());
    if (lines.size() > 20) {
        const qsizetype more = lines.size() - 20;
        lines = lines.mid(0, 20);
        lines << tr("… and %1 more.").arg(more);
    }
    return lines;
}
} // namespace

std::optional<model::Design> readDesign(const QString& path, QString* error, bool* placed, QStringList* warnings)
{
    // "doc.md#2", one flowchart of a Markdown file (model/designpart.h): the file is doc.md.
    const auto part = model::designPart(path.toStdString());
    const bool whole = QFileInfo::exists(path) || !part;
    const QFileInfo info(whole ? path : QString::fromStdString(part->file));
    if (!info.exists()) {
        if (error) *error = tr("%1: the file does not exist.").arg(info.filePath());
        return std::nullopt;
    }
    // Opening a named pipe waits for a writer: the window would hang before it showed. (The CLI
    // reads pipes, as `cat` does: `check <(…)` is how a script hands it a design.)
    if (!info.isFile() && !info.isDir()) {
        if (error) *error = tr("%1: this is a pipe or a device, not a file; save the design to a file and open that.").arg(path);
        return std::nullopt;
    }
    // A picture's design is read by the model, as the command line reads it (picturedesign.h).
    // A .png that holds something else is refused by its name: the user asked for a picture.
    if (embedded::isPng(path) && !embedded::startsAsPng(path)) {
        if (error) *error = tr("%1: not a PNG picture: the file does not start as one.").arg(path);
        return std::nullopt;
    }
    model::Diagnostics diags;
    std::optional<model::Design> design = model::loadDesignFile(path.toStdString(), diags);
    if (!design || model::hasErrors(diags)) {
        // Every error, one per line, each naming the file, line:column and element.
        const QStringList lines = linesOf(diags, model::Diagnostic::Level::Error);
        if (error) *error = lines.isEmpty() ? tr("%1: the file could not be read.").arg(path) : lines.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    if (warnings) *warnings = loadWarningLines(diags);
    const bool moved = placeIfUnpositioned(*design);
    if (placed) *placed = moved;
    return design;
}

bool isNativeDesign(const QString& path)
{
    if (model::designPart(path.toStdString()) && !QFileInfo::exists(path)) return false; // "doc.md#2"
    for (const char* imported : {".dot", ".gv", ".mmd", ".mermaid", ".md", ".markdown", ".drawio", ".xml", ".tm7", ".otm", ".yaml", ".yml"})
        if (path.endsWith(QLatin1String(imported), Qt::CaseInsensitive)) return false;
    // A Threat Dragon or pytm model is JSON too: saved over, the team's model would be lost.
    if (model::isThreatDragonFile(path.toStdString()) || model::isOtmFile(path.toStdString()) ||
        model::isThreagileFile(path.toStdString()) || model::isPytmFile(path.toStdString()))
        return false;
    return !embedded::isPicture(path);
}

QString openDesignFilter()
{
    return tr("Designs (*.probeboard *.json *.dot *.gv *.mmd *.mermaid *.drawio *.tm7 *.otm *.yaml *.yml);;Pictures with a design (*.png *.svg *.pdf);;"
              "Markdown with a Mermaid flowchart (*.md *.markdown);;draw.io diagrams (*.drawio *.xml);;"
              "Threat Dragon models (*.json);;Threat Modeling Tool models (*.tm7);;Open Threat Model (*.otm *.json *.yaml);;"
              "Threagile models (*.yaml *.yml);;pytm models (*.json);;All files (*)");
}

bool writeDesign(const model::Design& design, const QString& path, QString* error)
{
    std::string why;
    if (model::saveDesignFile(design, path.toStdString(), why)) return true;
    if (error) *error = tr("%1: %2").arg(path, QString::fromStdString(why));
    return false;
}

} // namespace pb::app
