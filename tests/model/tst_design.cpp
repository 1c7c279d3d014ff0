// The design graph's lookups by id, which read ids from the elements themselves (IdIndex), its
// property map, and how its texts are made safe to print (printable).
#include "model/design.h"
#include "model/printable.h"

#include <QtTest>

#include <unordered_set>
#include <string>
#include <vector>

using namespace pb::model;

namespace {
Component comp(const std::string& id)
{
    Component c;
    c.id = id;
    c.kind = "service";
    return c;
}

Flow flow(const std::string& id, const std::string& from, const std::string& to)
{
    Flow f;
    f.id = id;
    f.from = from;
    f.to = to;
    return f;
}

// Every element is found by its id, as the right type and at its place; other types are not.
void checkFindsAll(const Design& d)
{
    for (std::size_t i = 0; i < d.components().size(); ++i) {
        const auto& id = d.components()[i].id;
        QCOMPARE(d.component(id), &d.components()[i]);
        QVERIFY(!d.flow(id));
        QCOMPARE(*d.typeOf(id), ElementType::Component);
    }
    for (std::size_t i = 0; i < d.flows().size(); ++i) {
        QCOMPARE(d.flow(d.flows()[i].id), &d.flows()[i]);
        QVERIFY(!d.component(d.flows()[i].id));
    }
    for (std::size_t i = 0; i < d.zones().size(); ++i)
        QCOMPARE(d.zone(d.zones()[i].id), &d.zones()[i]);
}
} // namespace

class TestDesign : public QObject
{
    Q_OBJECT
private slots:
    void findsEveryElementAsTheTableGrows()
    {
        Design d;
        for (int i = 0; i < 5000; ++i)
            QVERIFY(d.addComponent(comp("c" + std::to_string(i))));
        for (int i = 0; i < 5000; ++i)
            QVERIFY(d.addFlow(flow("f" + std::to_string(i), "c" + std::to_string(i), "c0")));
        Zone z;
        z.id = "eu";
        QVERIFY(d.addZone(z));
        checkFindsAll(d);
        QVERIFY(!d.contains("c5000"));
        QVERIFY(!d.contains(""));
        QVERIFY(!d.component("f12"));
    }

