#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/document.h"
#include "app/desktop/exporter.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/preferences.h"
#include "app/desktop/theme.h"
#include "testdesigns.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
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

    // The scheme chosen from View > Theme and the last window's size and place are what the next
    // launch opens with; a word the settings file does not know is the system's scheme.
    void choicesOutliveTheLaunch()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ProbeboardTest")); // else QSettings keeps nothing
        QSettings().clear();
        QCOMPARE(preferences::themeMode(), Theme::Mode::System);
        QVERIFY(!QSettings().contains(QStringLiteral("window/geometry")));
        MainWindow* w = MainWindow::createWindow();
        w->actions()->get(QStringLiteral("view.themeDark"))->trigger();
        QVERIFY(Theme::instance().isDark()); // chosen on the start page, where a first launch lands
        QCOMPARE(preferences::themeMode(), Theme::Mode::Dark);
        Theme::instance().setMode(Theme::Mode::Light); // by code, as tests and start-up do
        QCOMPARE(preferences::themeMode(), Theme::Mode::Dark);
        w->setGeometry(QRect(QPoint(40, 30), QSize(620, 470)));
        QVERIFY(w->close());
        QSettings().sync();
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));

        QPointer<MainWindow> again = MainWindow::createWindow();
        QCOMPARE(again->size(), QSize(620, 470));
        // A second window beside the first keeps its own default place and size.
        QPointer<MainWindow> second = MainWindow::createWindow();
        QVERIFY(second->size() != QSize(620, 470));
        second->close();
        again->close();

        QSettings().setValue(QStringLiteral("view/theme"), QStringLiteral("purple"));
        QCOMPARE(preferences::themeMode(), Theme::Mode::System);
        QSettings().clear();
        Theme::instance().setMode(Theme::Mode::System);
    }

    void picturesGoOnLightPaperUnlessAskedNot()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ProbeboardTest"));
        QSettings().clear();
        Theme::instance().setMode(Theme::Mode::Dark);
        MainWindow w;
        w.document()->reset(pb::test::smallDesign(), QString());
        w.showCanvas();
        QAction* paper = w.actions()->get(QStringLiteral("file.exportLightPaper"));
        QVERIFY(paper && paper->isCheckable() && paper->isChecked()); // on by default
        const QColor light = fromFile("light", "canvas", "background");
        const QColor dark = fromFile("dark", "canvas", "background");
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QString error;
        QVERIFY2(exporter::exportPng(w.scene(), png, 1.0, false, &error), qPrintable(error));
        QCOMPARE(QImage(png).pixelColor(2, 2), light);
        QCOMPARE(w.scene()->colors().background, dark); // the window stays dark
        // The SVG too: its paper is the light one.
        const QString svg = dir.filePath(QStringLiteral("d.svg"));
        QVERIFY2(exporter::exportSvg(w.scene(), svg, QStringLiteral("d"), &error), qPrintable(error));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains(light.name().toLatin1()));
        QVERIFY(!text.contains(dark.name().toLatin1()));

        MainWindow other;
        paper->setChecked(false); // kept for the next launch, and ticked off in every window
        QVERIFY(!preferences::exportOnLightPaper());
        QVERIFY(!other.actions()->get(QStringLiteral("file.exportLightPaper"))->isChecked());
        QVERIFY2(exporter::exportPng(w.scene(), png, 1.0, false, &error), qPrintable(error));
        QCOMPARE(QImage(png).pixelColor(2, 2), dark);
        QSettings().clear();
        Theme::instance().setMode(Theme::Mode::System);
    }
};

QTEST_MAIN(TstTheme)
#include "tst_theme.moc"
