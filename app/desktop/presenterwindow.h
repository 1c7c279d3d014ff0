#pragma once

#include <QWidget>

class QGraphicsView;
class QLabel;

namespace pb::app {

class CanvasScene;

// The candidate's screen during an interview: the live canvas (read-only, always fitted) and
// the question being asked. It never shows answer points, ratings or the interviewer's notes:
// the only text it gets is the question the interviewer marks as asked.
class PresenterWindow : public QWidget
{
    Q_OBJECT
public:
    explicit PresenterWindow(CanvasScene* scene, QWidget* parent = nullptr);

    QGraphicsView* view() const { return m_view; }
    QString question() const;

public slots:
    void setTitle(const QString& title);
    void setQuestion(const QString& text);
    void fit();

protected:
    void resizeEvent(QResizeEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    void applyTheme();

    CanvasScene* m_scene;
    QLabel* m_title;
    QGraphicsView* m_view;
    QLabel* m_question;
};

} // namespace pb::app
