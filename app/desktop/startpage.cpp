#include "app/desktop/startpage.h"

#include "app/desktop/designio.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/theme.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pb::app {

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget)
    , m_examples(new QListWidget)
{
    auto* page = new QHBoxLayout(this);
    auto* content = new QWidget;
    content->setMaximumWidth(1000);
    page->addStretch(1);
    page->addWidget(content, 4);
    page->addStretch(1);
    auto* outer = new QVBoxLayout(content);
    outer->setContentsMargins(24, 36, 24, 36);
    auto* head = new QHBoxLayout;
    auto* logo = new QLabel;
    logo->setPixmap(QIcon(QStringLiteral(":/icons/probeboard.svg")).pixmap(56, 56));
    head->addWidget(logo);
    auto* title = new QLabel(
        tr("<h1 style='margin:0'>Probeboard</h1>"
           "<p style='margin:0'>Draw the architecture. Get asked the hard questions.</p>"));
    head->addWidget(title, 1);
    outer->addLayout(head);
    outer->addSpacing(16);

    auto* buttons = new QHBoxLayout;
    auto* blank = new QPushButton(tr("New blank design"));
    auto* open = new QPushButton(tr("Open…"));
    blank->setDefault(true);
    buttons->addWidget(blank);
    buttons->addWidget(open);
    buttons->addStretch(1);
    outer->addLayout(buttons);
    outer->addSpacing(12);

    auto* lists = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("<b>Recent files</b>")));
    left->addWidget(m_recent);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("<b>Start from an example</b>")));
    right->addWidget(m_examples);
    lists->addLayout(left, 1);
    lists->addSpacing(24);
    lists->addLayout(right, 1);
    outer->addLayout(lists);
    outer->addStretch(1);
    m_recent->setMaximumHeight(360);
    m_examples->setMaximumHeight(360);

    connect(blank, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(open, &QPushButton::clicked, this, &StartPage::openDialogRequested);
    connect(m_recent, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        emit openRequested(item->data(Qt::UserRole).toString(), false);
    });
    connect(m_examples, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        emit openRequested(item->data(Qt::UserRole).toString(), true);
    });
    for (QListWidget* list : {m_recent, m_examples}) {
        list->setSpacing(3);
        list->setCursor(Qt::PointingHandCursor);
        QFont f = list->font();
        f.setPointSizeF(f.pointSizeF() * 1.1);
        list->setFont(f);
    }
    refresh();
}

QStringList StartPage::examples()
{
    QStringList out;
    const QDir dir(resourcesDir() + QStringLiteral("/examples"));
    for (const QFileInfo& fi : dir.entryInfoList(
             {QStringLiteral("*.probeboard"), QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << fi.absoluteFilePath();
    return out;
}

void StartPage::refresh()
{
    m_recent->clear();
    for (const QString& f : recent::files()) {
        const QFileInfo fi(f);
        auto* item = new QListWidgetItem(
            QStringLiteral("%1   —   %2").arg(fi.fileName(), fi.absolutePath()), m_recent);
        item->setToolTip(f);
        item->setData(Qt::UserRole, f);
    }
    if (m_recent->count() == 0) {
        auto* none = new QListWidgetItem(tr("No recent files yet"), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
    m_examples->clear();
    for (const QString& f : examples()) {
        QString name = QFileInfo(f).completeBaseName().replace(QLatin1Char('-'), QLatin1Char(' '));
        if (!name.isEmpty()) name[0] = name[0].toUpper();
        // Show the design's own title and size when it reads cleanly; the file name otherwise.
        if (auto d = readDesign(f, nullptr); d && !d->components().empty()) {
            const QString title = QString::fromStdString(d->title);
            name = tr("%1 — %2 components")
                       .arg(title.isEmpty() ? name : title)
                       .arg(d->components().size());
        }
        auto* item = new QListWidgetItem(name, m_examples);
        item->setToolTip(f);
        item->setData(Qt::UserRole, f);
    }
    if (m_examples->count() == 0) {
        auto* none = new QListWidgetItem(tr("No examples installed"), m_examples);
        none->setFlags(Qt::NoItemFlags);
    }
}

} // namespace pb::app
