// Fault injection for the whiteboard: a process killed while drawing, and Graphviz crashing or
// hanging in the real probeboard-cli on hostile input (tens of thousands of zones).
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/layoutrunner.h"
#include "app/desktop/recoverywriter.h"
#include "layouttest.h"
#include "testdesigns.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cstdio>

using namespace pb;
using namespace pb::app;

namespace {
// Child mode: draw one component at a time, each after the recovery copy of the previous
// drawing has been written, and report how many components that copy holds. The parent kills
// it at a random moment, possibly in the middle of the next write.
int runEditingChild(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    Document doc;
    doc.reset(test::smallDesign(), QStringLiteral("/tmp/edited.probeboard"));
    doc.recovery()->setDelay(10);
    int drawn = 0;
    QObject::connect(doc.recovery(), &RecoveryWriter::written, [&](const QString& path) {
        std::printf("WRITTEN %d %s\n", int(doc.design().components().size()), qPrintable(path));
        std::fflush(stdout);
        ++drawn;
        doc.undoStack()->push(commands::addComponent(&doc, "service", QPointF(drawn * 40, 600)));
    });
    doc.undoStack()->push(commands::addComponent(&doc, "queue", QPointF(0, 400)));
    return app.exec();
}

model::Design manyZones(int zones)
{
    model::Design d;
    d.title = "hostile";
    for (int i = 0; i < zones; ++i) {
        const std::string c = "c" + std::to_string(i), z = "z" + std::to_string(i);
        d.addComponent(test::component(c, "service", 0, 0));
        if (i > 0) d.addFlow(test::flow("f" + std::to_string(i), "c" + std::to_string(i - 1), c));
        model::Zone zone;
        zone.id = z;
        zone.kind = "region";
        zone.label = z;
        zone.members = {c};
        d.addZone(zone);
    }
    return d;
}
} // namespace

class TstAppFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const auto& e : RecoveryWriter::staleEntries())
            RecoveryWriter::discard(e);
    }
    void cleanupTestCase() { qunsetenv("PROBEBOARD_CLI"); }

    void killWhileDrawingKeepsTheLastRecoveryWrite()
    {
        auto* rng = QRandomGenerator::global();
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--editing-child")});
            QVERIFY(child.waitForStarted());
            const int wantWrites = 1 + int(rng->bounded(6));
            int lastCount = 0, writes = 0;
            QString copy;
            QByteArray pending;
            for (int i = 0; i < 600 && writes < wantWrites; ++i) {
                child.waitForReadyRead(50);
                pending += child.readAllStandardOutput();
                int nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    const QList<QByteArray> parts = pending.left(nl).split(' ');
                    pending.remove(0, nl + 1);
                    if (parts.size() == 3 && parts[0] == "WRITTEN") {
                        lastCount = parts[1].toInt();
                        copy = QString::fromLocal8Bit(parts[2]);
                        ++writes;
                    }
                }
            }
            QVERIFY2(writes > 0, "the child never wrote a recovery copy");
            QTest::qWait(int(rng->bounded(25))); // sometimes in the middle of the next write
            child.kill();
            QVERIFY(child.waitForFinished());

            const auto stale = RecoveryWriter::staleEntries();
            auto it = std::find_if(stale.begin(), stale.end(),
                                   [&](const RecoveryEntry& e) { return e.designPath == copy; });
            QVERIFY2(it != stale.end(), qPrintable(copy));
            QString error;
            auto restored = readDesign(it->designPath, &error);
            QVERIFY2(restored, qPrintable(error));
            // Nothing drawn before the last completed write is lost.
            QVERIFY2(int(restored->components().size()) >= lastCount,
                     qPrintable(QStringLiteral("%1 < %2").arg(restored->components().size()).arg(lastCount)));
            QCOMPARE(it->originalPath, QStringLiteral("/tmp/edited.probeboard"));
            for (const auto& e : stale) RecoveryWriter::discard(e);
        }
    }

    void graphvizHangOnThousandsOfZonesIsStopped()
    {
        Document doc;
        doc.reset(manyZones(30000), QString());
        const model::Design before = doc.design();
        QString message;
        QVERIFY(!test::runLayout(QStringLiteral(PB_CLI_PATH), doc, 3000, &message));
        QVERIFY2(message.contains(QStringLiteral("longer than")), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(doc.design() == before);
    }

    void graphvizCrashDuringLayoutLeavesTheDesign()
    {
        // A real Graphviz crash: dot 2.42 (Debian 12) dies with SIGSEGV in dot_concentrate on
        // this graph (CVE-2018-10196). The stand-in helper runs it in place of the CLI.
        const QString hostile = m_dir.filePath(QStringLiteral("concentrate.dot"));
        QFile g(hostile);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("digraph { concentrate=true; a -> 4 -> b; a -> b; a -> b; b -> a; }\n");
        g.close();
        const QString wrapper = m_dir.filePath(QStringLiteral("dot-crash.sh"));
        QFile f(wrapper);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\nexec dot -Tjson0 -o \"$3\" \"" + hostile.toLocal8Bit() + "\"\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (QProcess::execute(wrapper, {QStringLiteral("layout"), QStringLiteral("in"),
                                        m_dir.filePath(QStringLiteral("out.json"))}) != -1) // -1: crashed
            QSKIP("this Graphviz no longer crashes on concentrate=true");
        Document doc;
        doc.reset(test::smallDesign(), QString());
        const model::Design before = doc.design();
        QString message;
        QVERIFY(!test::runLayout(wrapper, doc, 60000, &message));
        QVERIFY2(message.contains(QStringLiteral("crashed")), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(doc.design() == before);
    }

    void layoutStillWorksAfterwards()
    {
        Document doc;
        doc.reset(test::smallDesign(), QString());
        QString message;
        QVERIFY2(test::runLayout(QStringLiteral(PB_CLI_PATH), doc, 60000, &message), qPrintable(message));
        QCOMPARE(doc.undoStack()->count(), 1);
    }
};

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--editing-child") == 0) return runEditingChild(argc, argv);
    QApplication app(argc, argv);
    TstAppFaults t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_appfaults.moc"
