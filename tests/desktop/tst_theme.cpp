#include "app/desktop/theme.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

using namespace pb::app;

// Colours come from resources/themes; choosing a scheme recolours the widgets too; "follow
// the system" goes back to the platform palette.
class TstTheme : public QObject
{
    Q_OBJECT

private:
    static QColor fromFile(const char* theme, const char* group, const char* key)
    {
        QFile f(QStringLiteral(PB_RESOURCES "/themes/%1.json").arg(QLatin1String(theme)));
        if (!f.open(QIODevice::ReadOnly)) return {};
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        return QColor::fromString(
            o[QLatin1String(group)].toObject()[QLatin1String(key)].toString());
    }

private slots:
    void lightAndDarkComeFromTheFiles()
    {
        Theme& t = Theme::instance();
        QSignalSpy changed(&t, &Theme::changed);
        t.setMode(Theme::Mode::Light);
        QVERIFY(!t.isDark());
        QCOMPARE(t.color(QStringLiteral("canvas.background")),
                 fromFile("light", "canvas", "background"));
        t.setMode(Theme::Mode::Dark);
        QVERIFY(t.isDark());
        QCOMPARE(t.color(QStringLiteral("canvas.background")),
                 fromFile("dark", "canvas", "background"));
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 fromFile("dark", "panel", "background"));
        // Disabled text is etched with the Light colour under Fusion: the system's white made
        // disabled menu items in the dark scheme look brighter than enabled ones.
        QCOMPARE(QApplication::palette().color(QPalette::Disabled, QPalette::Light),
                 fromFile("dark", "panel", "background"));
        QVERIFY(changed.count() >= 2);
    }

    void systemModeFollowsThePalette()
    {
        Theme& t = Theme::instance();
        t.setMode(Theme::Mode::System);
        QPalette dark = QApplication::palette();
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        QApplication::setPalette(dark);
        t.refresh();
        QVERIFY(t.isDark());
        QApplication::setPalette(QPalette());
        t.refresh();
        QVERIFY(!t.isDark()); // the offscreen platform palette is light
    }

    void missingIconFallsBackToAShape()
    {
        const QPixmap pm =
            Theme::instance().iconPixmap(QStringLiteral("no-such-kind.svg"), Qt::red, 24, 2.0);
        QCOMPARE(pm.width(), 48);
        QCOMPARE(pm.devicePixelRatio(), 2.0);
        QVERIFY(!pm.toImage().allGray() || pm.toImage().pixelColor(24, 8).alpha() > 0);
    }
};

QTEST_MAIN(TstTheme)
#include "tst_theme.moc"
