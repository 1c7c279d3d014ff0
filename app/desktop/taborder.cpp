#include "app/desktop/taborder.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasnavigator.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/gomenu.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/panelfocus.h"
#include "app/desktop/readingorder.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHash>
#include <QKeyEvent>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTextEdit>
#include <QToolBar>

#include <algorithm>

namespace pb::app {

namespace {
// Panels whose left edges are this close stand in one column.
constexpr int kColumnSlack = 40;

bool isStop(const QWidget* w)
{
    if (!w->isVisible() || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
        return false;
    // A scroll area's own focus only scrolls; a combo box's or spin box's field is the box's.
    if (qobject_cast<const QScrollArea*>(w)) return false;
    const QWidget* parent = w->parentWidget();
    return !qobject_cast<const QComboBox*>(parent) && !qobject_cast<const QAbstractSpinBox*>(parent);
}

// A text field where Tab types a tab keeps it; Ctrl+Tab or F6 leaves it.
bool typesTab(const QWidget* w)
{
    if (auto* e = qobject_cast<const QPlainTextEdit*>(w)) return !e->tabChangesFocus() && !e->isReadOnly();
    if (auto* e = qobject_cast<const QTextEdit*>(w)) return !e->tabChangesFocus() && !e->isReadOnly();
    return false;
}
} // namespace

TabOrder::TabOrder(QMainWindow* window, QWidget* canvas)
    : QObject(window)
    , m_window(window)
    , m_canvas(canvas)
{
    qApp->installEventFilter(this);
}

void TabOrder::install(MainWindow* window)
{
    auto* navigator = new CanvasNavigator(window->scene(), window->view(), window);
    navigator->addActions(window->actions());
    auto* order = new TabOrder(window, window->view());
    ActionRegistry* r = window->actions();
    // Not "view.": the Start Page holds those, and its lists are panels too.
    // Mnemonics apart from the Go menu's other items (Next and Previous Element have N and P).
    connect(r->add(QStringLiteral("window.nextPanel"), tr("Ne&xt Panel"),
                   {QKeySequence(Qt::Key_F6), QKeySequence(Qt::CTRL | Qt::Key_Tab)}),
            &QAction::triggered, order, [order] { order->focusPanel(1); });
    connect(r->add(QStringLiteral("window.previousPanel"), tr("Pre&vious Panel"),
                   {QKeySequence(Qt::SHIFT | Qt::Key_F6), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)}),
            &QAction::triggered, order, [order] { order->focusPanel(-1); });
    new GoMenu(window, r, navigator, window->view());
    new PanelFocus(window);
}

QList<QWidget*> TabOrder::panels() const
{
    QList<QWidget*> shown;
    for (QToolBar* bar : m_window->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
        if (bar->isVisible()) shown << bar;
    QWidget* centre = m_window->centralWidget();
    if (auto* stack = qobject_cast<QStackedWidget*>(centre)) centre = stack->currentWidget();
    if (centre && centre->isVisible()) shown << centre;
    QList<QWidget*> floating;
    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        if (dock->isVisible()) (dock->isFloating() ? floating : shown) << dock;
    auto at = [this](const QWidget* w) { return w->mapTo(m_window, QPoint(0, 0)); };
    std::sort(shown.begin(), shown.end(), [&](QWidget* a, QWidget* b) { return at(a).x() < at(b).x(); });
    // Columns from the left, each read top to bottom.
    QList<QWidget*> out;
    for (qsizetype start = 0; start < shown.size();) {
        qsizetype end = start + 1;
        while (end < shown.size() && at(shown[end]).x() - at(shown[start]).x() < kColumnSlack)
            ++end;
        std::stable_sort(shown.begin() + start, shown.begin() + end,
                         [&](QWidget* a, QWidget* b) { return at(a).y() < at(b).y(); });
        out << shown.mid(start, end - start);
        start = end;
    }
    return out << floating;
}

QList<QWidget*> TabOrder::stops(QWidget* panel) const
{
    if (isStop(panel)) return {panel}; // the canvas: its keys move within it
    QList<std::pair<QString, QRectF>> rects;
    QHash<QString, QWidget*> byName;
    for (QWidget* w : panel->findChildren<QWidget*>()) {
        if (!isStop(w)) continue;
        const QString key = QString::number(quintptr(w));
        byName.insert(key, w);
        rects.append({key, QRectF(w->mapTo(panel, QPoint(0, 0)), w->size())});
    }
    QList<QWidget*> out;
    for (const QString& key : readingOrder(rects))
        out << byName.value(key);
    return out;
}

QWidget* TabOrder::panelOf(const QWidget* w, const QList<QWidget*>& panels) const
{
    for (QWidget* p : panels)
        if (p == w || p->isAncestorOf(w)) return p;
    return nullptr;
}

void TabOrder::focusPanel(int step)
{
    const QList<QWidget*> all = panels();
    if (all.isEmpty()) return;
    const qsizetype n = all.size();
    qsizetype at = all.indexOf(panelOf(QApplication::focusWidget(), all));
    if (at < 0) at = step > 0 ? n - 1 : 0;
    for (qsizetype i = 1; i <= n; ++i) {
        const QList<QWidget*> s = stops(all[((at + step * i) % n + n) % n]);
        if (!s.isEmpty()) return focus(s.first());
    }
}

void TabOrder::focus(QWidget* w)
{
    w->setFocus(Qt::TabFocusReason);
    // Focus given directly does not scroll the panel to it, as Qt's own Tab does.
    for (QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (auto* area = qobject_cast<QScrollArea*>(p)) area->ensureWidgetVisible(w);
}

bool TabOrder::tab(QWidget* from, bool forward)
{
    const QList<QWidget*> all = panels();
    QWidget* panel = panelOf(from, all);
    if (!panel || panel == m_canvas) return false;
    const QList<QWidget*> here = stops(panel);
    // A spin box's or combo box's own line edit may hold the focus: the box is the stop.
    while (from && from != panel && !here.contains(from))
        from = from->parentWidget();
    const qsizetype at = here.indexOf(from);
    if (at < 0) return false;
    const qsizetype next = at + (forward ? 1 : -1);
    if (next >= 0 && next < here.size()) {
        focus(here[next]);
        return true;
    }
    // Past the panel's end: the next panel's first stop, or the previous one's last.
    const qsizetype n = all.size(), p = all.indexOf(panel);
    for (qsizetype i = 1; i <= n; ++i) {
        const QList<QWidget*> s = stops(all[((p + (forward ? i : -i)) % n + n) % n]);
        if (s.isEmpty()) continue;
        focus(forward ? s.first() : s.last());
        return true;
    }
    return false;
}

bool TabOrder::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) return false;
    auto* key = static_cast<QKeyEvent*>(event);
    const bool forward = key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier);
    const bool back = key->key() == Qt::Key_Backtab || (key->key() == Qt::Key_Tab && (key->modifiers() & Qt::ShiftModifier));
    if (!(forward || back) || (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false;
    QWidget* focused = QApplication::focusWidget();
    // Key events go to the focused widget first, then its parents: answered once, at the first.
    if (watched != focused || !focused || focused->window() != m_window || typesTab(focused)) return false;
    return tab(focused, forward);
}

} // namespace pb::app
