#include "app/desktop/reviewpanel.h"

#include "app/desktop/decisiondialog.h"
#include "app/desktop/designio.h"
#include "app/desktop/dialogplaces.h"
#include "app/desktop/partchooser.h"
#include "app/desktop/document.h"
#include "app/desktop/documentexport.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"
#include "rules/report.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pb::app {

namespace {
enum Column { SeverityCol, FindingCol, AboutCol, StatusCol, OwnerCol };
constexpr int FingerprintRole = Qt::UserRole + 1;

QString about(const rules::Finding& f, const model::Design& d)
{
    QStringList names;
    for (const auto& id : f.targets)
        if (d.component(id)) names << shownText(rules::labelOf(d, id));
    return names.join(QStringLiteral(", "));
}
} // namespace

ReviewPanel::ReviewPanel(ReviewController* review, CanvasScene* scene, QWidget* parent)
    : QDockWidget(tr("Review Decisions"), parent)
    , m_review(review)
    , m_scene(scene)
{
    setObjectName(QStringLiteral("reviewDecisionsDock"));
    auto* body = new QWidget;
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(8, 6, 8, 8);
    auto* top = new QHBoxLayout;
    m_compareLabel = new QLabel;
    m_compareLabel->setTextFormat(Qt::RichText);
    top->addWidget(m_compareLabel, 1);
    m_clearCompare = new QPushButton(tr("Clear Comparison"));
    connect(m_clearCompare, &QPushButton::clicked, this, &ReviewPanel::clearComparison);
    auto* compare = new QPushButton(tr("Compare With…"));
    connect(compare, &QPushButton::clicked, this, &ReviewPanel::compareDialog);
    auto* report = new QPushButton(tr("Review Report…"));
    connect(report, &QPushButton::clicked, this, &ReviewPanel::reportDialog);
    top->addWidget(m_clearCompare);
    top->addWidget(compare);
    top->addWidget(report);
    v->addLayout(top);

    m_tree = new QTreeWidget;
    m_tree->setAccessibleName(tr("Design review findings"));
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setHeaderLabels({tr("Severity"), tr("Finding"), tr("About"), tr("Status"), tr("Owner")});
    m_tree->header()->setSectionResizeMode(FindingCol, QHeaderView::Stretch);
    for (int c : {SeverityCol, AboutCol, StatusCol, OwnerCol})
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ReviewPanel::showCurrent);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_tree);
    split->addWidget(buildEditor());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    v->addWidget(split, 1);
    setWidget(body);
    // Hidden in other modes; the mode controller refreshes it when Review mode opens.
    connect(m_review, &ReviewController::reviewed, this, [this] {
        updateComparison(); // also while hidden: the report can be exported from any mode
        if (!isHidden()) refresh();
    });
    connect(&Theme::instance(), &Theme::changed, this, &ReviewPanel::refresh);
    showComparison();
    refresh();
}

QStringList ReviewPanel::statuses()
{
    return {QStringLiteral("open"), QStringLiteral("in_discussion"), QStringLiteral("accepted"),
            QStringLiteral("mitigated"), QStringLiteral("not_applicable")};
}

QString ReviewPanel::statusTitle(const QString& status)
{
    if (status == QLatin1String("in_discussion")) return tr("In discussion");
    if (status == QLatin1String("accepted")) return tr("Accepted");
    if (status == QLatin1String("mitigated")) return tr("Mitigated");
    if (status == QLatin1String("not_applicable")) return tr("Not applicable");
    if (status == QLatin1String("suppressed")) return tr("Suppressed");
    return tr("Open");
}

QWidget* ReviewPanel::buildEditor()
{
    auto* w = new QWidget;
    auto* form = new QFormLayout(w);
    form->setContentsMargins(8, 0, 0, 0);
    m_status = new QComboBox;
    for (const QString& s : statuses()) m_status->addItem(statusTitle(s), s);
    form->addRow(tr("Status"), m_status);
    m_owner = new QLineEdit;
    m_owner->setPlaceholderText(tr("Who owns the follow-up"));
    form->addRow(tr("Owner"), m_owner);
    m_justification = new QPlainTextEdit;
    m_justification->setPlaceholderText(tr("Why this status: the mitigation, the risk taken, the ticket…"));
    m_justification->setMinimumHeight(48);
    m_justification->setMaximumHeight(m_justification->fontMetrics().height() * 5);
    form->addRow(tr("Justification"), m_justification);
    auto* exp = new QHBoxLayout;
    m_expiresOn = new QCheckBox(tr("Expires"));
    m_expires = new QDateEdit(QDate::currentDate().addMonths(3));
    m_expires->setCalendarPopup(true);
    m_expires->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_expires->setEnabled(false);
    connect(m_expiresOn, &QCheckBox::toggled, m_expires, &QWidget::setEnabled);
    exp->addWidget(m_expiresOn);
    exp->addWidget(m_expires, 1);
    form->addRow(QString(), exp);
    auto* row = new QHBoxLayout;
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_apply = new QPushButton(tr("Apply Decision"));
    connect(m_apply, &QPushButton::clicked, this, &ReviewPanel::applyDecision);
    row->addWidget(m_message, 1);
    row->addWidget(m_apply);
    form->addRow(row);
    return w;
}

