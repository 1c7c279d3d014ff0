#include "app/desktop/documentexport.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/exporter.h"
#include "rules/report.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QUrl>

namespace pb::app::documentexport {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DocumentExport", text);
}

bool writePdf(const QString& path, const std::string& html, const QImage& diagram, QString* error)
{
    QTextDocument doc;
    doc.setDocumentMargin(0);
    if (!diagram.isNull()) doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("diagram.png")), diagram);
    doc.setHtml(QString::fromStdString(html));
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(tr("Probeboard report"));
    pdf.setCreator(QStringLiteral("Probeboard"));
    doc.print(&pdf);
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0) {
        if (error) *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace

bool saveText(const QString& path, const std::string& text, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size()) ||
        !f.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

Format formatFor(const QString& path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("md") || s == QLatin1String("markdown")) return Format::Markdown;
    if (s == QLatin1String("pdf")) return Format::Pdf;
    return Format::Html;
}

QString fileFilter()
{
    return tr("HTML (*.html);;PDF (*.pdf);;Markdown (*.md)");
}

QImage diagramImage(CanvasScene* scene, int maxWidth)
{
    // The PNG exporter already knows how to hide selection and review highlights.
    QTemporaryDir dir;
    const QString png = dir.path() + QStringLiteral("/diagram.png");
    QString error;
    if (!dir.isValid() || !exporter::exportPng(scene, png, 1.0, false, &error)) return {};
    QImage img(png);
    if (img.width() > maxWidth) img = img.scaledToWidth(maxWidth, Qt::SmoothTransformation);
    return img;
}

bool write(const QString& path, Format format, const QImage& diagram,
           const std::function<std::string(Format, const rules::DocOptions&)>& render, QString* error)
{
    rules::DocOptions opts;
    if (format == Format::Pdf) {
        if (!diagram.isNull()) opts.diagramImage = "diagram.png";
        return writePdf(path, render(format, opts), diagram, error);
    }
    if (format == Format::Html && !diagram.isNull()) {
        QByteArray bytes;
        QBuffer buf(&bytes);
        buf.open(QIODevice::WriteOnly);
        diagram.save(&buf, "PNG");
        opts.diagramImage = "data:image/png;base64," + bytes.toBase64().toStdString();
    }
    if (format == Format::Markdown && !diagram.isNull()) {
        const QFileInfo fi(path);
        const QString png = fi.completeBaseName() + QStringLiteral(".png");
        if (!diagram.save(fi.absolutePath() + QLatin1Char('/') + png, "PNG")) {
            if (error) *error = tr("Cannot write %1").arg(png);
            return false;
        }
        opts.diagramImage = png.toStdString();
    }
    return saveText(path, render(format, opts), error);
}

} // namespace pb::app::documentexport
