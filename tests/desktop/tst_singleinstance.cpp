// A second launch hands its files to the running probeboard instead of putting a second window
// on a file the first one shows (two processes each saved over the other's edits): the hand-off
// in process (a server here, the client in a thread, as another process would be), and the
// built program launched twice, once at a time and both at once.
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/singleinstance.h"
#include "testdesigns.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileOpenEvent>
#include <QLocalServer>
#include <QLockFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace pb;
using namespace pb::app;

namespace {

// Runs `f` on another thread while this one's event loop turns, so that a server here answers.
template <typename F>
auto fromAnotherThread(F f)
{
    auto result = std::async(std::launch::async, f);
    while (result.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) QTest::qWait(10);
    return result.get();
}

// What a crash leaves: a socket file that nothing listens on any more.
bool makeStaleSocket(const QString& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray p = QFile::encodeName(path);
    if (fd < 0 || p.size() >= int(sizeof(addr.sun_path))) return false;
    std::copy(p.begin(), p.end(), addr.sun_path);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return bound && QFile::exists(path);
}

QList<MainWindow*> windows()
{
    QList<MainWindow*> out;
    for (QWidget* top : QApplication::topLevelWidgets())
        if (auto* w = qobject_cast<MainWindow*>(top); w && w->isVisible()) out << w;
    return out;
}

} // namespace

