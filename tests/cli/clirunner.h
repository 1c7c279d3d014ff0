#pragma once
// What the CLI tests share: probeboard-cli run as CI runs it, in a scratch folder with no user
// packs from the machine, and the checks its JSON and SARIF output must pass.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

inline const QString kCore = QStringLiteral(PB_RESOURCES "/packs/core.json");

// Designs several CLI tests check: a service that reads through a cache and calls its database
// with no circuit breaker (a high finding, on line 1), and one with nothing high.
namespace clidesigns {
inline constexpr const char* kBreaker =
    "digraph { api [kind=service, label=\"Orders API\", rps=2000]; redis [kind=cache, hit_ratio=0.9];\n"
    "  db [kind=database, failover=manual]; api -> redis; api -> db; }\n";
inline constexpr const char* kLowOnly = "digraph { a [kind=service]; }\n";
} // namespace clidesigns

class CliRunner
{
protected:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

    // A one-rule pack, laid out so that the rule's id is on line 2 and its anchor's kind on line 3.
    QString writeRulePack(const QString& name, const QString& packId, const QString& ruleId, const QString& kind)
    {
        return write(name, QStringLiteral("{\"format\": \"probeboard-rules/1\", \"pack\": {\"id\": \"%1\"},\n"
                                          "\"rules\": [{\"id\": \"%2\", \"title\": \"t\", \"category\": \"failure\", "
                                          "\"severity\": \"high\", \"level\": \"senior\",\n"
                                          "\"match\": {\"each\": {\"$d\": {\"kind\": [\"%3\"]}}}, \"why\": \"w\",\n"
                                          "\"questions\": [{\"text\": \"q\", \"answer_points\": [\"a\", \"b\", \"c\"]}]}]}\n")
                               .arg(packId, ruleId, kind)
                               .toUtf8());
    }

    Run run(const QStringList& args, const QByteArray& input = {}, const QString& cwd = {})
    {
        QProcess p;
        if (!cwd.isEmpty()) p.setWorkingDirectory(cwd);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", m_dir.filePath("xdg")); // no user packs from the machine
        env.insert("HOME", m_dir.path());
        env.remove("PROBEBOARD_RESOURCES");
        p.setProcessEnvironment(env);
        p.start(PB_CLI_PATH, args);
        if (!input.isEmpty()) p.write(input);
        p.closeWriteChannel(); // a command reading standard input sees it end
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        Run r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    // Only the core pack, so other packs cannot change these expectations.
    Run check(QStringList args)
    {
        args.prepend("check");
        args << "--no-builtin" << "--rules" << kCore;
        return run(args);
    }

    static QJsonObject object(const QByteArray& out)
    {
        QJsonParseError e;
        const auto doc = QJsonDocument::fromJson(out, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) qFatal("not a JSON object: %s", out.constData());
        return doc.object();
    }

    // What the official OASIS schema says is wrong with a SARIF file, checked by Python's
    // jsonschema (Debian python3-jsonschema); empty when it is valid.
    static QByteArray sarifSchemaErrors(const QString& path)
    {
        const QString schema = QStringLiteral(PB_TEST_DATA "/sarif-schema-2.1.0.json");
        if (!QFile::exists(schema)) return "no schema at " + schema.toUtf8();
        QProcess py;
        py.start("/usr/bin/python3", {"-c",
                                      "import json, sys, jsonschema\n"
                                      "schema = json.load(open(sys.argv[1]))\n"
                                      "doc = json.load(open(sys.argv[2]))\n"
                                      "jsonschema.Draft7Validator.check_schema(schema)\n"
                                      "errs = list(jsonschema.Draft7Validator(schema).iter_errors(doc))\n"
                                      "[print(list(e.absolute_path), e.message) for e in errs]\n"
                                      "sys.exit(1 if errs else 0)\n",
                                      schema, path});
        if (!py.waitForFinished(120000)) return "the schema check did not finish";
        if (py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0) return {};
        return "schema check failed: " + py.readAllStandardOutput() + py.readAllStandardError();
    }

    static QStringList strings(const QJsonValue& v)
    {
        QStringList out;
        for (const auto& x : v.toArray()) out << x.toString();
        return out;
    }
};
