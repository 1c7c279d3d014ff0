#include "app/desktop/startpage.h"

#include "app/desktop/designio.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QPushButton>
#include <QVBoxLayout>

namespace pb::app {

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget)
    , m_examples(new QListWidget)
{
    m_recent->setAccessibleName(tr("Recent designs"));
    m_examples->setAccessibleName(tr("Example designs"));
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
    m_back = new QPushButton;
    m_back->hide();
    blank->setDefault(true);
    buttons->addWidget(m_back);
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

    connect(m_back, &QPushButton::clicked, this, &StartPage::backRequested);
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

namespace {

struct ExampleInfo
{
    QString title, description;
    QStringList tags;
};

QString examplesDir()
{
    return resourcesDir() + QStringLiteral("/examples");
}

// examples/index.json gives the order, titles and one-line descriptions: {"examples": [{"file",
// "title", "description", "tags"}]}. A missing or broken index only loses that.
QList<QPair<QString, ExampleInfo>> readExampleIndex()
{
    QList<QPair<QString, ExampleInfo>> out;
    QFile f(examplesDir() + QStringLiteral("/index.json"));
    if (!f.open(QIODevice::ReadOnly)) return out;
    const QJsonArray list =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("examples")).toArray();
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        const QString file = o.value(QStringLiteral("file")).toString();
        if (file.isEmpty() || file.contains(QLatin1Char('/'))) continue;
        ExampleInfo info{o.value(QStringLiteral("title")).toString(),
                         o.value(QStringLiteral("description")).toString(),
                         {}};
        for (const QJsonValue& t : o.value(QStringLiteral("tags")).toArray())
            info.tags << t.toString();
        out.append({file, info});
    }
    return out;
}

} // namespace

QStringList StartPage::examples()
{
    // The index's order first, then any other design in the folder by name.
    QStringList out;
    const QDir dir(examplesDir());
    for (const auto& [file, info] : readExampleIndex())
        if (QFileInfo::exists(dir.filePath(file)))
            out << QFileInfo(dir.filePath(file)).absoluteFilePath();
    for (const QFileInfo& fi : dir.entryInfoList(
             {QStringLiteral("*.probeboard"), QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (fi.fileName() == QLatin1String("index.json") || out.contains(fi.absoluteFilePath()))
            continue;
        out << fi.absoluteFilePath();
    }
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
    QMap<QString, ExampleInfo> index;
    for (const auto& [file, info] : readExampleIndex())
        index.insert(file, info);
    for (const QString& f : examples()) {
        const ExampleInfo info = index.value(QFileInfo(f).fileName());
        QString name = QFileInfo(f).completeBaseName().replace(QLatin1Char('-'), QLatin1Char(' '));
        if (!name.isEmpty()) name[0] = name[0].toUpper();
        // Show the index's title (else the design's own) and the size when it reads cleanly.
        if (auto d = readDesign(f, nullptr); d && !d->components().empty()) {
            const QString title =
                !info.title.isEmpty() ? info.title : shownText(d->title);
            name = tr("%1 — %2 components")
                       .arg(title.isEmpty() ? name : title)
                       .arg(d->components().size());
        }
        auto* item = new QListWidgetItem(name, m_examples);
        QString tip = info.description;
        if (!info.tags.isEmpty())
            tip += QStringLiteral("\n") + info.tags.join(QStringLiteral(", "));
        item->setToolTip(tip.isEmpty() ? f : tip.trimmed());
        item->setData(Qt::UserRole, f);
    }
    if (m_examples->count() == 0) {
        auto* none = new QListWidgetItem(tr("No examples installed"), m_examples);
        none->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::setBackTo(const QString& designName)
{
    m_back->setText(tr("Back to %1").arg(designName));
    m_back->setVisible(!designName.isEmpty());
}

} // namespace pb::app
