#include "app/desktop/actionregistry.h"

#include <QWidget>

namespace pb::app {

ActionRegistry::ActionRegistry(QWidget* owner)
    : QObject(owner)
    , m_owner(owner)
{
}

QAction* ActionRegistry::add(const QString& id, const QString& text,
                             const QList<QKeySequence>& shortcuts)
{
    auto* a = new QAction(text, m_owner);
    a->setObjectName(id);
    a->setShortcuts(shortcuts);
    if (!shortcuts.isEmpty())
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                          shortcuts.first().toString(QKeySequence::NativeText)));
    m_owner->addAction(a);
    m_actions.insert(id, a);
    m_order << a;
    return a;
}

QAction* ActionRegistry::get(const QString& id) const
{
    QAction* a = m_actions.value(id);
    Q_ASSERT_X(a, "ActionRegistry::get", qPrintable(id));
    if (!a) {
        a = new QAction(m_owner);
        a->setEnabled(false);
    }
    return a;
}

} // namespace pb::app
