// DOT import and export: the mapping contract of docs/format.md, round trips, hostile input.
#include "model/dotexport.h"
#include "model/dotimport.h"
#include "model/jurisdiction.h"

#include <QtTest>

#include <chrono>

using namespace pb::model;

namespace {
Design imported(const std::string& text)
{
    Diagnostics diags;
    auto d = importDot(text, "t.dot", diags);
    if (!d) qFatal("import failed: %s", formatAll(diags).c_str());
    return *d;
}

// Broken input must end in exactly an error naming the file, never a design.
Diagnostic rejected(const std::string& text)
{
    Diagnostics diags;
    auto d = importDot(text, "bad.dot", diags);
    if (d) qFatal("hostile DOT was accepted");
    for (const auto& x : diags)
        if (x.level == Diagnostic::Level::Error) return x;
    qFatal("rejected without an error diagnostic");
    return {};
}

// `text` as quoted pieces of `piece` bytes joined with '+', as a long DOT string is written.
std::string inPieces(const std::string& text, std::size_t piece)
{
    std::string out = "\"";
    for (std::size_t at = 0; at < text.size(); at += piece) out += (at ? "\" + \"" : "") + text.substr(at, piece);
    return out + "\"";
}

std::string repeated(const std::string& s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}
} // namespace

class TestDot : public QObject
{
    Q_OBJECT
private slots:
    void nodeAttributesMapToKindLabelAndTypedProperties()
    {
        const Design d = imported(
            "digraph shop { label=\"Shop checkout\";\n"
            "  api [kind=service, label=\"Orders API\", rps=1200, circuit_breaker=true,\n"
            "       data=\"pii,payment\", owner=\"team-a\", color=red, x_tags=\"a,b\"];\n"
            "}\n");
        QCOMPARE(d.title, std::string("Shop checkout"));
        QCOMPARE(d.components().size(), std::size_t(1));
        const Component& c = d.components().front();
        QCOMPARE(c.id, std::string("api"));
        QCOMPARE(c.kind, std::string("service"));
        QVERIFY(!c.kindInferred);
        QCOMPARE(c.label, std::string("Orders API"));
        QCOMPARE(numberProperty(c.props, "rps").value_or(-1), 1200.0);
        QCOMPARE(boolProperty(c.props, "circuit_breaker").value_or(false), true);
        QCOMPARE(listProperty(c.props, "data").value_or(StringList{}), (StringList{"pii", "payment"}));
        QCOMPARE(stringProperty(c.props, "owner").value_or(""), std::string("team-a"));
        // Unknown comma-separated values become lists; drawing attributes are not properties.
        QCOMPARE(listProperty(c.props, "x_tags").value_or(StringList{}), (StringList{"a", "b"}));
        QVERIFY(!findProperty(c.props, "color"));
        QVERIFY(!findProperty(c.props, "label"));
        QVERIFY(!findProperty(c.props, "kind"));
    }

    void singleDataClassIsStillAList()
    {
        const Design d = imported("digraph { db [kind=database, data=pii, hit_ratio=0.9, managed=false]; }");
        const auto& p = d.components().front().props;
        QVERIFY(std::holds_alternative<StringList>(*findProperty(p, "data")));
        QCOMPARE(numberProperty(p, "hit_ratio").value_or(0), 0.9);
        QCOMPARE(boolProperty(p, "managed").value_or(true), false);
    }

    void labelDefaultsToId()
    {
        const Design d = imported("digraph { \"orders-db\" [kind=database]; }");
        QCOMPARE(d.components().front().label, std::string("orders-db"));
    }

    // pytm --dfd draws a data store as an image named beside it, with Graphviz attributes that
    // say only how it was drawn.
    void pytmDataStoreIsNamedByItsXlabel()
    {
        const auto d = imported("digraph tm {\n datastore_SQLDatabase_d2006ce1bb [shape=none; fixedsize=shape;"
                                " image=\"datastore_black.png\"; imagescale=true; xlabel=\"SQL Database\"; label=\"\"];\n"
                                " edge_x [label=\"Edge\"; xlabel=\"not used\"];\n}");
        const Component* c = d.component("datastore_SQLDatabase_d2006ce1bb");
        QVERIFY(c);
        QCOMPARE(c->label, std::string("SQL Database"));
        QCOMPARE(c->kind, std::string("database"));
        QVERIFY(c->props.empty());
        QCOMPARE(d.component("edge_x")->label, std::string("Edge"));
    }

