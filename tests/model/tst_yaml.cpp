// YAML read into JSON values (model/yamldocument.h): the core schema's scalars, anchors, merge
// keys, where values are written, and hostile input refused with an error at its line.
#include "model/yamldocument.h"

#include <QtTest>

using namespace pb::model;

namespace {
YamlDocument parsed(const std::string& text, Diagnostics* out = nullptr)
{
    Diagnostics diags;
    auto doc = YamlDocument::parse(text, "t.yaml", diags);
    if (!doc) qFatal("not read: %s", formatAll(diags).c_str());
    if (out) *out = diags;
    return std::move(*doc);
}

Diagnostic refused(const std::string& text)
{
    Diagnostics diags;
    if (YamlDocument::parse(text, "bad.yaml", diags)) qFatal("hostile YAML was read");
    for (const auto& d : diags)
        if (d.level == Diagnostic::Level::Error) return d;
    qFatal("refused without an error");
    return {};
}
} // namespace

class TestYaml : public QObject
{
    Q_OBJECT

private slots:
    void plainScalarsFollowTheCoreSchema()
    {
        const auto doc =
            parsed("a: true\nb: 3\nc: 0.5\nd: ~\ne: 2020-07-01\nf: '3'\ng: \"true\"\nh: 1.0.0\n"
                   "i: 0x1F\nj: -2e3\nk:\nl: yes\nm: >\n  folded\n  text\n");
        const auto& r = doc.root;
        QCOMPARE(r["a"], nlohmann::json(true));
        QCOMPARE(r["b"], nlohmann::json(3.0));
        QCOMPARE(r["c"], nlohmann::json(0.5));
        QVERIFY(r["d"].is_null());
        QCOMPARE(r["e"], nlohmann::json("2020-07-01"));
        QCOMPARE(r["f"], nlohmann::json("3"));    // quoted: text
        QCOMPARE(r["g"], nlohmann::json("true")); // quoted: text
        QCOMPARE(r["h"], nlohmann::json("1.0.0"));
        QCOMPARE(r["i"], nlohmann::json(31.0));
        QCOMPARE(r["j"], nlohmann::json(-2000.0));
        QVERIFY(r["k"].is_null());
        QCOMPARE(r["l"], nlohmann::json("yes")); // YAML 1.2: not a bool
        QCOMPARE(r["m"], nlohmann::json("folded text\n"));
    }

    void anchorsAliasesAndMergeKeys()
    {
        const auto doc = parsed("base: &b\n  usage: business\n  quantity: many\n"
                                "copy: *b\n"
                                "derived:\n  <<: *b\n  quantity: few\n"
                                "quoted:\n  \"<<\": plain key\n"
                                "list: [&x one, *x]\n");
        const auto& r = doc.root;
        QCOMPARE(r["copy"], r["base"]);
        QCOMPARE(r["derived"]["usage"], nlohmann::json("business"));
        QCOMPARE(r["derived"]["quantity"], nlohmann::json("few")); // the mapping's own key wins
        QVERIFY(!r["derived"].contains("<<"));
        QCOMPARE(r["quoted"]["<<"], nlohmann::json("plain key"));
        QCOMPARE(r["list"], nlohmann::json::parse(R"(["one","one"])"));
    }

    void positionsAreWhereKeysAndItemsAreWritten()
    {
        const auto doc = parsed("# a comment\ntechnical_assets:\n  Web Server:\n    id: web\n    "
                                "tags:\n      - a\n      - b\n");
        QCOMPARE(doc.find("/technical_assets"), std::make_pair(2, 1));
        QCOMPARE(doc.find("/technical_assets/Web Server"), std::make_pair(3, 3));
        QCOMPARE(doc.find("/technical_assets/Web Server/id"), std::make_pair(4, 5));
        QCOMPARE(doc.find("/technical_assets/Web Server/tags"), std::make_pair(5, 5));
        // A text in a list: where its list is (a mapping in a list keeps its own).
        QCOMPARE(doc.find("/technical_assets/Web Server/tags/1"), std::make_pair(5, 5));
        // Deeper than kept, or never written: the nearest enclosing value.
        QCOMPARE(doc.find("/technical_assets/Web Server/nothing"), std::make_pair(3, 3));
        QCOMPARE(doc.find(std::string("/a~1b")),
                 std::make_pair(2, 1)); // the document, after the comment
    }

