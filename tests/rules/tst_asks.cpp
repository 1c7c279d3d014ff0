// Asking for facts the drawing lacks: each branch of a match asks about its own element.
#include "model/dotimport.h"
#include "rules/chunkedlist.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <set>

using namespace pb;

namespace {
// One rule: a service's writes reach stores (any number of hops) whose `data` decides the match.
const char* kPack = R"({
  "format": "probeboard-rules/1",
  "pack": {"id": "asks-test", "version": "1"},
  "rules": [{
    "id": "reach-each-store", "title": "t", "category": "compliance", "severity": "high", "level": "mid",
    "match": {"each": {"$s": {"kind": ["service"]}},
              "where": [{"reach": {"from": "$s", "dir": "out", "each": true, "to": "$d", "kind": ["database"],
                                   "where": [{"prop": "$d.data", "contains_any": ["pii"]}]}}]},
    "report": {"targets": ["$s", "$d"]},
    "why": "{{$s.label}} reaches {{$d.label}}",
    "questions": [{"text": "q {{$d.label}}", "answer_points": ["a", "b", "c"]}]
  }, {
    "id": "step-each-store", "title": "t2", "category": "compliance", "severity": "high", "level": "mid",
    "match": {"each": {"$w": {"kind": ["worker"]}},
              "where": [{"step": {"from": "$w", "dir": "out", "to": "$d", "kind": ["database"]}},
                        {"prop": "$d.backups", "eq": false}]},
    "report": {"targets": ["$w", "$d"]},
    "why": "{{$w.label}} writes {{$d.label}}",
    "questions": [{"text": "q2 {{$d.label}}", "answer_points": ["a", "b", "c"]}]
  }]
})";
} // namespace

class TestAsks : public QObject
{
    Q_OBJECT
    rules::RuleSet m_rules;
    QTemporaryDir m_dir;

    std::set<std::string> askedElements(const char* dot, const std::string& key)
    {
        model::Diagnostics diags;
        auto d = model::importDot(dot, "asks.dot", diags);
        std::set<std::string> out;
        if (!d) return out;
        for (const auto& f : m_rules.review(*d).findings)
            if (f.kind == rules::Finding::Kind::Ask && f.title.find(key) != std::string::npos)
                out.insert(f.targets.front());
        return out;
    }

private slots:
    void initTestCase()
    {
        const std::string path = m_dir.filePath("asks.json").toStdString();
        std::ofstream(path) << kPack;
        model::Diagnostics diags;
        QVERIFY2(m_rules.loadPack(path, diags), diags.empty() ? "" : diags.front().message.c_str());
    }

    void everyReachedTargetIsAskedAbout()
    {
        // Three stores reached, none says what it holds: three questions, one per store.
        const auto asked = askedElements(
            "digraph { s [kind=service]; a [kind=database]; b [kind=database]; m [kind=service];"
            " c [kind=database]; s -> a; s -> b; s -> m; m -> c; }", "data");
        QCOMPARE(asked, (std::set<std::string>{"a", "b", "c"}));
    }

    void everyStepNeighbourIsAskedAbout()
    {
        const auto asked = askedElements(
            "digraph { w [kind=worker]; a [kind=database]; b [kind=database]; w -> a; w -> b; }", "backups");
        QCOMPARE(asked, (std::set<std::string>{"a", "b"}));
    }

    void aDrawnFactIsNotAsked()
    {
        const auto asked = askedElements(
            "digraph { s [kind=service]; a [kind=database, data=\"usage\"]; b [kind=database]; s -> a; s -> b; }",
            "data");
        QCOMPARE(asked, (std::set<std::string>{"b"}));
    }

