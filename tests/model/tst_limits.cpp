// Every input limit in docs/reliability.md is enforced with an error that names the file and the
// limit, before the input can reach recursive code, Graphviz or the rule compiler.
#include "model/designfile.h"
#include "model/dotexport.h"
#include "model/dotimport.h"
#include "model/dotlabels.h"
#include "model/validation.h"
#include "model/jsonutil.h"
#include "rules/loader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace pb::model;

namespace {
bool says(const Diagnostics& diags, const std::string& file, const std::string& words)
{
    const std::string all = formatAll(diags);
    return all.find(file) != std::string::npos && all.find(words) != std::string::npos;
}

std::string repeat(const std::string& s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}
} // namespace

class TestLimits : public QObject
{
    Q_OBJECT
private slots:
    void jsonNestingDepth()
    {
        const std::string deep = "{\"format\": \"probeboard/1\", \"title\": " +
                                 repeat("[", kMaxJsonDepth + 1) + repeat("]", kMaxJsonDepth + 1) + "}";
        Diagnostics diags;
        QVERIFY(!designFromText(deep, "deep.probeboard", diags));
        QVERIFY2(says(diags, "deep.probeboard:1:", "nesting deeper than 64 levels"), formatAll(diags).c_str());
        diags.clear();
        QVERIFY(!pb::rules::loadPackText(deep, "deep.json", diags));
        QVERIFY2(says(diags, "deep.json:1:", "nesting deeper than 64 levels"), formatAll(diags).c_str());
        // Exactly at the limit is fine as JSON (the design itself is then checked as usual).
        diags.clear();
        const std::string ok = "{\"format\": \"probeboard/1\", \"x_note\": " +
                               repeat("[", kMaxJsonDepth - 1) + repeat("]", kMaxJsonDepth - 1) + "}";
        QVERIFY2(designFromText(ok, "ok.probeboard", diags), formatAll(diags).c_str());
    }

    void jsonFileSize()
    {
        Diagnostics diags;
        QVERIFY(!designFromText(std::string(kMaxDesignBytes + 1, ' '), "huge.probeboard", diags));
        QVERIFY2(says(diags, "huge.probeboard", "larger than the 256 MiB limit"), formatAll(diags).c_str());
        // From disk the size is checked before the file is read (a sparse file costs nothing).
        QTemporaryDir dir;
        const std::string path = dir.filePath("huge.probeboard").toStdString();
        std::ofstream(path).put(' ');
        std::filesystem::resize_file(path, kMaxDesignBytes + 1);
        diags.clear();
        QVERIFY(!loadDesignFile(path, diags));
        QVERIFY2(says(diags, path, "larger than the 256 MiB limit"), formatAll(diags).c_str());
        // A rule pack is read whole into a DOM, ten times its size: it keeps the smaller limit.
        diags.clear();
        QVERIFY(!pb::rules::loadPackText(std::string(kMaxJsonBytes + 1, ' '), "huge.json", diags));
        QVERIFY2(says(diags, "huge.json", "larger than the 64 MiB limit"), formatAll(diags).c_str());
    }

    // A DOT file of 31 MB imported as 200,000 components was saved as a 95 MB design, which the
    // loader then refused (it read 64 MiB): what a save writes must open again.
    void aDesignPastTheOldReadLimitSavesAndOpensAgain()
    {
        Design d;
        Component c;
        c.id = "api";
        c.kind = "service";
        c.label = std::string(65u << 20, 'x'); // the text is past 64 MiB, well within the limit
        QVERIFY(d.addComponent(c));
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.probeboard").toStdString();
        std::string error;
        QVERIFY2(saveDesignFile(d, path, error), error.c_str());
        QVERIFY(std::filesystem::file_size(path) > (64u << 20));
        Diagnostics diags;
        const auto back = loadDesignFile(path, diags);
        QVERIFY2(back, formatAll(diags).c_str());
        QCOMPARE(back->components().front().label.size(), c.label.size());
    }

