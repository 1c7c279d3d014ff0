#include "app/desktop/layoutrunner.h"

#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "model/autolayout.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QUndoStack>
#include <QWidget>
#include <nlohmann/json.hpp>

namespace pb::app {

LayoutRunner::LayoutRunner(Document* doc, QWidget* dialogParent)
    : QObject(doc)
    , m_doc(doc)
    , m_parent(dialogParent)
{
    m_limit.setSingleShot(true);
    connect(&m_limit, &QTimer::timeout, this, [this] {
        fail(tr("Auto-layout took longer than %1 s and was stopped. Try sfdp for large designs.")
                 .arg(m_limitMs / 1000));
    });
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_dialog)
            m_dialog->setLabelText(tr("Laying out with %1… %2 s")
                                       .arg(m_engine)
                                       .arg(m_clock.elapsed() / 1000.0, 0, 'f', 1));
    });
}

LayoutRunner::~LayoutRunner()
{
    cleanup();
}

QString LayoutRunner::cliPath()
{
    const QString env = qEnvironmentVariable("PROBEBOARD_CLI");
    if (!env.isEmpty()) return env;
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& p :
         {dir + QStringLiteral("/probeboard-cli"), dir + QStringLiteral("/../cli/probeboard-cli"),
          dir + QStringLiteral("/../app/cli/probeboard-cli")})
        if (QFileInfo(p).isExecutable()) return QFileInfo(p).absoluteFilePath();
    return QStandardPaths::findExecutable(QStringLiteral("probeboard-cli"));
}

bool LayoutRunner::isRunning() const
{
    return m_process != nullptr;
}

void LayoutRunner::run(const QString& engine)
{
    if (m_process) return;
    const QString cli = cliPath();
    if (cli.isEmpty()) return fail(tr("Auto-layout needs probeboard-cli, which was not found."));
    m_engine = engine.isEmpty() ? QString::fromStdString(model::defaultLayoutEngine(m_doc->design())) : engine;
    m_dir = std::make_unique<QTemporaryDir>();
    const QString in = m_dir->filePath(QStringLiteral("in.probeboard"));
    const QString out = m_dir->filePath(QStringLiteral("out.json"));
    QString error;
    if (!m_dir->isValid() || !writeDesign(m_doc->design(), in, &error))
        return fail(tr("Auto-layout could not write its input: %1").arg(error));
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::finished, this, &LayoutRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) fail(tr("probeboard-cli could not be started."));
    });
    // The runner keeps its own limit (m_limit) and says so in the window; the helper's must not
    // end the run first with a different message.
    m_process->start(cli, {QStringLiteral("layout"), in, out, QStringLiteral("--engine"), m_engine,
                           QStringLiteral("--time-limit"), QStringLiteral("0")});
    m_clock.start();
    m_limit.start(m_limitMs);
    m_tick.start();
    if (m_showDialog && m_parent) {
        m_dialog = new QProgressDialog(tr("Laying out with %1…").arg(m_engine), tr("Cancel"), 0, 0,
                                       m_parent);
        m_dialog->setWindowTitle(tr("Auto-layout"));
        m_dialog->setMinimumDuration(300);
        m_dialog->setWindowModality(Qt::WindowModal);
        connect(m_dialog, &QProgressDialog::canceled, this, &LayoutRunner::cancel);
    }
}

void LayoutRunner::cancel()
{
    if (!m_process) return;
    cleanup();
    emit finished(false, tr("Auto-layout cancelled; nothing was moved."));
}

void LayoutRunner::fail(const QString& message)
{
    cleanup();
    emit finished(false, message);
}

void LayoutRunner::cleanup()
{
    m_limit.stop();
    m_tick.stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_dialog) {
        m_dialog->disconnect(this);
        m_dialog->close();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
}

void LayoutRunner::onFinished()
{
    const QString output = QString::fromUtf8(m_process->readAll()).trimmed();
    const bool ok = m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
    const QString out = m_dir ? m_dir->filePath(QStringLiteral("out.json")) : QString();
    if (!ok) {
        return fail(m_process->exitStatus() == QProcess::CrashExit
                        ? tr("Graphviz crashed while laying out; nothing was moved.")
                        : tr("Auto-layout failed: %1").arg(output.left(400)));
    }
    QString error;
    const bool applied = apply(out, &error);
    cleanup();
    emit finished(applied, applied
                               ? tr("Laid out with %1 (Undo puts everything back).").arg(m_engine)
                               : error);
}

bool LayoutRunner::apply(const QString& resultPath, QString* error)
{
    QFile f(resultPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("Auto-layout produced no result.");
        return false;
    }
    const QByteArray bytes = f.readAll();
    QHash<QString, QPointF> positions;
    QHash<QString, QRectF> zones;
    try {
        const auto j = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
        // Accept either a laid-out design (components/zones with pos and size) or a layout
        // result listing nodes and clusters with top-left x, y.
        for (const auto& key : {"components", "nodes"})
            for (const auto& c : j.value(key, nlohmann::json::array())) {
                const auto& p = c.contains("pos") ? c["pos"] : c;
                positions.insert(QString::fromStdString(c.at("id").get<std::string>()),
                                 QPointF(p.value("x", 0.0), p.value("y", 0.0)));
            }
        for (const auto& key : {"zones", "clusters"})
            for (const auto& z : j.value(key, nlohmann::json::array())) {
                const auto& p = z.contains("pos") ? z["pos"] : z;
                const auto& s = z.contains("size") ? z["size"] : z;
                zones.insert(QString::fromStdString(z.at("id").get<std::string>()),
                             QRectF(p.value("x", 0.0), p.value("y", 0.0), s.value("width", 0.0),
                                    s.value("height", 0.0)));
            }
    } catch (const std::exception& e) {
        *error = tr("Auto-layout result unreadable: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
    QUndoCommand* cmd =
        commands::applyLayout(m_doc, positions, zones, tr("Auto-layout (%1)").arg(m_engine));
    if (!cmd) {
        *error = tr("Auto-layout changed nothing.");
        return false;
    }
    m_doc->undoStack()->push(cmd);
    return true;
}

} // namespace pb::app
