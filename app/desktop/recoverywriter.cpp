#include "app/desktop/recoverywriter.h"

#include "app/desktop/document.h"
#include "model/designfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>
#include <QStandardPaths>
#include <QUuid>
#include <filesystem>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace pb::app {

namespace {
// Thread-safe (the background writer calls it too): touches only its arguments.
bool writeMeta(const QString& original, const QString& metaPath, QString* error = nullptr)
{
    QJsonObject meta{{QStringLiteral("pid"), QCoreApplication::applicationPid()},
                     {QStringLiteral("original"), original},
                     {QStringLiteral("written"),
                      QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    QSaveFile f(metaPath);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(meta).toJson());
        if (f.commit()) return true;
    }
    if (error) *error = RecoveryWriter::tr("cannot write the recovery copy's sidecar: %1").arg(f.errorString());
    return false;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0) return false;
    if (pid == QCoreApplication::applicationPid()) return true;
#ifdef Q_OS_UNIX
    if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) return false;
    // A killed window whose parent has not reaped it yet is a zombie: it answers kill(0) but
    // will never save again, so its copy is offered (Linux says so in /proc).
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const qsizetype end = line.lastIndexOf(')'); // the name may hold spaces and parentheses
        if (end >= 0 && end + 2 < line.size() && (line[end + 2] == 'Z' || line[end + 2] == 'X')) return false;
    }
    return true;
#else
    return false; // cannot tell: offer the copy; restoring twice is harmless
#endif
}
} // namespace

RecoveryWriter::RecoveryWriter(Document* doc)
    : QObject(doc)
    , m_doc(doc)
    , m_uuid(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(3000);
    // Checked when the timer fires, not on change: a command's redo() runs before the undo
    // stack moves its index, so "modified" is only settled afterwards.
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (wantsDesignCopy())
            writeInBackground();
        else
            removeCopy();
    });
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, &RecoveryWriter::onBackgroundDone);
    connect(doc, &Document::changed, this, [this] { m_timer.start(); });
    m_sessionTimer.setSingleShot(true);
    m_sessionTimer.setInterval(3000);
    connect(&m_sessionTimer, &QTimer::timeout, this, &RecoveryWriter::writeSessionNow);
    // Saved under another name with a session kept: the session belongs to the new file now.
    connect(doc, &Document::filePathChanged, this, [this] {
        if (m_sessionWritten) writeMeta(m_doc->filePath(), metaPath());
    });
}

RecoveryWriter::~RecoveryWriter()
{
    m_future.waitForFinished();
    m_written = m_written || m_future.isValid();
    removeAll();
}

QString RecoveryWriter::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/recovery");
}

QString RecoveryWriter::designPath() const
{
    return directory() + QLatin1Char('/') + m_uuid + QStringLiteral(".probeboard");
}

QString RecoveryWriter::sessionPath() const
{
    // Not *.json: staleEntries() reads every *.json there as a sidecar.
    return directory() + QLatin1Char('/') + m_uuid + QStringLiteral(".interview");
}

namespace {
// Runs on a worker thread: touches only its arguments. Returns why it failed, empty when written.
// The reason is shown in the status bar: the copy's path (a folder and a uuid, named in the
// tooltip) would crowd out what went wrong.
QString writeFiles(const model::Design& design, const QString& original, const QString& designPath,
                   const QString& metaPath)
{
    std::error_code ec;
    std::filesystem::create_directories(QFile::encodeName(QFileInfo(designPath).absolutePath()).toStdString(), ec);
    if (ec)
        return RecoveryWriter::tr("cannot create the recovery folder: %1").arg(QString::fromStdString(ec.message()));
    std::string why;
    if (!model::saveDesignFile(design, QFile::encodeName(designPath).toStdString(), why))
        return QString::fromStdString(why).replace(designPath, RecoveryWriter::tr("the recovery copy"));
    QString error;
    writeMeta(original, metaPath, &error);
    return error;
}
} // namespace

QString RecoveryWriter::metaPath() const
{
    return directory() + QLatin1Char('/') + m_uuid + QStringLiteral(".json");
}

bool RecoveryWriter::writeNow()
{
    m_timer.stop();
    waitForIdle();
    m_wanted = true;
    setError(writeFiles(m_doc->design(), m_doc->filePath(), designPath(), metaPath()));
    if (!m_error.isEmpty()) return false;
    m_written = true;
    emit written(designPath());
    return true;
}

void RecoveryWriter::writeInBackground()
{
    if (m_future.isRunning()) {
        m_again = true;
        return;
    }
    m_wanted = true;
    m_pending = true;
    m_future = QtConcurrent::run(writeFiles, m_doc->design(), m_doc->filePath(), designPath(),
                                 metaPath());
    m_watcher.setFuture(m_future);
}

void RecoveryWriter::onBackgroundDone()
{
    // waitForIdle() handled it already; the watcher's queued finished() must not replay an old
    // failure over a later write's success.
    if (!m_pending) return;
    m_pending = false;
    if (!m_wanted) { // saved or closed meanwhile: the copy must not outlive that
        dropDesignFiles();
    } else {
        setError(m_future.result());
        if (m_error.isEmpty()) {
            m_written = true;
            emit written(designPath());
        }
    }
    if (m_again) {
        m_again = false;
        m_timer.start(0);
    }
}

