#include "app/desktop/singleinstance.h"

#include "app/desktop/mainwindow.h"
#include "app/desktop/openwindows.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileOpenEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace pb::app {

namespace {

// A launch waiting on another that is still starting: long enough for a large design to load
// before that one's event loop runs, short enough that a stuck lock only delays a start.
constexpr int kLockWaitMs = 10000;
// A request is one line of JSON naming files; more than this is not a launch of ours.
constexpr qint64 kMaxRequest = 4 * 1024 * 1024;
// A client that connects and never finishes its line is dropped after this.
constexpr int kRequestTimeoutMs = 10000;

QString lockPath(const QString& name)
{
    if (QDir::isAbsolutePath(name)) return name + QStringLiteral(".lock");
    return QDir(QDir::tempPath()).filePath(name + QStringLiteral(".lock"));
}

QString safeName(QString id)
{
    for (QChar& c : id)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    return id;
}

// A visible window with nothing in it (the Start Page of a fresh launch): opening a file there
// beats a second, empty window beside it.
MainWindow* idleWindow()
{
    for (QWidget* top : QApplication::topLevelWidgets())
        if (auto* w = qobject_cast<MainWindow*>(top); w && w->isVisible() && !w->holdsWork()) return w;
    return nullptr;
}

} // namespace

QString SingleInstance::defaultName()
{
    const QString given = qEnvironmentVariable("PROBEBOARD_INSTANCE");
    if (given == QLatin1String("off")) return {};
    if (QDir::isAbsolutePath(given)) return given;
    QString id = safeName(given);
    if (id.isEmpty()) {
        // Per display: a launch over ssh -X or on a second X server must not open its files on
        // another screen. Per data folder: another HOME is another set of recent files and
        // recovery copies, as good as another user.
        const QByteArray where = qgetenv("WAYLAND_DISPLAY") + '\n' + qgetenv("DISPLAY") + '\n' +
                                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).toUtf8();
        id = QString::fromLatin1(QCryptographicHash::hash(where, QCryptographicHash::Sha1).toHex().left(12));
    }
#ifdef Q_OS_WIN
    return QStringLiteral("probeboard-%1-%2").arg(safeName(qEnvironmentVariable("USERNAME")), id);
#else
    // The runtime folder is the user's own (0700): no other user can answer in our place.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("probeboard-") + id);
#endif
}

SingleInstance::SingleInstance(const QString& name, QObject* parent)
    : QObject(parent)
    , m_name(name)
{
}

SingleInstance::~SingleInstance() = default;

SingleInstance::Outcome SingleInstance::start(const QStringList& files, int timeoutMs)
{
    if (m_name.isEmpty()) return Outcome::Alone;
    QStringList absolute;
    for (const QString& f : files) absolute << QFileInfo(f).absoluteFilePath();
    // Two launches at once each found no instance and both listened, the second unlinking the
    // first's socket. Held from the question until this process's event loop runs (and so can
    // answer), the lock makes the second ask the first.
    m_lock = std::make_unique<QLockFile>(lockPath(m_name));
    if (!m_lock->tryLock(kLockWaitMs)) {
        m_lock.reset();
        return Outcome::Alone;
    }
    const Answer answer = handOff(m_name, absolute, timeoutMs, &m_answeredBy);
    if (answer == Answer::Taken) {
        m_lock.reset();
        return Outcome::HandedOff;
    }
    // A hung instance keeps its name: taking it over left two listeners, and the hung one, once
    // it quit, would have unlinked the socket of the one serving.
    if (answer != Answer::NoInstance || !listen()) {
        m_lock.reset();
        return Outcome::Alone;
    }
    QTimer::singleShot(0, this, [this] { m_lock.reset(); });
    return Outcome::Serving;
}

bool SingleInstance::listen()
{
    QLocalServer::removeServer(m_name); // stale: nothing answered on it
    auto* server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        delete server;
        return false;
    }
    connect(server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    m_server = server;
    return true;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kRequestTimeoutMs, socket, [socket] { socket->abort(); });
        readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket* socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequest) socket->abort();
        return;
    }
    disconnect(socket, &QLocalSocket::readyRead, this, nullptr); // one request per connection
    const QJsonObject request = QJsonDocument::fromJson(socket->readLine()).object();
    const bool valid = request.value(QStringLiteral("open")).isArray();
    QStringList files;
    for (const QJsonValue& v : request.value(QStringLiteral("open")).toArray())
        if (!v.toString().isEmpty()) files << v.toString();
    socket->write(valid ? "ok " + QByteArray::number(QCoreApplication::applicationPid()) + '\n'
                        : QByteArray("error\n"));
    socket->flush();
    socket->disconnectFromServer();
    if (valid) deliver(files); // none: the launch wants a window
}

void SingleInstance::deliver(const QStringList& files)
{
    if (!m_delivering) {
        m_pending << files;
        return;
    }
    // Out of the socket's signal: opening may show a modal error box.
    QTimer::singleShot(0, this, [this, files] { emit openRequested(files); });
}

void SingleInstance::acceptFileOpenEvents()
{
    QCoreApplication::instance()->installEventFilter(this);
}

bool SingleInstance::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != QCoreApplication::instance() || event->type() != QEvent::FileOpen) return false;
    const QString file = static_cast<QFileOpenEvent*>(event)->file();
    if (file.isEmpty()) return false; // a URL, not a file: not ours
    deliver({file});
    return true;
}

void SingleInstance::startDelivering()
{
    m_delivering = true;
    const QList<QStringList> pending = std::exchange(m_pending, {});
    for (const QStringList& files : pending) deliver(files);
}

SingleInstance::Answer SingleInstance::handOff(const QString& name, const QStringList& files,
                                               int timeoutMs, qint64* pid)
{
    QElapsedTimer clock;
    clock.start();
    const auto left = [&] { return std::max(1, timeoutMs - int(clock.elapsed())); };
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(left()))
        return socket.error() == QLocalSocket::SocketTimeoutError ? Answer::NoAnswer : Answer::NoInstance;
    QJsonArray list;
    for (const QString& f : files) list.append(f);
    socket.write(QJsonDocument(QJsonObject{{QStringLiteral("open"), list}}).toJson(QJsonDocument::Compact) + '\n');
    socket.flush();
    // A server that answers and hangs up at once may be read only after the hang-up is seen.
    while (!socket.canReadLine() && clock.elapsed() < timeoutMs && socket.waitForReadyRead(left())) {
    }
    const QByteArray reply = socket.canReadLine() ? socket.readLine().trimmed() : QByteArray();
    if (!reply.startsWith("ok")) return Answer::NoAnswer;
    if (pid) *pid = reply.mid(3).toLongLong();
    return Answer::Taken;
}

void openFromCommandLine(const QStringList& files)
{
    MainWindow* target = nullptr;
    if (files.isEmpty()) { // a launch from the menu or a second click on the icon
        target = idleWindow();
        if (!target) target = MainWindow::createWindow();
    }
    for (const QString& f : files) {
        if (openwindows::raise(f)) continue;
        if (!target) target = idleWindow();
        if (!target) target = MainWindow::createWindow();
        target->openFile(f); // a window that holds a design opens it in a new one
    }
    if (!target) return;
    // Handed over from another launch: the window is this process's, the focus was the other's.
    openwindows::bringForward(target);
}

} // namespace pb::app