class TstSingleInstance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString designFile(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QString error;
        return writeDesign(test::cacheDesign("api", "cache", "db"), path, &error) ? path : QString();
    }

    // The built program, offscreen, in a home of its own (no recovery offer from the user's
    // real one), serving the instance `name`.
    QProcess* launch(const QString& name, const QStringList& args)
    {
        auto* p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("PROBEBOARD_RESOURCES"), QStringLiteral(PB_RESOURCES));
        env.insert(QStringLiteral("PROBEBOARD_INSTANCE"), name);
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(PB_APP_PATH), args);
        return p;
    }

    static void stop(QProcess* p)
    {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(10000);
        }
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PROBEBOARD_RESOURCES", PB_RESOURCES);
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        for (MainWindow* w : windows()) {
            QPointer<MainWindow> alive(w);
            w->close();
            QTRY_VERIFY(!alive);
        }
    }

    void filesAreHandedToTheRunningInstance()
    {
        const QString name = m_dir.filePath(QStringLiteral("handoff"));
        const QString file = m_dir.filePath(QStringLiteral("a.probeboard"));
        SingleInstance first(name);
        QCOMPARE(first.start({}), SingleInstance::Outcome::Serving);
        QSignalSpy opened(&first, &SingleInstance::openRequested);
        first.startDelivering();
        // A second launch, as main() runs it: the lock, the question, the answer.
        const auto outcome = fromAnotherThread([&] {
            SingleInstance second(name);
            const auto o = second.start({file});
            return std::make_pair(o, second.answeredBy());
        });
        QCOMPARE(outcome.first, SingleInstance::Outcome::HandedOff);
        QCOMPARE(outcome.second, QCoreApplication::applicationPid());
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toStringList(), QStringList{file});
        // A launch without files asks for a window, in the same process: as a process of its own
        // it could open, by File > Open, a file the first one showed.
        const auto bare = fromAnotherThread([&] { return SingleInstance(name).start({}); });
        QCOMPARE(bare, SingleInstance::Outcome::HandedOff);
        QTRY_COMPARE(opened.size(), 2);
        QVERIFY(opened.last().first().toStringList().isEmpty());
        QCOMPARE(fromAnotherThread([&] { return SingleInstance::handOff(name, {file}, 5000); }),
                 SingleInstance::Answer::Taken);
        QTRY_COMPARE(opened.size(), 3);
    }

    // Two launches at once: the second waits while the first, holding the lock, has asked and
    // not yet listened, rather than finding no instance too and listening beside it.
    void aLaunchWaitsForOneStillStarting()
    {
        const QString name = m_dir.filePath(QStringLiteral("starting"));
        QLockFile first(name + QStringLiteral(".lock"));
        QVERIFY(first.lock());
        auto second = std::async(std::launch::async, [&] {
            QElapsedTimer clock;
            clock.start();
            const auto o = SingleInstance(name).start({m_dir.filePath(QStringLiteral("d.probeboard"))}, 300);
            return std::make_pair(o, clock.elapsed());
        });
        QTest::qWait(600);
        QCOMPARE(second.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
        first.unlock();
        const auto [outcome, waited] = second.get();
        QCOMPARE(outcome, SingleInstance::Outcome::Serving);
        QVERIFY(waited >= 500);
    }

    // Handed over while the start-up recovery offer was up: kept until the process is ready.
    void filesWaitUntilTheInstanceDelivers()
    {
        const QString name = m_dir.filePath(QStringLiteral("waits"));
        SingleInstance first(name);
        QCOMPARE(first.start({}), SingleInstance::Outcome::Serving);
        QSignalSpy opened(&first, &SingleInstance::openRequested);
        QCOMPARE(fromAnotherThread([&] { return SingleInstance::handOff(name, {QStringLiteral("/x.probeboard")}, 5000); }),
                 SingleInstance::Answer::Taken);
        QTest::qWait(100);
        QCOMPARE(opened.size(), 0);
        first.startDelivering();
        QTRY_COMPARE(opened.size(), 1);
    }

    // A crash left the socket: the next launch finds nobody there, takes the name and serves.
    void aStaleSocketIsTakenOver()
    {
        const QString name = m_dir.filePath(QStringLiteral("stale"));
        QVERIFY(makeStaleSocket(name));
        QCOMPARE(SingleInstance::handOff(name, {QStringLiteral("/x.probeboard")}, 1000), SingleInstance::Answer::NoInstance);
        SingleInstance next(name);
        QCOMPARE(next.start({m_dir.filePath(QStringLiteral("b.probeboard"))}), SingleInstance::Outcome::Serving);
        QSignalSpy opened(&next, &SingleInstance::openRequested);
        next.startDelivering();
        QCOMPARE(fromAnotherThread([&] { return SingleInstance::handOff(name, {QStringLiteral("/x.probeboard")}, 5000); }),
                 SingleInstance::Answer::Taken);
        QTRY_COMPARE(opened.size(), 1);
    }

    // An instance that hangs (listens, never answers) costs a launch the timeout, no more; the
    // launch then starts on its own and leaves the name to the hung one.
    void aHungInstanceIsWaitedForBriefly()
    {
        const QString name = m_dir.filePath(QStringLiteral("hung"));
        QLocalServer hung;
        QVERIFY(hung.listen(name));
        QElapsedTimer clock;
        clock.start();
        SingleInstance next(name);
        QCOMPARE(next.start({m_dir.filePath(QStringLiteral("c.probeboard"))}, 300), SingleInstance::Outcome::Alone);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!next.isServing());
        QVERIFY(hung.isListening());
        QVERIFY(QFile::exists(name));
    }

    void theNameIsPerUserAndCanBeTurnedOff()
    {
        const QByteArray saved = qgetenv("PROBEBOARD_INSTANCE");
        qputenv("PROBEBOARD_INSTANCE", "off");
        QVERIFY(SingleInstance::defaultName().isEmpty());
        QCOMPARE(SingleInstance(QString()).start({QStringLiteral("/x.probeboard")}), SingleInstance::Outcome::Alone);
        qputenv("PROBEBOARD_INSTANCE", "/tmp/a-socket");
        QCOMPARE(SingleInstance::defaultName(), QStringLiteral("/tmp/a-socket"));
        qputenv("PROBEBOARD_INSTANCE", "run 1/../x");
        const QString named = SingleInstance::defaultName();
        QVERIFY2(named.endsWith(QStringLiteral("/probeboard-run_1_.._x")), qPrintable(named));
        QVERIFY(named.startsWith(QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation)));
        qunsetenv("PROBEBOARD_INSTANCE");
        const QString byDefault = SingleInstance::defaultName();
        QVERIFY(byDefault.startsWith(QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) +
                                     QStringLiteral("/probeboard-")));
        const QByteArray display = qgetenv("DISPLAY");
        qputenv("DISPLAY", display + "9"); // another display is another instance
        QVERIFY(SingleInstance::defaultName() != byDefault);
        qputenv("DISPLAY", display);
        if (!saved.isEmpty()) qputenv("PROBEBOARD_INSTANCE", saved);
    }

    // macOS opens a file from Finder in the running process with a QFileOpenEvent: it goes the way
    // a handed-over file goes, held until the process delivers (after the recovery offer).
    void fileOpenEventsAreHandedOnLikeLaunches()
    {
        SingleInstance instance{QString()}; // no socket: the events alone
        instance.acceptFileOpenEvents();
        QSignalSpy opened(&instance, &SingleInstance::openRequested);
        const QString file = m_dir.filePath(QStringLiteral("finder.probeboard"));
        QFileOpenEvent early(file);
        QVERIFY(QCoreApplication::sendEvent(qApp, &early));
        QCoreApplication::processEvents();
        QCOMPARE(opened.size(), 0); // not yet delivering
        instance.startDelivering();
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toStringList(), QStringList{file});
        QFileOpenEvent later(QUrl(QStringLiteral("https://example.com/x"))); // not a file
        QVERIFY(!QCoreApplication::sendEvent(qApp, &later));
        QCoreApplication::processEvents();
        QCOMPARE(opened.size(), 1);
    }

    // What the running process does with the files: raises the window showing one, opens the
    // others in an idle window, or a new one.
    void handedFilesRaiseTheirWindowOrOpen()
    {
        const QString a = designFile(QStringLiteral("open-a.probeboard"));
        const QString b = designFile(QStringLiteral("open-b.probeboard"));
        const QString c = designFile(QStringLiteral("open-c.probeboard"));
        auto* shown = MainWindow::createWindow();
        QVERIFY(shown->openFile(a));
        openFromCommandLine({a, b});
        QCOMPARE(int(windows().size()), 2); // a is not opened twice
        const auto showing = [](const QString& path) {
            int n = 0;
            for (MainWindow* w : windows()) n += w->document()->filePath() == path;
            return n;
        };
        QCOMPARE(showing(a), 1);
        QCOMPARE(showing(b), 1);
        openFromCommandLine({a}); // no empty window left beside the one brought forward
        QCOMPARE(int(windows().size()), 2);
        MainWindow* idle = MainWindow::createWindow();
        QVERIFY(!idle->holdsWork());
        openFromCommandLine({c});
        QCOMPARE(int(windows().size()), 3);
        QCOMPARE(idle->document()->filePath(), c);
        // A launch without files: a new window, then that idle one again rather than another.
        openFromCommandLine({});
        QCOMPARE(int(windows().size()), 4);
        openFromCommandLine({});
        QCOMPARE(int(windows().size()), 4);
    }

    void theSecondLaunchHandsOverAndExits()
    {
        const QString name = m_dir.filePath(QStringLiteral("app"));
        const QString file = designFile(QStringLiteral("launched.probeboard"));
        QProcess* first = launch(name, {file});
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(name), 60000);
        QProcess* second = launch(name, {file});
        QVERIFY(second->waitForFinished(30000));
        QCOMPARE(second->exitStatus(), QProcess::NormalExit);
        QCOMPARE(second->exitCode(), 0);
        QVERIFY2(second->readAllStandardOutput().contains("Opened in the running Probeboard"),
                 qPrintable(second->readAllStandardError()));
        QCOMPARE(first->state(), QProcess::Running);
        // Without files too: the running process opens a window for it.
        QProcess* bare = launch(name, {});
        QVERIFY(bare->waitForFinished(30000));
        QCOMPARE(bare->exitCode(), 0);
        QVERIFY2(bare->readAllStandardOutput().contains("Opened a window in the running Probeboard"),
                 qPrintable(bare->readAllStandardError()));
        QCOMPARE(first->state(), QProcess::Running);
        // --new-instance opts out: a process of its own, which stays.
        QProcess* third = launch(name, {QStringLiteral("--new-instance"), file});
        QVERIFY(!third->waitForFinished(3000));
        stop(third);
        stop(first);
    }

    // Two launches at once: one serves, the other hands its file to it.
    void twoLaunchesAtOnceMakeOneInstance()
    {
        const QString name = m_dir.filePath(QStringLiteral("race"));
        QProcess* a = launch(name, {designFile(QStringLiteral("race-a.probeboard"))});
        QProcess* b = launch(name, {designFile(QStringLiteral("race-b.probeboard"))});
        QVERIFY(a->waitForStarted());
        QVERIFY(b->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == QProcess::NotRunning || b->state() == QProcess::NotRunning, 30000);
        QTest::qWait(2000);
        QProcess* gone = a->state() == QProcess::NotRunning ? a : b;
        QProcess* serving = gone == a ? b : a;
        QCOMPARE(serving->state(), QProcess::Running);
        QCOMPARE(gone->exitCode(), 0);
        QVERIFY(gone->readAllStandardOutput().contains("Opened in the running Probeboard"));
        stop(serving);
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TstSingleInstance t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_singleinstance.moc"
