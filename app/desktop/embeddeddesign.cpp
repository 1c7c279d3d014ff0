#include "app/desktop/embeddeddesign.h"

#include "model/picturedesign.h"
#include "model/pngdesign.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>

namespace pb::app::embedded {

bool putInPng(QImage& image, const model::Design& design)
{
    const auto text = model::designForPng(design);
    const QString key = QString::fromLatin1(model::kPngDesignKey.data(), qsizetype(model::kPngDesignKey.size()));
    if (text) image.setText(key, QString::fromLatin1(text->data(), qsizetype(text->size())));
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

bool startsAsPng(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && model::pictureKind(file.read(8).toStdString()) == model::Picture::Png;
}

} // namespace pb::app::embedded
