#include "app/desktop/actionregistry.h"

#include <QWidget>

#include <algorithm>

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

QAction* ActionRegistry::addScoped(QWidget* scope, const QString& id, const QString& text,
                                   const QList<QKeySequence>& shortcuts)
{
    QAction* a = add(id, text, shortcuts);
    // Left on the window as well, the scope would be the whole window.
    m_owner->removeAction(a);
    scope->addAction(a);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
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

void ActionRegistry::hold(const QStringList& prefixes)
{
    for (QAction* a : m_order) {
        if (!a->isEnabled()) continue;
        const QString id = a->objectName();
        if (std::any_of(prefixes.begin(), prefixes.end(), [&](const QString& p) { return id.startsWith(p); })) {
            m_held << a;
            a->setEnabled(false);
        }
    }
}

void ActionRegistry::release()
{
    for (const auto& a : m_held)
        if (a) a->setEnabled(true);
    m_held.clear();
}

} // namespace pb::app
