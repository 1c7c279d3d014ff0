#include "app/desktop/loadwarnings.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>

namespace pb::app {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("LoadWarnings", s);
}
} // namespace

QStringList diagnosticLines(const model::Diagnostics& diags, model::Diagnostic::Level level, qsizetype limit)
{
    QStringList lines;
    for (const auto& d : model::groupRepeated(diags))
        if (d.level == level) lines << QString::fromStdString(d.format());
    if (lines.size() > limit) {
        const qsizetype more = lines.size() - limit;
        lines = lines.mid(0, limit);
        lines << tr("… and %1 more.").arg(more);
    }
    return lines;
}

void showLoadWarnings(QWidget* parent, const QString& path, const QStringList& warnings)
{
    if (warnings.isEmpty()) return;
    const QString name = QFileInfo(path).fileName();
    auto* box = new QMessageBox(QMessageBox::Information, tr("Opened %1").arg(name),
                                tr("“%1” is open. The file says some things worth a look:").arg(name),
                                QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("loadWarnings")); // tests find it by name
    box->setInformativeText(warnings.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

} // namespace pb::app
