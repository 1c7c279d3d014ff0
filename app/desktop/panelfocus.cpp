#include "app/desktop/panelfocus.h"

#include "app/desktop/theme.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QPainter>

namespace pb::app {

namespace {
constexpr int kWidth = 2;
constexpr char kProperty[] = "panelFocus";

// Laid over the whole dock, title included, and transparent to the mouse and the keys: drawn on
// the dock itself, the frame would be hidden under the dock's contents.
class FocusFrame : public QWidget
{
public:
    explicit FocusFrame(QWidget* parent)
        : QWidget(parent)
    {
        setObjectName(QStringLiteral("panelFocusFrame"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setFocusPolicy(Qt::NoFocus);
        connect(&Theme::instance(), &Theme::changed, this, qOverload<>(&QWidget::update));
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        const QColor c = Theme::instance().color(QStringLiteral("panel.focus"));
        const QRect r = rect();
        // Four bars rather than a stroked rectangle: whole pixels at any device pixel ratio.
        p.fillRect(QRect(r.left(), r.top(), r.width(), kWidth), c);
        p.fillRect(QRect(r.left(), r.bottom() - kWidth + 1, r.width(), kWidth), c);
        p.fillRect(QRect(r.left(), r.top(), kWidth, r.height()), c);
        p.fillRect(QRect(r.right() - kWidth + 1, r.top(), kWidth, r.height()), c);
    }
};
} // namespace

PanelFocus::PanelFocus(QMainWindow* window)
    : QObject(window)
    , m_window(window)
{
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) { follow(now); });
}

QDockWidget* PanelFocus::dockOf(QWidget* w) const
{
    for (; w; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w)) return dock->parentWidget() == m_window ? dock : nullptr;
    return nullptr;
}

void PanelFocus::follow(QWidget* now)
{
    QDockWidget* dock = dockOf(now);
    if (dock == m_dock) return;
    if (m_dock) {
        m_dock->removeEventFilter(this);
        m_dock->setProperty(kProperty, false);
    }
    m_dock = dock;
    if (!dock) {
        if (m_frame) m_frame->hide();
        return;
    }
    dock->setProperty(kProperty, true);
    dock->installEventFilter(this);
    if (!m_frame)
        m_frame = new FocusFrame(dock);
    else
        m_frame->setParent(dock);
    m_frame->setGeometry(dock->rect());
    m_frame->raise();
    m_frame->show();
}

bool PanelFocus::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_dock || !m_frame) return false;
    if (event->type() == QEvent::Resize)
        m_frame->setGeometry(m_dock->rect());
    else if (event->type() == QEvent::ChildAdded && static_cast<QChildEvent*>(event)->child() != m_frame)
        m_frame->raise(); // a widget set in the dock after would cover the frame
    return false;
}

} // namespace pb::app