    void keysComeInTheFilesOrder()
    {
        const auto doc = parsed("m:\n  zeta: 1\n  alpha: 2\n  a/b: 3\n  mid: 4\n  zeta: 5\nbase: &b {y: 1, x: 2}\ncopy: *b\n");
        QCOMPARE(doc.keysOf("/m"), (std::vector<std::string>{"zeta", "alpha", "a/b", "mid"}));
        QCOMPARE(doc.keysOf(""), (std::vector<std::string>{"m", "base", "copy"}));
        QCOMPARE(doc.keysOf("/base"), (std::vector<std::string>{"y", "x"}));
        QCOMPARE(doc.keysOf("/copy"), (std::vector<std::string>{"x", "y"})); // an alias's: sorted
        QVERIFY(doc.keysOf("/nothing").empty());
        QVERIFY(doc.keysOf("/m/zeta").empty());
    }

    void repeatedKeysAndSecondDocumentsAreWarned()
    {
        Diagnostics diags;
        const auto doc = parsed("a: 1\na: 2\n---\nb: 3\n", &diags);
        QCOMPARE(doc.root["a"], nlohmann::json(2.0));
        QVERIFY(!doc.root.contains("b"));
        const std::string all = formatAll(diags);
        QVERIFY2(all.find("t.yaml:2:1: warning") != std::string::npos &&
                     all.find("W-YAML-REPEATED") != std::string::npos,
                 all.c_str());
        QVERIFY2(all.find("W-YAML-DOCUMENTS") != std::string::npos, all.c_str());
    }

    void brokenYamlIsAnErrorAtItsLine()
    {
        const Diagnostic d = refused("a: 1\nb: [unclosed\nc: 2\n");
        QCOMPARE(d.file, std::string("bad.yaml"));
        QVERIFY(d.line >= 2);
        QVERIFY2(d.message.find("not YAML") != std::string::npos, d.message.c_str());
        const Diagnostic tab = refused("a:\n\tb: 1\n");
        QCOMPARE(tab.line, 2);
        const Diagnostic bytes = refused("a: 1\nb: \xff\xfe\n");
        QCOMPARE(bytes.line, 2);
        const Diagnostic alias = refused("a: *nowhere\n");
        QCOMPARE(alias.code, std::string("E-YAML-ALIAS"));
    }

    // What the writers write reads back as the same values, however the texts look.
    void writtenYamlReadsBackTheSame()
    {
        nlohmann::ordered_json v = {{"null", "true"}, {"3", ""}, {"list", {"a: b", "- x", "#c", "0x1F", "~", "1.0.0"}},
                                    {"text", "line\nbreak\ttab \x01 \xc3\xa9 'q' \"dq\""}, {"n", 2.5}, {"b", false},
                                    {"empty", nlohmann::ordered_json::array()}, {"nothing", nullptr},
                                    {"long", std::string(300, 'x') + " " + std::string(300, 'y')}};
        const std::string text = toYaml(v);
        QVERIFY(!text.empty());
        const auto back = parsed(text);
        QCOMPARE(back.root, nlohmann::json::parse(v.dump()));
    }

    void hostileInputIsRefusedNotMet()
    {
        // Nesting: an error, not a stack overflow.
        const Diagnostic deep = refused(std::string(100000, '[') + std::string(100000, ']'));
        QCOMPARE(deep.code, std::string("E-YAML-DEPTH"));
        std::string block;
        for (int i = 0; i < 2000; ++i)
            block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
        QCOMPARE(refused(block).code, std::string("E-YAML-DEPTH"));
        // A billion laughs: nine levels of ten aliases each.
        std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'j'; ++c) {
            const char p = static_cast<char>(c - 1);
            laughs += std::string(1, c) + ": &" + c + " [";
            for (int i = 0; i < 10; ++i)
                laughs += std::string(i ? ", " : "") + "*" + p;
            laughs += "]\n";
        }
        QCOMPARE(refused(laughs).code, std::string("E-YAML-SIZE"));
        // NUL bytes and an empty file.
        QCOMPARE(refused(std::string("a: 1\n\0b: 2\n", 11)).line, 2);
        QVERIFY(parsed("").root.is_null());
    }
};

QTEST_APPLESS_MAIN(TestYaml)
#include "tst_yaml.moc"
