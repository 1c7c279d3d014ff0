// A PDF carries its design as an attached file, added as an incremental update that leaves the
// pages alone; `check` and `convert` read it back; what cannot carry or give one is refused.
#include "model/designfile.h"
#include "model/flate.h"
#include "model/pdfdesign.h"
#include "model/picturedesign.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace pb::model;

namespace {
// The smallest PDF of the shape Qt writes: objects, a classic cross-reference table, a trailer.
std::string onePage()
{
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> at;
    auto object = [&](const std::string& body) {
        at.push_back(pdf.size());
        pdf += std::to_string(at.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    object("<<\n/Type /Catalog\n/Pages 2 0 R\n>>");
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>");
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 4\n0000000000 65535 f \n";
    for (std::size_t a : at) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", a);
        pdf += line;
    }
    pdf += "trailer\n<<\n/Size 4\n/Root 1 0 R\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF";
    return pdf;
}
} // namespace

class TestPdfDesign : public QObject
{
    Q_OBJECT
private slots:
    void attachedAndReadBack()
    {
        const std::string text = "{\n  \"format\": \"probeboard/1\",\n  \"title\": \"(parens) and \\\\ endstream\"\n}\n";
        const auto pdf = pdfWithDesign(onePage(), text, "shop review.probeboard");
        QVERIFY(pdf.has_value());
        QCOMPARE(pdf->substr(0, onePage().size()), onePage()); // the pages as they were
        QVERIFY(pdf->find("/F (shop_review.probeboard)") != std::string::npos);
        QVERIFY(pdf->find("/Filter /FlateDecode") != std::string::npos); // compressed, a tenth of its size
        QVERIFY(pdf->find("/Prev " ) != std::string::npos);
        QCOMPARE(designInPdf(*pdf).value_or("(none)"), text);
        QCOMPARE(pictureKind(*pdf), Picture::Pdf);
        // Its cross-reference table points at each object it added.
        for (const char* head : {"4 0 obj", "5 0 obj", "6 0 obj"}) {
            const std::size_t object = pdf->rfind(head);
            char entry[24];
            std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", object);
            QVERIFY2(pdf->find(entry) != std::string::npos, head);
        }
        QVERIFY(!designInPdf(onePage()));
        // A trailer whose /Size is below its objects' numbers: the new objects are numbered past
        // the highest defined, not over one of them (found by fuzzing).
        std::string small = onePage();
        small.replace(small.find("/Size 4"), 7, "/Size 2");
        const auto grown = pdfWithDesign(small, text, "d.probeboard");
        QVERIFY(grown && grown->find("4 0 obj\n<< /Type /EmbeddedFile") != std::string::npos);
        QCOMPARE(designInPdf(*grown).value_or("(none)"), text);
    }

    void whatCannotCarryOrGiveOneIsRefused()
    {
        // A cross-reference stream (PDF 1.5 and later), which this does not extend.
        std::string streamed = onePage();
        streamed.replace(streamed.rfind("xref\n0 4"), 4, "XREF");
        QVERIFY(!pdfWithDesign(streamed, "{}", "d.probeboard"));
        QVERIFY(!pdfWithDesign("%PDF-1.4\nnothing else", "{}", "d.probeboard"));
        QVERIFY(!pdfWithDesign("", "{}", "d.probeboard"));
        const std::string good = *pdfWithDesign(onePage(), "{\"format\": \"probeboard/1\"}", "d.probeboard");
        QVERIFY(!pdfWithDesign(good, "{}", "d.probeboard")); // its catalog names attachments already
        std::string why;
        std::string squeezed = good; // a filter this does not read
        squeezed.replace(squeezed.find("/FlateDecode"), 12, "/LZWDecode");
        QVERIFY(!designInPdf(squeezed, &why));
        QVERIFY2(why.find("compressed in a way this version does not read (/LZWDecode") != std::string::npos, why.c_str());
        std::string damaged = good; // its compressed bytes overwritten
        const std::size_t data = damaged.find("stream\n", damaged.find("/Type /EmbeddedFile")) + 7;
        damaged.replace(data + 2, 6, "XXXXXX");
        why.clear();
        QVERIFY(!designInPdf(damaged, &why));
        QVERIFY2(why.find("its attachment does not inflate: its compressed data is damaged") != std::string::npos, why.c_str());
        std::string cut = good; // a length past the end of the file
        cut.replace(cut.find("/Length "), 11, "/Length 999");
        why.clear();
        QVERIFY(!designInPdf(cut, &why));
        QVERIFY2(why.find("cut short") != std::string::npos, why.c_str());

        // Many objects naming an attachment, each closed, and one /EF at the very end: read in one
        // pass (a search from each name to the /EF took 54 s for 300,000 of them), and the
        // attachment it points at is named as the missing piece.
        std::string names = "%PDF-1.4\n";
        for (int i = 0; i < 100000; ++i) names += " 1 0 obj (x.probeboard) endobj";
        names += " /EF << /F 1 0 R >>";
        why.clear();
        QVERIFY(!designInPdf(names, &why));
        QCOMPARE(why, std::string("its attachment holds no stream"));

        QTemporaryDir dir;
        auto load = [&](const char* name, const std::string& text) {
            const std::string path = dir.filePath(QLatin1String(name)).toStdString();
            std::ofstream(path, std::ios::binary) << text;
            Diagnostics diags;
            const auto d = loadDesignFile(path, diags);
            return d ? std::string("(loaded)") : formatAll(diags);
        };
        QCOMPARE(load("good.pdf", good), std::string("(loaded)"));
        QVERIFY(load("plain.pdf", onePage()).find("a PDF that carries no design") != std::string::npos);
        QVERIFY(load("squeezed.pdf", squeezed).find("a PDF whose design cannot be read: its attachment is compressed") !=
                std::string::npos);
        QVERIFY(load("x.probeboard", good) == "(loaded)"); // by what it holds, not its name
    }

