// What may waive a finding in CI, and what a report shows of text it does not control: decisions
// recorded in the design, baselines, pack ids, and file names in Markdown.
#include "clirunner.h"

namespace {
const char* kBreaker = "digraph { api [kind=service, label=\"Orders API\", rps=2000]; redis [kind=cache, hit_ratio=0.9];\n"
                       "  db [kind=database, failover=manual]; api -> redis; api -> db; }\n";
const char* kUnfenced = "digraph { db [kind=database, failover=automatic]; }\n";
} // namespace

class TestCliDecisions : public QObject, public CliRunner
{
    Q_OBJECT

    // The breaker design as a .probeboard file with one decision on its high finding.
    QString decided(const QString& name, const QString& status, const QString& expires = {}, const QJsonObject& change = {})
    {
        const QString dot = write(name + ".dot", kBreaker);
        const QString file = m_dir.filePath(name + ".probeboard");
        if (run({"convert", dot, file}).code != 0) qFatal("cannot convert %s", qPrintable(dot));
        const Run before = check({file, "--format", "json"});
        QString fingerprint;
        for (const auto& f : object(before.out)["findings"].toArray())
            if (f.toObject()["rule"].toString() == "missing-circuit-breaker")
                fingerprint = f.toObject()["fingerprint"].toString();
        if (fingerprint.isEmpty()) qFatal("no missing-circuit-breaker finding");
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file));
        QJsonObject design = QJsonDocument::fromJson(in.readAll()).object();
        in.close();
        QJsonObject decision{{"fingerprint", fingerprint}, {"rule", "missing-circuit-breaker"},
                             {"status", status}, {"justification", "breaker in the client library"}, {"owner", "ana"}};
        if (!expires.isEmpty()) decision["expires"] = expires;
        for (auto it = change.begin(); it != change.end(); ++it) decision[it.key()] = it.value();
        design["decisions"] = QJsonArray{decision};
        return write(name + ".probeboard", QJsonDocument(design).toJson());
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Only a settled decision lets the build pass; one in discussion, a misspelt status and an
    // expiry that is not a date leave the finding open, and the last two say so.
    void onlySettledDecisionsWaiveAFinding()
    {
        QCOMPARE(check({write("open.dot", kBreaker)}).code, 1);
        for (const char* status : {"accepted", "mitigated", "not_applicable"}) {
            const Run r = check({decided(status, status)});
            QVERIFY2(r.code == 0, status);
            QVERIFY2(r.err.isEmpty(), r.err.constData());
        }
        const Run discussed = check({decided("discussed", "in_discussion"), "--format", "json"});
        QCOMPARE(discussed.code, 1);
        QCOMPARE(object(discussed.out)["summary"].toObject()["decided"].toInt(), 0);

        const Run typo = check({decided("typo", "acepted")});
        QCOMPARE(typo.code, 1);
        QVERIFY2(typo.err.contains("typo.probeboard:") && typo.err.contains("'acepted'") &&
                     typo.err.contains("did you mean 'accepted'"),
                 typo.err.constData());
        QVERIFY2(typo.out.contains("(open again)") && typo.out.contains("'acepted' is not a status"), typo.out.constData());
        // Scripts read the status: a misspelt one is "open", as it counts.
        const Run typoJson = check({decided("typo", "acepted"), "--format", "json"});
        const QString typoStatus = object(typoJson.out)["findings"].toArray().first().toObject()["status"].toString();
        QCOMPARE(typoStatus, QStringLiteral("open"));

        const Run vague = check({decided("vague", "accepted", "next spring"), "--format", "json"});
        QCOMPARE(vague.code, 1);
        QVERIFY2(vague.err.contains("vague.probeboard:") && vague.err.contains("YYYY-MM-DD"), vague.err.constData());
        QCOMPARE(check({decided("dated", "accepted", "2999-12-31")}).code, 0);
        QCOMPARE(check({decided("past", "accepted", "2001-01-31")}).code, 1);

        // Written by hand without an owner or a reason, or pointed at another rule, a decision
        // waived the finding all the same.
        const Run ownerless = check({decided("ownerless", "accepted", {}, {{"owner", ""}})});
        QCOMPARE(ownerless.code, 1);
        QVERIFY2(ownerless.out.contains("has no owner"), ownerless.out.constData());
        QVERIFY2(ownerless.err.contains("ownerless.probeboard:") && ownerless.err.contains("has no owner"), ownerless.err.constData());
        QCOMPARE(check({decided("unjustified", "mitigated", {}, {{"justification", " "}})}).code, 1);
        const Run otherRule = check({decided("other", "accepted", {}, {{"rule", "unfenced-failover"}})});
        QCOMPARE(otherRule.code, 1);
        QVERIFY2(otherRule.out.contains("names rule 'unfenced-failover'"), otherRule.out.constData());
        QCOMPARE(check({decided("expired-text", "accepted", "2001-01-31")}).out.contains("expired on 2001-01-31"), true);
    }

    // SARIF tells a dashboard the same: in discussion is "underReview", which does not suppress.
    void sarifSaysWhichDecisionsSuppress()
    {
        for (const auto& [status, sarif] : {std::pair{"accepted", "accepted"}, std::pair{"in_discussion", "underReview"}}) {
            const QString out = m_dir.filePath(QString("%1.sarif").arg(status));
            check({decided(QString("sarif-%1").arg(status), status), "--format", "sarif", "--output", out});
            const QByteArray errors = sarifSchemaErrors(out);
            QVERIFY2(errors.isEmpty(), errors.constData());
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QStringList seen;
            for (const auto& r : object(file.readAll())["runs"].toArray().first().toObject()["results"].toArray())
                for (const auto& s : r.toObject()["suppressions"].toArray()) seen << s.toObject()["status"].toString();
            QCOMPARE(seen, QStringList{sarif});
        }
    }

    // A baseline must name every finding it holds: one it cannot read would hide nothing and
    // report everything as new, silently.
    void baselineThatCannotNameItsFindingsIsRefused()
    {
        const QString design = write("b.dot", kBreaker);
        const QString numbers = write("numbers.json", "{\"findings\": [\n  {\"fingerprint\": \"ab12\"},\n  {\"fingerprint\": 12}\n]}\n");
        const Run r = check({design, "--baseline", numbers});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("numbers.json:3:") && r.err.contains("/findings/1"), r.err.constData());
        const Run inArray = check({design, "--baseline", write("array.json", "[{\"findings\": []}, {\"file\": \"x\"}]")});
        QCOMPARE(inArray.code, 2);
        QVERIFY2(inArray.err.contains("array.json") && inArray.err.contains("/1"), inArray.err.constData());
        QCOMPARE(check({design, "--baseline", write("empty.json", "{\"findings\": []}")}).code, 1);
    }

    // Ids and categories are shown in reports and typed on command lines: plain words only.
    void packIdsAreSingleWords()
    {
        auto pack = [&](const QString& name, const QByteArray& packId, const QByteArray& ruleId, const QByteArray& category) {
            return write(name, "{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"" + packId + "\", \"version\": \"1\"},\n"
                               "\"rules\": [{\"id\": \"" + ruleId + "\", \"title\": \"t\", \"category\": \"" + category + "\",\n"
                               "\"severity\": \"low\", \"level\": \"mid\", \"match\": {\"each\": {\"$s\": {\"kind\": [\"service\"]}}},\n"
                               "\"why\": \"w\", \"questions\": [{\"text\": \"q\", \"answer_points\": [\"a\", \"b\", \"c\"]}]}]}\n");
        };
        const QString design = write("p.dot", kBreaker);
        QCOMPARE(run({"check", design, "--rules", pack("good.json", "team", "team-rule_1.2", "failure/cascade-x")}).code, 1);
        const struct { const char* file; QByteArray pack, rule, category, where; } bad[] = {
            {"rule-space.json", "team", "team rule", "failure", "/rules/0/id"},
            {"rule-pipe.json", "team", "team|x`y", "failure", "/rules/0/id"},
            {"rule-dash.json", "team", "-team", "failure", "/rules/0/id"},
            {"pack-id.json", "te am", "team-rule", "failure", "/pack/id"},
            {"category.json", "team", "team-rule", "failure/a b", "/rules/0/category"},
            {"category-empty.json", "team", "team-rule", "failure/", "/rules/0/category"},
        };
        for (const auto& b : bad) {
            const Run r = run({"check", design, "--rules", pack(b.file, b.pack, b.rule, b.category)});
            QVERIFY2(r.code == 2, b.file);
            QVERIFY2(r.err.contains(b.file) && r.err.contains(b.where) && r.err.contains("letters, digits"),
                     r.err.constData());
        }
    }

    // Two designs of one name in two folders (a monorepo): each is matched to its own result,
    // however its path is written or wherever it is run from; one the baseline does not hold is
    // never given another's. The second used to take the first's, and the third to hide all.
    void baselinesAreMatchedByPathNotByName()
    {
        QVERIFY(QDir(m_dir.path()).mkpath("a") && QDir(m_dir.path()).mkpath("b") && QDir(m_dir.path()).mkpath("c"));
        write("a/design.dot", kBreaker);
        write("b/design.dot", kUnfenced);
        write("c/design.dot", kBreaker);
        const QString baseline = m_dir.filePath("ab.json");
        QCOMPARE(run({"check", "a/design.dot", "b/design.dot", "--no-builtin", "--rules", kCore, "--format", "json",
                      "--output", baseline}, {}, m_dir.path()).code, 1);
        auto newFindings = [&](const QStringList& args, const QString& cwd) {
            const Run r = run(QStringList{"check"} + args + QStringList{"--no-builtin", "--rules", kCore, "--format", "json"}, {}, cwd);
            return std::make_pair(QJsonDocument::fromJson(r.out).object()["findings"].toArray().size(), r.err);
        };
        const auto dotted = newFindings({"./b/design.dot", "--baseline", "ab.json"}, m_dir.path());
        QCOMPARE(dotted.first, 0);
        QVERIFY2(!dotted.second.contains("W-BASELINE-FILE"), dotted.second.constData());
        QCOMPARE(newFindings({"design.dot", "--baseline", "../ab.json"}, m_dir.filePath("b")).first, 0);
        QCOMPARE(newFindings({m_dir.filePath("a/design.dot"), "--baseline", baseline}, QDir::tempPath()).first, 0);
        const auto other = newFindings({"c/design.dot", "--baseline", "ab.json"}, m_dir.path());
        QVERIFY(other.first > 0);
        QVERIFY2(other.second.contains("several files of that name"), other.second.constData());
        // A design with no findings has a result all the same.
        QCOMPARE(run({"check", "c/design.dot", "--no-builtin", "--rules", kCore, "--baseline",
                      write("none.json", "{\"file\": \"c/design.dot\", \"findings\": []}")}, {}, m_dir.path()).err,
                 QByteArray());
    }

    // A file name is shown in a code span whose fence no backtick in the name can close.
    void markdownShowsAnyFileName()
    {
        const QString design = write("a`b``c.dot", kBreaker);
        const Run r = check({design, "--format", "markdown"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("File ``` " + m_dir.filePath("a`b``c.dot").toUtf8() + " ``` —") ||
                     r.out.contains("File ```" + m_dir.filePath("a`b``c.dot").toUtf8() + "``` —"),
                 r.out.left(400).constData());
    }
};

QTEST_APPLESS_MAIN(TestCliDecisions)
#include "tst_clidecisions.moc"
