#include "app/desktop/recoverywriter.h"

#include "app/desktop/designio.h"
#include "app/desktop/document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace pb::app {

namespace {
bool processAlive(qint64 pid)
{
    if (pid <= 0) return false;
    if (pid == QCoreApplication::applicationPid()) return true;
#ifdef Q_OS_UNIX
    return !(::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH);
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
        if (m_doc->isModified())
            writeNow();
        else
            removeCopy();
    });
    connect(doc, &Document::changed, this, [this] { m_timer.start(); });
}

RecoveryWriter::~RecoveryWriter()
{
    removeCopy();
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

bool RecoveryWriter::writeNow()
{
    m_timer.stop();
    if (!QDir().mkpath(directory())) return false;
    QString error;
    if (!writeDesign(m_doc->design(), designPath(), &error)) return false;
    QJsonObject meta{
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("original"), m_doc->filePath()},
        {QStringLiteral("written"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    QSaveFile f(directory() + QLatin1Char('/') + m_uuid + QStringLiteral(".json"));
    if (!f.open(QIODevice::WriteOnly)) return false;
    f.write(QJsonDocument(meta).toJson());
    if (!f.commit()) return false;
    m_written = true;
    emit written(designPath());
    return true;
}

void RecoveryWriter::removeCopy()
{
    m_timer.stop();
    if (!m_written) return;
    QFile::remove(designPath());
    QFile::remove(directory() + QLatin1Char('/') + m_uuid + QStringLiteral(".json"));
    m_written = false;
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
        e.pid = o.value(QStringLiteral("pid")).toInteger();
        e.originalPath = o.value(QStringLiteral("original")).toString();
        e.written =
            QDateTime::fromString(o.value(QStringLiteral("written")).toString(), Qt::ISODate);
        if (!QFile::exists(e.designPath) || processAlive(e.pid)) continue;
        out.push_back(e);
    }
    return out;
}

void RecoveryWriter::discard(const RecoveryEntry& entry)
{
    QFile::remove(entry.designPath);
    QFile::remove(entry.metaPath);
}

} // namespace pb::app
