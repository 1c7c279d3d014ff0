// draw.io files read into designs: shapes, containers, connectors and Edit Data properties; plain
// and compressed pages alike; what cannot be joined said, and broken files refused with their line.
#include "model/designfile.h"
#include "model/designpart.h"
#include "model/drawioexport.h"
#include "model/drawiofile.h"
#include "model/drawioimport.h"
#include "model/drawiostyle.h"
#include "model/flate.h"
#include "model/vocabulary.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using namespace pb::model;

namespace {
std::string fixture(const char* name)
{
    return std::string(PB_TEST_DATA) + "/drawio/" + name;
}

std::optional<Design> read(const std::string& text, Diagnostics& diags)
{
    return importDrawio(text, "d.drawio", diags);
}

std::string firstError(const std::string& text)
{
    Diagnostics diags;
    if (read(text, diags)) return "(read without an error)";
    for (const auto& d : diags)
        if (d.level == Diagnostic::Level::Error) return d.format();
    return "(refused without an error)";
}

// A page of cells, as draw.io writes them, around `cells`.
std::string page(const std::string& cells)
{
    return "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>" + cells +
           "</root></mxGraphModel>";
}

// A design's components as a draw.io file brings them back: each kind said, in its Edit Data.
std::vector<Component> withKindsSaid(std::vector<Component> comps)
{
    for (auto& c : comps)
        c.kindInferred = false;
    return comps;
}

std::string kindOfStyle(const char* style)
{
    return drawioIconKind(drawioStyle(style));
}
} // namespace