    // What PDF tools make of a PDF Probeboard wrote (tests/data/pdf/README.md says how each was
    // made): keys sorted, lengths as references, the file specification in a compressed object
    // stream. The design is still found in each.
    void rewrittenByPdfToolsItStillOpens()
    {
        for (const char* name : {"qpdf-object-streams.pdf", "qpdf-qdf.pdf", "mutool-clean.pdf"}) {
            Diagnostics diags;
            const auto d = loadDesignFile(std::string(PB_TEST_DATA) + "/pdf/" + name, diags);
            QVERIFY2(d, (std::string(name) + ": " + formatAll(diags)).c_str());
            QCOMPARE(d->title, std::string("Rewritten by a PDF tool"));
            QCOMPARE(d->components().size(), std::size_t(2));
            QVERIFY(d->component("db") && d->component("db")->label == "Orders DB");
            QCOMPARE(d->flows().size(), std::size_t(1));
        }
    }

    void inflatingIsBounded()
    {
        const std::string text(100000, 'x');
        const std::string packed = deflated(text);
        QVERIFY(packed.size() < 1000);
        QCOMPARE(inflated(packed, text.size()).value_or("(none)"), text);
        std::string why;
        QVERIFY(!inflated(packed, text.size() - 1, &why)); // a small stream that claims more
        QCOMPARE(why, std::string("it inflates past the size a design may have"));
        QVERIFY(!inflated(packed.substr(0, packed.size() / 2), text.size(), &why));
        QCOMPARE(why, std::string("its compressed data is cut short"));
        QVERIFY(!inflated("not zlib at all", text.size(), &why));
        QCOMPARE(why, std::string("its compressed data is damaged"));
        QCOMPARE(inflated(deflated(""), 10).value_or("(none)"), std::string());
    }

    // Hostile object streams end in one pass: a look back or a lookup per object stream made
    // files of many of them take a pass over the file each.
    void manyObjectStreamsAreReadInOnePass()
    {
        std::string pdf = "%PDF-1.5\n";
        for (int i = 0; i < 200000; ++i) pdf += "/ObjStm ";
        pdf += "\n";
        const std::string bad = deflated("1 0 << /Nothing 1 >>");
        for (int i = 0; i < 30000; ++i) {
            const int n = 2 * i + 10;
            pdf += std::to_string(n) + " 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " +
                   std::to_string(n + 1) + " 0 R >>\nstream\n" + bad + "\nendstream\nendobj\n" + std::to_string(n + 1) +
                   " 0 obj " + std::to_string(bad.size()) + " endobj\n";
        }
        std::string why = "(unchanged)";
        QVERIFY(!designInPdf(pdf, &why));
        QCOMPARE(why, std::string()); // nothing named a design: no reason, the PDF carries none

        // Unfiltered object streams whose lengths each claim the rest of the file: read up to a
        // budget, not copied 20,000 times (some 30 GB).
        std::string claims = "%PDF-1.5\n";
        std::vector<std::size_t> lengthAt;
        for (int i = 0; i < 20000; ++i) {
            claims += std::to_string(i + 1) + " 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length ";
            lengthAt.push_back(claims.size());
            claims += "0000000000 >>\nstream\n" + std::string(60, ' ') + "\nendstream\nendobj\n";
        }
        for (std::size_t at : lengthAt) {
            const std::size_t data = claims.find("stream\n", at) + 7;
            const std::string n = std::to_string(claims.size() - data);
            claims.replace(at + 10 - n.size(), n.size(), n);
        }
        why = "(unchanged)";
        QVERIFY(!designInPdf(claims, &why));
        QCOMPARE(why, std::string());
    }
};

QTEST_GUILESS_MAIN(TestPdfDesign)
#include "tst_pdfdesign.moc"
