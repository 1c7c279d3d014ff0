#pragma once

#include <QAccessible>
#include <QAccessibleWidget>
#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace pb::model {
class Design;
}

namespace pb::app {

class CanvasScene;
class CanvasView;

// What a screen reader sees of the canvas: a diagram (QAccessible::Canvas) whose children are the
// design's elements, components first, then zones, then flows, each with its name, what it is
// and its links, where it is on screen, and whether it is selected or has the keyboard's focus.
// Qt gives a QGraphicsView only its scroll bars: the drawing itself was one blank picture.
//
// Children are made when a reader asks for them and kept by element id (an element's interface
// is the same object for as long as the view lives), so that a design of 10,000 components costs
// nothing until a reader walks it, and an element undone and redone is the same child again.
class CanvasAccessible : public QAccessibleWidget
{
    Q_DECLARE_TR_FUNCTIONS(CanvasAccessible)

public:
    explicit CanvasAccessible(CanvasView* view);
    ~CanvasAccessible() override;

    // Installs the factory that gives every CanvasView this interface; once per process.
    static void install();
    // The child for the element with this id, nullptr when the design has none.
    QAccessibleInterface* childFor(const QString& id);
    // What element `id` is and what it links ("api (Service): flows in 1, out 2" with its name,
    // "Service: flows in 1, out 2" without): the status bar's and a reader's words for it.
    static QString describe(const CanvasScene* scene, const QString& id, bool withName);
    // Tells a reader that the keyboard reached element `id` (CanvasView::setKeyFocusId).
    static void notifyFocus(CanvasView* view, const QString& id);

    int childCount() const override;
    QAccessibleInterface* child(int index) const override;
    int indexOfChild(const QAccessibleInterface* child) const override;
    QAccessibleInterface* childAt(int x, int y) const override;
    QAccessibleInterface* focusChild() const override;
    QString text(QAccessible::Text t) const override;

    CanvasView* view() const;

private:
    const model::Design* design() const; // nullptr while the view has no scene
    // The id of child `index` (components, zones, flows), empty past the end.
    QString idAt(int index) const;
    mutable QHash<QString, QAccessible::Id> m_children;
};

} // namespace pb::app