    // Past what the loader reads, a save writes nothing and says so, and the last good file stays.
    void aSaveTheLoaderWouldRefuseWritesNothing()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.probeboard").toStdString();
        Design d;
        Component c;
        c.id = "api";
        c.kind = "service";
        QVERIFY(d.addComponent(c));
        std::string error;
        QVERIFY2(saveDesignFile(d, path, error), error.c_str());
        const std::string before = designToText(d);
        d.component("api")->label = std::string(5000, 'x');
        const std::size_t limit = before.size() + 1000; // the real one is 256 MiB: too long to write in a test
        QVERIFY(!designTextToSave(d, path, error, limit));
        QVERIFY(!saveDesignFile(d, path, error, limit));
        for (const char* words : {"cannot write ", "larger than the", "could not be opened again", "nothing was written"})
            QVERIFY2(error.find(words) != std::string::npos && error.find(path) != std::string::npos, error.c_str());
        QVERIFY2(error.find("(" + std::to_string(designToText(d).size()) + " bytes)") != std::string::npos, error.c_str());
        std::ifstream in(path, std::ios::binary);
        const std::string onDisk{std::istreambuf_iterator<char>(in), {}};
        QCOMPARE(onDisk, before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary file left
        QVERIFY2(saveDesignFile(d, path, error, limit + 5000), error.c_str());
    }

    void unreadableInputSaysWhy()
    {
        QTemporaryDir dir;
        Diagnostics diags;
        QVERIFY(!loadDesignFile(dir.path().toStdString(), diags));
        QVERIFY2(says(diags, dir.path().toStdString(), "it is a folder, not a file"), formatAll(diags).c_str());
        diags.clear();
        const std::string utf16("\xFF\xFE{\0\"\0f\0\"\0", 10);
        QVERIFY(!designFromText(utf16, "wide.probeboard", diags));
        QVERIFY2(says(diags, "wide.probeboard:1:1", "UTF-16 text; save it as UTF-8"), formatAll(diags).c_str());
        diags.clear();
        const std::string overflow = R"({"format": "probeboard/1", "components": [{"id": "a", "kind": "service", "properties": {"rps": 1e999}}]})";
        QVERIFY(!designFromText(overflow, "big.probeboard", diags));
        QVERIFY2(says(diags, "big.probeboard:1:", "invalid JSON: number overflow parsing '1e999'"), formatAll(diags).c_str());
        QVERIFY2(formatAll(diags).find("json.exception") == std::string::npos, formatAll(diags).c_str());
    }

    void zoneNestingDepth()
    {
        // Zones nested one level past the limit are refused once, at the first zone too deep;
        // exactly at the limit they load, and export to DOT that reads back.
        auto nested = [](int depth) {
            std::string zones;
            for (int i = 0; i < depth; ++i)
                zones += std::string(i ? "," : "") + "{\"id\": \"z" + std::to_string(i) + "\", \"members\": [\"" +
                         (i + 1 < depth ? "z" + std::to_string(i + 1) : std::string("a")) + "\"]}";
            return R"({"format": "probeboard/1", "components": [{"id": "a", "kind": "service", "properties": {}}], "zones": [)" +
                   zones + "]}";
        };
        Diagnostics diags;
        QVERIFY(!designFromText(nested(kMaxZoneDepth + 1), "deep.probeboard", diags));
        QVERIFY2(says(diags, "deep.probeboard:1:", "zone 'z64' is nested 65 zones deep (inside 'z63'); the limit is 64"),
                 formatAll(diags).c_str());
        QCOMPARE(diags.size(), std::size_t(1));
        diags.clear();
        auto ok = designFromText(nested(kMaxZoneDepth), "ok.probeboard", diags);
        QVERIFY2(ok, formatAll(diags).c_str());
        auto back = importDot(exportDot(*ok), "ok.dot", diags);
        QVERIFY2(back, formatAll(diags).c_str());
        QCOMPARE(back->zones().size(), std::size_t(kMaxZoneDepth));
        QCOMPARE(back->parentZone("a")->id, std::string("z63"));
        // 100,000 levels (ten minutes to load when every zone walked its chain to the top) are
        // refused the same way.
        diags.clear();
        QVERIFY(!designFromText(nested(100000), "deeper.probeboard", diags));
        QVERIFY2(says(diags, "deeper.probeboard:1:", "zone 'z64' is nested 65 zones deep"), formatAll(diags).c_str());
    }