    void kindInferenceFromKeywords_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("kind");
        const struct { const char *id, *label, *shape, *kind; } rows[] = {
            {"sessions", "Redis sessions", "", "cache"},     {"m1", "memcached", "", "cache"},
            {"events", "Kafka events", "", "queue"},         {"jobs", "SQS jobs", "", "queue"},
            {"bus", "rabbitmq", "", "queue"},                {"ps", "pubsub", "", "queue"},
            {"stream", "kinesis", "", "queue"},              {"pg", "postgres primary", "", "database"},
            {"orders", "MySQL", "", "database"},             {"t", "dynamodb table", "", "database"},
            {"c1", "cassandra ring", "", "database"},        {"docs", "MongoDB", "", "database"},
            {"assets", "S3 assets", "", "object_store"},     {"g", "gcs bucket", "", "object_store"},
            {"b", "blob store", "", "object_store"},         {"search", "Elasticsearch", "", "search_index"},
            {"os", "opensearch", "", "search_index"},        {"idx", "solr", "", "search_index"},
            {"edge", "CDN", "", "cdn"},                      {"cf", "CloudFront", "", "cdn"},
            {"front", "public lb", "", "load_balancer"},     {"e", "ELB", "", "load_balancer"},
            {"a", "ALB", "", "load_balancer"},               {"n", "nginx", "", "load_balancer"},
            {"h", "haproxy", "", "load_balancer"},           {"edgeapi", "API gateway", "", "api_gateway"},
            {"billing-worker", "", "", "worker"},            {"usage", "usage consumer", "", "worker"},
            {"web", "browser", "", "client"},                {"app", "mobile app", "", "client"},
            {"cli", "client", "", "client"},                 {"people", "end user", "", "client"},
            {"orders", "orders", "cylinder", "database"},    {"checkout", "Checkout", "", "service"},
            // Found importing real diagrams: a role beats "user", and products say what they are.
            {"user-service", "", "", "service"},             {"users_db", "", "", "database"},
            {"UserDB", "", "", "database"},                  {"client-api", "", "", "service"},
            {"db1", "", "", "database"},                     {"ledger-svc", "", "", "service"},
            {"lb1", "Application Load Balancer", "", "load_balancer"}, {"edge", "API GW", "", "api_gateway"},
            {"ps", "Pub/Sub: orders", "", "queue"},          {"r53", "Route 53", "", "dns"},
            {"m", "Memorystore", "", "cache"},               {"a", "Aurora", "", "database"},
            {"bq", "BigQuery", "", "analytics"},             {"kc", "Keycloak", "", "identity_provider"},
            {"mon", "Datadog", "", "monitoring"},            {"pay", "Stripe", "", "third_party"},
            {"ts", "InfluxDB", "", "timeseries_db"},         {"bus", "EventBridge", "", "queue"},
        };
        for (const auto& r : rows)
            QTest::newRow((std::string(r.id) + "/" + r.label + "/" + r.shape).c_str())
                << r.id << r.label << r.shape << r.kind;
    }

    void kindInferenceFromKeywords()
    {
        QFETCH(QString, id);
        QFETCH(QString, label);
        QFETCH(QString, shape);
        QFETCH(QString, kind);
        QCOMPARE(QString::fromStdString(inferKind(id.toStdString(), label.toStdString(), shape.toStdString())), kind);
    }

    void shortKeywordsAreWholeWordsOnly()
    {
        // "lb" inside "elbow" and "s3" inside "cs3x" must not decide the kind.
        QCOMPARE(inferKind("elbow", "", ""), std::string("service"));
        QCOMPARE(inferKind("api-lb", "", ""), std::string("load_balancer"));
    }

    void inferredKindsAreMarkedInTheDesign()
    {
        const Design d = imported("digraph { redis; orders [shape=cylinder]; api [kind=service]; }");
        QCOMPARE(d.component("redis")->kind, std::string("cache"));
        QVERIFY(d.component("redis")->kindInferred);
        QCOMPARE(d.component("orders")->kind, std::string("database"));
        QVERIFY(d.component("orders")->kindInferred);
        QVERIFY(!d.component("api")->kindInferred);
    }

    void edgesBecomeFlowsWithProperties()
    {
        const Design d = imported(
            "digraph { api [kind=service]; db [kind=database];\n"
            "  api -> db [label=\"writes\", sync=false, carries=\"pii\", rps=40, color=blue];\n"
            "  api -> db; }");
        QCOMPARE(d.flows().size(), std::size_t(2));
        const Flow& f = d.flows().front();
        QCOMPARE(f.from, std::string("api"));
        QCOMPARE(f.to, std::string("db"));
        QCOMPARE(f.label, std::string("writes"));
        QCOMPARE(boolProperty(f.props, "sync").value_or(true), false);
        QCOMPARE(listProperty(f.props, "carries").value_or(StringList{}), StringList{"pii"});
        QCOMPARE(numberProperty(f.props, "rps").value_or(0), 40.0);
        QVERIFY(!findProperty(f.props, "color"));
        QVERIFY(f.id != d.flows().back().id); // parallel edges get distinct ids
    }

    void clustersBecomeNestedZones()
    {
        const Design d = imported(
            "digraph {\n"
            "  subgraph cluster_eu { label=\"Europe\"; region=\"eu-west-1\"; jurisdiction=EU; tier=gold;\n"
            "    subgraph cluster_az1 { kind=az; label=\"AZ a\"; db [kind=database]; }\n"
            "    api [kind=service];\n"
            "  }\n"
            "  subgraph cluster_tb { kind=trust_boundary; pay [kind=third_party]; }\n"
            "  subgraph plain { rank=same; loose [kind=service]; }\n"
            "}");
        QCOMPARE(d.zones().size(), std::size_t(3));
        const Zone* eu = d.zone("eu");
        const Zone* az = d.zone("az1");
        const Zone* tb = d.zone("tb");
        QVERIFY(eu && az && tb);
        QCOMPARE(eu->kind, std::string("region")); // the default
        QCOMPARE(eu->label, std::string("Europe"));
        QCOMPARE(stringProperty(eu->props, "region").value_or(""), std::string("eu-west-1"));
        QCOMPARE(stringProperty(eu->props, "jurisdiction").value_or(""), std::string("EU"));
        QCOMPARE(stringProperty(eu->props, "tier").value_or(""), std::string("gold"));
        QCOMPARE(az->kind, std::string("az"));
        QCOMPARE(tb->kind, std::string("trust_boundary"));
        // Nesting: the AZ is a member of the region; db belongs to the innermost zone only.
        QVERIFY(std::find(eu->members.begin(), eu->members.end(), "az1") != eu->members.end());
        QVERIFY(std::find(eu->members.begin(), eu->members.end(), "api") != eu->members.end());
        QVERIFY(std::find(eu->members.begin(), eu->members.end(), "db") == eu->members.end());
        QCOMPARE(az->members, std::vector<std::string>{"db"});
        QCOMPARE(tb->members, std::vector<std::string>{"pay"});
        QCOMPARE(d.parentZone("db")->id, std::string("az1"));
        QVERIFY(!d.parentZone("loose")); // a plain subgraph is not a zone
        const auto parents = d.parentZones(); // all at once, as one by one
        for (const auto& c : d.components())
            QCOMPARE(parents.count(c.id) ? parents.at(c.id) : nullptr, d.parentZone(c.id));
        QCOMPARE(parents.at("az1"), eu);
        QCOMPARE(parents.size(), std::size_t(4)); // api, az1, db, pay
        // The nested cluster does not inherit the outer one's properties as its own.
        QVERIFY(!findProperty(az->props, "region"));
    }

    void exportImportRoundTripIsEqual()
    {
        Design d;
        d.title = "Round trip \"quoted\"";
        d.addComponent({"api", "service", "Orders API", {{"rps", 1200.0}, {"circuit_breaker", true}}, {10, 20}, {160, 64}});
        d.addComponent({"db", "database", "orders \"db\"", {{"data", StringList{"pii", "payment"}}, {"failover", std::string("automatic")}}, {300, 20}, {}});
        d.addComponent({"redis", "service", "redis", {{"x_note", std::string("kind was overridden")}}, {}, {}});
        d.addFlow({"f1", "api", "db", "writes", {{"sync", true}, {"carries", StringList{"pii"}}}, {{150, 50}, {200, 60}}});
        d.addFlow({"f2", "api", "redis", "", {}, {}});
        d.addZone({"az", "az", "AZ a", {}, {"db"}, {}, {}});
        d.addZone({"eu", "region", "EU", {{"region", std::string("eu-west-1")}}, {"api", "az"}, {0, 0}, {600, 200}});
        const std::string dot = exportDot(d);
        Design back = imported(dot);
        QVERIFY2(back.components() == d.components(), dot.c_str());
        QVERIFY2(back.flows() == d.flows(), dot.c_str());
        QCOMPARE(back.title, d.title);
        for (const auto& z : d.zones()) {
            const Zone* bz = back.zone(z.id);
            QVERIFY2(bz, z.id.c_str());
            QCOMPARE(bz->kind, z.kind);
            QCOMPARE(bz->label, z.label);
            QVERIFY(bz->props == z.props);
            auto a = bz->members, b = z.members;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QCOMPARE(a, b);
        }
        // And exporting again gives the same text: the mapping is a fixed point.
        QCOMPARE(QString::fromStdString(exportDot(back)), QString::fromStdString(dot));
    }

    // Found by a scripted pass over the CLI: a trip through DOT turned text that looks like a
    // number or a list into one, cut numbers to six digits, dropped empty values, decisions and
    // the mark on guessed kinds, showed line breaks as "\n" and put flows in another order.
    void roundTripKeepsTypesDigitsDecisionsAndOrder()
    {
        Design d;
        d.addComponent({"c", "service", "line one\nback\\slash", {
            {"x_code", std::string("42")}, {"x_flag", std::string("true")}, {"x_pair", std::string("a,b")},
            {"x_one", StringList{"x"}}, {"x_none", StringList{}}, {"x_empty", std::string()},
            {"hit_ratio", 0.9999999}, {"x_big", 12345678901234567890.0}}, {123456.5, -0.25}, {}});
        Component guessed{"b", "cache", "b", {}, {}, {}};
        guessed.kindInferred = true;
        d.addComponent(guessed);
        d.addComponent({"a", "database", "a", {}, {}, {}});
        // Drawn from the last node first: cgraph lists edges by tail, which put it second.
        d.addFlow({"f-first", "a", "c", "", {}, {}});
        d.addFlow({"f-second", "c", "b", "", {}, {}});
        d.decisions.push_back({"0123456789abcdef", "unfenced-failover", "accepted", "managed elsewhere, \"see\" ADR-7", "ana", "2027-06-30"});
        const std::string dot = exportDot(d);
        const Design back = imported(dot);
        QVERIFY2(back.components() == d.components(), dot.c_str());
        QVERIFY2(back.flows() == d.flows(), dot.c_str());
        QVERIFY2(back.decisions == d.decisions, dot.c_str());
        QCOMPARE(exportDot(back), dot);
        // Line breaks in any text, not only labels, and a component left unlabelled.
        Design lines2;
        lines2.addComponent({"n", "service", "", {{"slo", std::string("99.9%\nunder 200 ms")}}, {}, {}});
        lines2.addZone({"z", "region", "z", {{"note", std::string("n\nm")}}, {"n"}, {}, {}});
        lines2.decisions.push_back({"0123456789abcdef", "r", "accepted", "line1\nline2", "o", ""});
        const std::string dot2 = exportDot(lines2);
        const Design back2 = imported(dot2);
        QVERIFY2(back2.components() == lines2.components(), dot2.c_str());
        QVERIFY2(back2.zones() == lines2.zones(), dot2.c_str());
        QVERIFY2(back2.decisions == lines2.decisions, dot2.c_str());
        // A DOT file's own line breaks, and a byte order mark before it.
        const Design lines = imported("\xEF\xBB\xBF" "digraph { a [label=\"Orders\\nAPI\", kind=service]; }");
        QCOMPARE(lines.component("a")->label, std::string("Orders\nAPI"));
    }

    // Properties named as the importer reads something else (Graphviz's drawing attributes,
    // id, label, kind, pb_*): they were dropped, or replaced the element's id or label.
    void roundTripKeepsPropertiesNamedLikeDotAttributes()
    {
        Design d;
        d.addComponent({"api", "service", "API", {{"color", std::string("blue")}, {"comment", std::string("legacy")},
                                                  {"kind", std::string("x")}, {"label", std::string("L")},
                                                  {"pb_pos", std::string("1,2")}, {"ordering", std::string("in")}}, {}, {}});
        d.addComponent({"db", "database", "db", {}, {}, {}});
        d.addFlow({"f1", "api", "db", "", {{"weight", 5.0}, {"id", std::string("write-path")}}, {}});
        d.addZone({"eu", "region", "EU", {{"id", std::string("zz")}, {"bgcolor", std::string("red")}}, {"api"}, {}, {}});
        const std::string dot = exportDot(d);
        const Design back = imported(dot);
        QVERIFY2(back.components() == d.components(), dot.c_str());
        QVERIFY2(back.flows() == d.flows(), dot.c_str());
        QVERIFY2(back.zones() == d.zones(), dot.c_str());
        // Written by hand, the prefix names a property too.
        QCOMPARE(*stringProperty(imported("digraph { a [pb_prop_color=red]; }").component("a")->props, "color"),
                 std::string("red"));
    }

    void roundTripKeepsZoneAndMemberOrder()
    {
        // Zones: outer, other, inner (inner nested in outer). The file declares inner inside
        // outer, which used to read back as outer, inner, other. Members: a zone before a
        // component, and components against node order, which read back components first.
        Design d;
        for (const char* id : {"a", "b", "c"}) d.addComponent({id, "service", id, {}, {}, {}});
        d.addZone({"outer", "region", "outer", {}, {"inner", "c", "a"}, {}, {}});
        d.addZone({"other", "region", "other", {}, {"b"}, {}, {}});
        d.addZone({"inner", "az", "inner", {}, {}, {}, {}});
        const std::string dot = exportDot(d);
        const Design back = imported(dot);
        QVERIFY2(back.zones() == d.zones(), dot.c_str());
        QCOMPARE(exportDot(back), dot);
        // Written only where needed: a design already in read-back order adds nothing.
        Design plain;
        plain.addComponent({"a", "service", "a", {}, {}, {}});
        plain.addZone({"z", "region", "z", {}, {"a"}, {}, {}});
        QVERIFY(exportDot(plain).find("pb_members") == std::string::npos);
        QVERIFY(exportDot(plain).find("pb_zone_order") == std::string::npos);
        // A hand-edited list that no longer names the members is ignored, not obeyed.
        const Design edited = imported("digraph { pb_zone_order=\"y,x\"; subgraph cluster_x { "
                                       "pb_members=\"q\"; p; r; } subgraph cluster_y { s; } }");
        QCOMPARE(edited.zones().front().id, std::string("y"));
        QCOMPARE(edited.zone("x")->members, (std::vector<std::string>{"p", "r"}));
    }

    // A list item holding a comma came back as two items (["card,number", "pii"] as three); so
    // did ids in pb_members and pb_zone_order, and a property whose name held a comma or colon
    // lost its type. An item's comma is written \, and its backslash \\ (docs/format.md).
    void listItemsKeepTheirCommas()
    {
        Design d;
        d.addComponent({"db", "database", "db", {{"data", StringList{"card,number", "pii"}},
                                                 {"x_paths", StringList{"C:\\temp,old", "back\\", "a\\,b", "\"q\\\""}},
                                                 {"x_one", StringList{"x,y"}}, {"x_text", std::string("a\\,b")},
                                                 {"x:odd,name", std::string("42")}}, {}, {}});
        d.addComponent({"api,v2", "service", "api", {}, {}, {}});
        d.addFlow({"f1", "api,v2", "db", "", {{"carries", StringList{"card,number", "pii"}}}, {}});
        d.addZone({"o,1", "region", "o", {}, {"i,2", "api,v2", "db"}, {}, {}});
        d.addZone({"x,3", "region", "x", {}, {}, {}, {}});
        d.addZone({"i,2", "az", "i", {}, {}, {}, {}});
        const std::string dot = exportDot(d);
        QVERIFY2(dot.find("\"data\"=\"card\\,number,pii\"") != std::string::npos, dot.c_str());
        const Design back = imported(dot);
        QVERIFY2(back.components() == d.components(), dot.c_str());
        QVERIFY2(back.flows() == d.flows(), dot.c_str());
        QVERIFY2(back.zones() == d.zones(), dot.c_str());
        QCOMPARE(exportDot(back), dot);
        // Written by hand, lists read as they always did: blanks trimmed, a lone backslash kept.
        const Design plain = imported("digraph { db [data=\"pii, payment\", x_dirs=\"C:\\temp,D:\\data\"]; }");
        const auto& p = plain.component("db")->props;
        QCOMPARE(listProperty(p, "data").value_or(StringList{}), (StringList{"pii", "payment"}));
        QCOMPARE(listProperty(p, "x_dirs").value_or(StringList{}), (StringList{"C:\\temp", "D:\\data"}));
    }

    // Found by fuzz_dot: "rps=1e999" read as infinity, exported as "inf", which no longer
    // imported as a number. Out-of-range numbers now stay text as written.
    void numbersPastDoubleRangeStayText()
    {
        const std::string huge = "1" + std::string(400, '0');
        const Design d = imported("digraph { a [kind=service, x_budget=" + huge + "]; }");
        QCOMPARE(std::get<std::string>(d.component("a")->props.at("x_budget")), huge);
        QVERIFY(imported(exportDot(d)).components() == d.components());
        const Diagnostic e = rejected("digraph { a [kind=service, rps=" + huge + "]; }");
        QVERIFY2(e.message.find("rps") != std::string::npos, e.message.c_str());
        QVERIFY2(e.message.find("number") != std::string::npos, e.message.c_str());
        QVERIFY2(e.format().find("'a'") != std::string::npos, e.format().c_str());
        // The value is quoted cut short, with its length, so the message stays one line.
        QVERIFY2(e.message.size() < 200, e.message.c_str());
        QVERIFY2(e.message.find("(401 characters)") != std::string::npos, e.message.c_str());
    }

    void backslashBeforeAMultiByteCharacter()
    {
        // Found by fuzz_dot: the pre-screen skipped the byte after any backslash in a quoted
        // string, splitting "\\é" and refusing the file as not UTF-8. An HTML-like name imports
        // (backslashes are plain there), so its export (quoted) used to be refused.
        const Design d = imported("digraph { <a\\\xC3\xA9" "b> [kind=service]; \"c\\\xC3\xA9\" [kind=cache]; }");
        QVERIFY(d.component("a\\\xC3\xA9" "b"));
        QVERIFY(d.component("c\\\xC3\xA9"));
        QVERIFY(imported(exportDot(d)).components() == d.components());
        // A backslash before a newline continues the line and still counts it.
        const Diagnostic e = rejected("digraph {\n \"a\\\n b\" [kind=service];\n c -> ;\n}\n");
        QCOMPARE(e.line, 4);
    }

    void longDigitRunsAreReadOnce()
    {
        // Found by fuzz_dot: the number test was a std::regex, whose recursive backtracking
        // took seconds on a 2,500-digit value and ran out of stack on a longer one. (As long as a
        // token may be: the screen refuses longer ones before Graphviz reads them.)
        const std::string digits(kMaxDotToken - 8, '7');
        const Design d = imported("digraph { a [kind=service, x_run=\"" + digits + "x\", x_num=" + digits +
                                  ", x_frac=\"." + digits + "\", x_exp=\"1e" + digits + "\"]; }");
        const auto& props = d.component("a")->props;
        QCOMPARE(std::get<std::string>(props.at("x_run")).size(), digits.size() + 1);
        QVERIFY(std::holds_alternative<std::string>(props.at("x_num"))); // past a double's range
        // More digits than a double keeps: text, as written (a property the vocabulary does not know).
        QCOMPARE(std::get<std::string>(props.at("x_frac")).size(), digits.size() + 1);
        QVERIFY(std::holds_alternative<std::string>(props.at("x_exp")));
        // The forms a number may take, and a few it may not.
        const Design n = imported("digraph { a [kind=service, a1=\"5.\", a2=\".5\", a3=\"-2e-3\", a4=\"+7\", "
                                  "b1=\".\", b2=\"1e\", b3=\"--1\", b4=\"1.2.3\", b5=\"e5\"]; }");
        const auto& p = n.component("a")->props;
        for (const char* k : {"a1", "a2", "a3", "a4"}) QVERIFY2(std::holds_alternative<double>(p.at(k)), k);
        for (const char* k : {"b1", "b2", "b3", "b4", "b5"}) QVERIFY2(std::holds_alternative<std::string>(p.at(k)), k);
        QCOMPARE(std::get<double>(p.at("a3")), -0.002);
    }

    void syntaxErrorNamesTheLine()
    {
        const Diagnostic e = rejected("digraph {\n  a -> b;\n  c -> ;\n}\n");
        QCOMPARE(e.file, std::string("bad.dot"));
        QCOMPARE(e.line, 3);
        QVERIFY(!e.message.empty());
        QVERIFY(e.format().find("bad.dot:3") != std::string::npos);
    }

    void hostileInputIsRejectedQuickly_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line"); // -1: any
        QByteArray garbage;
        for (int i = 0; i < 4096; ++i) garbage.append(char((i * 7919 + 13) % 255 + 1));
        QTest::newRow("binary garbage") << garbage << -1;
        QTest::newRow("NUL byte") << QByteArray("digraph {\n a -> b;\n a\0b;\n}", 26) << 3;
        QTest::newRow("empty") << QByteArray("   \n\n") << -1;
        QTest::newRow("not a graph") << QByteArray("hello world\n") << 1;
        QTest::newRow("unterminated") << QByteArray("digraph {\n a -> b\n") << -1;
        QByteArray deep = "digraph {\n";
        for (int i = 0; i < 100000; ++i) deep += "subgraph {";
        QTest::newRow("absurd nesting") << deep << 2;
        QByteArray many = "digraph {\n";
        for (int i = 0; i < 20000; ++i) many += "subgraph cluster_" + QByteArray::number(i) + " { n" + QByteArray::number(i) + "; }\n";
        many += "}\n";
        QTest::newRow("huge subgraph count") << many << -1;
        // Graphviz's scanner takes time that grows with the square of one token's length: a 5 MB
        // label took 12.7 s before it was screened.
        const QByteArray longText(int(kMaxDotToken) + 1, 'x');
        QTest::newRow("label past the token limit") << ("digraph {\n a [label=\"" + longText + "\"];\n}") << 2;
        QTest::newRow("name past the token limit") << ("digraph {\n\n " + longText + ";\n}") << 3;
        QTest::newRow("HTML label past the token limit") << ("digraph {\n a [label=<" + longText + ">];\n}") << 2;
        QTest::newRow("comment past the token limit") << ("digraph {\n /* " + longText + " */ a;\n}") << 2;
        QTest::newRow("line comment past the token limit") << ("digraph {\n a; // " + longText + "\n}") << 2;
        // cgraph copies the whole string at every '+': 2,000 pieces of 16 KB took 97 s.
        QByteArray pieces = "digraph {\n a [x_note=";
        for (std::size_t i = 0; i <= kMaxDotPieces; ++i) pieces += (i ? " + " : "") + QByteArray("\"p\"");
        QTest::newRow("string of too many pieces") << (pieces + "];\n}") << 2;
    }

    void longTokensUnderTheLimitStillLoad()
    {
        const std::string label(kMaxDotToken - 16, 'y');
        const Design d = imported("digraph { a [kind=service, label=\"" + label + "\"]; /* " + label + " */ }");
        QCOMPARE(d.components().front().label, label);
        // Many tokens just under the limit are each cheap: only one token's length is squared.
        std::string many = "digraph {\n";
        for (int i = 0; i < 20; ++i) many += " n" + std::to_string(i) + " [label=\"" + label + "\"];\n";
        QCOMPARE(imported(many + "}").components().size(), std::size_t(20));
    }

    // Export wrote a text longer than the token limit as one string, which its own import then
    // refused. It is written in pieces joined with '+', cut where no escape or UTF-8 character
    // is split: 16,000 bytes, which Graphviz's dot reads too, or longer past 64 of those.
    void longTextsAreWrittenInPieces()
    {
        Design d;
        const std::string tricky = "\\x\"\xC3\xA9\\\\y\n"; // moved across the 16,000th byte
        for (int shift = 0; shift < 10; ++shift) {
            const std::string text = std::string(15990 + shift, 'x') + tricky + std::string(40000, 'y') + tricky;
            d.addComponent({"c" + std::to_string(shift), "service", text,
                            {{"x_note", text}, {"x_list", StringList{text, "b,c"}}}, {}, {}});
        }
        const std::string longId(20000, 'i');
        d.addComponent({longId, "cache", "cache", {{"x_big", std::string(3'000'000, 'b')}}, {}, {}});
        d.addFlow({"f1", "c0", longId, "", {}, {}});
        const std::string dot = exportDot(d);
        QVERIFY(dot.find("\" + \"") != std::string::npos);
        Diagnostics diags;
        const auto checked = exportDot(d, "long.probeboard", diags);
        QVERIFY2(checked && *checked == dot, formatAll(diags).c_str());
        const Design back = imported(dot);
        QVERIFY(back.components() == d.components());
        QVERIFY(back.flows() == d.flows());
        QCOMPARE(exportDot(back), dot);
        // A problem in an element whose name is written in pieces still has its line.
        QCOMPARE(rejected("digraph {\n  a;\n  \"lo\" + \"ng\" [kind=service, rps=x];\n}\n").line, 3);
    }

    // What DOT cannot carry is refused by the export that writes files, naming the element and
    // the attribute, rather than written to a file that its own import refuses.
    void exportRefusesWhatWouldNotReadBack()
    {
        Design d;
        d.addComponent({"api", "service", std::string("a\0b", 3), {}, {}, {}});
        d.addComponent({"db", "database", "db", {{"x_note", std::string(5'000'000, 'n')}}, {}, {}});
        d.addFlow({"f1", "api", "db", "", {{std::string("x\0k", 3), true}}, {}});
        d.decisions.push_back({"0123456789abcdef", "r", "accepted", std::string("x\0y", 3), "o", ""});
        Diagnostics diags;
        QVERIFY(!exportDot(d, "d.probeboard", diags));
        const std::string all = formatAll(diags);
        QVERIFY2(diags.size() == 4, all.c_str());
        for (const auto& x : diags) {
            QCOMPARE(x.file, std::string("d.probeboard"));
            QCOMPARE(x.code, std::string("E-DOT-EXPORT"));
            QVERIFY(x.level == Diagnostic::Level::Error);
        }
        auto says = [&](std::size_t i, const char* element, const char* pointer, const char* words) {
            return diags[i].element == element && diags[i].pointer == pointer &&
                   diags[i].message.find(words) != std::string::npos;
        };
        QVERIFY2(says(0, "api", "label", "cannot write DOT: component 'api': its label holds a NUL byte"), all.c_str());
        QVERIFY2(says(1, "db", "properties/x_note", "component 'db': property 'x_note' is 5000000 bytes long"), all.c_str());
        QVERIFY2(says(2, "f1", "properties", "flow 'f1': the name of property"), all.c_str());
        QVERIFY2(says(3, "", "decisions/0/justification", "decision 1: its justification holds a NUL byte"), all.c_str());
        // Past what DOT import reads of a whole file: more zones than it takes clusters.
        Design zones;
        for (std::size_t i = 0; i <= kMaxDotSubgraphs; ++i) zones.addZone({"z" + std::to_string(i), "region", "z", {}, {}, {}, {}});
        Diagnostics many;
        QVERIFY(!exportDot(zones, "z.probeboard", many));
        QVERIFY2(many.size() == 1 && many[0].message.find("the design has 10001 zones") != std::string::npos,
                 formatAll(many).c_str());
    }

    // cgraph reads "\\" as a pair, so "a\\" ends at its quote. The pre-screen took that quote for an
    // escaped one and read the rest of the file inside out: a label ending in a backslash, then
    // one holding a brace, was refused as text after the graph's end (export writes such labels).
    void aStringEndingInABackslashEndsAtItsQuote()
    {
        const Design d = imported("digraph {\n a [kind=service, label=\"ends\\\\\"];\n b [kind=cache, label=\"}\"];\n}\n");
        QCOMPARE(d.component("a")->label, std::string("ends\\"));
        QCOMPARE(d.component("b")->label, std::string("}"));
        Design e;
        e.addComponent({"a", "service", "C:\\", {}, {}, {}});
        e.addComponent({"b", "cache", "{json}", {}, {}, {}});
        QVERIFY(imported(exportDot(e)).components() == e.components());
    }

    // The title is the graph's label, and Graphviz reads "\n" in a label as a line break. It was
    // written as it is, so C:\temp\new came back as "C:\temp", a break and "ew".
    void theTitleIsWrittenAsALabel()
    {
        for (const std::string title : {"C:\\temp\\new", "two\nlines", "\\G v2 \\N", "ends\\", ""}) {
            Design d;
            d.title = title;
            d.addComponent({"api", "service", "api", {}, {}, {}});
            Diagnostics diags;
            const auto dot = exportDot(d, "t.probeboard", diags);
            QVERIFY2(dot, formatAll(diags).c_str());
            QCOMPARE(imported(*dot).title, title);
            QCOMPARE(exportDot(imported(*dot)), *dot);
        }
    }

    // cgraph reads a backslash before a line break as a continued line and drops both, so a note
    // ending a line in "end\" came back as "endnext". DOT cannot write that exactly: the odd run
    // gains one backslash, as before a quote, and the line break stays. An even run is exact.
    void aBackslashBeforeALineBreakKeepsTheBreak()
    {
        Design d;
        d.addComponent({"api", "service", "api",
                        {{"x_note", std::string("end\\\nnext")}, {"x_even", std::string("a\\\\\nb")},
                         {"x_three", std::string("c\\\\\\\nd\\")}}, {}, {}});
        d.decisions.push_back({"0123456789abcdef", "r", "accepted", "see C:\\\nnext line", "o", ""});
        const Design back = imported(exportDot(d));
        const auto& p = back.component("api")->props;
        QCOMPARE(stringProperty(p, "x_note").value_or(""), std::string("end\\\\\nnext"));
        QCOMPARE(stringProperty(p, "x_even").value_or(""), std::string("a\\\\\nb"));
        QCOMPARE(stringProperty(p, "x_three").value_or(""), std::string("c\\\\\\\\\nd\\\\"));
        QCOMPARE(back.decisions.at(0).justification, std::string("see C:\\\\\nnext line"));
        // Once gained, the text is one DOT writes exactly: a second trip changes nothing.
        QCOMPARE(exportDot(imported(exportDot(back))), exportDot(back));
    }

    // pb_members, pb_zone_order and pb_types join many names into one text, which may pass what
    // DOT import reads in one text though each name fits. The checked export caught that only in
    // its final screen of the whole file, so the message named a line of DOT text the user never
    // saw; it names the zone or element and the attribute.
    void overLongJoinedListsNameTheirElement()
    {
        const std::string pad(120, 'p');
        Design members; // listed against node order, so pb_members is written
        std::vector<std::string> ids;
        for (int i = 0; i < 40000; ++i) {
            ids.push_back(pad + std::to_string(i));
            members.addComponent({ids.back(), "service", "s", {}, {}, {}});
        }
        std::reverse(ids.begin(), ids.end());
        members.addZone({"eu", "region", "eu", {}, ids, {}, {}});
        Design zones; // the first nested in the last, so pb_zone_order is written
        const std::string zpad(470, 'z');
        for (int i = 0; i < 9000; ++i) zones.addZone({zpad + std::to_string(i), "region", "z", {}, {}, {}, {}});
        zones.zone(zpad + "8999")->members.push_back(zpad + "0");
        Design types; // each value looks like a number but is text, so each is named in pb_types
        Properties props;
        for (int i = 0; i < 4200; ++i) props[std::string(1000, 'k') + std::to_string(i)] = std::string("1");
        types.addComponent({"api", "service", "api", props, {}, {}});
        const std::vector<std::tuple<const Design*, std::string, std::string, std::string>> cases = {
            {&members, "eu", "members", "zone 'eu': the order of its members (pb_members) is "},
            {&zones, "", "zones", "the design's order of zones (pb_zone_order) is "},
            {&types, "api", "properties", "component 'api': the types of its properties (pb_types) is "}};
        for (const auto& [design, element, pointer, words] : cases) {
            Diagnostics diags;
            QVERIFY(!exportDot(*design, "big.probeboard", diags));
            const std::string all = formatAll(diags);
            QVERIFY2(diags.size() == 1 && diags[0].element == element && diags[0].pointer == pointer, all.c_str());
            QVERIFY2(all.find("cannot write DOT: " + words) != std::string::npos, all.c_str());
            QVERIFY2(all.find("line") == std::string::npos, all.c_str());
        }
    }

    void bracesAndQuotesInsideHtmlLabelsAreText()
    {
        // Inside <...> only the angle brackets nest: 300 '{' there are not 300 levels of nesting,
        // and a lone quote does not start a string that swallows the rest of the file.
        const std::string braces(300, '{');
        const Design d = imported("digraph { a [kind=service, label=<<b>" + braces + " \" x</b>>]; b [kind=cache]; a -> b; }");
        QCOMPARE(d.components().size(), std::size_t(2));
        QCOMPARE(d.flows().size(), std::size_t(1));
    }

    void hostileInputIsRejectedQuickly()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        const Diagnostic e = rejected(text.toStdString());
        QCOMPARE(e.file, std::string("bad.dot"));
        QVERIFY(!e.message.empty());
        if (line >= 0) QCOMPARE(e.line, line);
    }

    void importerRecoversAfterAnError()
    {
        // Graphviz keeps error state globally: a failed parse must not poison the next one.
        rejected("digraph { a -> ; }");
        const Design d = imported("digraph { a [kind=service]; }");
        QCOMPARE(d.components().size(), std::size_t(1));
    }

    void nothingLeaksIntoTheNextImport()
    {
        // cgraph's lexer buffers the rest of a line: what follows an error on it must not become
        // the start of the next file read in the same process. (A second graph on the line used
        // to test this; such files are now refused before Graphviz reads them.)
        rejected("digraph { a [kind=service]; a -> ; } zzz [kind=database]; }");
        const Design second = imported("digraph { b [kind=service]; }\n");
        QCOMPARE(second.components().size(), std::size_t(1));
        QCOMPARE(second.components().front().id, std::string("b"));
        // …and line numbers start again at 1.
        QCOMPARE(rejected("digraph {\n x -> ;\n}").line, 2);
    }

    void undirectedGraphWarnsButLoads()
    {
        Diagnostics diags;
        auto d = importDot("graph { a -- b; }", "u.dot", diags);
        QVERIFY(d);
        QCOMPARE(d->flows().size(), std::size_t(1));
        QVERIFY(std::any_of(diags.begin(), diags.end(), [](const Diagnostic& x) { return x.level == Diagnostic::Level::Warning; }));
    }

    // Graphviz reads the first graph of a file and ignores the rest: a design silently cut short.
    void aSecondGraphIsRefusedWhereItStarts()
    {
        const Diagnostic e = rejected("digraph one { a [kind=service]; }\n\n/* { not this } */\n"
                                      "digraph two { b [kind=database]; }\n");
        QCOMPARE(e.line, 4);
        QVERIFY(e.message.find("second graph") != std::string::npos);
        // One graph with comments, strings and HTML labels holding braces after it is still one.
        imported("digraph { a [label=\"}{\"]; b [label=<{<b>x</b>}>]; }\n// } {\n");
    }

    // Idioms of hand-written DOT that were refused or lost: a cluster named after the node it
    // holds, a node whose name is the id a flow would get, and xlabel (what splines=ortho uses).
    void commonIdiomsImport()
    {
        const Design d = imported("digraph { splines=ortho; subgraph cluster_api { api; }\n"
                                  "\"f-api-db\" [kind=worker]; api -> db [xlabel=\"reads\"]; }");
        QVERIFY(d.zone("cluster_api"));
        QVERIFY(d.component("api"));
        QCOMPARE(d.flows().size(), std::size_t(1));
        QVERIFY(d.flows()[0].id != "f-api-db");
        QCOMPARE(d.flows()[0].label, std::string("reads"));
    }

    // A property the vocabulary does not know keeps its text unless it is a number as written.
    void unknownPropertiesKeepTheirDigits()
    {
        const Design d = imported("digraph { a [version=\"1.10\", zip=\"007\", big=\"12345678901234567890\", "
                                  "neg=\"-0\", n=\"42\", r=\"0.5\", rps=\"1.50\"]; }");
        const auto& p = d.component("a")->props;
        QCOMPARE(stringProperty(p, "version"), std::optional<std::string>("1.10"));
        QCOMPARE(stringProperty(p, "zip"), std::optional<std::string>("007"));
        QCOMPARE(stringProperty(p, "big"), std::optional<std::string>("12345678901234567890"));
        QCOMPARE(stringProperty(p, "neg"), std::optional<std::string>("-0"));
        QCOMPARE(numberProperty(p, "n"), std::optional<double>(42));
        QCOMPARE(numberProperty(p, "r"), std::optional<double>(0.5));
        QCOMPARE(numberProperty(p, "rps"), std::optional<double>(1.5)); // the vocabulary's number
    }

    // A kind written in capitals, or as the product, is read as the vocabulary's kind; a product
    // is kept as the engine and marked for the user to confirm. Others stay, with a warning.
    void kindsAsPeopleWriteThem()
    {
        Diagnostics diags;
        auto d = importDot("digraph { a [kind=Database]; b [kind=redis]; c [kind=\"Postgres\"]; e [kind=blockchain]; }", "k.dot", diags);
        QVERIFY(d);
        QCOMPARE(d->component("a")->kind, std::string("database"));
        QVERIFY(!d->component("a")->kindInferred);
        QCOMPARE(d->component("b")->kind, std::string("cache"));
        QVERIFY(d->component("b")->kindInferred);
        QCOMPARE(stringProperty(d->component("b")->props, "engine"), std::optional<std::string>("redis"));
        QCOMPARE(d->component("c")->kind, std::string("database"));
        QCOMPARE(d->component("e")->kind, std::string("blockchain"));
        QVERIFY(std::any_of(diags.begin(), diags.end(), [](const Diagnostic& x) { return x.code == "W-UNKNOWN-KIND"; }));
    }

    // A record's label is its fields' words; its title decides the kind, not "db pool".
    void recordLabelsKeepTheirWords()
    {
        const Design d = imported("digraph { node [shape=record]; app [label=\"{<in> Monolith|Rails 5|<db> db pool}\"];"
                                  " m [label=\"<f0> redis\\|cluster|x\"]; }");
        QCOMPARE(d.component("app")->label, std::string("Monolith / Rails 5 / db pool"));
        QCOMPARE(d.component("app")->kind, std::string("service"));
        QCOMPARE(d.component("m")->label, std::string("redis|cluster / x"));
        QCOMPARE(d.component("m")->kind, std::string("cache"));
    }

    // Clusters as people draw them: the kind from the name or label, a region named only in
    // the label taken (and said), so a US cluster is not a place of unknown jurisdiction.
    void clustersSayWhatTheyAre()
    {
        Diagnostics diags;
        auto d = importDot("digraph {\n subgraph cluster_us { label=\"AWS us-east-1\"; a; }\n"
                           " subgraph cluster_1a { label=\"eu-west-1a\"; b; }\n"
                           " subgraph cluster_vpc { label=\"VPC 10.0.0.0/16\"; c; }\n"
                           " subgraph cluster_eu { label=\"Europe\"; region=\"eu-west-1\"; e; }\n"
                           " subgraph cluster_x { kind=region; label=\"DMZ\"; f; } }", "z.dot", diags);
        QVERIFY(d);
        QCOMPARE(d->zone("us")->kind, std::string("region"));
        QCOMPARE(stringProperty(d->zone("us")->props, "region"), std::optional<std::string>("us-east-1"));
        QCOMPARE(placementOf(*d, "a").jurisdiction, std::string("US"));
        QCOMPARE(d->zone("1a")->kind, std::string("az"));
        QCOMPARE(d->zone("vpc")->kind, std::string("trust_boundary"));
        QCOMPARE(d->zone("x")->kind, std::string("region")); // said in the file: kept
        const auto said = std::find_if(diags.begin(), diags.end(), [](const Diagnostic& x) { return x.code == "W-DOT-REGION"; });
        QVERIFY(said != diags.end());
        QCOMPARE(said->line, 2);
        QCOMPARE(std::count_if(diags.begin(), diags.end(), [](const Diagnostic& x) { return x.code == "W-DOT-REGION"; }), 2);
    }

    // Graphviz's label escapes: the names they stand for, as Graphviz shows them.
    void labelEscapesStandForNames()
    {
        const Design d = imported("digraph shop { label=\"\\G v2\"; db1 [label=\"\\N (primary)\"];\n"
                                  "api -> db1 [label=\"\\T to \\H\"]; subgraph cluster_eu { label=\"\\G\"; x; } }");
        QCOMPARE(d.title, std::string("shop v2"));
        QCOMPARE(d.component("db1")->label, std::string("db1 (primary)"));
        QCOMPARE(d.flows()[0].label, std::string("api to db1"));
        QCOMPARE(d.zones()[0].label, std::string("cluster_eu"));
    }

    // Nor does it read statements after the graph's closing brace: a brace closed too early
    // dropped the rest of the design, with exit 0.
    void statementsAfterTheGraphAreRefused()
    {
        const Diagnostic e = rejected("digraph {\n api -> db;\n}\n db [kind=database, failover=automatic];\n api -> cache;\n}\n");
        QCOMPARE(e.line, 4);
        QVERIFY2(e.message.find("closing '}' on line 3") != std::string::npos, e.message.c_str());
        QCOMPARE(rejected("digraph { a; }\ngarbage here ;;;\n").line, 2);
        imported("digraph { a; };\n# a note\n/* and another */\n");
    }

    // A merge left with both sides in the file: DOT read "<<<<<<< HEAD ... >>>>>>>" as one HTML
    // string, so the conflict became a component and the check passed.
    void mergeConflictMarkersAreRefused()
    {
        const Diagnostic e = rejected("digraph shop {\n<<<<<<< HEAD\n  api [rps=2000];\n=======\n  api [rps=3000];\n"
                                      ">>>>>>> main\n  api -> db;\n}\n");
        QCOMPARE(e.line, 2);
        QVERIFY2(e.message.find("merge conflict") != std::string::npos, e.message.c_str());
        // Not at a line's start, or inside a string: ordinary text.
        imported("digraph { a [label=\"x\n=======\ny\"]; b [label=\"<<<<<<< ok\"]; }\n");
    }

    // Graphviz's HTML-like labels are markup, not names: the tags used to stay in the label, so
    // the whiteboard and every finding called the API "<b>Orders</b><br/>API".
    void htmlLabelsKeepTheirWordsOnly()
    {
        const Design d = imported(
            "digraph { label=<Shop <i>v2</i>>;\n"
            "  api [kind=service, label=<<b>Orders</b><br/>API &amp; <font color=\"red\">web</font>&#x2192;&#169;>];\n"
            "  t [kind=service, label=<<table><tr><td>Billing</td><td>svc</td></tr></table>>];\n"
            "  odd [kind=service, label=<a &bogus; &#0; &#xD800; &# 5; &#-5; b>];\n"
            "  subgraph cluster_eu { label=<<u>EU</u> region>; db [kind=database]; }\n"
            "  api -> db [label=<reads<br/>orders>];\n"
            "  plain [kind=service, label=\"<b>kept</b>\"]; }");
        QCOMPARE(d.title, std::string("Shop v2"));
        QCOMPARE(d.component("api")->label, std::string("Orders API & web\u2192\u00a9"));
        QCOMPARE(d.component("t")->label, std::string("Billing svc"));
        QCOMPARE(d.component("odd")->label, std::string("a &bogus; &#0; &#xD800; &# 5; &#-5; b"));
        QCOMPARE(d.zones().front().label, std::string("EU region"));
        QCOMPARE(d.flows().front().label, std::string("reads orders"));
        // A quoted string is text, whatever it looks like.
        QCOMPARE(d.component("plain")->label, std::string("<b>kept</b>"));
    }

    // Zones come in the order the file declares them, whatever the process allocated before:
    // cgraph orders subgraphs by the address of their interned names, so a name used earlier as
    // an attribute value used to put its cluster first (and `check` and `convert` disagreed).
    void zonesComeInFileOrder()
    {
        const Design d = imported("digraph { n [kind=service, note=\"cluster_second\", other=\"cluster_third\"];\n"
                                  "  subgraph cluster_first { a [kind=service]; }\n"
                                  "  subgraph cluster_second { b [kind=service]; subgraph cluster_inner_b { c; } }\n"
                                  "  subgraph cluster_third { d [kind=service]; } }");
        std::vector<std::string> ids;
        for (const auto& z : d.zones()) ids.push_back(z.id);
        QCOMPARE(ids, (std::vector<std::string>{"first", "second", "inner_b", "third"}));
    }

    // A node drawn in two clusters that are not nested goes to one zone, and the import says
    // which, instead of dropping it from the other without a word; nested clusters are not torn.
    void aNodeInTwoClustersIsPlacedOnceAndNamed()
    {
        Diagnostics diags;
        auto d = importDot("digraph { subgraph cluster_eu { subgraph cluster_az { x [kind=service]; } }\n"
                           "  subgraph cluster_us { x; y [kind=cache]; } }",
                           "two.dot", diags);
        QVERIFY(d);
        QCOMPARE(d->parentZone("x")->id, std::string("az")); // the deeper one
        QCOMPARE(d->zone("us")->members, std::vector<std::string>{"y"});
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].code, std::string("W-DOT-CLUSTERS"));
        QCOMPARE(diags[0].element, std::string("x"));
        QCOMPARE(diags[0].file, std::string("two.dot"));
        QVERIFY2(diags[0].message.find("put in 'az' and not in 'us'") != std::string::npos, diags[0].message.c_str());

        Diagnostics nested;
        QVERIFY(importDot("digraph { subgraph cluster_eu { subgraph cluster_az { x; } x; } }", "n.dot", nested));
        QVERIFY2(nested.empty(), formatAll(nested).c_str());
    }

    // cgraph keeps no lines; a problem in one element is placed where the text writes it, and a
    // duplicate says where the id's first holder is. A cluster whose id is taken is an error,
    // not a zone dropped without a word.
    void elementProblemsNameTheirLine()
    {
        const std::string text = "digraph {\n"
                                 "  a -> b;\n"                                   // 2
                                 "  b [kind=database,\n"                         // 3
                                 "     rps=\"x\"];\n"                           // 4
                                 "  subgraph cluster_r {\n"                      // 5
                                 "    rps = \"y\";\n"                           // 6
                                 "  }\n"
                                 "  \"q\\\"x\" -> a [id=\"f\\\"1\", sync=perhaps];\n" // 8
                                 "  a -> b [id=\"f\\\"1\"];\n"                // 9
                                 "  // a -> b [sync=x]\n"
                                 "  a -> b [sync=perhaps];\n"                    // 11
                                 "  subgraph cluster_x { id=a; c; }\n"          // 12
                                 "}\n";
        Diagnostics diags;
        QVERIFY(!importDot(text, "lines.dot", diags));
        const std::string all = formatAll(diags);
        auto lineOf = [&](const std::string& words) {
            for (const auto& d : diags)
                if (d.format().find(words) != std::string::npos) return d.line;
            return -1;
        };
        // Edges are read in the file's order: the later one is the duplicate.
        QVERIFY2(lineOf("duplicate id 'f\"1'; the edge at line 8 has it already") == 9, all.c_str());
        QVERIFY2(lineOf("property 'rps' of 'b'") == 4, all.c_str());
        QVERIFY2(lineOf("property 'rps' of 'r'") == 6, all.c_str());
        QVERIFY2(lineOf("property 'sync' of 'f\"1'") == 8, all.c_str());
        QVERIFY2(lineOf("property 'sync' of 'f-a-b-2'") == 11, all.c_str()); // the comment is skipped
        QVERIFY2(lineOf("duplicate id 'a' (cluster 'cluster_x'); the node at line 2 has it already") == 12, all.c_str());
    }

    // `a -> {b c}` makes an edge to each head. Lines were found by matching `tail -> head`
    // tokens only, so a later `a -> b` was taken for the group's edge and the edges after it
    // had no line at all.
    void edgesAfterAnEdgeGroupNameTheirLine()
    {
        const std::string text = "digraph {\n"
                                 "  a -> {b c};\n"                      // 2
                                 "  a -> b [sync=perhaps];\n"           // 3
                                 "  a -> {b c} [id=g];\n"               // 4
                                 "  c -> a [id=g];\n"                   // 5
                                 "  {a b} ->\n"                         // 6
                                 "    c;\n"                             // 7
                                 "  subgraph s { x -> {y; z} }\n"       // 8
                                 "  x -> z -> {a -> b} [sync=no];\n"    // 9
                                 "  a, b -> c [rps=x];\n"               // 10
                                 "  EDGE [color=red] a -> c [rps=y];\n" // 11
                                 "}\n";
        Diagnostics diags;
        QVERIFY(!importDot(text, "groups.dot", diags));
        const std::string all = formatAll(diags);
        auto linesOf = [&](const std::string& words) {
            std::vector<int> lines;
            for (const auto& d : diags)
                if (d.format().find(words) != std::string::npos) lines.push_back(d.line);
            return lines;
        };
        for (const auto& d : diags) QVERIFY2(d.line > 0, d.format().c_str());
        QCOMPARE(linesOf("property 'sync' of 'f-a-b-2'"), std::vector<int>{3});
        QCOMPARE(linesOf("duplicate id 'g'; the edge at line 4 has it already"), (std::vector<int>{4, 5}));
        QCOMPARE(linesOf("property 'sync' of 'f-x-z-2'"), std::vector<int>{9});
        QCOMPARE(linesOf("property 'sync' of 'f-z-a'"), std::vector<int>{9});
        QVERIFY2(linesOf("property 'sync' of 'f-a-b-3'").empty(), all.c_str()); // inside the group: no sync
        QCOMPARE(linesOf("property 'rps' of 'f-a-c-3'"), std::vector<int>{10});
        QCOMPARE(linesOf("property 'rps' of 'f-b-c-2'"), std::vector<int>{10});
        QCOMPARE(linesOf("property 'rps' of 'f-a-c-4'"), std::vector<int>{11});
    }
    // DOT import read a text of 64 pieces of up to 64 KiB (4,194,240 bytes), and the checked
    // export wrote at most 4,190,208: a file that `check` passed, `convert` could not write back.
    // Both now hold one text to kMaxDotText as DOT writes it, and import says which element,
    // attribute and line when it is longer.
    void importAndExportAgreeOnTheLongestText()
    {
        const std::size_t token = kMaxDotToken - 1; // the longest quoted string the screen reads
        const std::string longest(kMaxDotPieces * token, 'x');
        Diagnostics diags;
        QVERIFY(!importDot("digraph {\n  a [kind=service];\n  b [kind=cache,\n    x_note=" + inPieces(longest, token) +
                               "];\n}\n", "long.dot", diags));
        std::string all = formatAll(diags);
        QVERIFY2(diags.size() == 1 && diags[0].code == "E-LIMIT" && diags[0].element == "b" &&
                     diags[0].pointer == "properties/x_note" && diags[0].line == 4, all.c_str());
        QVERIFY2(all.find("long.dot:4: error: component 'b': property 'x_note' is 4194240 bytes long, more than the " +
                          std::to_string(kMaxDotText) + " bytes one DOT text may hold") != std::string::npos, all.c_str());
        // Exactly at the limit it imports, and the checked export writes it back.
        const std::string fits(kMaxDotText, 'y');
        const Design d = imported("digraph { b [kind=cache, x_note=" + inPieces(fits, token) + "]; }");
        Diagnostics out;
        const auto dot = exportDot(d, "fits.probeboard", out);
        QVERIFY2(dot, formatAll(out).c_str());
        QVERIFY(imported(*dot).components() == d.components());
        // A byte more is refused by the export as well.
        Design over;
        over.addComponent({"b", "cache", "b", {{"x_note", fits + "y"}}, {}, {}});
        QVERIFY(!exportDot(over, "over.probeboard", out));
        // Measured as DOT writes it: a label's backslashes are doubled, so 1,500,000 `\q` (no
        // escape, kept as written) are 3 MB in the file and 4.5 MB written back.
        diags.clear();
        QVERIFY(!importDot("digraph {\n  a [kind=service,\n    label=" + inPieces(repeated("\\q", 1'500'000), 60'000) +
                               "];\n}\n", "q.dot", diags));
        all = formatAll(diags);
        QVERIFY2(diags.size() == 1 && diags[0].pointer == "label" && diags[0].line == 3, all.c_str());
        QVERIFY2(all.find("its label is 3000000 bytes long (4500000 as DOT writes it)") != std::string::npos, all.c_str());
    }

    // The graph's label (the design's title) had no line when it was refused: a problem was
    // placed by its element, and the title belongs to none.
    void aTitleOverTheLimitNamesItsLine()
    {
        const std::string name(2000, 'g');
        Diagnostics diags;
        QVERIFY(!importDot("digraph \"" + name + "\" {\n  a [label=\"api\"];\n  b;\n  label=\"" + repeated("\\G", 600) +
                               "\";\n}\n", "title.dot", diags));
        std::string all = formatAll(diags);
        QVERIFY2(diags.size() == 1 && diags[0].code == "E-LIMIT" && diags[0].line == 4, all.c_str());
        QVERIFY2(all.find("title.dot:4: error: graph 'ggg") != std::string::npos, all.c_str());
        // Too long as DOT writes it, set in `graph [...]`, after a cluster with a label of its own.
        diags.clear();
        QVERIFY(!importDot("digraph {\n  subgraph cluster_x { label=\"x\"; a; }\n  graph [rankdir=LR,\n    label=" +
                               inPieces(repeated("\\q", 1'500'000), 60'000) + "];\n}\n", "title2.dot", diags));
        all = formatAll(diags);
        QVERIFY2(diags.size() == 1 && diags[0].pointer == "title" && diags[0].line == 4, all.c_str());
        QVERIFY2(all.find("title2.dot:4: error: the design's title is 3000000 bytes long") != std::string::npos, all.c_str());
    }

    // A number property written with more digits than a number keeps is read as the nearest
    // number, and said, at its line; a property the vocabulary does not know keeps it as text.
    void wholeNumbersPastADoubleAreSaid()
    {
        Diagnostics diags;
        const auto d = importDot("digraph {\n  a [kind=service,\n    rps=\"12345678901234567890\",\n"
                                 "    x_id=\"12345678901234567890\", timeout_ms=9007199254740992];\n}\n", "n.dot", diags);
        QVERIFY2(d, formatAll(diags).c_str());
        QVERIFY2(diags.size() == 1 && diags[0].code == "W-NUMBER-ROUNDED" && diags[0].line == 3 && diags[0].element == "a",
                 formatAll(diags).c_str());
        QCOMPARE(diags[0].format(), std::string("n.dot:3: warning: property 'rps' of 'a' is 12345678901234567890, more "
                                                "digits than a number keeps: it is read as 12345678901234567168 [element "
                                                "'a'] [at properties/rps] (write it as text, in quotes, to keep every "
                                                "digit) [W-NUMBER-ROUNDED]"));
        const auto& p = d->component("a")->props;
        QCOMPARE(std::get<double>(p.at("rps")), 12345678901234567890.0);
        QCOMPARE(std::get<std::string>(p.at("x_id")), std::string("12345678901234567890"));
        QCOMPARE(std::get<double>(p.at("timeout_ms")), 9007199254740992.0); // 2^53: kept exactly, nothing said
    }
};

QTEST_APPLESS_MAIN(TestDot)
#include "tst_dot.moc"
