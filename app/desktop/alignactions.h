#pragma once

#include "app/desktop/alignment.h"

#include <QObject>

class QAction;
class QMenu;

namespace pb::app {

class ActionRegistry;
class CanvasScene;

// Arrange > Align and Distribute: the selected components and zones line up, or spread with
// equal gaps, in one undo step. A zone moves with its members; an element whose centre lands in
// another zone joins it, as a drop does. The items stay greyed, saying why, until enough is
// selected.
class AlignActions : public QObject
{
    Q_OBJECT
public:
    AlignActions(ActionRegistry* actions, CanvasScene* scene, QObject* parent = nullptr);
    // Align's items, then Distribute's, under one submenu of `arrange`.
    void addTo(QMenu* arrange) const;
    // Lines the selection up; false when it changes nothing (too few selected, all in place).
    bool apply(alignment::Op op);

private:
    void refresh();
    // The selected components and zones, without those inside a selected zone (they go with it).
    QStringList roots() const;

    CanvasScene* m_scene;
    QList<std::pair<QAction*, alignment::Op>> m_actions;
    bool m_refreshPending = false;
};

} // namespace pb::app
