#pragma once

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <functional>

class QAction;

namespace pb::app {

class ActionRegistry;
class CanvasScene;
class CanvasView;

// Moving through the drawing without a mouse: the element reached is selected alone, framed
// (CanvasView::keyFocusId), scrolled into sight and named in the status bar. Its keys act on the
// canvas only, so that Tab and Alt+arrows keep their meaning in the panels.
class CanvasNavigator : public QObject
{
    Q_OBJECT
public:
    CanvasNavigator(CanvasScene* scene, CanvasView* view, QObject* parent = nullptr);
    void addActions(ActionRegistry* registry);
    // For the Go menu while it is open: each action enabled only where it leads somewhere, its
    // status tip naming where, or why not. `shown` false: the canvas is not on screen.
    void describeActions(bool shown);
    // All enabled again once the menu closes: the keys act whatever the selection has become,
    // and say in the status bar why they did nothing.
    void enableActions();

public slots:
    // Tab, Shift+Tab: the next or previous element in elementOrder(), round to the start.
    void next();
    void previous();
    // Alt+arrows: the nearest component that way (the one nearest the view's middle when
    // nothing is selected).
    void nearest(QPointF direction);
    // Alt+Shift+Right, Left: along a flow. From a component, its first flow out (in); from a
    // flow, its target (source).
    void followOut();
    void followIn();
    // Alt+Shift+Up, Down: from a component or zone, the zone holding it (up) or a zone's first
    // member (down), as draw.io's parent and child; from a flow, the previous or next flow
    // leaving the same component.
    void up();
    void down();

private:
    // Where an action leads from the current element, or an empty id and why not.
    using Target = std::function<QString(QString* why)>;

    // What the keys move from: the element last reached, while it is still selected, else the
    // first (last) selected one in the order Tab goes.
    QString current(bool forward);
    // elementOrder(), worked out once per change of the design: sorting every element on each
    // key press took a third of a second at 10,000 components.
    const QStringList& order();
    // Where each element is in order(): the first flow leaving a component, in Tab's order.
    qsizetype placeOf(const QString& id);
    QString firstFlow(const QString& component, bool out);
    QString stepTarget(int by, QString* why);
    QString nearestTarget(QPointF direction, QString* why);
    QString followTarget(bool out, QString* why);
    QString upTarget(QString* why);
    QString downTarget(QString* why);
    QString siblingTarget(const QString& flow, int by, QString* why);
    void reach(const Target& target);
    void go(const QString& id);
    QString describe(const QString& id) const;
    void onSelectionChanged();

    CanvasScene* m_scene;
    CanvasView* m_view;
    bool m_going = false;
    bool m_orderKnown = false;
    QStringList m_order;
    QHash<QString, qsizetype> m_place;
    QList<std::pair<QAction*, Target>> m_targets;
};

} // namespace pb::app
