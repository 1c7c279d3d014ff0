#include "app/desktop/theme.h"

#include "model/resourcepaths.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPaintEngine>
#include <QPainter>
#include <QPalette>
#include <QStyleHints>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

namespace pb::app {

QString resourcesDir()
{
    // One rule for every program (see model/resourcepaths.h): $PROBEBOARD_RESOURCES, the
    // installed share/probeboard, else the source tree of this build.
    static const QString dir = QString::fromStdString(pb::model::resourceDir());
    return dir;
}

namespace {
void flatten(const QJsonObject& o, const QString& prefix, QHash<QString, QColor>& out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it->isObject())
            flatten(it->toObject(), key, out);
        else if (it->isString()) {
            const QColor c = QColor::fromString(it->toString());
            if (c.isValid()) out.insert(key, c);
        }
    }
}

QByteArray readFile(const QString& a, const QString& b)
{
    for (const QString& p : {a, b}) {
        QFile f(p);
        if (f.open(QIODevice::ReadOnly)) return f.readAll();
    }
    return {};
}
} // namespace

Theme& Theme::instance()
{
    static Theme* theme = new Theme();
    return *theme;
}

Theme::Theme()
{
    m_systemPalette = new QPalette(QGuiApplication::palette());
    m_light = readTheme(QStringLiteral("light"));
    load();
}

QHash<QString, QColor> Theme::readTheme(const QString& name) const
{
    const QByteArray bytes = readFile(QStringLiteral(":/themes/%1.json").arg(name),
                                      resourcesDir() + QStringLiteral("/themes/%1.json").arg(name));
    QHash<QString, QColor> out;
    flatten(QJsonDocument::fromJson(bytes).object(), QString(), out);
    return out;
}

void Theme::load()
{
    bool dark = false;
    if (m_mode == Mode::System) {
        const QPalette pal = QGuiApplication::palette();
        dark =
            pal.color(QPalette::Window).lightness() < pal.color(QPalette::WindowText).lightness();
    } else {
        dark = m_mode == Mode::Dark;
    }
    m_dark = dark;
    m_colors = dark ? readTheme(QStringLiteral("dark")) : m_light;
    m_pixmapCache.clear();
}

void Theme::setMode(Mode mode)
{
    m_mode = mode;
    applyWidgetPalette();
    load();
    emit changed();
}

QPalette Theme::widgetPalette() const
{
    QPalette pal = *m_systemPalette;
    auto set = [&](QPalette::ColorRole role, const char* key) {
        pal.setColor(QPalette::All, role, color(QLatin1String(key)));
    };
    set(QPalette::Window, "panel.background");
    set(QPalette::WindowText, "panel.text");
    set(QPalette::Base, "panel.inputBackground");
    set(QPalette::AlternateBase, "panel.alternate");
    set(QPalette::Text, "panel.text");
    set(QPalette::Button, "panel.header");
    set(QPalette::ButtonText, "panel.text");
    set(QPalette::Highlight, "panel.accent");
    set(QPalette::HighlightedText, "text.inverse");
    set(QPalette::ToolTipBase, "panel.header");
    set(QPalette::ToolTipText, "panel.text");
    set(QPalette::PlaceholderText, "panel.textSecondary");
    set(QPalette::Mid, "panel.border");
    set(QPalette::Link, "text.link");
    QColor disabled = color(QStringLiteral("panel.textSecondary"));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        pal.setColor(QPalette::Disabled, role, disabled);
    // Fusion etches disabled text with Light, one pixel down and right: the system's white made
    // disabled menu items in the dark scheme brighter than enabled ones. The panel's own colour
    // leaves the etch unseen, as in flat styles.
    pal.setColor(QPalette::Disabled, QPalette::Light, color(QStringLiteral("panel.background")));
    return pal;
}

