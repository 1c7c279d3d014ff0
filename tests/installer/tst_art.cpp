// The icons and themes the whiteboard and the installer ship: every kind has an icon Qt can
// render and tint, and both themes define the same, readable set of colours.

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QTest>

namespace {

const QString kResources = QStringLiteral(PB_RESOURCES);

const QStringList kComponentKinds = {"client",
                                     "cdn",
                                     "load_balancer",
                                     "api_gateway",
                                     "service",
                                     "worker",
                                     "database",
                                     "cache",
                                     "queue",
                                     "object_store",
                                     "search_index",
                                     "analytics",
                                     "audit_ledger",
                                     "third_party",
                                     "timeseries_db",
                                     "dns",
                                     "identity_provider",
                                     "scheduler",
                                     "monitoring"};
const QStringList kZoneKinds = {"region", "az", "trust_boundary"};
const QStringList kGroups = {"edge", "compute", "data", "messaging", "compliance"};
const QStringList kSeverities = {"info", "low", "medium", "high", "critical"};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString iconPath(const QString& name)
{
    return kResources + "/icons/" + name + ".svg";
}

QImage renderSvg(const QByteArray& svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(svg);
    QPainter painter(&image);
    renderer.render(&painter, QRectF(0, 0, size, size));
    return image;
}

// Flattens a theme into "canvas.background" → value.
void flatten(const QJsonObject& o, const QString& prefix, QHash<QString, QJsonValue>& out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + '.' + it.key();
        if (it->isObject())
            flatten(it->toObject(), key, out);
        else
            out.insert(key, *it);
    }
}

QHash<QString, QJsonValue> loadTheme(const QString& name)
{
    QJsonParseError error;
    const auto doc =
        QJsonDocument::fromJson(readAll(kResources + "/themes/" + name + ".json"), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << name << "theme:" << error.errorString() << "at" << error.offset;
    QHash<QString, QJsonValue> out;
    flatten(doc.object(), QString(), out);
    return out;
}

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TstArt : public QObject
{
    Q_OBJECT
private slots:
    void everyKindHasARenderableIcon_data();
    void everyKindHasARenderableIcon();
    void vocabularyIconsExist();
    void iconsAreTintable();
    void appIconIsFullColour();
    void themesHaveTheSameKeys();
    void themesDefineWhatTheCanvasNeeds_data();
    void themesDefineWhatTheCanvasNeeds();
    void themesAreReadable_data();
    void themesAreReadable();
};

void TstArt::everyKindHasARenderableIcon_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& k : kComponentKinds + kZoneKinds + QStringList{"probeboard"})
        QTest::newRow(qPrintable(k)) << k;
}

void TstArt::everyKindHasARenderableIcon()
{
    QFETCH(QString, name);
    const QByteArray svg = readAll(iconPath(name));
    QVERIFY2(!svg.isEmpty(), qPrintable("missing " + iconPath(name)));
    QVERIFY2(QSvgRenderer(svg).isValid(), qPrintable(name + ".svg does not render in Qt"));
    // Qt implements SVG Tiny 1.2: anything outside it would be dropped without a word.
    static const QRegularExpression unsupported(
        R"(<filter|<mask|<clipPath|<style|<image|<foreignObject|\bclass=|\bstyle=|xlink:href)");
    const auto match = unsupported.match(QString::fromUtf8(svg));
    QVERIFY2(!match.hasMatch(), qPrintable(name + ".svg uses " + match.captured()));
    const QImage image = renderSvg(svg, 48);
    int opaque = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            opaque += qAlpha(image.pixel(x, y)) > 128;
    QVERIFY2(opaque > 48 * 48 / 20, qPrintable(name + ".svg renders almost nothing"));
}

void TstArt::vocabularyIconsExist()
{
    const QDir dir(kResources + "/vocabulary");
    const QStringList files = dir.entryList({"*.json"}, QDir::Files);
    if (files.isEmpty()) QSKIP("no vocabulary files yet");
    int icons = 0;
    std::function<void(const QJsonValue&)> visit = [&](const QJsonValue& v) {
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.key() == "icon" && it->isString()) {
                    ++icons;
                    const QString path = kResources + "/icons/" + it->toString();
                    QVERIFY2(QFile::exists(path), qPrintable("vocabulary names " + path));
                }
                visit(*it);
            }
        } else if (v.isArray()) {
            for (const QJsonValue& e : v.toArray())
                visit(e);
        }
    };
    for (const QString& f : files)
        visit(QJsonDocument::fromJson(readAll(dir.filePath(f))).object());
    QVERIFY2(icons > 0, "the vocabulary names no icons");
}