    void longZoneCycleIsNamedShortly()
    {
        std::string zones;
        for (int i = 0; i < 1000; ++i)
            zones += std::string(i ? "," : "") + "{\"id\": \"z" + std::to_string(i) + "\", \"members\": [\"z" +
                     std::to_string((i + 1) % 1000) + "\"]}";
        Diagnostics diags;
        QVERIFY(!designFromText(R"({"format": "probeboard/1", "zones": [)" + zones + "]}", "ring.probeboard", diags));
        QCOMPARE(diags.size(), std::size_t(1000)); // each zone on the ring, once
        QVERIFY2(says(diags, "ring.probeboard:1:", "zone membership forms a cycle: z0 → z999 → z998"), formatAll(diags).c_str());
        QVERIFY2(says(diags, "ring.probeboard", "→ z1 → z0 (1000 zones)"), formatAll(diags).c_str());
        for (const auto& d : diags) QVERIFY2(d.message.size() < 300, d.message.c_str());
    }

    void designElementCount()
    {
        const std::string text = "{\"format\": \"probeboard/1\", \"components\": [" +
                                 repeat("{},", kMaxElements) + "{}]}";
        Diagnostics diags;
        QVERIFY(!designFromText(text, "many.probeboard", diags));
        QVERIFY2(says(diags, "many.probeboard", "1000001 elements; the limit is 1000000"),
                 formatAll(diags).c_str());
        QCOMPARE(diags.size(), std::size_t(1)); // not the million "needs an id" before it
    }

    // The whiteboard strokes every bend on each repaint: two million on one flow took seconds
    // per frame. Refused where the list is, from a file and from DOT alike.
    void bendsPerFlow()
    {
        auto design = [](std::size_t bends) {
            return "{\"format\": \"probeboard/1\", \"components\": [{\"id\": \"a\", \"kind\": \"service\"},\n"
                   "{\"id\": \"b\", \"kind\": \"service\"}],\n\"flows\": [{\"id\": \"f1\", \"from\": \"a\", \"to\": \"b\",\n"
                   "\"bends\": [" + repeat("{\"x\": 1, \"y\": 2},", bends - 1) + "{\"x\": 1, \"y\": 2}]}]}";
        };
        Diagnostics ok;
        QVERIFY2(designFromText(design(kMaxBends), "ok.probeboard", ok), formatAll(ok).c_str());
        Diagnostics diags;
        QVERIFY(!designFromText(design(kMaxBends + 1), "bent.probeboard", diags));
        QVERIFY2(says(diags, "bent.probeboard:4:1", "flow 'f1' has 1001 bend points; the limit is 1000"),
                 formatAll(diags).c_str());
        Diagnostics dot;
        QVERIFY(!importDot("digraph { a -> b [pb_bends=\"" + repeat("1,2 ", kMaxBends + 1) + "\"]; }", "bent.dot", dot));
        QVERIFY2(says(dot, "bent.dot", "has 1001 bend points"), formatAll(dot).c_str());
    }