    void manyAsksKeepTheirLabelsAndOrder()
    {
        // 300 stores, each written by its own worker and reached by one service: two asks per
        // store, 600 in all, kept over several of the list's blocks. A store with a label is
        // named by it, one without by its id.
        std::string dot = "digraph { s [kind=service];";
        for (int i = 0; i < 300; ++i) {
            const std::string n = std::to_string(i);
            dot += " w" + n + " [kind=worker]; d" + n + " [kind=database" +
                   (i % 2 ? std::string(", label=\"Store ") + n + "\"" : std::string()) + "];";
            dot += " w" + n + " -> d" + n + "; s -> d" + n + ";";
        }
        dot += " }";
        model::Diagnostics diags;
        auto d = model::importDot(dot, "many.dot", diags);
        QVERIFY(d);
        auto asksOn = [&](int threads) {
            rules::ReviewOptions opts;
            opts.threads = threads;
            std::map<std::string, std::vector<std::string>> titles; // element → its asks' titles, in order
            for (const auto& f : m_rules.review(*d, opts).findings)
                if (f.kind == rules::Finding::Kind::Ask) titles[f.targets.front()].push_back(f.title.str());
            return titles;
        };
        auto titles = asksOn(1);
        QCOMPARE(asksOn(2), titles); // two threads: each keeps its own asks, merged in finish()
        QCOMPARE(titles.size(), std::size_t{300});
        QCOMPARE(titles["d7"], (std::vector<std::string>{"Not drawn: data of Store 7", "Not drawn: backups of Store 7"}));
        QCOMPARE(titles["d8"], (std::vector<std::string>{"Not drawn: data of d8", "Not drawn: backups of d8"}));
        QCOMPARE(titles["d299"].size(), std::size_t{2});
    }

    // A rule without words of its own for an ask gets a question from the vocabulary, the key
    // quoted as a field ("What is the data of d?" read wrongly), a yes-or-no one asked as such.
    void asksWithoutTheirOwnWordsQuoteTheKey()
    {
        model::Diagnostics diags;
        auto d = model::importDot("digraph { s [kind=service]; w [kind=worker]; d [kind=database]; "
                                  "s -> d; w -> d; }", "a.dot", diags);
        QVERIFY(d);
        std::map<std::string, std::string> asked; // title → question
        for (const auto& f : m_rules.review(*d).findings)
            if (f.kind == rules::Finding::Kind::Ask) asked[f.title.str()] = f.questions.at(0).text.str();
        QCOMPARE(asked["Not drawn: data of d"], std::string("What is 'data' for d? (Data classes held here.)"));
        QCOMPARE(asked["Not drawn: backups of d"],
                 std::string("Is 'backups' true for d? (Regular backups are taken and restores are tested.)"));
    }

    void chunkedListNeverMovesWhatItHolds()
    {
        rules::ChunkedList<std::string> list;
        std::vector<const std::string*> where;
        for (int i = 0; i < 5000; ++i) where.push_back(&list.push_back("item " + std::to_string(i)));
        QCOMPARE(list.size(), std::size_t{5000});
        int i = 0;
        for (const auto& s : list) {
            QCOMPARE(&s, where[static_cast<std::size_t>(i)]);
            QCOMPARE(s, "item " + std::to_string(i));
            QCOMPARE(&list[static_cast<std::size_t>(i)], where[static_cast<std::size_t>(i)]);
            ++i;
        }
        QCOMPARE(i, 5000);
        rules::ChunkedList<std::string> copy = list;
        const std::string* last = &copy[4999];
        copy.push_back("one more"); // room kept past the copied items: nothing of the copy moves
        QCOMPARE(copy.size(), std::size_t{5001});
        QCOMPARE(&copy[4999], last);
        QCOMPARE(copy[4999], std::string("item 4999"));
        QCOMPARE(copy[5000], std::string("one more"));
        rules::ChunkedList<std::string> moved = std::move(list);
        QVERIFY(list.empty()); // NOLINT: a list moved from is empty, like a vector
        QVERIFY(list.begin() == list.end());
        QCOMPARE(moved.size(), std::size_t{5000});
        QCOMPARE(&moved[4999], where[4999]); // the blocks themselves moved, not what they hold
    }
};

QTEST_GUILESS_MAIN(TestAsks)
#include "tst_asks.moc"
