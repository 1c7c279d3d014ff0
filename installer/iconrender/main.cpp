// pb-iconrender: renders an SVG to a square PNG (or ICO) with Qt's own SVG renderer, so the PNGs we
// ship look exactly like what the application draws, and the build needs nothing beyond Qt.
//
//   pb-iconrender [--strict] [--color #rrggbb] IN.svg OUT.png SIZE
//   pb-iconrender --check IN.svg...
//
// --strict (and --check) fail on any warning from Qt's SVG parser: Qt implements SVG Tiny 1.2,
// so a filter, mask or CSS class would silently drop out of the picture otherwise.
// --color replaces `currentColor` before rendering (how the app tints line icons).

#include <QByteArray>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>
#include <cstdio>

namespace {

int g_warnings = 0;
bool g_counting = false; // Qt's own start-up chatter (XDG_RUNTIME_DIR) is not about the icon

void countWarnings(QtMsgType type, const QMessageLogContext&, const QString& msg)
{
    if (g_counting && type != QtDebugMsg && type != QtInfoMsg) {
        ++g_warnings;
        std::fprintf(stderr, "  qt: %s\n", qPrintable(msg));
    }
}

bool loadSvg(const QString& path, const QString& color, QSvgRenderer& renderer)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "pb-iconrender: cannot read %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    QByteArray data = file.readAll();
    if (!color.isEmpty()) data.replace("currentColor", color.toUtf8());
    const int before = g_warnings;
    if (!renderer.load(data) || !renderer.isValid()) {
        std::fprintf(stderr, "pb-iconrender: %s is not an SVG Qt can render\n", qPrintable(path));
        return false;
    }
    if (g_warnings != before)
        std::fprintf(stderr, "pb-iconrender: %s: Qt's SVG parser warned (see above)\n",
                     qPrintable(path));
    return true;
}

bool render(QSvgRenderer& renderer, const QString& out, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    // The format follows the suffix: PNG for the icon theme, ICO for the Windows installer.
    if (!image.save(out)) {
        std::fprintf(stderr, "pb-iconrender: cannot write %s\n", qPrintable(out));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    // No display is needed or wanted: this runs during the build.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(countWarnings);
    QGuiApplication app(argc, argv);
    g_counting = true;

    QStringList args = app.arguments().mid(1);
    const bool check = args.removeAll(QStringLiteral("--check")) > 0;
    const bool strict = check || args.removeAll(QStringLiteral("--strict")) > 0;
    QString color;
    if (const int i = args.indexOf(QStringLiteral("--color")); i >= 0 && i + 1 < args.size()) {
        color = args.at(i + 1);
        args.remove(i, 2);
    }

    if (check) {
        int failed = 0;
        for (const QString& path : args) {
            QSvgRenderer renderer;
            const int before = g_warnings;
            if (!loadSvg(path, color, renderer) || g_warnings != before) ++failed;
        }
        return failed == 0 && !args.isEmpty() ? 0 : 1;
    }

    bool sizeOk = false;
    const int size = args.size() == 3 ? args.at(2).toInt(&sizeOk) : 0;
    if (!sizeOk || size <= 0 || size > 4096) {
        std::fprintf(stderr, "usage: pb-iconrender [--strict] [--color #rrggbb] IN.svg OUT.png "
                             "SIZE\n       pb-iconrender --check IN.svg...\n");
        return 2;
    }
    QSvgRenderer renderer;
    if (!loadSvg(args.at(0), color, renderer) || (strict && g_warnings > 0)) return 1;
    return render(renderer, args.at(1), size) ? 0 : 1;
}