void ReviewPanel::refresh()
{
    const QString keep = currentFingerprint();
    const model::Design& d = m_review->document()->design();
    const Theme& t = Theme::instance();
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    for (const auto& f : m_review->result().findings) {
        if (f.kind != rules::Finding::Kind::Finding) continue; // asks and probes have no status
        auto* it = new QTreeWidgetItem(m_tree);
        const QString sev = QString::fromStdString(rules::severityName(f.severity));
        it->setText(SeverityCol, sev);
        it->setForeground(SeverityCol, t.color(QStringLiteral("badge.%1.stroke").arg(sev)));
        it->setText(FindingCol, QString::fromStdString(f.title));
        it->setToolTip(FindingCol, QString::fromStdString(f.why));
        it->setText(AboutCol, about(f, d));
        it->setText(StatusCol, statusTitle(QString::fromStdString(f.status)));
        if (f.settled())
            it->setForeground(StatusCol, t.color(QStringLiteral("panel.success")));
        it->setText(OwnerCol, QString::fromStdString(f.owner));
        it->setData(0, FingerprintRole, QString::fromStdString(f.fingerprint));
        if (it->data(0, FingerprintRole).toString() == keep) m_tree->setCurrentItem(it);
    }
    if (!m_tree->currentItem() && m_tree->topLevelItemCount()) m_tree->setCurrentItem(m_tree->topLevelItem(0));
    showCurrent();
}

QString ReviewPanel::currentFingerprint() const
{
    return m_tree->currentItem() ? m_tree->currentItem()->data(0, FingerprintRole).toString() : QString();
}

bool ReviewPanel::selectFinding(const QString& fingerprint)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, FingerprintRole).toString() == fingerprint) {
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
            return true;
        }
    return false;
}

void ReviewPanel::showCurrent()
{
    const rules::Finding* f = m_review->finding(currentFingerprint());
    for (QWidget* w : std::initializer_list<QWidget*>{m_status, m_owner, m_justification, m_expiresOn, m_apply})
        w->setEnabled(f);
    m_expires->setEnabled(f && m_expiresOn->isChecked());
    showMessage(QString(), false);
    if (!f) {
        m_owner->clear();
        m_justification->clear();
        return;
    }
    const int idx = m_status->findData(QString::fromStdString(f->status));
    m_status->setCurrentIndex(idx < 0 ? 0 : idx);
    m_owner->setText(QString::fromStdString(f->owner));
    // An expired decision shows its reasons too: renewing it starts from them.
    m_justification->setPlainText(QString::fromStdString(f->justification));
    const QDate exp = QDate::fromString(QString::fromStdString(f->expires), Qt::ISODate);
    m_expiresOn->setChecked(exp.isValid());
    // Each finding starts from its own date, or a fresh default: the last one's carried over.
    m_expires->setDate(exp.isValid() ? exp : QDate::currentDate().addMonths(3));
}

void ReviewPanel::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(QStringLiteral("color:%1").arg(
        Theme::instance().color(error ? QStringLiteral("panel.error") : QStringLiteral("panel.success")).name()));
}

bool ReviewPanel::applyDecision()
{
    const rules::Finding* f = m_review->finding(currentFingerprint());
    if (!f) return false;
    const QString status = m_status->currentData().toString();
    const QString owner = m_owner->text().trimmed();
    const QString why = m_justification->toPlainText().trimmed();
    if (status == QLatin1String("open") && owner.isEmpty() && why.isEmpty()) {
        if (f->status != "open" || !f->owner.empty()) m_review->reopen(*f);
        showMessage(tr("Reopened."), false);
        return true;
    }
    if (owner.isEmpty() || why.isEmpty()) {
        showMessage(tr("A decision needs an owner and a justification."), true);
        return false;
    }
    // A decision that has already expired settles nothing: saving one showed "Saved as
    // Accepted" over a finding that was open again at once.
    if (m_expiresOn->isChecked() && DecisionDialog::tooLate(m_expires->date())) {
        showMessage(tr("The expiry date has passed: pick a later one, or untick Expires."), true);
        return false;
    }
    const QString expires = m_expiresOn->isChecked() ? m_expires->date().toString(Qt::ISODate) : QString();
    const rules::Finding copy = *f; // the review result is replaced while the command runs
    if (!m_review->decide(copy, status, why, owner, expires)) {
        showMessage(tr("Nothing changed."), false);
        return false;
    }
    m_review->reviewNow();
    selectFinding(QString::fromStdString(copy.fingerprint));
    showMessage(tr("Saved as %1 in the design (undo with Ctrl+Z).").arg(statusTitle(status)), false);
    return true;
}

