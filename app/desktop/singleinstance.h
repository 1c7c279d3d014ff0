#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

namespace pb::app {

// One probeboard process per user and display. openwindows keeps a file in one window, but only
// among the windows of its own process: a second `probeboard FILE` put a second window on a file
// that another process showed, and each saved over the other's edits. So a launch with files
// first hands them to the running process, which opens them or raises the window showing them,
// and exits. When none is running (or a crash left its socket) it starts normally and serves the
// launches after it; when one does not answer in time (hung), it starts normally beside it. A
// launch without files asks the running process for a window: as a process of its own, it let
// File > Open put a second window on a file the first process showed, the same lost edits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        HandedOff, // the running process took the files (or, without files, the request for a
                   // window): this one exits
        Serving,   // none answered: this process runs and listens for the next launches
        Alone,     // runs without listening: turned off, one hangs (it keeps the name), or no
                   // socket could be had
    };

    // The instance's socket for this user, display and data folder, in the user's runtime
    // folder. PROBEBOARD_INSTANCE overrides it (a name, or a path, so that tests running side
    // by side each have their own); PROBEBOARD_INSTANCE=off gives an empty name: no hand-off.
    static QString defaultName();

    // `name` empty: start() does nothing and says Alone.
    explicit SingleInstance(const QString& name, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Hands `files` (made absolute here, against this process's folder) to the instance that
    // serves the name, or becomes that instance. Without files, the instance is asked for a
    // window (its idle one, or a new one). `timeoutMs` bounds the wait for an answer.
    Outcome start(const QStringList& files, int timeoutMs = 2000);
    bool isServing() const { return m_server != nullptr; }
    // The process id of the instance that took the files (HandedOff), for the message saying so.
    qint64 answeredBy() const { return m_answeredBy; }

    // Files handed over before this are kept until it is called: a hand-off while the start-up
    // recovery offer is up opened a file the offer was about to restore, in a second window.
    void startDelivering();
    // macOS gives a file opened from Finder or dropped on the Dock icon to the running process
    // as a QFileOpenEvent, not on a command line: those go the way handed-over files go
    // (openRequested, held until startDelivering()). Watches the application's events.
    void acceptFileOpenEvents();

    enum class Answer {
        Taken,      // the instance said it took the files
        NoInstance, // no socket, or a stale one that a crash left (nothing listens on it)
        NoAnswer,   // something listens but did not answer in time: a hung instance
    };
    // The client half alone: hands `files` to the instance at `name`; `pid` gets the process id
    // of the one that took them.
    static Answer handOff(const QString& name, const QStringList& files, int timeoutMs,
                          qint64* pid = nullptr);

signals:
    void openRequested(const QStringList& files);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool listen();
    void acceptConnections();
    void readRequest(QLocalSocket* socket);
    void deliver(const QStringList& files);

    QString m_name;
    QLocalServer* m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    QList<QStringList> m_pending;
    bool m_delivering = false;
    qint64 m_answeredBy = 0;
};

// Opens files as the command line names them, in this process: a file that a window already
// shows is brought forward; the others open in an idle window (the Start Page with nothing
// drawn) or a new one, which comes to the front. No files: that idle window, or a new one.
void openFromCommandLine(const QStringList& files);

} // namespace pb::app