    // componentsOf() looks many ids up in a pipeline, a few ahead of need: each answer must still
    // be the one component() gives, in order, for runs shorter and longer than the pipeline, and
    // ids that name nothing or name a flow give nullptr.
    void manyLookupsGiveWhatOneByOneGives()
    {
        Design empty;
        int calls = 0;
        empty.componentsOf(3, [](std::size_t) -> const std::string& { static const std::string id = "c1"; return id; },
                           [&](std::size_t, const Component* c) { calls += c ? 100 : 1; });
        QCOMPARE(calls, 3);
        Design d;
        for (int i = 0; i < 3000; ++i)
            QVERIFY(d.addComponent(comp("c" + std::to_string(i))));
        QVERIFY(d.addFlow(flow("f1", "c1", "c2")));
        for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{17}, std::size_t{40}, std::size_t{7000}}) {
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < n; ++i)
                ids.push_back(i % 7 == 3 ? "missing" + std::to_string(i) : i % 11 == 5 ? "f1" : "c" + std::to_string((i * 7919) % 3000));
            std::vector<std::size_t> order;
            d.componentsOf(n, [&](std::size_t i) -> const std::string& { return ids[i]; }, [&](std::size_t i, const Component* c) {
                order.push_back(i);
                QCOMPARE(c, d.component(ids[i]));
            });
            QCOMPARE(order.size(), n);
            for (std::size_t i = 0; i < order.size(); ++i) QCOMPARE(order[i], i);
        }
    }

    void refusesATakenIdOfAnyType()
    {
        Design d;
        QVERIFY(d.addComponent(comp("a")));
        QVERIFY(!d.addComponent(comp("a")));
        QVERIFY(!d.addFlow(flow("a", "a", "a")));
        QVERIFY(!d.addComponent(comp("")));
        QCOMPARE(d.components().size(), std::size_t{1});
        QCOMPARE(*d.typeOf("a"), ElementType::Component);
    }

    void removalAndInsertionInPlaceKeepLookupsRight()
    {
        Design d;
        for (int i = 0; i < 100; ++i)
            d.addComponent(comp("c" + std::to_string(i)));
        auto removed = d.removeComponent("c10");
        QVERIFY(removed);
        QCOMPARE(removed->second, std::size_t{10});
        QVERIFY(!d.contains("c10"));
        checkFindsAll(d);
        // Undo puts it back where it was; every later element moves up one place.
        QVERIFY(d.addComponent(std::move(removed->first), 10));
        QCOMPARE(d.components()[10].id, std::string("c10"));
        checkFindsAll(d);
        QVERIFY(!d.removeFlow("c11")); // the wrong type removes nothing
        QVERIFY(d.contains("c11"));
    }

    // Delete of a selection and its undo: many elements out in one pass, and back in their
    // places, whatever the subset (every element, none, the first, the last, scattered).
    void removeAllThenRestoreGivesTheDesignBack()
    {
        Design d;
        for (int i = 0; i < 60; ++i) d.addComponent(comp("c" + std::to_string(i)));
        for (int i = 0; i < 59; ++i) d.addFlow(flow("f" + std::to_string(i), "c" + std::to_string(i), "c" + std::to_string(i + 1)));
        Zone z;
        z.id = "z";
        z.members = {"c1", "c2"};
        d.addZone(z);
        const Design original = d;
        for (int pattern = 0; pattern < 8; ++pattern) {
            std::unordered_set<std::string> ids;
            for (int i = 0; i < 60; ++i)
                if (pattern == 0 || (pattern > 1 && (i * 7 + pattern) % pattern == 0) || (pattern == 1 && i == 59))
                    ids.insert("c" + std::to_string(i));
            for (int i = 0; i < 59; i += pattern + 1) ids.insert("f" + std::to_string(i));
            if (pattern % 2) ids.insert("z");
            ids.insert("not-there");
            Design::Removed r = d.removeAll(ids);
            QCOMPARE(r.components.size() + r.flows.size() + r.zones.size(), ids.size() - 1);
            for (const auto& id : ids) QVERIFY(!d.contains(id));
            checkFindsAll(d);
            d.restore(std::move(r));
            QVERIFY2(d == original, qPrintable(QString::number(pattern)));
            checkFindsAll(d);
        }
        // Restoring an id that was taken meanwhile leaves the newcomer and drops the old one.
        Design::Removed r = d.removeAll({"c5"});
        d.addComponent(comp("c5"));
        d.restore(std::move(r));
        QCOMPARE(d.components().size(), std::size_t{60});
        QCOMPARE(d.components().back().id, std::string("c5"));
        checkFindsAll(d);
    }

    // The index holds places, not pointers or ids: a copy finds its own elements.
    void aCopyFindsItsOwnElements()
    {
        Design d;
        for (int i = 0; i < 40; ++i)
            d.addComponent(comp("c" + std::to_string(i)));
        Design copy = d;
        d.removeComponent("c0");
        QCOMPARE(copy.component("c0"), &copy.components()[0]);
        QCOMPARE(copy.component("c39"), &copy.components()[39]);
        checkFindsAll(copy);
        Design moved = std::move(copy);
        checkFindsAll(moved);
        QVERIFY(moved.contains("c0"));
        QCOMPARE(moved.uniqueId("c"), std::string("c-41"));
    }

    // Properties read like the sorted map they were: keys in order however they were added,
    // the first of a repeated key in a list, at() that throws, erase by key.
    void propertiesKeepKeysSorted()
    {
        Properties p{{"rps", 10.0}, {"data", StringList{"pii"}}, {"rps", 99.0}};
        p["fencing"] = std::string("epoch");
        p.insert_or_assign("zone_note", true);
        std::vector<std::string> keys;
        for (const auto& [k, v] : p)
            keys.push_back(k);
        QCOMPARE(keys, (std::vector<std::string>{"data", "fencing", "rps", "zone_note"}));
        QCOMPARE(std::get<double>(p.at("rps")), 10.0);
        QVERIFY(p.count("fencing") == 1 && p.find("nope") == p.end());
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, p.at("nope"));
        QCOMPARE(p.erase("data"), std::size_t{1});
        QCOMPARE(p.erase("data"), std::size_t{0});
        QCOMPARE(p.size(), std::size_t{3});
        Properties q;
        q["zone_note"] = true;
        q["rps"] = 10.0;
        q["fencing"] = std::string("epoch");
        QVERIFY(p == q);
        QVERIFY(!p.try_emplace("rps", 5.0).second);
        // Built from pairs in any order: sorted, and the last of a repeated key stands.
        const auto r = Properties::fromPairs({{"z", 1.0}, {"a", 2.0}, {"m", 3.0}, {"a", 4.0}});
        QCOMPARE(r.size(), std::size_t{3});
        QCOMPARE(r.begin()->first, std::string("a"));
        QCOMPARE(std::get<double>(r.at("a")), 4.0);
        QCOMPARE(std::get<double>(*findProperty(p, "rps")), 10.0);
    }

    void printableShowsWhatATerminalWouldObey()
    {
        // Plain text, accents and symbols included, comes back as it is, without a copy.
        std::string buf;
        const std::string plain = "Orders DB (eu-west-1) é ✓ → 日本";
        QCOMPARE(printable(plain, buf).data(), plain.data());
        QVERIFY(buf.empty());
        // Escape sequences: ESC and BEL become their control pictures, so nothing is obeyed.
        QCOMPARE(printable("db\x1b[2J\x1b]0;x\x07"), std::string("db\u241b[2J\u241b]0;x\u2407"));
        // A line break would forge a report line or end a table row; kept only where asked.
        QCOMPARE(printable("a\nHIGH fake\r"), std::string("a HIGH fake\u240d"));
        QCOMPARE(printable("a\nb", LineBreaks::Keep), std::string("a\nb"));
        QCOMPARE(printable("a\r\nb", LineBreaks::Keep), std::string("a\u240d\nb"));
        QCOMPARE(printable("a\tb"), std::string("a b"));
        QCOMPARE(printable(std::string("a\0b", 3)), std::string("a\u2400b"));
        QCOMPARE(printable("a\x7f"), std::string("a\u2421"));
        // C1 controls (CSI is U+009B) and the bidirectional overrides and isolates by code point.
        QCOMPARE(printable("x\u009b2Jy"), std::string("x<U+009B>2Jy"));
        QCOMPARE(printable("pay\u202egnp.exe"), std::string("pay<U+202E>gnp.exe"));
        QCOMPARE(printable("\u2066a\u2069\u2028"), std::string("<U+2066>a<U+2069><U+2028>"));
        // Their neighbours in the same blocks stay: a non-breaking space, an en dash, a word joiner.
        const std::string near = "a\u00a0b\u2013c\u2060d\u00e9";
        QCOMPARE(printable(near), near);
        // A sequence cut short at the end is left alone, not read past.
        QCOMPARE(printable(std::string("ab\xe2\x80")), std::string("ab\xe2\x80"));
        QCOMPARE(printable(std::string("ab\xc2")), std::string("ab\xc2"));
    }
};

QTEST_APPLESS_MAIN(TestDesign)
#include "tst_design.moc"