bool ReviewPanel::compareWith(const QString& path, QString* error)
{
    auto before = readDesign(path, error);
    if (!before) return false;
    m_beforeResult = m_review->ruleSet().review(*before);
    m_before = std::move(before);
    m_diffName = QFileInfo(path).fileName();
    updateComparison();
    return true;
}

void ReviewPanel::updateComparison()
{
    if (!m_before) return;
    rules::DesignDiff diff = rules::diffDesigns(*m_before, m_review->document()->design());
    rules::diffFindings(diff, m_beforeResult, m_review->result());
    m_diff = std::move(diff);
    showComparison();
}

void ReviewPanel::clearComparison()
{
    m_before.reset();
    m_beforeResult = {};
    m_diff.reset();
    m_diffName.clear();
    showComparison();
}

void ReviewPanel::showComparison()
{
    m_clearCompare->setVisible(m_diff.has_value());
    if (!m_diff) {
        m_compareLabel->setText(tr("Set a status, owner and justification for each finding; they are saved in the design."));
        return;
    }
    const auto& d = *m_diff;
    const QString fresh = d.newFindings.size() == 1 ? tr("1 new finding") : tr("%1 new findings").arg(d.newFindings.size());
    m_compareLabel->setText(tr("Compared with <b>%1</b>: %2 added, %3 removed, %4 changed · %5, %6 resolved")
                                .arg(m_diffName.toHtmlEscaped())
                                .arg(d.added.size())
                                .arg(d.removed.size())
                                .arg(d.changed.size())
                                .arg(fresh)
                                .arg(d.resolvedFindings.size()));
}

void ReviewPanel::compareDialog()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Compare with a previous version"), dialogplaces::openFolder(m_review->document()->filePath()),
        openDesignFilter());
    // A Markdown page with several flowcharts: the one the user picks, as Open does.
    const QString path = file.isEmpty() ? file : partchooser::choose(this, file);
    if (path.isEmpty()) return;
    QString error;
    if (!compareWith(path, &error)) {
        QMessageBox::warning(this, tr("Cannot compare"), error);
        return;
    }
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Changes since %1").arg(m_diffName));
    auto* v = new QVBoxLayout(&dlg);
    auto* text = new QTextBrowser;
    const std::string css = std::string("<style>") + rules::reportCss() + "</style>";
    text->setHtml(QString::fromStdString(css) + m_compareLabel->text() + QString::fromStdString(rules::diffHtmlFragment(*m_diff)));
    v->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    v->addWidget(buttons);
    dlg.resize(760, 520);
    dlg.exec();
}

bool ReviewPanel::exportReport(const QString& path, QString* error)
{
    Document* doc = m_review->document();
    const QString file = doc->filePath().isEmpty() ? doc->displayName() : QFileInfo(doc->filePath()).fileName();
    rules::FileReview r{file.toStdString(), &doc->design(), m_review->result(), {}};
    // A spreadsheet of the findings, for a tracker or a team's review sheet: no picture to add.
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return documentexport::saveText(path, rules::reportCsv({r}), error);
    return documentexport::write(path, documentexport::formatFor(path), documentexport::diagramImage(m_scene),
                                 [&](documentexport::Format f, rules::DocOptions o) {
                                     if (m_diff) {
                                         o.diff = &*m_diff;
                                         o.diffAgainst = m_diffName.toStdString();
                                     }
                                     return f == documentexport::Format::Markdown ? rules::reportMarkdown({r}, o)
                                                                                  : rules::reportHtml({r}, o);
                                 },
                                 error);
}

void ReviewPanel::reportDialog()
{
    Document* doc = m_review->document();
    const QString base = QFileInfo(doc->filePath()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Review Report"),
        dialogplaces::besideDesign(doc->filePath(), (base.isEmpty() ? tr("review") : base + tr("-review")) +
                                                        QStringLiteral(".html")),
        documentexport::fileFilter() + tr(";;CSV spreadsheet (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportReport(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace pb::app
