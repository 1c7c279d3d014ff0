#include "app/desktop/document.h"
#include "app/desktop/layoutrunner.h"
#include "layouttest.h"
#include "testdesigns.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// Auto-layout runs in a helper process. Stand-in helpers (shell scripts) play Graphviz that
// answers, hangs, or crashes; the window's design must only ever change by one undoable step.
class TstLayoutRunner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString& name, const QByteArray& body)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\n" + body);
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanupTestCase() { qunsetenv("PROBEBOARD_CLI"); }

    void resultIsAppliedAsOneCommand()
    {
        // $2 is IN, $3 is OUT: "layout IN OUT --engine dot".
        const QString cli = script(QStringLiteral("ok.sh"),
                                   "test \"$1\" = layout || exit 3\n"
                                   "echo '{\"nodes\":[{\"id\":\"api\",\"x\":1000,\"y\":40},"
                                   "{\"id\":\"cache\",\"x\":1200,\"y\":40}],"
                                   "\"clusters\":[{\"id\":\"eu\",\"x\":960,\"y\":0,\"width\":500,"
                                   "\"height\":200}]}' > \"$3\"\n");
        Document doc;
        doc.reset(test::smallDesign(), QString());
        const model::Design before = doc.design();
        QString message;
        QVERIFY2(test::runLayout(cli, doc, 5000, &message), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Auto-layout (dot)"));
        QCOMPARE(doc.design().component("api")->pos, (model::Point{1000, 40}));
        QCOMPARE(doc.design().zone("eu")->size.width, 500.0);
        doc.undoStack()->undo();
        QVERIFY(doc.design() == before);
    }

    void hangIsStoppedByTheTimeLimit()
    {
        const QString cli = script(QStringLiteral("hang.sh"), "sleep 30\n");
        Document doc;
        doc.reset(test::smallDesign(), QString());
        QString message;
        QVERIFY(!test::runLayout(cli, doc, 300, &message));
        QVERIFY2(message.contains(QStringLiteral("longer than")), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void crashLeavesDesignAlone()
    {
        const QString cli = script(QStringLiteral("crash.sh"), "kill -SEGV $$\n");
        Document doc;
        doc.reset(test::smallDesign(), QString());
        QString message;
        QVERIFY(!test::runLayout(cli, doc, 5000, &message));
        QVERIFY2(message.contains(QStringLiteral("crashed")), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void garbageResultIsReported()
    {
        const QString cli = script(QStringLiteral("garbage.sh"), "echo 'not json' > \"$3\"\n");
        Document doc;
        doc.reset(test::smallDesign(), QString());
        QString message;
        QVERIFY(!test::runLayout(cli, doc, 5000, &message));
        QVERIFY2(message.contains(QStringLiteral("unreadable")), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 0);
    }
};

QTEST_MAIN(TstLayoutRunner)
#include "tst_layoutrunner.moc"
