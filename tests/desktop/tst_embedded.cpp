#include "app/desktop/canvasscene.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/embeddeddesign.h"
#include "app/desktop/exporter.h"
#include "app/desktop/mainwindow.h"
#include "model/designfile.h"
#include "model/picturedesign.h"
#include "testdesigns.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace pb::app;

// An exported PNG or SVG carries its design and opens again as the drawing (draw.io's
// .drawio.png); a picture without one, or not a picture at all, is refused with its name.
class TstEmbedded : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The small design, with a label and a property in more than ASCII, and a bend.
    static model::Design design()
    {
        model::Design d = test::smallDesign();
        // Two spaces, a no-break space and a tab: Qt's PNG reader collapses whitespace in a text
        // chunk, which the carried text must not have.
        d.component("api")->label = "Zürich  API\u00a0✓\tv2";
        d.component("orders-db")->props["region"] = std::string("eu-central-1 <& \"quoted\">");
        d.flow("f3")->bends = {{360, 80}};
        return d;
    }
    static void sameDesign(const model::Design& a, const model::Design& b)
    {
        QCOMPARE(model::designToText(a), model::designToText(b));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void pngAndSvgOpenAgainAsTheirDesign()
    {
        test::Drawn drawn(design());
        Document& doc = drawn.doc;
        CanvasScene& scene = drawn.scene;
        QString error;
        for (const char* name : {"d.png", "d.svg"}) {
            const QString path = m_dir.filePath(QLatin1String(name));
            const bool png = path.endsWith(QLatin1String(".png"));
            QVERIFY2(png ? exporter::exportPng(&scene, path, 1.0, false, &error, true)
                         : exporter::exportSvg(&scene, path, QStringLiteral("d"), &error, true),
                     qPrintable(error));
            if (png) QVERIFY(!QImage(path).isNull()); // still a picture any viewer shows
            const auto back = readDesign(path, &error);
            QVERIFY2(back, qPrintable(error));
            sameDesign(*back, doc.design());
            QVERIFY(!isNativeDesign(path)); // opened as Untitled: a save never writes JSON over it
        }
    }

    // A PDF carries it as an attached file: listed and saved by another reader (poppler's
    // pdfdetach) as the design's own text, and opened again here as the drawing; the pages are
    // still a PDF any reader opens.
    void aPdfCarriesItsDesignAsAnAttachment()
    {
        test::Drawn drawn(design());
        QString error;
        const QString pdf = m_dir.filePath(QStringLiteral("review board.pdf"));
        QVERIFY2(exporter::exportPdf(&drawn.scene, pdf, QStringLiteral("d"), &error, true), qPrintable(error));
        const auto back = readDesign(pdf, &error);
        QVERIFY2(back, qPrintable(error));
        sameDesign(*back, drawn.doc.design());
        QVERIFY(!isNativeDesign(pdf));
        const QString pdfdetach = QStandardPaths::findExecutable(QStringLiteral("pdfdetach"));
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfdetach.isEmpty() || pdfinfo.isEmpty()) QFAIL("poppler-utils is missing: scripts/setup.sh installs it");
        QProcess info;
        info.start(pdfinfo, {pdf});
        QVERIFY(info.waitForFinished(20000));
        QCOMPARE(info.exitCode(), 0);
        const QByteArray said = info.readAllStandardOutput().simplified();
        QVERIFY2(said.contains("Pages: 1 "), said.constData()); // still one page
        QProcess list;
        list.start(pdfdetach, {QStringLiteral("-list"), pdf});
        QVERIFY(list.waitForFinished(20000));
        const QByteArray listed = list.readAllStandardOutput();
        QVERIFY2(listed.contains("1 embedded files") && listed.contains("1: review_board.probeboard"), listed.constData());
        const QString saved = m_dir.filePath(QStringLiteral("detached.probeboard"));
        QProcess save;
        save.start(pdfdetach, {QStringLiteral("-save"), QStringLiteral("1"), QStringLiteral("-o"), saved, pdf});
        QVERIFY(save.waitForFinished(20000));
        QFile f(saved);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().toStdString(), model::designToText(drawn.doc.design()));
        // Without it, a PDF is named and refused, as a picture is.
        const QString plain = m_dir.filePath(QStringLiteral("plain.pdf"));
        QVERIFY(exporter::exportPdf(&drawn.scene, plain, QStringLiteral("d"), &error));
        QVERIFY(!readDesign(plain, &error));
        QVERIFY2(error.contains(QStringLiteral("a PDF that carries no design")), qPrintable(error));
    }

    void aDesignTooLargeForAPngIsLeftOutAndSaid()
    {
        model::Design d = design();
        d.component("api")->props["notes"] = std::string(model::kMaxPngText, 'x'); // past what libpng reads back
        test::Drawn drawn(d);
        CanvasScene& scene = drawn.scene;
        QString error, note;
        const QString png = m_dir.filePath(QStringLiteral("large.png"));
        QVERIFY2(exporter::exportPng(&scene, png, 1.0, false, &error, true, &note), qPrintable(error));
        QVERIFY2(note.contains(QStringLiteral("too large to travel in a PNG")), qPrintable(note));
        QVERIFY(!QImage(png).isNull()); // the picture itself is there
        QVERIFY(!readDesign(png, &error));
        // An SVG carries it whole.
        const QString svg = m_dir.filePath(QStringLiteral("large.svg"));
        QVERIFY(exporter::exportSvg(&scene, svg, QStringLiteral("d"), &error, true));
        const auto back = readDesign(svg, &error);
        QVERIFY2(back, qPrintable(error));
        sameDesign(*back, d);
    }

    void aPictureWithoutItsDesignIsNamedAndRefused()
    {
        test::Drawn drawn(design());
        CanvasScene& scene = drawn.scene;
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("plain.png"));
        const QString svg = m_dir.filePath(QStringLiteral("plain.svg"));
        QVERIFY(exporter::exportPng(&scene, png, 1.0, false, &error));
        QVERIFY(exporter::exportSvg(&scene, svg, QStringLiteral("d"), &error));
        for (const QString& path : {png, svg}) {
            QVERIFY(!readDesign(path, &error));
            QVERIFY2(error.startsWith(path + QStringLiteral(": ")) && error.contains(QStringLiteral("picture that carries no design")),
                     qPrintable(error));
        }
        // Not a picture at all, whatever its name says.
        const QString fake = m_dir.filePath(QStringLiteral("fake.png"));
        QFile f(fake);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"probeboard/1\"}");
        f.close();
        QVERIFY(!readDesign(fake, &error));
        QVERIFY2(error.startsWith(fake + QStringLiteral(": not a PNG picture")), qPrintable(error));
        const QString broken = m_dir.filePath(QStringLiteral("broken.svg"));
        QFile g(broken);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("<svg><metadata id=\"probeboard-design\">{</svg>"); // no closing tag: cut short
        g.close();
        QVERIFY(!readDesign(broken, &error));
        QVERIFY2(error.startsWith(broken + QStringLiteral(": ")) && error.contains(QStringLiteral("carries no design")),
                 qPrintable(error));
    }

    void aCarriedDesignThatIsBrokenSaysWhere()
    {
        // A picture whose design was cut short: the JSON error names the picture, and a line of
        // the design it carries.
        const QString svg = m_dir.filePath(QStringLiteral("cut.svg"));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(embedded::putInSvg("<svg>\n</svg>\n", "{\n  \"format\": \"probeboard/1\",\n  \"components\": [\n"));
        f.close();
        QString error;
        QVERIFY(!readDesign(svg, &error));
        QVERIFY2(error.startsWith(svg + QStringLiteral(" (the design it carries):4")), qPrintable(error));
    }

    void openingAPictureGivesAnUntitledDrawing()
    {
        test::Drawn drawn(design());
        Document& doc = drawn.doc;
        CanvasScene& scene = drawn.scene;
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("open.png"));
        QVERIFY(exporter::exportPng(&scene, png, 1.0, false, &error, true));
        Document opened;
        QVERIFY2(opened.load(png, &error), qPrintable(error));
        QVERIFY(opened.filePath().isEmpty());
        QCOMPARE(opened.importedFrom(), QFileInfo(png).absoluteFilePath()); // Save As offers open.probeboard there
        QVERIFY(opened.isModified());
        sameDesign(opened.design(), doc.design());
    }
};

QTEST_MAIN(TstEmbedded)
#include "tst_embedded.moc"