    // A position of 1e308 made the whiteboard's view transform NaN: an empty canvas at a zoom of
    // -2147483648 %. Out-of-bounds geometry is refused where it is written.
    void geometryWithinBounds()
    {
        const std::string text = "{\"format\": \"probeboard/1\", \"components\": [\n"
                                 "{\"id\": \"far\", \"kind\": \"service\", \"position\": {\"x\": 1e308, \"y\": 0}},\n"
                                 "{\"id\": \"vast\", \"kind\": \"service\", \"size\": {\"w\": 2e6, \"h\": 10}},\n"
                                 "{\"id\": \"inside-out\", \"kind\": \"service\", \"size\": {\"w\": -5, \"h\": 10}},\n"
                                 "{\"id\": \"fine\", \"kind\": \"service\", \"position\": {\"x\": -9999999, \"y\": 9999999}}],\n"
                                 "\"flows\": [{\"id\": \"f\", \"from\": \"far\", \"to\": \"fine\", \"bends\": [{\"x\": 0, \"y\": 0},\n"
                                 "{\"x\": 0, \"y\": -1e9}]}],\n"
                                 "\"zones\": [{\"id\": \"z\", \"kind\": \"region\", \"members\": [], \"size\": {\"w\": 1e300, \"h\": 1}}]}";
        Diagnostics diags;
        QVERIFY(!designFromText(text, "far.probeboard", diags));
        const std::string all = formatAll(diags);
        QVERIFY2(says(diags, "far.probeboard:2:", "component 'far' is at (1e+308, 0); positions lie within"), all.c_str());
        QVERIFY2(says(diags, "far.probeboard:3:", "component 'vast' is 2e+06 wide and 10 high"), all.c_str());
        QVERIFY2(says(diags, "far.probeboard:4:", "component 'inside-out' is -5 wide"), all.c_str());
        QVERIFY2(says(diags, "far.probeboard:7:", "flow 'f' bends at (0, -1e+09)"), all.c_str());
        QVERIFY2(says(diags, "far.probeboard:8:", "zone 'z' is 1e+300 wide"), all.c_str());
        QVERIFY2(all.find("'fine'") == std::string::npos, all.c_str());
        QCOMPARE(diags.size(), std::size_t(5));
    }

    // What the whiteboard does with a gesture past the limits: the nearest geometry the file
    // accepts, which then validates clean.
    void clampedGeometryValidates()
    {
        Design d;
        Component far;
        far.id = "far";
        far.kind = "service";
        far.pos = {std::nan(""), -1e308};
        far.size = {-5, 2e6};
        QVERIFY(clampGeometry(far));
        QCOMPARE(far.pos.x, 0.0);
        QCOMPARE(far.pos.y, -kMaxCoordinate);
        QCOMPARE(far.size.width, 0.0);
        QCOMPARE(far.size.height, kMaxExtent);
        QVERIFY(!clampGeometry(far)); // already inside: nothing changes
        Component near = far;
        near.id = "near";
        Flow f;
        f.id = "f";
        f.from = "far";
        f.to = "near";
        f.bends.assign(kMaxBends + 5, Point{0, 1e9});
        QVERIFY(clampGeometry(f));
        QCOMPARE(f.bends.size(), kMaxBends);
        QCOMPARE(f.bends.back().y, kMaxCoordinate);
        QVERIFY(d.addComponent(far) && d.addComponent(near) && d.addFlow(f));
        Diagnostics diags;
        validateDesign(d, Vocabulary::builtin(), diags);
        QVERIFY2(!hasErrors(diags), formatAll(diags).c_str());
    }

    void errorsListedPerFile()
    {
        // Every element broken: the first thousand errors are listed, then one line saying the
        // rest of the file was not checked.
        const std::string text = "{\"format\": \"probeboard/1\", \"components\": [" + repeat("7,", 4999) + "7]}";
        Diagnostics diags;
        QVERIFY(!designFromText(text, "broken.probeboard", diags));
        QCOMPARE(diags.size(), std::size_t(1001));
        QVERIFY2(says(diags, "broken.probeboard", "a component must be an object"), formatAll(diags).c_str());
        QVERIFY2(diags.back().message.find("more than 1000 errors") != std::string::npos &&
                     diags.back().message.find("were not checked") != std::string::npos,
                 diags.back().message.c_str());
    }

