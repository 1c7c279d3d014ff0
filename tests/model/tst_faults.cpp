// Fault injection for saving: a folder the user may not write, a full disk, and a process
// killed in the middle of a save. Each fault runs in a forked child so that limits and lost
// privileges never leak into the test process; the parent checks what is on disk afterwards.
#include "model/autolayout.h"
#include "model/designfile.h"
#include "model/dotimport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pb::model;
namespace fs = std::filesystem;

namespace {

Design bigDesign(const std::string& title, int components)
{
    Design d;
    d.title = title;
    for (int i = 0; i < components; ++i) {
        const std::string id = "svc-" + std::to_string(i);
        d.addComponent({id, i % 7 == 0 ? "database" : "service", "service number " + std::to_string(i),
                        {{"rps", 100.0 + i}, {"owner", std::string("team-") + std::to_string(i % 13)}},
                        {double(i % 100) * 200, double(i / 100) * 120}, {160, 64}});
        if (i > 0)
            d.addFlow({"f" + std::to_string(i), "svc-" + std::to_string(i - 1), id, "calls",
                       {{"sync", true}}, {}});
    }
    return d;
}

// Runs `body` in a child process; returns what the child wrote to the pipe (its error text)
// and its exit code (0 = the save succeeded).
std::pair<std::string, int> inChild(const std::function<bool(std::string&)>& body)
{
    int fds[2];
    if (::pipe(fds) != 0) return {"pipe failed", -1};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::string error;
        const bool ok = body(error);
        (void)!::write(fds[1], error.data(), error.size());
        ::_exit(ok ? 0 : 1);
    }
    ::close(fds[1]);
    std::string out;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

int filesIn(const std::string& dir)
{
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
    return n;
}

std::string titleOf(const std::string& path, std::string& problems)
{
    Diagnostics diags;
    auto d = loadDesignFile(path, diags);
    for (const auto& x : diags) problems += x.format() + "\n";
    return d ? d->title : std::string();
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private slots:
    void readOnlyFolderKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.probeboard").toStdString();
        std::string error;
        QVERIFY(saveDesignFile(bigDesign("old", 20), path, error));
        ::chmod(dir.path().toLocal8Bit().constData(), 0555);
        // Root ignores folder permissions, so the child drops to an unprivileged user first.
        auto [message, rc] = inChild([&](std::string& err) {
            if (::geteuid() == 0 && ::setuid(65534) != 0) {
                err = "setuid failed";
                return true;
            }
            return saveDesignFile(bigDesign("new", 20), path, err);
        });
        ::chmod(dir.path().toLocal8Bit().constData(), 0700);
        QCOMPARE(rc, 1);
        QVERIFY2(message.find(path) != std::string::npos, message.c_str());
        QVERIFY2(message.find("Permission denied") != std::string::npos, message.c_str());
        std::string problems;
        QCOMPARE(titleOf(path, problems), std::string("old"));
        QCOMPARE(filesIn(dir.path().toStdString()), 1);
    }

    void fullDiskKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.probeboard").toStdString();
        std::string error;
        QVERIFY(saveDesignFile(bigDesign("old", 20), path, error));
        // A file-size limit makes write() fail part way, as a full disk does (EFBIG instead of
        // ENOSPC; the save code treats every write error alike).
        auto [message, rc] = inChild([&](std::string& err) {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{64 * 1024, 64 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            return saveDesignFile(bigDesign("new", 2000), path, err);
        });
        QCOMPARE(rc, 1);
        QVERIFY2(message.find("cannot write " + path) != std::string::npos, message.c_str());
        QVERIFY2(message.find("too large") != std::string::npos, message.c_str());
        std::string problems;
        QCOMPARE(titleOf(path, problems), std::string("old"));
        QCOMPARE(filesIn(dir.path().toStdString()), 1); // the partial temporary file is gone
    }

    // A report written a piece at a time (probeboard-cli check --output): a full disk part way
    // is reported with its cause even though more pieces come after the failed one, and a
    // producer that throws leaves the previous file and no temporary behind.
    void streamedWriteFailuresKeepThePreviousFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("report.json").toStdString();
        std::string error;
        QVERIFY(writeFileAtomically(path, std::string("old"), error));
        const std::string piece(16 * 1024, 'x');
        auto [message, rc] = inChild([&](std::string& err) {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{64 * 1024, 64 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            return writeFileAtomically(path, [&](const TextWriter& write) {
                for (int i = 0; i < 16; ++i) write(piece);
            }, err);
        });
        QCOMPARE(rc, 1);
        QVERIFY2(message.find("too large") != std::string::npos, message.c_str());
        bool thrown = false;
        try {
            writeFileAtomically(path, [&](const TextWriter& write) {
                write(piece);
                throw std::runtime_error("the report failed part way");
            }, error);
        } catch (const std::runtime_error&) {
            thrown = true;
        }
        QVERIFY(thrown);
        std::ifstream in(path);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QCOMPARE(text, std::string("old"));
        QCOMPARE(filesIn(dir.path().toStdString()), 1);
    }

    void killDuringSaveLeavesOldOrNew()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.probeboard").toStdString();
        std::string error;
        QVERIFY(saveDesignFile(bigDesign("old", 50), path, error));
        const Design big = bigDesign("new", 5000); // about 1.5 MB of JSON per save
        // Kill anywhere from before the first save completes to a few saves later.
        const auto start = std::chrono::steady_clock::now();
        QVERIFY(saveDesignFile(big, dir.filePath("probe.probeboard").toStdString(), error));
        const auto oneSave = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start);
        fs::remove(dir.filePath("probe.probeboard").toStdString());
        std::mt19937 rng(20261125);
        std::uniform_int_distribution<long> delayUs(0, 3 * oneSave.count() / 2);
        int sawOld = 0, sawNew = 0;
        for (int round = 0; round < 12; ++round) {
            const pid_t pid = ::fork();
            if (pid == 0) {
                for (int i = 0;; ++i) {
                    Design d = big;
                    d.title = "new " + std::to_string(i);
                    std::string err;
                    saveDesignFile(d, path, err);
                }
            }
            ::usleep(useconds_t(delayUs(rng)));
            ::kill(pid, SIGKILL);
            int status = 0;
            ::waitpid(pid, &status, 0);
            QVERIFY(WIFSIGNALED(status));
            std::string problems;
            const std::string title = titleOf(path, problems);
            QVERIFY2(!title.empty(), problems.c_str());
            if (title == "old") ++sawOld;
            else if (title.rfind("new ", 0) == 0) ++sawNew;
            else QFAIL(("unexpected title " + title).c_str());
        }
        qInfo("after 12 kills: %d times the old file, %d times a complete new one", sawOld, sawNew);
        // A kill between mkstemp and rename leaves a hidden temporary file; the user's file
        // itself is always whole. The next successful save still works.
        QVERIFY(saveDesignFile(bigDesign("final", 10), path, error));
        std::string problems;
        QCOMPARE(titleOf(path, problems), std::string("final"));
    }

    void concentrateNeverReachesLayout()
    {
        // Graphviz 2.42 crashes in dot_concentrate on this graph (CVE-2018-10196). The importer
        // keeps drawing attributes out of the model and layout builds its graph from the model.
        Diagnostics diags;
        auto d = importDot("digraph { concentrate=true; a -> 4 -> b; a -> b; a -> b; b -> a; }",
                           "hostile.dot", diags);
        QVERIFY(d);
        const auto result = layoutDesign(*d, {"dot", true});
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.nodes.size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
