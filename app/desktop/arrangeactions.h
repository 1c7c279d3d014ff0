#pragma once

#include "app/desktop/alignment.h"

#include <QObject>

class QAction;
class QMenu;

namespace pb::app {

class ActionRegistry;
class CanvasScene;

// The Arrange menu's commands on the selection. Align and Distribute: the selected components
// and zones line up, or spread with equal gaps, in one undo step; a zone moves with its members,
// and an element whose centre lands in another zone joins it, as a drop does. Lock / Unlock:
// holds them in place (`locked = true`), so that a drag meant for what lies on a large zone does
// not move the zone. The items stay greyed, saying why, until the selection allows them.
class ArrangeActions : public QObject
{
    Q_OBJECT
public:
    ArrangeActions(ActionRegistry* actions, CanvasScene* scene, QObject* parent = nullptr);
    // Align's items, then Distribute's, under one submenu of `arrange`, and Lock / Unlock.
    void addTo(QMenu* arrange) const;
    // Lines the selection up; false when it changes nothing (too few selected, all in place).
    bool apply(alignment::Op op);
    // Locks every selected component and zone, or unlocks them all when all are locked; one
    // undo step. False when nothing lockable is selected.
    bool toggleLock();

private:
    void refresh();
    // The selected components and zones, without those inside a selected zone (they go with it).
    QStringList roots() const;

    CanvasScene* m_scene;
    QList<std::pair<QAction*, alignment::Op>> m_actions;
    QAction* m_lock = nullptr;
    bool m_refreshPending = false;
};

} // namespace pb::app
