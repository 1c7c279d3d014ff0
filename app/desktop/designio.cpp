#include "app/desktop/designio.h"

#include "app/desktop/elementjson.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#if __has_include("model/designfile.h")
#include "model/designfile.h"
#define PB_HAVE_DESIGNFILE 1
#endif

namespace pb::app {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("DesignIo", s);
}

#ifndef PB_HAVE_DESIGNFILE
std::optional<model::Design> readJson(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = f.errorString();
        return std::nullopt;
    }
    const QByteArray bytes = f.readAll();
    try {
        return designFromJson(
            nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size()));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}
#endif
} // namespace

std::optional<model::Design> readDesign(const QString& path, QString* error)
{
    if (!QFileInfo::exists(path)) {
        if (error) *error = tr("%1: the file does not exist.").arg(path);
        return std::nullopt;
    }
#ifdef PB_HAVE_DESIGNFILE
    model::Diagnostics diags;
    auto design = model::loadDesignFile(path.toStdString(), diags);
    if (!design || model::hasErrors(diags)) {
        QStringList lines;
        for (const auto& d : diags)
            if (d.level == model::Diagnostic::Level::Error)
                lines << QString::fromStdString(d.format());
        if (lines.isEmpty()) lines << tr("%1: the file could not be read.").arg(path);
        if (error) *error = lines.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    return design;
#else
    QString why;
    auto d = readJson(path, &why);
    if (!d && error) *error = tr("%1: %2").arg(path, why);
    return d;
#endif
}

bool writeDesign(const model::Design& design, const QString& path, QString* error)
{
#ifdef PB_HAVE_DESIGNFILE
    std::string why;
    if (model::saveDesignFile(design, path.toStdString(), why)) return true;
    if (error) *error = tr("%1: %2").arg(path, QString::fromStdString(why));
    return false;
#else
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("%1: %2").arg(path, f.errorString());
        return false;
    }
    f.write(QByteArray::fromStdString(designToJson(design).dump(2)));
    if (!f.commit()) {
        if (error) *error = tr("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
#endif
}

} // namespace pb::app
