#include "app/desktop/embeddeddesign.h"

#include "model/picturedesign.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

namespace pb::app::embedded {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("EmbeddedDesign", s);
}
} // namespace

bool putInPng(QImage& image, const model::Design& design)
{
    const auto text = model::designForPng(design);
    if (text) image.setText(QLatin1String(kKey), QString::fromLatin1(text->data(), qsizetype(text->size())));
    return text.has_value();
}

QByteArray putInSvg(const QByteArray& svg, const std::string& designText)
{
    const qsizetype end = svg.lastIndexOf("</svg>");
    if (end < 0) return svg;
    QByteArray out = svg.left(end);
    out += QByteArray::fromStdString(std::string(model::kSvgDesignOpen) + model::escapeForSvg(designText) +
                                     std::string(model::kSvgDesignClose) + "\n");
    out += svg.mid(end);
    return out;
}

bool isPicture(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    return isPng(path) || suffix.compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0 ||
           suffix.compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
}

bool isPng(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
}

std::optional<std::string> designInPng(const QString& path, QString* error)
{
    QImageReader reader(path, "png");
    // The text chunks come before the pixels: reading them does not decode the picture. The
    // text has no whitespace for the reader to collapse, and is ASCII (model::designForPng).
    const QString text = reader.text(QLatin1String(kKey));
    if (!text.isEmpty()) return text.toStdString();
    if (error)
        *error = reader.canRead() ? tr("%1: a PNG picture that carries no design: only pictures exported by Probeboard "
                                       "with File → Export → Include the Design in Pictures carry one.").arg(path)
                                  : tr("%1: not a PNG picture that can be read (%2).").arg(path, reader.errorString());
    return std::nullopt;
}

} // namespace pb::app::embedded