void TstArt::iconsAreTintable()
{
    static const QRegularExpression literalColour(R"((fill|stroke)="(#|rgb))");
    for (const QString& name : kComponentKinds + kZoneKinds) {
        const QByteArray svg = readAll(iconPath(name));
        QVERIFY2(svg.contains("currentColor"),
                 qPrintable(name + ".svg is not drawn in currentColor"));
        QVERIFY2(!literalColour.match(QString::fromUtf8(svg)).hasMatch(),
                 qPrintable(name + ".svg hard-codes a colour, so themes cannot tint it"));
        QVERIFY2(svg.contains(R"(viewBox="0 0 24 24")"), qPrintable(name + ".svg is not 24×24"));
    }
    // What the app does: replace currentColor, render. The pixels take the tint.
    QByteArray svg = readAll(iconPath("database"));
    const QImage red = renderSvg(QByteArray(svg).replace("currentColor", "#ff0000"), 64);
    const QImage blue = renderSvg(QByteArray(svg).replace("currentColor", "#0000ff"), 64);
    int redPixels = 0, bluePixels = 0;
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) {
            const QRgb r = red.pixel(x, y), b = blue.pixel(x, y);
            redPixels += qAlpha(r) == 255 && qRed(r) > 200 && qBlue(r) < 50;
            bluePixels += qAlpha(b) == 255 && qBlue(b) > 200 && qRed(b) < 50;
        }
    QVERIFY(redPixels > 50);
    QCOMPARE(bluePixels, redPixels);
}

void TstArt::appIconIsFullColour()
{
    const QImage image = renderSvg(readAll(iconPath("probeboard")), 128);
    QSet<int> hues;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = QColor::fromRgba(image.pixel(x, y));
            if (c.alpha() == 255 && c.hsvSaturation() > 100) hues.insert(c.hsvHue() / 30);
        }
    QVERIFY2(hues.size() >= 4, "the application icon should be a full-colour mark");
}

void TstArt::themesHaveTheSameKeys()
{
    const auto light = loadTheme("light"), dark = loadTheme("dark");
    QVERIFY(light.size() > 50);
    auto keys = [](const QHash<QString, QJsonValue>& h) {
        const QStringList list = h.keys();
        return QSet<QString>(list.begin(), list.end());
    };
    QCOMPARE(keys(dark) - keys(light), QSet<QString>());
    QCOMPARE(keys(light) - keys(dark), QSet<QString>());
    QCOMPARE(light.value("dark").toBool(true), false);
    QCOMPARE(dark.value("dark").toBool(false), true);
    for (const auto& theme : {light, dark})
        for (auto it = theme.begin(); it != theme.end(); ++it) {
            if (it.key() == "name" || it.key() == "dark" || it.key() == "formatVersion") continue;
            QVERIFY2(QColor::fromString(it->toString()).isValid(),
                     qPrintable(it.key() + " is not a colour: " + it->toString()));
        }
}

void TstArt::themesDefineWhatTheCanvasNeeds_data()
{
    QTest::addColumn<QString>("key");
    QStringList keys = {"canvas.background", "canvas.gridMinor",   "canvas.gridMajor",
                        "canvas.selection",  "canvas.hover",       "canvas.handle",
                        "flow.stroke",       "flow.label",         "flow.async",
                        "finding.highlight", "finding.dimOverlay", "text.primary",
                        "panel.background",  "panel.text"};
    for (const QString& g : kGroups + QStringList{"default"})
        for (const char* part : {"fill", "stroke", "text", "icon"})
            keys << "component." + g + "." + part;
    for (const QString& z : kZoneKinds)
        for (const char* part : {"fill", "stroke", "label"})
            keys << "zone." + z + "." + part;
    for (const QString& s : kSeverities)
        for (const char* part : {"fill", "stroke", "text"})
            keys << "badge." + s + "." + part;
    for (const QString& k : keys)
        QTest::newRow(qPrintable(k)) << k;
}

void TstArt::themesDefineWhatTheCanvasNeeds()
{
    QFETCH(QString, key);
    QVERIFY2(loadTheme("light").contains(key), qPrintable("light lacks " + key));
    QVERIFY2(loadTheme("dark").contains(key), qPrintable("dark lacks " + key));
}

void TstArt::themesAreReadable_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

void TstArt::themesAreReadable()
{
    QFETCH(QString, theme);
    const auto t = loadTheme(theme);
    auto c = [&](const QString& k) { return QColor::fromString(t.value(k).toString()); };
    auto require = [&](const QString& fg, const QString& bg, double min) {
        const double ratio = contrast(c(fg), c(bg));
        QVERIFY2(
            ratio >= min,
            qPrintable(
                QString("%1 on %2: contrast %3 < %4").arg(fg, bg).arg(ratio, 0, 'f', 2).arg(min)));
    };
    const QString paper = "canvas.background";
    for (const QString& g : kGroups + QStringList{"default"}) {
        require("component." + g + ".text", "component." + g + ".fill", 4.5);
        require("component." + g + ".icon", "component." + g + ".fill", 3.0);
        require("component." + g + ".stroke", paper, 3.0);
    }
    for (const QString& s : kSeverities)
        require("badge." + s + ".text", "badge." + s + ".fill", 4.5);
    for (const QString& z : kZoneKinds) {
        require("zone." + z + ".label", paper, 4.5);
        require("zone." + z + ".stroke", paper, 3.0);
    }
    require("flow.label", paper, 4.5);
    require("flow.stroke", paper, 3.0);
    require("flow.async", paper, 3.0);
    require("text.primary", paper, 7.0);
    require("panel.text", "panel.background", 7.0);
    // The dark paper is a designed dark grey, not an inverted page: never pure black.
    if (theme == "dark") QVERIFY(luminance(c(paper)) > 0.005 && luminance(c(paper)) < 0.05);
}

QTEST_GUILESS_MAIN(TstArt)
#include "tst_art.moc"
