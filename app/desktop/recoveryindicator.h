#pragma once

#include <QLabel>

class QStatusBar;

namespace pb::app {

class RecoveryWriter;

// Shows in the status bar that crash recovery is off while the recovery copy cannot be written
// (too large, disk full, folder not writable), so that nobody keeps drawing believing the work
// is safe. Not a dialog: it must not interrupt the drawing, and it stays until copies are written
// again or none is needed (saved, closed).
class RecoveryIndicator : public QLabel
{
    Q_OBJECT
public:
    RecoveryIndicator(RecoveryWriter* writer, QStatusBar* bar);
    QSize sizeHint() const override;

private:
    void showFailure(const QString& reason);
    void showReason(const QString& reason); // the label and its tooltip, without a word in the status bar
    void applyTheme();
    void resizeEvent(QResizeEvent* e) override;

    QStatusBar* m_bar;
    QString m_full; // the whole text; what shows is elided to the width the status bar gives
};

} // namespace pb::app