    void dotSize()
    {
        Diagnostics diags;
        QVERIFY(!importDot("digraph {}" + std::string(kMaxDotBytes, ' '), "huge.dot", diags));
        QVERIFY2(says(diags, "huge.dot", "larger than the 32 MiB limit"), formatAll(diags).c_str());
    }

    // A design whose DOT would be past what DOT import reads is refused with its size, and pointed
    // to .probeboard; the screen's own words were only "DOT input is larger than the 32 MiB limit".
    void dotExportSaysHowLargeItWouldBe()
    {
        Design d;
        for (int i = 0; i < 9; ++i) {
            Component c;
            c.id = "c" + std::to_string(i);
            c.kind = "service";
            c.label = std::string(4'000'000, 'x'); // under kMaxDotText each, 36 MB in all
            QVERIFY(d.addComponent(c));
        }
        Diagnostics diags;
        QVERIFY(!exportDot(d, "big.probeboard", diags));
        QVERIFY2(says(diags, "big.probeboard", "cannot write DOT: the design would be 34.3 MiB of DOT (") &&
                     says(diags, "big.probeboard", "more than the 32 MiB DOT import reads") &&
                     says(diags, "big.probeboard", "keep the design as .probeboard, which holds up to 256 MiB"),
                 formatAll(diags).c_str());
    }

    void dotNesting()
    {
        const std::string text = "digraph {\n" + repeat("subgraph {", kMaxDotNesting) + "\n" +
                                 repeat("}", kMaxDotNesting) + "}";
        Diagnostics diags;
        QVERIFY(!importDot(text, "nested.dot", diags));
        QVERIFY2(says(diags, "nested.dot:2:", "nested deeper than 256 levels"), formatAll(diags).c_str());
    }

    void dotSubgraphCount()
    {
        const std::string text = "digraph {" + repeat("subgraph { a }\n", kMaxDotSubgraphs + 1) + "}";
        Diagnostics diags;
        QVERIFY(!importDot(text, "wide.dot", diags));
        QVERIFY2(says(diags, "wide.dot:10001:", "more than 10000 subgraphs"), formatAll(diags).c_str());
    }

    void dotElementCount()
    {
        // One node and a million self-loops, one statement each: 5 MB of text, many elements.
        // (In one long chain, Graphviz's parser runs out of stack first: also a clean error.)
        const std::string text = "digraph { a" + repeat(";a->a", kMaxElements) + " }";
        Diagnostics diags;
        QVERIFY(!importDot(text, "loops.dot", diags));
        QVERIFY2(says(diags, "loops.dot", "more than 1000000 nodes and edges"),
                 formatAll(diags).c_str());
    }

