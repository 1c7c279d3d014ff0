#pragma once

#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/mainwindow.h"
#include "model/design.h"

#include <QApplication>
#include <QMouseEvent>
#include <QTest>

// The mouse on the canvas as a hand moves it, at scene positions mapped through the view: a
// press, moves in six steps with the button held, a release. And a window showing a design at
// 100 % for such gestures. Shared by the tests of dragging, bending and locking.
namespace pb::test {

inline QPoint onView(const app::CanvasView* view, QPointF scene)
{
    return view->mapFromScene(scene);
}

inline void press(app::CanvasView* view, QPointF at)
{
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, onView(view, at));
}

inline void moveTo(app::CanvasView* view, QPointF from, QPointF to)
{
    QWidget* port = view->viewport();
    for (int i = 1; i <= 6; ++i) {
        const QPoint p = onView(view, from + (to - from) * i / 6.0);
        QMouseEvent move(QEvent::MouseMove, p, port->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(port, &move);
    }
}

inline void release(app::CanvasView* view, QPointF at)
{
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, onView(view, at));
}

inline void drag(app::CanvasView* view, QPointF from, QPointF to)
{
    press(view, from);
    moveTo(view, from, to);
    release(view, to);
}

// A window showing `design` on the canvas at 100 %, centred on `centre`; nullptr when it never
// came up on the screen.
inline app::MainWindow* canvasWindow(model::Design design, QPointF centre)
{
    auto* w = new app::MainWindow;
    w->show();
    if (!QTest::qWaitForWindowExposed(w)) {
        delete w;
        return nullptr;
    }
    w->document()->reset(std::move(design), QString());
    w->showCanvas();
    w->view()->resetZoom();
    w->view()->centerOn(centre);
    QApplication::processEvents();
    return w;
}

} // namespace pb::test
