#pragma once
// Runs the app's layout helper process on a document the way the Auto-layout action does, with
// `cli` standing in for probeboard-cli (the real one, or a script that crashes or hangs).

#include "app/desktop/document.h"
#include "app/desktop/layoutrunner.h"

#include <QSignalSpy>
#include <QString>

namespace pb::test {

// True when the layout was applied; `message` gets what the window would have said. Waits a
// minute past the limit, so a slow sanitizer build still answers.
inline bool runLayout(const QString& cli, app::Document& doc, int limitMs, QString* message)
{
    qputenv("PROBEBOARD_CLI", cli.toLocal8Bit());
    app::LayoutRunner runner(&doc, nullptr);
    runner.setShowDialog(false);
    runner.setTimeLimit(limitMs);
    QSignalSpy done(&runner, &app::LayoutRunner::finished);
    runner.run(QStringLiteral("dot"));
    if (!done.wait(limitMs + 60000)) {
        *message = QStringLiteral("no answer from the layout runner");
        return false;
    }
    *message = done.first().at(1).toString();
    return done.first().at(0).toBool();
}

} // namespace pb::test
