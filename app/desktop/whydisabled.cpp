#include "app/desktop/whydisabled.h"

#include <QAction>
#include <QHelpEvent>
#include <QMenu>
#include <QToolTip>

namespace pb::app::whydisabled {

namespace {
constexpr const char* kProperty = "pbWhyDisabled";

class Tips : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::ToolTip) return false;
        auto* menu = qobject_cast<QMenu*>(watched);
        const auto* help = static_cast<QHelpEvent*>(event);
        const QAction* action = menu ? menu->actionAt(help->pos()) : nullptr;
        if (!action || action->isEnabled()) return false;
        const QString why = of(action);
        if (why.isEmpty()) return false;
        QToolTip::showText(help->globalPos(), why, menu, menu->actionGeometry(const_cast<QAction*>(action)));
        return true;
    }
};
} // namespace

void set(QAction* action, const QString& why)
{
    action->setProperty(kProperty, why);
}

QString of(const QAction* action)
{
    return action->property(kProperty).toString();
}

void watch(QMenu* menu)
{
    // One filter per menu, owned by it: gone with the menu, and a second watch() adds nothing.
    // Found by name: Tips has no meta-object of its own, so findChild<Tips*> would take any child.
    const QString name = QStringLiteral("pbWhyDisabledTips");
    if (menu->findChild<QObject*>(name, Qt::FindDirectChildrenOnly)) return;
    auto* tips = new Tips(menu);
    tips->setObjectName(name);
    menu->installEventFilter(tips);
}

} // namespace pb::app::whydisabled
