#include "app/desktop/preferences.h"

#include <QMainWindow>
#include <QSettings>

namespace pb::app::preferences {

namespace {
const QString kTheme = QStringLiteral("view/theme");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kLightPaper = QStringLiteral("export/lightPaper");
const QString kEmbed = QStringLiteral("export/includeDesign");

// Words, not numbers, in the file: a person may edit it, and the enum's order may change.
const std::pair<Theme::Mode, const char*> kThemeNames[] = {
    {Theme::Mode::System, "system"}, {Theme::Mode::Light, "light"}, {Theme::Mode::Dark, "dark"}};
} // namespace

Theme::Mode themeMode()
{
    const QString saved = QSettings().value(kTheme).toString();
    for (const auto& [mode, name] : kThemeNames)
        if (saved == QLatin1String(name)) return mode;
    return Theme::Mode::System; // nothing saved, or a word this version does not know
}

void setThemeMode(Theme::Mode mode)
{
    for (const auto& [m, name] : kThemeNames)
        if (m == mode) QSettings().setValue(kTheme, QLatin1String(name));
}

bool exportOnLightPaper()
{
    return QSettings().value(kLightPaper, true).toBool();
}

void setExportOnLightPaper(bool on)
{
    QSettings().setValue(kLightPaper, on);
}

bool includeDesignInPictures()
{
    return QSettings().value(kEmbed, true).toBool();
}

void setIncludeDesignInPictures(bool on)
{
    QSettings().setValue(kEmbed, on);
}

void rememberWindow(const QMainWindow& window)
{
    QSettings().setValue(kGeometry, window.saveGeometry());
}

bool restoreWindow(QMainWindow& window)
{
    const QByteArray saved = QSettings().value(kGeometry).toByteArray();
    // restoreGeometry moves a window whose screen is gone back onto one that is there.
    return !saved.isEmpty() && window.restoreGeometry(saved);
}

} // namespace pb::app::preferences
