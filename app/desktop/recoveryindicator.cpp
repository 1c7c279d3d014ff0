#include "app/desktop/recoveryindicator.h"

#include "app/desktop/recoverywriter.h"
#include "app/desktop/theme.h"

#include <QDir>
#include <QStatusBar>

namespace pb::app {

RecoveryIndicator::RecoveryIndicator(RecoveryWriter* writer, QStatusBar* bar)
    : m_bar(bar)
{
    setObjectName(QStringLiteral("recoveryIndicator"));
    // A reason can be long (the too-large one says how large and what to do): it is elided here,
    // whole in the tooltip, and must not push the counts and the zoom off the status bar.
    setMinimumWidth(120);
    setMaximumWidth(520);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    hide();
    bar->insertPermanentWidget(0, this);
    applyTheme();
    connect(&Theme::instance(), &Theme::changed, this, &RecoveryIndicator::applyTheme);
    connect(writer, &RecoveryWriter::failed, this, &RecoveryIndicator::showFailure);
    connect(writer, &RecoveryWriter::reasonChanged, this, &RecoveryIndicator::showReason);
    connect(writer, &RecoveryWriter::recovered, this, &QWidget::hide);
}

void RecoveryIndicator::showFailure(const QString& reason)
{
    showReason(reason);
    // Told once, where the eye is, when it starts; the label then stays while it lasts.
    // Short: it shares the status bar with the label, the counts and the zoom.
    m_bar->showMessage(tr("Your changes are not protected from a crash: save the design."), 15000);
}

void RecoveryIndicator::showReason(const QString& reason)
{
    m_full = tr("Crash recovery is off: %1").arg(reason);
    // Rich text, so that the tooltip wraps instead of running off the screen.
    setToolTip(tr("<p>Probeboard could not write the crash-recovery copy of this design, so a crash "
                  "would lose the changes made since it was last saved.</p><p>%1</p><p>Save the design "
                  "to a file (File → Save) to keep it safe. Recovery copies are kept in %2; this "
                  "goes away once a copy is written again.</p>")
                   .arg(reason.toHtmlEscaped(),
                        QDir::toNativeSeparators(RecoveryWriter::directory()).toHtmlEscaped()));
    setText(fontMetrics().elidedText(m_full, Qt::ElideRight, maximumWidth()));
    show();
}

QSize RecoveryIndicator::sizeHint() const
{
    // The whole text's width, not the elided one's: the label grows back when the window does.
    const int margins = contentsMargins().left() + contentsMargins().right() + 2 * margin();
    return {qMin(fontMetrics().horizontalAdvance(m_full) + margins, maximumWidth()), QLabel::sizeHint().height()};
}

void RecoveryIndicator::resizeEvent(QResizeEvent* e)
{
    QLabel::resizeEvent(e);
    if (!m_full.isEmpty()) setText(fontMetrics().elidedText(m_full, Qt::ElideRight, width()));
}

void RecoveryIndicator::applyTheme()
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, Theme::instance().color(QStringLiteral("panel.warning")));
    setPalette(pal);
}

} // namespace pb::app
