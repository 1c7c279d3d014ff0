#pragma once

#include <QDateTime>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <vector>

namespace pb::app {

class Document;

// A recovery copy left behind by a process that died (crash, kill, power loss).
struct RecoveryEntry
{
    QString designPath;   // the recovery copy itself; empty when only a session was kept
    QString metaPath;     // its sidecar: owner pid, original file, time written
    QString sessionPath;  // the interview session kept beside it; empty when there is none
    QString originalPath; // the user's file it belongs to; empty for an unsaved design
    QDateTime written;
    qint64 pid = 0;
};

// Writes a recovery copy of one document a few seconds after each change, into
// AppDataLocation/recovery/ — never over the user's file. Removed on clean save and on close.
// Beside it, the window's interview session (marks, ratings, notes), which no file holds until
// it is exported: kept through a clean save of the design, removed on export and on close.
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

    void setDelay(int ms)
    {
        m_timer.setInterval(ms);
        m_sessionTimer.setInterval(ms);
    }
    QString designPath() const;
    QString sessionPath() const;
    bool hasCopy() const { return m_written; }
    bool hasSessionCopy() const { return m_sessionWritten; }
    // Why the last design copy, or else the interview session's copy, could not be written (too
    // large, disk full, folder not writable); empty while copies are written, or when none is
    // needed (saved, closed, the session exported).
    QString lastError() const { return m_error.isEmpty() ? m_sessionError : m_error; }
    // Write now, on the calling thread (restore, tests, the bench). The timer instead writes
    // on a worker thread from a copy of the design, so a big design never stalls drawing.
    bool writeNow();
    // The design copy only (clean save, another design): the interview session copy stays.
    void removeCopy();
    // A normal close: the design copy, the session copy and the sidecar.
    void removeAll();
    // Waits for a background write in progress (tests).
    void waitForIdle();

    // The interview session as JSON, or an empty object when there is nothing to lose (nothing
    // handled yet, or exported since). Called on the UI thread when the session copy is written.
    void setSessionSource(std::function<QJsonObject()> source) { m_sessionSource = std::move(source); }
    // Writes the session copy a few seconds after the first change, not postponed by the next
    // ones: notes being typed or a running clock would otherwise put it off for ever.
    void sessionChanged();
    bool writeSessionNow();
    void removeSessionCopy();

signals:
    void written(const QString& path);
    // Copies stopped being written: the user's work is no longer protected from a crash. Once when
    // writes start failing, not again on each failed write after it (every change would tell).
    void failed(const QString& reason);
    // While failing, the reason changed (the design grew past the limit after the disk filled, or
    // its size changed): what the label says must not be the spell's first reason.
    void reasonChanged(const QString& reason);
    // After failed(): a copy was written again, or none is needed any more (clean save, close).
    void recovered();

private:
    void writeInBackground();
    void onBackgroundDone();
    QString metaPath() const;
    bool wantsDesignCopy() const;
    void dropDesignFiles();
    // Sets the design's (m_error) or the session's (m_sessionError) reason; failed() and
    // recovered() say when either starts failing and when neither does any more.
    void setError(QString RecoveryWriter::*which, const QString& reason);
    bool failSession(const QString& reason); // false, with the reason
    void setError(const QString& reason) { setError(&RecoveryWriter::m_error, reason); }

    Document* m_doc;
    QFuture<QString> m_future; // the write's error, empty when it was written
    QFutureWatcher<QString> m_watcher;
    bool m_pending = false; // m_future's result not handled yet (waitForIdle, then the watcher)
    bool m_wanted = false; // a copy should exist (cleared by save/close while a write runs)
    bool m_again = false;  // changed again while writing: write once more afterwards
    QString m_uuid;
    QTimer m_timer;
    bool m_written = false;
    QString m_error;
    QTimer m_sessionTimer;
    std::function<QJsonObject()> m_sessionSource;
    bool m_sessionWritten = false;
    QString m_sessionError;
};

} // namespace pb::app
