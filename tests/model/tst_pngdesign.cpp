// A PNG carries its design in a text chunk; the model reads it without decoding the pixels, so
// that `probeboard-cli check drawing.png` reviews what the whiteboard exported (tst_embedded reads
// a PNG Qt wrote). Here: each kind of text chunk, and what cannot give a design.
#include "model/designfile.h"
#include "model/flate.h"
#include "model/picturedesign.h"
#include "model/pngdesign.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cstdint>
#include <fstream>

using namespace pb::model;

namespace {
std::uint32_t crcOf(std::string_view bytes)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

std::string bigEndian(std::uint32_t n)
{
    return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
            static_cast<char>(n)};
}

std::string chunk(const std::string& type, const std::string& data)
{
    return bigEndian(static_cast<std::uint32_t>(data.size())) + type + data +
           bigEndian(crcOf(type + data));
}

// A 1×1 PNG with `text` chunks between its header and its (empty) pixels.
std::string png(const std::string& text)
{
    const std::string header("\0\0\0\1\0\0\0\1\x08\x02\0\0\0", 13);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + text +
           chunk("IDAT", deflated(std::string(4, '\0'))) + chunk("IEND", "");
}

const std::string kKey = "probeboard";
const std::string kNul(1, '\0');
} // namespace

class TestPngDesign : public QObject
{
    Q_OBJECT
private slots:
    void everyKindOfTextChunkIsRead()
    {
        const std::string text = "{\"format\":\"probeboard/1\",\"title\":\"PNG\\u0020review\"}";
        const std::string other = chunk("tEXt", "Software" + kNul + "Probeboard");
        const std::pair<const char*, std::string> cases[] = {
            {"zTXt (what Qt writes)", chunk("zTXt", kKey + kNul + kNul + deflated(text))},
            {"tEXt", chunk("tEXt", kKey + kNul + text)},
            {"iTXt", chunk("iTXt", kKey + kNul + kNul + kNul + "en" + kNul + kNul + text)},
            {"iTXt, compressed",
             chunk("iTXt", kKey + kNul + "\1" + kNul + kNul + kNul + deflated(text))},
        };
        for (const auto& [what, c] : cases) {
            std::string why;
            QCOMPARE(designInPng(png(other + c), &why).value_or("(none): " + why), text);
        }
        std::string why = "(unchanged)";
        QVERIFY(
            !designInPng(png(other), &why)); // none carried: no reason, the picture has no design
        QCOMPARE(why, std::string());
        // A chunk after the pixels' end is not read.
        std::string after = png(other);
        after += chunk("tEXt", kKey + kNul + text);
        QVERIFY(!designInPng(after));
    }

    void whatCannotGiveOneSaysWhy()
    {
        const std::string text = "{\"format\":\"probeboard/1\"}";
        std::string good = png(chunk("zTXt", kKey + kNul + kNul + deflated(text)));
        auto why = [](const std::string& bytes) {
            std::string w;
            return designInPng(bytes, &w) ? std::string("(read)") : w;
        };
        std::string flipped = good; // a byte of the compressed text changed: its checksum fails
        flipped[flipped.find(kKey) + kKey.size() + 4] ^= 0x20;
        QCOMPARE(why(flipped),
                 std::string("its design's text chunk is damaged (its checksum does not match)"));
        QCOMPARE(why(good.substr(0, good.find(kKey) + 8)), std::string("the PNG is cut short"));
        QCOMPARE(why(png(chunk("zTXt", kKey + kNul + kNul + "not zlib"))),
                 std::string("its design's text does not inflate: its compressed data is damaged"));
        // Small, and claiming more than libpng would hand back or the whiteboard ever writes.
        QCOMPARE(
            why(png(chunk("zTXt", kKey + kNul + kNul + deflated(std::string(9'000'000, ' '))))),
            std::string(
                "its design's text does not inflate: it inflates past the size a design may have"));
        QCOMPARE(why("{\"format\": \"probeboard/1\"}"), std::string("not a PNG picture"));

        QTemporaryDir dir;
        auto load = [&](const char* name, const std::string& bytes) {
            const std::string path = dir.filePath(QLatin1String(name)).toStdString();
            std::ofstream(path, std::ios::binary) << bytes;
            Diagnostics diags;
            const auto d = loadDesignFile(path, diags);
            return d ? std::string("(loaded)") : formatAll(diags);
        };
        QCOMPARE(load("good.png", good), std::string("(loaded)"));
        QVERIFY(load("plain.png", png("")).find("a PNG picture that carries no design") !=
                std::string::npos);
        QVERIFY(
            load("flipped.png", flipped)
                .find("a PNG whose design cannot be read: its design's text chunk is damaged") !=
            std::string::npos);
        const std::string broken =
            load("broken.png",
                 png(chunk("tEXt", kKey + kNul + "{\"format\": \"probeboard/1\",\n  \"title\": ")));
        QVERIFY2(broken.find("broken.png (the design it carries):2:") != std::string::npos,
                 broken.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPngDesign)
#include "tst_pngdesign.moc"
