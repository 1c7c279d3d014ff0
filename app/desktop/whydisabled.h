#pragma once

#include <QString>

class QAction;
class QMenu;

namespace pb::app::whydisabled {

// Why an item is greyed out, said when the pointer rests on it. Fusion lets neither the pointer
// nor the keys rest on a disabled menu item, so its status tip never shows; and the menus do not
// show every item's tooltip, which would repeat each shortcut beside it.
void set(QAction* action, const QString& why); // empty: nothing to say (it is enabled)
QString of(const QAction* action);
// The menu shows the reason of a disabled item under the pointer.
void watch(QMenu* menu);

} // namespace pb::app::whydisabled
