#include "app/desktop/presenterwindow.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/theme.h"

#include <QGraphicsView>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace pb::app {

PresenterWindow::PresenterWindow(CanvasScene* scene, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_scene(scene)
    , m_title(new QLabel)
    , m_view(new QGraphicsView(scene))
    , m_question(new QLabel)
{
    setObjectName(QStringLiteral("presenterWindow"));
    setWindowTitle(tr("Presenter")); // Qt adds the application's name
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(16, 12, 16, 16);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.4);
    tf.setBold(true);
    m_title->setFont(tf);
    v->addWidget(m_title);
    m_view->setInteractive(false);
    CanvasScene::markAudienceView(m_view);
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setFrameShape(QFrame::NoFrame);
    v->addWidget(m_view, 1);
    QFont qf = m_question->font();
    qf.setPointSizeF(qf.pointSizeF() * 1.5);
    m_question->setFont(qf);
    m_question->setWordWrap(true);
    m_question->setVisible(false);
    v->addWidget(m_question);
    // The drawing changes while the candidate talks; keep it in view.
    connect(scene, &QGraphicsScene::changed, this, [this] {
        if (isVisible()) QTimer::singleShot(0, this, &PresenterWindow::fit);
    });
    connect(&Theme::instance(), &Theme::changed, this, &PresenterWindow::applyTheme);
    applyTheme();
    resize(1100, 760);
}

QString PresenterWindow::question() const
{
    return m_question->isVisible() || !m_question->text().isEmpty() ? m_question->text() : QString();
}

void PresenterWindow::setTitle(const QString& title)
{
    m_title->setText(title);
}

void PresenterWindow::setQuestion(const QString& text)
{
    m_question->setText(text);
    m_question->setVisible(!text.isEmpty());
}

void PresenterWindow::fit()
{
    const QRectF r = m_scene->itemsBoundingRect();
    if (r.isEmpty()) return;
    m_view->fitInView(r.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
}

void PresenterWindow::resizeEvent(QResizeEvent* e)
{
    QWidget::resizeEvent(e);
    fit();
}

void PresenterWindow::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    fit();
}

void PresenterWindow::applyTheme()
{
    const Theme& t = Theme::instance();
    QPalette p = palette();
    p.setColor(QPalette::Window, t.color(QStringLiteral("canvas.background")));
    p.setColor(QPalette::WindowText, t.color(QStringLiteral("text.primary")));
    setPalette(p);
    setAutoFillBackground(true);
    m_view->setBackgroundBrush(t.color(QStringLiteral("canvas.background")));
    m_question->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;border:1px solid %3;border-radius:6px;padding:10px;}")
                                  .arg(t.color(QStringLiteral("panel.background")).name(),
                                       t.color(QStringLiteral("text.primary")).name(),
                                       t.color(QStringLiteral("panel.border")).name()));
}

} // namespace pb::app
