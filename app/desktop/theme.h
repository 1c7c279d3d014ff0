#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPalette>
#include <QPixmap>
#include <QString>

class QPainter;

namespace pb::app {

// Colours from resources/themes/{light,dark}.json, addressed by dotted path
// ("component.data.fill"). A key missing from the dark theme falls back to the light one, and a
// missing file falls back to colours derived from the widget palette, so the canvas never
// paints with a hard-coded colour. Follows the system colour scheme unless the user picks one.
class Theme : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        System,
        Light,
        Dark
    };

    static Theme& instance();

    QColor color(const QString& key) const;
    // The light scheme's colour whatever the scheme shown: exports go on light paper.
    QColor lightColor(const QString& key) const;
    bool isDark() const { return m_dark; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Re-evaluate the system scheme (called on palette changes).
    void refresh();
    // A widget palette built from the theme's panel colours, for when the user picks a scheme
    // different from the system's (docks and menus must match the canvas).
    QPalette widgetPalette() const;

    // A kind or zone icon tinted with `tint`, crisp at `devicePixelRatio`; a plain rounded
    // square when the SVG is missing. `logicalSize` in device-independent pixels.
    QPixmap iconPixmap(const QString& iconName, const QColor& tint, int logicalSize,
                       qreal devicePixelRatio) const;
    QIcon icon(const QString& iconName, const QColor& tint) const;
    // Paints an icon into `target`: vector into SVG exports (no bitmaps in the file), a cached
    // pixmap sized for the current zoom and device pixel ratio everywhere else.
    void paintIcon(QPainter* p, const QRectF& target, const QString& iconName,
                   const QColor& tint) const;
    // Raw SVG bytes with currentColor replaced (for vector painting into SVG exports).
    QByteArray tintedSvg(const QString& iconName, const QColor& tint) const;

signals:
    void changed();

private:
    Theme();
    void load();
    QHash<QString, QColor> readTheme(const QString& name) const;
    QByteArray svgBytes(const QString& iconName) const;

    void applyWidgetPalette();

    Mode m_mode = Mode::System;
    QPalette* m_systemPalette = nullptr;
    bool m_dark = false;
    QHash<QString, QColor> m_colors;
    QHash<QString, QColor> m_light;
    mutable QHash<QString, QByteArray> m_svgCache;
    mutable QHash<QString, QPixmap> m_pixmapCache;
};

// Where resources/ is: the source tree when run from a build folder, else the installed data.
QString resourcesDir();

} // namespace pb::app
