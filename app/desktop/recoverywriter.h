#pragma once

#include <QDateTime>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <vector>

namespace pb::app {

class Document;

// A recovery copy left behind by a process that died (crash, kill, power loss).
struct RecoveryEntry
{
    QString designPath;   // the recovery copy itself
    QString metaPath;     // its sidecar: owner pid, original file, time written
    QString originalPath; // the user's file it belongs to; empty for an unsaved design
    QDateTime written;
    qint64 pid = 0;
};

// Writes a recovery copy of one document a few seconds after each change, into
// AppDataLocation/recovery/ — never over the user's file. Removed on clean save and on close.
class RecoveryWriter : public QObject
{
    Q_OBJECT
public:
    explicit RecoveryWriter(Document* doc);
    ~RecoveryWriter() override;

    static QString directory();
    // Copies whose owner process is gone. Copies of live processes (another window) are skipped.
    static std::vector<RecoveryEntry> staleEntries();
    // Delete a stale copy once it has been restored or declined.
    static void discard(const RecoveryEntry& entry);

    void setDelay(int ms) { m_timer.setInterval(ms); }
    QString designPath() const;
    bool hasCopy() const { return m_written; }
    // Write now, on the calling thread (restore, tests, the bench). The timer instead writes
    // on a worker thread from a copy of the design, so a big design never stalls drawing.
    bool writeNow();
    void removeCopy();
    // Waits for a background write in progress (tests).
    void waitForIdle();

signals:
    void written(const QString& path);

private:
    void writeInBackground();
    void onBackgroundDone();
    QString metaPath() const;

    Document* m_doc;
    QFuture<bool> m_future;
    QFutureWatcher<bool> m_watcher;
    bool m_wanted = false; // a copy should exist (cleared by save/close while a write runs)
    bool m_again = false;  // changed again while writing: write once more afterwards
    QString m_uuid;
    QTimer m_timer;
    bool m_written = false;
};

} // namespace pb::app
