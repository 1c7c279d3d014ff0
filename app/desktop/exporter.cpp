#include "app/desktop/exporter.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/document.h"
#include "app/desktop/embeddeddesign.h"
#include "app/desktop/loadwarnings.h"
#include "app/desktop/preferences.h"
#include "app/desktop/theme.h"
#include "model/design.h"
#include "model/designfile.h"
#include "model/picturedesign.h"
#include "model/dotexport.h"
#include "model/drawioexport.h"
#include "model/mermaidexport.h"
#include "model/otmexport.h"
#include "model/threagileexport.h"
#include "model/pdfdesign.h"

#include <QBuffer>
#include <QFileInfo>
#include <QCoreApplication>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace pb::app::exporter {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("Exporter", s);
}

// Hides selection and highlights for the duration of an export, and puts the drawing on light
// paper when the window shows the dark scheme (unless the user turned that off).
class CleanRender
{
public:
    explicit CleanRender(CanvasScene* scene)
        : m_scene(scene)
        , m_selected(scene->selectedIds())
        , m_highlighted(scene->highlighted())
        , m_dim(scene->dimOthers())
        , m_colors(scene->colors())
    {
        scene->clearSelection();
        scene->setHighlighted({});
        if (Theme::instance().isDark() && preferences::exportOnLightPaper())
            scene->setColors(CanvasColors::fromTheme(true));
    }
    ~CleanRender()
    {
        m_scene->setColors(m_colors);
        m_scene->setHighlighted(m_highlighted, m_dim);
        m_scene->selectIds(m_selected);
    }

private:
    CanvasScene* m_scene;
    QStringList m_selected, m_highlighted;
    bool m_dim;
    CanvasColors m_colors;
};

// All of `bytes` at `path`, or nothing there: through a temporary file, renamed when whole.
bool saveWhole(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error) *error = tr("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QRectF exportRect(CanvasScene* scene)
{
    QRectF r = scene->contentRect();
    if (r.isEmpty()) r = QRectF(0, 0, 200, 100);
    return r.adjusted(-24, -24, 24, 24);
}
} // namespace

bool exportPng(CanvasScene* scene, const QString& path, qreal scale, bool transparent,
               QString* error, bool withDesign, QString* note)
{
    CleanRender clean(scene);
    const QRectF src = exportRect(scene);
    const QSize size = (src.size() * scale).toSize();
    if (size.width() > 32000 || size.height() > 32000) {
        if (error)
            *error = tr("%1: the picture would be too large (%2 × %3 pixels).")
                         .arg(path)
                         .arg(size.width())
                         .arg(size.height());
        return false;
    }
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(transparent ? QColor(Qt::transparent) : scene->colors().background);
    {
        QPainter p(&img);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                         QPainter::SmoothPixmapTransform);
        scene->render(&p, QRectF(QPointF(0, 0), size), src);
    }
    if (withDesign && !embedded::putInPng(img, scene->document()->design()) && note)
        *note = tr("The design is too large to travel in a PNG, which carries at most %1 MB of it; "
                   "the picture was written without it. An SVG export carries any design.")
                    .arg(model::kMaxPngText / 1000000.0, 0, 'f', 1);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit()) {
        if (error) *error = tr("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool exportSvg(CanvasScene* scene, const QString& path, const QString& title, QString* error, bool withDesign)
{
    CleanRender clean(scene);
    const QRectF src = exportRect(scene);
    QBuffer buffer; // rendered in memory, then saved atomically like every other file
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(src.size().toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), src.size()));
    gen.setTitle(title);
    gen.setDescription(tr("Drawn with Probeboard"));
    QPainter p;
    if (!p.begin(&gen)) {
        if (error) *error = tr("%1: the file could not be written.").arg(path);
        return false;
    }
    p.fillRect(QRectF(QPointF(0, 0), src.size()), scene->colors().background);
    scene->render(&p, QRectF(QPointF(0, 0), src.size()), src);
    p.end();
    if (!withDesign) return saveWhole(path, buffer.data(), error);
    return saveWhole(path, embedded::putInSvg(buffer.data(), model::designToText(scene->document()->design())), error);
}

