#include "app/desktop/tageditor.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace pb::app {

TagEditor::TagEditor(QWidget* parent)
    : QWidget(parent)
    , m_chips(new QHBoxLayout)
    , m_edit(new QLineEdit)
{
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    m_chips->setContentsMargins(0, 0, 0, 0);
    m_chips->setSpacing(3);
    lay->addLayout(m_chips);
    lay->addWidget(m_edit);
    m_edit->setPlaceholderText(tr("Add a value, press Enter"));
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::returnPressed, this, &TagEditor::addFromEdit);
}

void TagEditor::setTags(const QStringList& tags)
{
    m_tags = tags;
    rebuildChips();
}

void TagEditor::rebuildChips()
{
    while (QLayoutItem* item = m_chips->takeAt(0)) {
        if (item->widget()) item->widget()->deleteLater();
        delete item;
    }
    for (const QString& tag : std::as_const(m_tags)) {
        auto* chip = new QToolButton;
        chip->setText(tag + QStringLiteral("  ×"));
        chip->setToolTip(tr("Remove %1").arg(tag));
        chip->setAccessibleName(tr("Remove value %1").arg(tag));
        chip->setAutoRaise(false);
        connect(chip, &QToolButton::clicked, this, [this, tag] {
            QStringList next = m_tags;
            next.removeAll(tag);
            emit tagsEdited(next);
        });
        m_chips->addWidget(chip);
    }
    m_chips->addStretch(1);
}

void TagEditor::addFromEdit()
{
    QStringList next = m_tags;
    for (const QString& part : m_edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty() && !next.contains(t)) next << t;
    }
    m_edit->clear();
    if (next != m_tags) emit tagsEdited(next);
}

} // namespace pb::app