class TestDrawio : public QObject
{
    Q_OBJECT
private slots:
    void shapesContainersAndConnectors()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.drawio"), diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->title, std::string("Checkout"));
        std::vector<std::string> kinds;
        for (const auto& c : d->components())
            kinds.push_back(c.id + ":" + c.kind + (c.kindInferred ? "?" : ""));
        // Ids from the labels; kinds from the icons, a cylinder, a stick figure, Edit Data's kind.
        QCOMPARE(kinds, (std::vector<std::string>{
                            "web-app:client?", "api-gateway:api_gateway?",
                            "orders-service:service?", "order-cache:cache?", "orders-db:database?",
                            "ledger-audit:audit_ledger", "order-events:queue?"}));
        QCOMPARE(d->component("web-app")->label, std::string("Web app")); // <br> in an html label
        QCOMPARE(d->component("ledger-audit")->label,
                 std::string("Ledger & audit")); // &amp; read twice, as drawn
        // Places on the page: a child's is its parent's plus its own, through the Ctrl+G group.
        // The page is spread by one factor (draw.io's icons are smaller than the boxes here) and
        // a box smaller than its kind's grows about its centre, so that its label fits.
        const Component& orders = *d->component("orders-service");
        const Size service = Vocabulary::builtin().kind("service")->defaultSize;
        QVERIFY(service.width > 120 && service.height >= 60);
        QCOMPARE(orders.size, service);
        auto centre = [](const Component& c) {
            return Point{c.pos.x + c.size.width / 2, c.pos.y + c.size.height / 2};
        };
        const double s = centre(orders).x / (160 + 180 + 20 + 60); // draw.io's centre: (420, 230)
        QVERIFY2(s > 1.5 && s <= 3, std::to_string(s).c_str());
        QCOMPARE(centre(orders).y, 230 * s);
        QCOMPARE(centre(*d->component("api-gateway")), (Point{239 * s, 239 * s}));
        QCOMPARE(d->zones().front().pos, (Point{160 * s, 80 * s}));
        QCOMPARE(d->zones().front().size, (Size{700 * s, 400 * s}));
        QCOMPARE(d->component("orders-db")->size.height,
                 80.0); // taller than a database's box: kept
        // Nothing drawn apart in draw.io overlaps here.
        for (const auto& a : d->components())
            for (const auto& b : d->components())
                QVERIFY2(&a == &b || a.pos.x + a.size.width <= b.pos.x ||
                             b.pos.x + b.size.width <= a.pos.x ||
                             a.pos.y + a.size.height <= b.pos.y ||
                             b.pos.y + b.size.height <= a.pos.y,
                         (a.id + " overlaps " + b.id).c_str());
        // Edit Data's properties, typed by the vocabulary.
        const auto& db = d->component("orders-db")->props;
        QCOMPARE(std::get<std::string>(db.at("failover")), std::string("automatic"));
        QCOMPARE(std::get<StringList>(db.at("data")), (StringList{"pii", "payment"}));
        QCOMPARE(std::get<double>(d->component("orders-service")->props.at("rps")), 1200.0);
        QCOMPARE(std::get<bool>(d->component("ledger-audit")->props.at("append_only")), true);
        // The AWS region group is a zone holding what is drawn in it, the group's shapes too.
        QCOMPARE(d->zones().size(), std::size_t(1));
        const Zone& z = d->zones().front();
        QCOMPARE(z.kind, std::string("region"));
        QCOMPARE(std::get<std::string>(z.props.at("region")), std::string("eu-west-1"));
        QCOMPARE(z.members, (std::vector<std::string>{"api-gateway", "orders-service",
                                                      "order-cache", "orders-db"}));
        // Connectors: the label on the line, waypoints kept on the page, dashed is asynchronous.
        std::vector<std::string> flows;
        for (const auto& f : d->flows())
            flows.push_back(f.from + ">" + f.to + " " + f.label);
        QCOMPARE(flows, (std::vector<std::string>{"web-app>api-gateway ",
                                                  "api-gateway>orders-service place order",
                                                  "orders-service>order-cache read-through",
                                                  "orders-service>orders-db on miss",
                                                  "orders-service>order-events order placed"}));
        QCOMPARE(d->flows()[2].bends, (std::vector<Point>{{(160 + 380) * s, (80 + 80) * s}}));
        QCOMPARE(std::get<bool>(d->flows()[4].props.at("sync")), false);
        QVERIFY(!d->flows()[1].props.count("sync"));
        // The note is not a component; what was left out is said, at its line.
        QVERIFY(!d->component("todo-add-replicas"));
        std::vector<std::string> said;
        for (const auto& w : diags)
            said.push_back(std::to_string(w.line) + " " + w.code);
        QCOMPARE(said, (std::vector<std::string>{"78 W-DRAWIO-PAGES", "64 W-DRAWIO-LOOSE",
                                                 "69 W-DRAWIO-CONTAINER-LINK"}));
        QVERIFY(diags[2].message.find(
                    "the connector 'audit' was left out: at its end is 'AWS eu-west-1'") == 0);
        QCOMPARE(diags[2].element, std::string("aws-eu-west-1"));
        // Each element's line, for SARIF's regions.
        const auto lines = elementLines(fixture("shop.drawio"), *d);
        QCOMPARE(lines.at("orders-db"), 27);
        QCOMPARE(lines.at("f2"), 46);
    }

    void aCompressedPageReadsTheSame()
    {
        Diagnostics plainDiags, packedDiags;
        const auto plain = loadDesignFile(fixture("shop.drawio"), plainDiags);
        const auto packed = loadDesignFile(fixture("shop-compressed.drawio"), packedDiags);
        QVERIFY2(packed, formatAll(packedDiags).c_str());
        QVERIFY(plain && *plain == *packed);
        for (const auto& w : packedDiags)
            QCOMPARE(w.line, 2); // the page's line: its cells have none
    }

    // "shop.drawio#2": each page a design of its own, as each flowchart of a Markdown page is.
    void eachPageIsADesign()
    {
        const std::string file = fixture("shop.drawio");
        QCOMPARE(eachDesignIn({file}), (std::vector<std::string>{file + "#1", file + "#2"}));
        const auto pages = designsIn(file);
        QCOMPARE(pages.size(), std::size_t(2));
        QCOMPARE(pages[0].heading + " " + std::to_string(pages[0].line), std::string("Checkout 2"));
        QCOMPARE(pages[1].heading + " " + std::to_string(pages[1].line), std::string("Page-2 78"));
        Diagnostics diags;
        const auto first = loadDesignFile(file + "#1", diags);
        QVERIFY2(first, formatAll(diags).c_str());
        QCOMPARE(first->components().size(), std::size_t(7));
        for (const auto& w : diags)
            QVERIFY(w.code != "W-DRAWIO-PAGES"); // named: nothing left unread
        diags.clear();
        const auto second = loadDesignFile(file + "#2", diags);
        QVERIFY2(second, formatAll(diags).c_str());
        QVERIFY(second->components().empty() && second->title.empty()); // "Page-2": no title
        diags.clear();
        QVERIFY(!loadDesignFile(file + "#3", diags));
        QVERIFY(formatAll(diags).find("page 3 asked for, but this draw.io file has 2 pages") !=
                std::string::npos);
        // Read whole, the first page, and a warning saying how to name the others.
        diags.clear();
        QVERIFY(loadDesignFile(file, diags));
        QVERIFY(formatAll(diags).find("name one as " + file + "#2") != std::string::npos);
    }

    // Edit Data's placeholders, as draw.io shows them: a label "%name% (%engine%)" is read with
    // the shape's values, a container's or the page's, not as the raw pattern.
    void placeholdersReadAsDrawioShowsThem()
    {
        QCOMPARE(drawioPlaceholders("%a%-%b%", [](std::string_view n) -> std::optional<std::string> {
                     return n == "a" ? std::optional<std::string>("1") : std::nullopt;
                 }),
                 std::string("1-%b%")); // unknown: as written
        QCOMPARE(drawioPlaceholders("%b%%b%%a%", [](std::string_view n) -> std::optional<std::string> {
                     return n == "a" ? std::optional<std::string>("1") : std::nullopt;
                 }),
                 std::string("%b%%b%1")); // side by side is not "%%": draw.io reads each
        auto none = [](std::string_view) -> std::optional<std::string> { return "X"; };
        QCOMPARE(drawioPlaceholders("50% of 70%, %%a%, %label%, %a b%c%", none),
                 std::string("50% of 70%, %a%, %label%, %a bX"));
        const std::string file =
            "<mxfile><diagram name=\"Billing\" id=\"p\"><mxGraphModel><root>"
            "<object id=\"0\" team=\"payments\"><mxCell/></object>"
            "<mxCell id=\"1\" parent=\"0\"/>"
            "<object id=\"eu\" label=\"%zone% region\" placeholders=\"1\" zone=\"EU\" "
            "region=\"eu-west-1\"><mxCell style=\"swimlane\" vertex=\"1\" parent=\"1\">"
            "<mxGeometry width=\"600\" height=\"400\" as=\"geometry\"/></mxCell></object>"
            "<object id=\"db\" label=\"%name% (%engine%, %region%) on %page% %pagenumber%/"
            "%pagecount% for %team% %date%\" placeholders=\"1\" name=\"Ledger\" "
            "engine=\"postgres\"><mxCell style=\"shape=cylinder3\" vertex=\"1\" "
            "parent=\"eu\"><mxGeometry x=\"40\" y=\"60\" width=\"80\" height=\"80\" "
            "as=\"geometry\"/></mxCell></object>"
            "<object id=\"raw\" label=\"%name%\" name=\"Off\"><mxCell vertex=\"1\" "
            "parent=\"1\"><mxGeometry x=\"700\" width=\"80\" height=\"80\" "
            "as=\"geometry\"/></mxCell></object>"
            "</root></mxGraphModel></diagram></mxfile>";
        Diagnostics diags;
        const auto d = read(file, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->zones().at(0).label, std::string("EU region"));
        const Component* db = d->components().empty() ? nullptr : &d->components().front();
        QVERIFY(db);
        QCOMPARE(db->label,
                 std::string("Ledger (postgres, eu-west-1) on Billing 1/1 for payments %date%"));
        QCOMPARE(db->id, std::string("ledger-postgres-eu-west-1-on-billing-1-1"));
        QCOMPARE(d->components().at(1).label, std::string("%name%")); // placeholders not ticked
    }

    // The pictures draw.io exports with the diagram kept in them, as READMEs show them.
    void picturesDrawioExportedAreRead()
    {
        Diagnostics diags;
        const auto plain = loadDesignFile(fixture("shop.drawio"), diags);
        QVERIFY(plain);
        for (const char* picture : {"shop.drawio.svg", "shop.drawio.png"}) {
            diags.clear();
            const auto d = loadDesignFile(fixture(picture), diags);
            QVERIFY2(d, formatAll(diags).c_str());
            QVERIFY2(*d == *plain, picture);
            // Named as the diagram it keeps, with no line: the picture's text has none to go to.
            const std::string file = fixture(picture);
            QCOMPARE(diags.front().file, file + " (the draw.io diagram it keeps)");
            QCOMPARE(diags.front().line, 0);
            QVERIFY2(diags.front().hint.find("name one as " + file + "#2") != std::string::npos,
                     diags.front().hint.c_str());
            // Each page is a design, as a .drawio file's are.
            QCOMPARE(eachDesignIn({file}), (std::vector<std::string>{file + "#1", file + "#2"}));
            QCOMPARE(designsIn(file).at(0).heading, std::string("Checkout"));
            diags.clear();
            const auto first = loadDesignFile(file + "#1", diags);
            QVERIFY2(first && *first == *plain, formatAll(diags).c_str());
            diags.clear();
            QVERIFY(loadDesignFile(file + "#2", diags));
            diags.clear();
            QVERIFY(!loadDesignFile(file + "#3", diags));
            QVERIFY(formatAll(diags).find("page 3 asked for, but this draw.io file has 2 pages") !=
                    std::string::npos);
            diags.clear();
            QVERIFY(!loadDesignFile(file + "#0", diags));
            QVERIFY2(formatAll(diags).find("has 2 pages, counted from 1") != std::string::npos,
                     formatAll(diags).c_str());
        }
        QVERIFY(isDrawioPicture("docs/Arch.DrawIO.SVG") && !isDrawioPicture("arch.svg") &&
                !isDrawioPicture(".drawio.png"));
        {
            // A picture named as one that keeps no diagram has no pages to name.
            QTemporaryDir dir;
            const std::string path = dir.filePath("plain.drawio.svg").toStdString();
            std::ofstream(path) << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
            QVERIFY(designsIn(path).empty());
            diags.clear();
            QVERIFY(!loadDesignFile(path + "#2", diags));
            QVERIFY2(formatAll(diags).find("keeps no draw.io diagram") != std::string::npos,
                     formatAll(diags).c_str());
        }
        // A picture keeping something else under draw.io's key is still a picture without a design.
        const std::string png = std::string("\x89PNG\r\n\x1a\n", 8);
        QVERIFY(!drawioInPicture(png));
        QVERIFY(!drawioInPicture(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" content=\"not a diagram\"/>"));
        QVERIFY(drawioInPicture("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                "content=\"&lt;mxfile&gt;&lt;/mxfile&gt;\"/>"));
    }

    // Written for draw.io and read back: every example design is the same design again.
    void anExportReadsBackAsTheSameDesign()
    {
        int designs = 0;
        for (const auto& entry :
             std::filesystem::directory_iterator(std::string(PB_RESOURCES) + "/examples")) {
            if (entry.path().extension() != ".probeboard") continue;
            Diagnostics diags;
            const auto d = loadDesignFile(entry.path().string(), diags);
            QVERIFY(d);
            const auto text = exportDrawio(*d, "x.drawio", diags);
            QVERIFY2(text, formatAll(diags).c_str());
            const auto back = importDrawio(*text, "x.drawio", diags);
            QVERIFY2(back, formatAll(diags).c_str());
            const std::string name = entry.path().filename().string();
            QVERIFY2(back->title == d->title, name.c_str());
            QVERIFY2(back->components() == withKindsSaid(d->components()), name.c_str());
            QVERIFY2(back->flows() == d->flows(), name.c_str());
            QCOMPARE(back->zones().size(), d->zones().size());
            for (std::size_t i = 0; i < d->zones().size(); ++i) {
                Zone a = d->zones()[i], b = back->zones()[i];
                std::sort(a.members.begin(), a.members.end()); // components come first, then zones
                std::sort(b.members.begin(), b.members.end());
                QVERIFY2(a.id == b.id && a.kind == b.kind && a.label == b.label &&
                             a.props == b.props && a.members == b.members,
                         (name + " " + a.id).c_str());
            }
            ++designs;
        }
        QVERIFY(designs >= 9);
    }

    void whatDrawioCannotHoldIsSaid()
    {
        Design d;
        Component c;
        c.id = "api";
        c.kind = "service";
        c.label = "API";
        c.props["two words"] = std::string("x");
        c.props["tooltip"] = std::string("y");
        c.props["rps"] = 10.0;
        d.addComponent(c);
        d.decisions.push_back({});
        Diagnostics diags;
        const auto text = exportDrawio(d, "x.drawio", diags);
        QVERIFY(text);
        std::vector<std::string> said;
        for (const auto& w : diags)
            said.push_back(w.code + " " + w.message);
        QCOMPARE(said, (std::vector<std::string>{
                           "W-DRAWIO-EXPORT the property 'tooltip' of 'api' was left out: draw.io "
                           "cannot hold a property of that name",
                           "W-DRAWIO-EXPORT the property 'two words' of 'api' was left out: "
                           "draw.io cannot hold a property of that name",
                           "W-DRAWIO-EXPORT 1 review decision is not carried by a draw.io file"}));
        // A label no XML file can hold: refused, naming the element, and nothing written.
        Design bad;
        c.props = {};
        c.label = std::string("bell\x07", 5);
        bad.addComponent(c);
        diags.clear();
        QVERIFY(!exportDrawio(bad, "x.drawio", diags));
        QVERIFY(formatAll(diags).find("the label of 'api' holds a control character") !=
                std::string::npos);
    }

    void theCoreChecksReadADrawioDesign()
    {
        Diagnostics diags;
        const auto d = loadDesignFile(fixture("shop.drawio"), diags);
        QVERIFY(d);
        pb::rules::RuleSet set;
        QVERIFY(set.loadBuiltinPacks(diags));
        const auto result = set.review(*d, {"2026-01-01"});
        std::set<std::string> fired;
        for (const auto& f : result.findings)
            fired.insert(f.ruleId);
        for (const char* rule :
             {"missing-circuit-breaker", "unfenced-failover", "missing-audit-ledger"})
            QVERIFY2(fired.count(rule), rule);
    }

    // People draw a box labelled "VPC" and place shapes over it without making them its children.
    void shapesDrawnOverAContainerJoinIt()
    {
        Diagnostics diags;
        const auto d = read(
            page("<mxCell id=\"v\" value=\"VPC\" style=\"swimlane;\" vertex=\"1\" parent=\"1\">"
                 "<mxGeometry x=\"0\" y=\"0\" width=\"800\" height=\"600\" "
                 "as=\"geometry\"/></mxCell>"
                 "<mxCell id=\"s\" value=\"Private subnet\" style=\"container=1;\" vertex=\"1\" "
                 "parent=\"1\">"
                 "<mxGeometry x=\"100\" y=\"100\" width=\"300\" height=\"300\" "
                 "as=\"geometry\"/></mxCell>"
                 "<mxCell id=\"a\" value=\"API\" vertex=\"1\" parent=\"1\">"
                 "<mxGeometry x=\"150\" y=\"150\" width=\"120\" height=\"60\" "
                 "as=\"geometry\"/></mxCell>"
                 "<mxCell id=\"b\" value=\"Batch\" vertex=\"1\" parent=\"1\">"
                 "<mxGeometry x=\"500\" y=\"450\" width=\"120\" height=\"60\" "
                 "as=\"geometry\"/></mxCell>"
                 "<mxCell id=\"c\" value=\"Client\" vertex=\"1\" parent=\"1\">"
                 "<mxGeometry x=\"900\" y=\"50\" width=\"120\" height=\"60\" "
                 "as=\"geometry\"/></mxCell>"),
            diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->zone("vpc")->members, (std::vector<std::string>{"private-subnet", "batch"}));
        QCOMPARE(d->zone("private-subnet")->members, (std::vector<std::string>{"api"}));
        QCOMPARE(d->zone("private-subnet")->kind, std::string("trust_boundary"));
        QVERIFY(!d->parentZone("client"));
    }

    void iconsNameTheirKinds()
    {
        QCOMPARE(kindOfStyle("shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.rds;"),
                 std::string("database"));
        QCOMPARE(kindOfStyle("shape=mxgraph.aws4.dynamodb;"), std::string("database"));
        QCOMPARE(kindOfStyle(
                     "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.simple_queue_service;"),
                 std::string("queue"));
        QCOMPARE(kindOfStyle("shape=mxgraph.aws3.s3;"), std::string("object_store"));
        QCOMPARE(kindOfStyle("shape=mxgraph.aws3.instance;"), std::string()); // not "s3" in "aws3"
        QCOMPARE(kindOfStyle("shape=mxgraph.aws4.application_load_balancer;"),
                 std::string("load_balancer"));
        QCOMPARE(kindOfStyle("image;image=img/lib/azure2/databases/Azure_Cosmos_DB.svg;"),
                 std::string("database"));
        QCOMPARE(kindOfStyle("image;image=img/lib/azure2/general/Cache_Redis.svg;"),
                 std::string("cache"));
        QCOMPARE(kindOfStyle("shape=mxgraph.gcp2.cloud_storage;"), std::string("object_store"));
        QCOMPARE(kindOfStyle("shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_vpc;"),
                 std::string()); // a zone
        QCOMPARE(kindOfStyle("rounded=1;whiteSpace=wrap;"), std::string());
        // Without an icon the label decides, then the shape.
        Diagnostics diags;
        const auto d =
            read(page("<mxCell id=\"a\" value=\"Redis\" style=\"shape=cylinder3;\" vertex=\"1\" "
                      "parent=\"1\"/>"
                      "<mxCell id=\"b\" value=\"Orders\" style=\"shape=cylinder3;\" vertex=\"1\" "
                      "parent=\"1\"/>"
                      "<mxCell id=\"c\" style=\"rounded=1;\" vertex=\"1\" parent=\"1\"/>"),
                 diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->component("redis")->kind, std::string("cache"));
        QCOMPARE(d->component("orders")->kind, std::string("database"));
        QCOMPARE(d->component("shape")->kind,
                 std::string("service")); // no label: an id all the same
    }

    void brokenAndHostileFilesAreRefusedWithTheirLine()
    {
        QCOMPARE(
            firstError(
                "<mxfile>\n<diagram name=\"a\">\n<mxGraphModel><root>\n<mxCell id=\"0\"/>\n"
                "<mxCell id=\"1\" parent=\"0\">\n</root></mxGraphModel></diagram></mxfile>\n"),
            std::string(
                "d.drawio:6:3: error: not well-formed XML: Start-end tags mismatch [E-DRAWIO]"));
        QVERIFY(firstError("").find("empty file") != std::string::npos);
        QVERIFY(firstError("<svg/>").find("not a draw.io file: the outermost element is <svg>") !=
                std::string::npos);
        QVERIFY(firstError("<mxfile host=\"x\"></mxfile>").find("no page") != std::string::npos);
        QVERIFY(firstError("<mxfile><diagram>@@ not base64 @@</diagram></mxfile>").find("base64") !=
                std::string::npos);
        QVERIFY(firstError(page("<mxCell id=\"a\" vertex=\"1\" parent=\"1\"/>\n<mxCell id=\"a\" "
                                "vertex=\"1\" parent=\"1\"/>"))
                    .find("d.drawio:2: error: two cells have the id 'a' [E-DUP-ID]") == 0);
        // Parents in a loop: said, not followed for ever.
        QVERIFY(firstError(page("<mxCell id=\"a\" vertex=\"1\" parent=\"b\"/><mxCell id=\"b\" "
                                "vertex=\"1\" parent=\"a\"/>"))
                    .find("hold each other") != std::string::npos);
        // 200 MB of text compressed into 200 KB: refused as it inflates, not after.
        const std::string zlib = deflated(std::string(200u * 1024 * 1024, 'A'));
        const std::string raw = zlib.substr(2, zlib.size() - 6); // no zlib header and checksum
        const std::string packed =
            QByteArray(raw.data(), static_cast<qsizetype>(raw.size())).toBase64().toStdString();
        QVERIFY(firstError("<mxfile><diagram>" + packed + "</diagram></mxfile>")
                    .find("inflates past") != std::string::npos);
        // Containers nested past the model's limit: the zone named, at its cell's line.
        std::string deep;
        for (int i = 0; i < 70; ++i)
            deep += "\n<mxCell id=\"z" + std::to_string(i) + "\" value=\"Z" + std::to_string(i) +
                    "\" style=\"swimlane;\" vertex=\"1\" parent=\"" +
                    (i ? "z" + std::to_string(i - 1) : std::string("1")) + "\"/>";
        QVERIFY(
            firstError(page(deep)).find("d.drawio:66: error: zone 'z64' is nested 65 zones deep") ==
            0);
    }

    // A connector left out is said, a bounded number of times: fifty, then one count of the rest.
    void connectorsLeftOutAreSaidBoundedly()
    {
        std::string cells = "<mxCell id=\"a\" value=\"A\" vertex=\"1\" parent=\"1\"/>";
        for (int i = 0; i < 60; ++i)
            cells += "<mxCell id=\"e" + std::to_string(i) + "\" value=\"L" + std::to_string(i) +
                     "\" edge=\"1\" parent=\"1\" source=\"a\"/>";
        Diagnostics diags;
        QVERIFY(read(page(cells), diags));
        QCOMPARE(diags.size(), std::size_t(51));
        QCOMPARE(diags[49].message,
                 std::string("the connector 'L49' has no shape at its end and was left out"));
        QCOMPARE(diags.back().message, std::string("10 more connectors were left out"));
    }

    void toldApartFromOtherFiles()
    {
        QVERIFY(looksLikeDrawio(
            "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- saved -->\n<mxfile host=\"x\">"));
        QVERIFY(looksLikeDrawio("  <mxGraphModel dx=\"1\">"));
        QVERIFY(!looksLikeDrawio("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        QVERIFY(!looksLikeDrawio("digraph { a -> b }"));
        // Read by what it holds when its name does not say: standard input, a .xml export.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("export.xml")).toStdString();
        std::ofstream(path) << page("<mxCell id=\"a\" value=\"API\" vertex=\"1\" parent=\"1\"/>");
        Diagnostics diags;
        const auto d = loadDesignFile(path, diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QCOMPARE(d->components().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDrawio)
#include "tst_drawio.moc"
