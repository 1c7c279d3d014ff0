// Asking for facts the drawing lacks: each branch of a match asks about its own element.
#include "model/dotimport.h"
#include "rules/engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
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
};

QTEST_GUILESS_MAIN(TestAsks)
#include "tst_asks.moc"