void Theme::applyWidgetPalette()
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) return;
    if (m_mode == Mode::System) {
        QApplication::setPalette(QPalette()); // nothing resolved: back to the platform's palette
        return;
    }
    load(); // colours of the chosen scheme, before building the palette from them
    QApplication::setPalette(widgetPalette());
}

void Theme::refresh()
{
    const bool wasDark = m_dark;
    const auto before = m_colors;
    load();
    if (wasDark != m_dark || before != m_colors) emit changed();
}

QColor Theme::lightColor(const QString& key) const
{
    if (auto it = m_light.find(key); it != m_light.end()) return *it;
    return color(key);
}

QColor Theme::color(const QString& key) const
{
    if (auto it = m_colors.find(key); it != m_colors.end()) return *it;
    if (auto it = m_light.find(key); it != m_light.end()) return *it;
    // Last resort when the theme files are missing: the widget palette, never a literal.
    const QPalette pal = QGuiApplication::palette();
    if (key.endsWith(QLatin1String("fill")) || key.endsWith(QLatin1String("background")))
        return pal.color(QPalette::Base);
    if (key.startsWith(QLatin1String("canvas.grid"))) return pal.color(QPalette::Midlight);
    if (key.contains(QLatin1String("selection")) || key.contains(QLatin1String("accent")))
        return pal.color(QPalette::Highlight);
    return pal.color(QPalette::Text);
}

QByteArray Theme::svgBytes(const QString& iconName) const
{
    auto it = m_svgCache.find(iconName);
    if (it != m_svgCache.end()) return *it;
    const QByteArray bytes = readFile(QStringLiteral(":/icons/%1").arg(iconName),
                                      resourcesDir() + QStringLiteral("/icons/") + iconName);
    m_svgCache.insert(iconName, bytes);
    return bytes;
}

QByteArray Theme::tintedSvg(const QString& iconName, const QColor& tint) const
{
    QByteArray bytes = svgBytes(iconName);
    bytes.replace("currentColor", tint.name(QColor::HexRgb).toLatin1());
    return bytes;
}

QPixmap Theme::iconPixmap(const QString& iconName, const QColor& tint, int logicalSize,
                          qreal devicePixelRatio) const
{
    const int px = qMax(1, qRound(logicalSize * devicePixelRatio));
    const QString key = QStringLiteral("%1|%2|%3").arg(iconName, tint.name()).arg(px);
    if (auto it = m_pixmapCache.find(key); it != m_pixmapCache.end()) return *it;
    QPixmap pm(px, px);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    QSvgRenderer renderer(tintedSvg(iconName, tint));
    if (renderer.isValid()) {
        renderer.render(&p, QRectF(0, 0, px, px));
    } else {
        p.setPen(QPen(tint, qMax(1.0, px / 16.0)));
        p.drawRoundedRect(QRectF(px * 0.15, px * 0.15, px * 0.7, px * 0.7), px * 0.12, px * 0.12);
    }
    p.end();
    pm.setDevicePixelRatio(devicePixelRatio);
    m_pixmapCache.insert(key, pm);
    return pm;
}

void Theme::paintIcon(QPainter* p, const QRectF& target, const QString& iconName,
                      const QColor& tint) const
{
    if (p->paintEngine() && p->paintEngine()->type() == QPaintEngine::SVG) {
        QSvgRenderer r(tintedSvg(iconName, tint));
        if (r.isValid()) r.render(p, target);
        return;
    }
    const qreal scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform());
    const qreal dpr = p->device() ? p->device()->devicePixelRatioF() : 1.0;
    const int logical = qBound(8, qRound(target.width() * scale), 256);
    p->drawPixmap(target, iconPixmap(iconName, tint, logical, dpr), QRectF());
}

QIcon Theme::icon(const QString& iconName, const QColor& tint) const
{
    QIcon icon;
    for (qreal dpr : {1.0, 2.0})
        icon.addPixmap(iconPixmap(iconName, tint, 24, dpr));
    return icon;
}

} // namespace pb::app