    // Each \N in a label is the node's name, which may be 64 KiB: 500 of them made a 30 MB label
    // from a 61 KB file, and one label could reach 2 GiB. What the escapes insert is measured
    // before the label is built, and refused at the element's label with its line.
    void dotLabelEscapes()
    {
        const std::string name(60000, 'n');
        const std::string one = "digraph {\n  a;\n  \"" + name + "\" [kind=service,\n    label=\"" +
                                repeat("\\N", 500) + "\"];\n}\n";
        Diagnostics diags;
        QVERIFY(!importDot(one, "names.dot", diags));
        QVERIFY2(diags.size() == 1 && diags[0].code == "E-LIMIT" && diags[0].element == name, formatAll(diags).c_str());
        QVERIFY2(says(diags, "names.dot:4:", "node '" + name.substr(0, 60) + "…': its label's \\N, \\G, \\E, \\T and "
                      "\\H would insert 30000000 bytes of names; one label may insert at most 1 MiB"),
                 formatAll(diags).c_str());
        // An edge's \E and a cluster's \G are counted alike, each at its own label.
        const std::string tail(2000, 't'), head(2000, 'h');
        const std::string others = "digraph {\n  \"" + tail + "\" -> \"" + head + "\" [id=f1,\n    label=\"" +
                                   repeat("\\E", 300) + "\"];\n  subgraph \"cluster_" + name + "\" {\n    x;\n    label=\"" +
                                   repeat("\\G", 20) + "\";\n  }\n}\n";
        diags.clear();
        QVERIFY(!importDot(others, "others.dot", diags));
        QVERIFY2(says(diags, "others.dot:3: error: edge 'f1': its label's", "1200000 bytes of names"), formatAll(diags).c_str());
        QVERIFY2(says(diags, "others.dot:6: error: cluster 'cluster_", "1200160 bytes of names"), formatAll(diags).c_str());
        // Exactly at the limit a label loads, names and all.
        const std::string kb(1024, 'k');
        diags.clear();
        auto d = importDot("digraph { \"" + kb + "\" [label=\"" + repeat("\\N", 1024) + "\"]; }", "kb.dot", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components()[0].label.size(), kMaxDotLabelInsert);
        // Across a file: 40 such labels of about 1 MB each pass the 32 MiB all labels may insert,
        // which a default `node [label=...]` would reach as easily. The 34th is named.
        std::string many = "digraph {\n";
        for (int i = 0; i < 40; ++i)
            many += "  \"" + std::to_string(100 + i) + std::string(997, 'm') + "\" [label=\"" + repeat("\\N", 1000) + "\"];\n";
        diags.clear();
        QVERIFY(!importDot(many + "}\n", "many.dot", diags));
        QVERIFY2(says(diags, "many.dot:35: error: node '133mmm", "past the 32 MiB the labels of one file may insert"),
                 formatAll(diags).c_str());
    }

    // Many properties on one element, their keys in falling order (a file keeps its own order,
    // and a DOT graph declares attributes as it likes): read in one sort each, never one insertion
    // per key, which was quadratic (200,000 keys took a minute). Sorted, the last repeat standing.
    void manyPropertiesOutOfOrder()
    {
        const int n = 100000;
        std::string props, attrs;
        for (int i = n; i > 0; --i) {
            const std::string key = "k" + std::to_string(1000000 + i);
            props += "\"" + key + "\": " + std::to_string(i) + ", ";
            attrs += key + "=" + std::to_string(i) + ", ";
        }
        const std::string text = R"({"format": "probeboard/1", "components": [{"id": "a", "kind": "service",
            "properties": {)" + props + R"("k1000001": 7}}]})";
        Diagnostics diags;
        auto d = designFromText(text, "many-props.probeboard", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        const auto& p = d->components().front().props;
        QCOMPARE(p.size(), std::size_t(n));
        QVERIFY(std::is_sorted(p.begin(), p.end(), [](const auto& a, const auto& b) { return a.first < b.first; }));
        QCOMPARE(std::get<double>(p.at("k1000001")), 7.0); // the later of the two
        QCOMPARE(std::get<double>(p.at("k1100000")), double(n));
        auto g = importDot("digraph { a [kind=service, " + attrs + "zz=1]; }", "many-attrs.dot", diags);
        QVERIFY2(g, formatAll(diags).c_str());
        QCOMPARE(g->components().front().props.size(), std::size_t(n + 1));
        QCOMPARE(std::get<double>(g->components().front().props.at("k1000002")), 2.0);
    }

    void packRuleCount()
    {
        const std::string text = "{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"big\"},"
                                 " \"rules\": [" + repeat("{},", pb::rules::kMaxPackRules) + "{}]}";
        Diagnostics diags;
        QVERIFY(!pb::rules::loadPackText(text, "big.json", diags));
        QVERIFY2(says(diags, "big.json", "10001 rules; the limit is 10000"), formatAll(diags).c_str());
        QVERIFY(diags.size() < 5); // refused as a whole, not 10,001 rule errors
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
