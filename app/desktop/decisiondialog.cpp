#include "app/desktop/decisiondialog.h"

#include "app/desktop/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pb::app {

DecisionDialog::DecisionDialog(const QString& findingTitle, QWidget* parent)
    : QDialog(parent)
    , m_status(new QComboBox)
    , m_justification(new QPlainTextEdit)
    , m_owner(new QLineEdit)
    , m_hasExpiry(new QCheckBox(tr("Expires on")))
    , m_expiry(new QDateEdit(QDate::currentDate().addMonths(3)))
    , m_hint(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Decide on a finding"));
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(findingTitle.toHtmlEscaped()));
    title->setWordWrap(true);
    m_status->addItem(tr("Accept the risk"), QStringLiteral("accepted"));
    m_status->addItem(tr("Suppress: not applicable here"), QStringLiteral("not_applicable"));
    m_status->addItem(tr("Mitigated elsewhere"), QStringLiteral("mitigated"));
    m_status->addItem(tr("In discussion"), QStringLiteral("in_discussion"));
    m_justification->setPlaceholderText(tr("Why is this acceptable? Reviewers and reports will show it."));
    m_justification->setTabChangesFocus(true);
    m_owner->setPlaceholderText(tr("Who answers for this decision"));
    m_owner->setText(qEnvironmentVariable("USER"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_expiry->setEnabled(false);
    auto* expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_hasExpiry);
    expiryRow->addWidget(m_expiry, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Decision"), m_status);
    form->addRow(tr("Justification"), m_justification);
    form->addRow(tr("Owner"), m_owner);
    form->addRow(tr("Expiry"), expiryRow);
    QPalette pal = m_hint->palette();
    pal.setColor(QPalette::WindowText, Theme::instance().color(QStringLiteral("panel.textSecondary")));
    m_hint->setPalette(pal);
    m_hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_hasExpiry, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    connect(m_justification, &QPlainTextEdit::textChanged, this, &DecisionDialog::updateOk);
    connect(m_owner, &QLineEdit::textChanged, this, &DecisionDialog::updateOk);
    connect(m_hasExpiry, &QCheckBox::toggled, this, &DecisionDialog::updateOk);
    connect(m_expiry, &QDateEdit::dateChanged, this, &DecisionDialog::updateOk);
    resize(460, 320);
    updateOk();
    m_justification->setFocus();
}

QString DecisionDialog::status() const
{
    return m_status->currentData().toString();
}

QString DecisionDialog::justification() const
{
    return m_justification->toPlainText().trimmed();
}

QString DecisionDialog::owner() const
{
    return m_owner->text().trimmed();
}

QString DecisionDialog::expires() const
{
    return m_hasExpiry->isChecked() ? m_expiry->date().toString(Qt::ISODate) : QString();
}

void DecisionDialog::setStatus(const QString& status)
{
    const int i = m_status->findData(status);
    if (i >= 0) m_status->setCurrentIndex(i);
}

void DecisionDialog::setJustification(const QString& text)
{
    m_justification->setPlainText(text);
}

void DecisionDialog::setOwner(const QString& owner)
{
    m_owner->setText(owner);
}

void DecisionDialog::setExpires(const QString& isoDate)
{
    const QDate d = QDate::fromString(isoDate, Qt::ISODate);
    m_hasExpiry->setChecked(d.isValid());
    if (d.isValid()) m_expiry->setDate(d);
}

bool DecisionDialog::isComplete() const
{
    return !justification().isEmpty() && !owner().isEmpty() && !expiryPassed();
}

// A decision that has already expired settles nothing, so it is not offered for saving.
bool DecisionDialog::expiryPassed() const
{
    return m_hasExpiry->isChecked() && tooLate(m_expiry->date());
}

// A decision holds through its expiry date and lapses the day after, as the engine reads it
// (docs/format.md), so today is still a valid last day.
bool DecisionDialog::tooLate(const QDate& expires)
{
    return expires < QDate::currentDate();
}

void DecisionDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isComplete());
    m_hint->setText(isComplete()      ? QString()
                    : expiryPassed() ? tr("The expiry date has passed: pick a later one, or untick it.")
                                     : tr("A justification and an owner are required."));
}

} // namespace pb::app