void RecoveryWriter::waitForIdle()
{
    if (!m_future.isRunning()) return;
    m_future.waitForFinished();
    onBackgroundDone();
}

void RecoveryWriter::removeCopy()
{
    m_timer.stop();
    setError(QString()); // no copy is needed, so none is missing
    m_wanted = false;
    m_again = false;
    if (m_future.isRunning()) return; // onBackgroundDone() removes what it wrote
    if (!m_written) return;
    dropDesignFiles();
}

void RecoveryWriter::removeAll()
{
    m_sessionTimer.stop();
    const bool session = m_sessionWritten;
    if (session) QFile::remove(sessionPath());
    m_sessionWritten = false;
    setError(&RecoveryWriter::m_sessionError, QString());
    m_timer.stop();
    setError(QString());
    m_wanted = false;
    m_again = false;
    if (m_future.isRunning()) return; // onBackgroundDone() removes what it wrote
    if (!m_written && !session) return;
    QFile::remove(designPath());
    QFile::remove(metaPath());
    m_written = false;
}

void RecoveryWriter::dropDesignFiles()
{
    QFile::remove(designPath());
    m_written = false;
    // The session copy still needs its sidecar, naming the file as it is now (a Save As may
    // have raced the background write that wrote the sidecar last).
    if (m_sessionWritten)
        writeMeta(m_doc->filePath(), metaPath());
    else
        QFile::remove(metaPath());
}

void RecoveryWriter::setError(QString RecoveryWriter::*which, const QString& reason)
{
    const QString before = lastError();
    this->*which = reason;
    const QString now = lastError();
    if (before.isEmpty() && !now.isEmpty())
        emit failed(now);
    else if (!before.isEmpty() && now.isEmpty())
        emit recovered();
    else if (now != before)
        emit reasonChanged(now);
}

bool RecoveryWriter::failSession(const QString& reason)
{
    setError(&RecoveryWriter::m_sessionError, reason);
    return false;
}

bool RecoveryWriter::wantsDesignCopy() const
{
    // An untitled design has no file to put a restored session back on: its copy is kept while
    // the session's is, even with no changes (an example opened for an interview).
    return m_doc->isModified() || (m_sessionWritten && m_doc->filePath().isEmpty());
}

void RecoveryWriter::sessionChanged()
{
    if (!m_sessionTimer.isActive()) m_sessionTimer.start();
}

bool RecoveryWriter::writeSessionNow()
{
    m_sessionTimer.stop();
    const QJsonObject session = m_sessionSource ? m_sessionSource() : QJsonObject();
    if (session.isEmpty()) {
        removeSessionCopy();
        return true;
    }
    if (m_doc->filePath().isEmpty() && !m_written && !writeNow()) return false; // said as the design's
    // The interview's marks, ratings and notes are in no file until exported: a copy that
    // cannot be written is said as the design's is.
    if (!QDir().mkpath(directory()))
        return failSession(tr("cannot create the recovery folder for the interview notes"));
    QSaveFile f(sessionPath());
    if (!f.open(QIODevice::WriteOnly))
        return failSession(tr("cannot write the interview notes' recovery copy: %1").arg(f.errorString()));
    f.write(QJsonDocument(session).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return failSession(tr("cannot write the interview notes' recovery copy: %1").arg(f.errorString()));
    m_sessionWritten = true;
    QString error;
    if (!writeMeta(m_doc->filePath(), metaPath(), &error)) return failSession(error);
    setError(&RecoveryWriter::m_sessionError, QString());
    return true;
}

void RecoveryWriter::removeSessionCopy()
{
    m_sessionTimer.stop();
    setError(&RecoveryWriter::m_sessionError, QString()); // exported, or nothing left to lose
    if (!m_sessionWritten) return;
    QFile::remove(sessionPath());
    m_sessionWritten = false;
    if (!m_doc->isModified()) removeCopy(); // a design copy kept for the session's sake
    if (!m_written && !m_future.isRunning()) QFile::remove(metaPath());
}

std::vector<RecoveryEntry> RecoveryWriter::staleEntries()
{
    std::vector<RecoveryEntry> out;
    QDir dir(directory());
    const auto metas = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo& fi : metas) {
        QFile f(fi.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        RecoveryEntry e;
        e.metaPath = fi.absoluteFilePath();
        e.designPath = dir.filePath(fi.completeBaseName() + QStringLiteral(".probeboard"));
        e.sessionPath = dir.filePath(fi.completeBaseName() + QStringLiteral(".interview"));
        e.pid = o.value(QStringLiteral("pid")).toInteger();
        e.originalPath = o.value(QStringLiteral("original")).toString();
        e.written =
            QDateTime::fromString(o.value(QStringLiteral("written")).toString(), Qt::ISODate);
        if (!QFile::exists(e.designPath)) e.designPath.clear();
        if (!QFile::exists(e.sessionPath)) e.sessionPath.clear();
        if ((e.designPath.isEmpty() && e.sessionPath.isEmpty()) || processAlive(e.pid)) continue;
        out.push_back(e);
    }
    return out;
}

void RecoveryWriter::discard(const RecoveryEntry& entry)
{
    for (const QString& path : {entry.designPath, entry.metaPath, entry.sessionPath})
        if (!path.isEmpty()) QFile::remove(path);
}

} // namespace pb::app