bool exportPdf(CanvasScene* scene, const QString& path, const QString& title, QString* error, bool withDesign)
{
    CleanRender clean(scene);
    const QRectF src = exportRect(scene);
    // One scene unit is one point (1/72 in), as on screen at 100 % on a 72-dpi page; PDF pages
    // stop at 14,400 points a side.
    constexpr qreal kMaxPoints = 14400;
    const qreal fit = std::min({1.0, kMaxPoints / src.width(), kMaxPoints / src.height()});
    const QSizeF points = src.size() * fit;
    QBuffer buffer; // written in memory, then saved atomically like every other file
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        // At 96 dpi, as a QImage and the screen have it: fonts sized in points are turned into
        // pixels by the device's resolution, and at the default 1,200 dpi every label came out
        // twelve times too large for its box (and the labels fitted to their boxes not at all).
        pdf.setResolution(96);
        pdf.setTitle(title);
        pdf.setCreator(tr("Probeboard"));
        pdf.setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                      QPageLayout::Portrait, QMarginsF()));
        QPainter p;
        if (!p.begin(&pdf)) {
            if (error) *error = tr("%1: the PDF could not be drawn.").arg(path);
            return false;
        }
        const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
        p.fillRect(page, scene->colors().background);
        scene->render(&p, page, src);
    }
    if (!withDesign) return saveWhole(path, buffer.data(), error);
    // Attached as <name>.probeboard, which a PDF reader lists and saves as it is.
    const std::string name = QFileInfo(path).completeBaseName().toStdString() + ".probeboard";
    const auto carrying = model::pdfWithDesign(buffer.data().toStdString(),
                                               model::designToText(scene->document()->design()), name);
    // Qt writes the PDF this extends; were it ever another shape, the pages still go out whole.
    return saveWhole(path, carrying ? QByteArray::fromStdString(*carrying) : buffer.data(), error);
}

namespace {
// What a checked export wrote, or nothing, with `error` headed by `heading` and naming the first
// five refusals: a label holding a NUL byte, or too long for DOT, would be written and then
// refused by the import, so the file would not open again. Nothing is written instead.
std::optional<std::string> checked(std::optional<std::string> text, const model::Diagnostics& diags,
                                   const QString& heading, QString* error)
{
    if (!text && error)
        *error = heading + QLatin1Char('\n') + diagnosticLines(diags, model::Diagnostic::Level::Error, 5).join(QLatin1Char('\n'));
    return text;
}
} // namespace

bool exportDot(const model::Design& design, const QString& path, QString* error)
{
    model::Diagnostics diags;
    const auto text = checked(model::exportDot(design, path.toStdString(), diags), diags,
                              tr("Cannot write %1 as DOT:").arg(path), error);
    return text && saveWhole(path, QByteArray::fromStdString(*text), error);
}

QString mermaidText(const model::Design& design, QString* error)
{
    // Checked as a file is: a flowchart that would not read back is not handed on either.
    model::Diagnostics diags;
    const auto text = checked(model::exportMermaid(design, {}, diags), diags, tr("Cannot write the design as Mermaid:"), error);
    return text ? QString::fromStdString(*text) : QString();
}

bool exportMermaid(const model::Design& design, const QString& path, QString* error)
{
    model::Diagnostics diags;
    const auto text = checked(model::exportMermaid(design, path.toStdString(), diags), diags,
                              tr("Cannot write %1 as Mermaid:").arg(path), error);
    return text && saveWhole(path, QByteArray::fromStdString(*text), error);
}

bool exportOtm(const model::Design& design, const QString& path, QString* error)
{
    model::Diagnostics diags;
    const auto text = checked(model::exportOtm(design, path.toStdString(), diags), diags,
                              tr("Cannot write %1 as an Open Threat Model document:").arg(path), error);
    return text && saveWhole(path, QByteArray::fromStdString(*text), error);
}

bool exportThreagile(const model::Design& design, const QString& path, QString* error)
{
    model::Diagnostics diags;
    const auto text = checked(model::exportThreagile(design, path.toStdString(), diags), diags,
                              tr("Cannot write %1 as a Threagile model:").arg(path), error);
    return text && saveWhole(path, QByteArray::fromStdString(*text), error);
}

bool exportDrawio(const model::Design& design, const QString& path, QString* error, QString* note)
{
    model::Diagnostics diags;
    const auto text = checked(model::exportDrawio(design, path.toStdString(), diags), diags,
                              tr("Cannot write %1 for draw.io:").arg(path), error);
    if (!text || !saveWhole(path, QByteArray::fromStdString(*text), error)) return false;
    QStringList left;
    for (const auto& d : model::groupRepeated(diags, 2))
        if (d.level == model::Diagnostic::Level::Warning) left << QString::fromStdString(d.message);
    if (note && !left.isEmpty())
        *note = tr("Exported %1. Not in it: %2").arg(QFileInfo(path).fileName(), left.join(QStringLiteral("; ")));
    return true;
}

} // namespace pb::app::exporter
