#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>

class QProcess;
class QProgressDialog;
class QWidget;

namespace pb::app {

class Document;

// Auto-layout out of process: `probeboard-cli layout IN OUT --engine dot|sfdp` in a QProcess,
// with a progress dialog, a cancel button and a time limit. A Graphviz crash or hang only
// kills the helper. The result is applied as one undoable command; nothing moves otherwise.
class LayoutRunner : public QObject
{
    Q_OBJECT
public:
    LayoutRunner(Document* doc, QWidget* dialogParent);
    ~LayoutRunner() override;

    static QString cliPath();
    bool isRunning() const;
    void setTimeLimit(int ms) { m_limitMs = ms; }
    void setShowDialog(bool show) { m_showDialog = show; }

public slots:
    // engine: "dot", "sfdp", or "" to pick by size (sfdp above 2,000 components).
    void run(const QString& engine);
    void cancel();

signals:
    void finished(bool applied, const QString& message);

private:
    void onFinished();
    void fail(const QString& message);
    bool apply(const QString& resultPath, QString* error);
    void cleanup();

    Document* m_doc;
    QPointer<QWidget> m_parent;
    QProcess* m_process = nullptr;
    QProgressDialog* m_dialog = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QTimer m_limit;
    QTimer m_tick;
    QElapsedTimer m_clock;
    QString m_engine;
    int m_limitMs = 120000;
    bool m_showDialog = true;
    int m_revision = 0;
};

} // namespace pb::app
