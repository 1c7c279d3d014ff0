#include "app/desktop/labelfit.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QTest>

using namespace pb::app;

// A component's label when the whole design is in view: whole, in two lines, or smaller, and
// cut short only when none of those fits. Before, one line elided at the large font cut most
// names in the example designs ("dispatch-se…").
class TstLabelFit : public QObject
{
    Q_OBJECT

private:
    QFont m_font;
    // The box a 160-wide component gives its label, at 33 % zoom's font.
    const QSizeF m_box{148, 56};
    qreal width(const QString& s, const QFont& f) const { return QFontMetricsF(f).horizontalAdvance(s); }

private slots:
    void initTestCase()
    {
        m_font = QApplication::font();
        m_font.setBold(true);
        // The size at which "dispatch-service" needs about two widths of the box, as at 33 %.
        m_font.setPointSizeF(m_font.pointSizeF() * 2 * m_box.width() / width(QStringLiteral("dispatch-service"), m_font) * 0.9);
    }

    void aShortNameStaysWhole()
    {
        const LabelLayout fit = fitLabel(QStringLiteral("api"), m_font, m_box, 8);
        QCOMPARE(fit.lines, QStringList{"api"});
        QCOMPARE(fit.font.pointSizeF(), m_font.pointSizeF());
    }

    void aLongNameBreaksAtItsHyphen()
    {
        const LabelLayout fit = fitLabel(QStringLiteral("dispatch-service"), m_font, m_box, 8);
        QCOMPARE(fit.lines, (QStringList{"dispatch-", "service"}));
        for (const QString& line : fit.lines) QVERIFY(width(line, fit.font) <= m_box.width());
        QVERIFY(QFontMetricsF(fit.font).lineSpacing() * 2 <= m_box.height());
        // Larger than the one line the box's width would allow: two lines are the better fit.
        QVERIFY(fit.font.pointSizeF() > m_font.pointSizeF() * m_box.width() / width("dispatch-service", m_font));
    }

    void aSpaceIsDroppedAtTheBreak()
    {
        const LabelLayout fit = fitLabel(QStringLiteral("orders store"), m_font, QSizeF(width("orders st", m_font), 56), 8);
        QCOMPARE(fit.lines, (QStringList{"orders", "store"}));
    }

    // No break: set smaller, whole, down to the smallest size allowed.
    void aNameWithoutBreakShrinks()
    {
        const QString name = QStringLiteral("cassandracluster");
        const LabelLayout fit = fitLabel(name, m_font, m_box, m_font.pointSizeF() / 3);
        QCOMPARE(fit.lines, QStringList{name});
        QVERIFY(fit.font.pointSizeF() < m_font.pointSizeF());
        QVERIFY(width(name, fit.font) <= m_box.width());
    }

    // Neither fits: cut short at the size wanted, as before.
    void aHopelessNameIsElided()
    {
        const QString name = QStringLiteral("averyveryverylongnamewithnobreakanywhereatall");
        const LabelLayout fit = fitLabel(name, m_font, m_box, m_font.pointSizeF() * 0.9);
        QCOMPARE(fit.lines.size(), 1);
        QVERIFY(fit.lines.first().endsWith(QChar(0x2026)));
        QCOMPARE(fit.font.pointSizeF(), m_font.pointSizeF());
    }

    // Two lines need the height of two: a flat box takes one smaller line instead.
    void aFlatBoxTakesOneLine()
    {
        const QSizeF flat(m_box.width(), QFontMetricsF(m_font).lineSpacing() * 0.8);
        const LabelLayout fit = fitLabel(QStringLiteral("dispatch-service"), m_font, flat, 4);
        QCOMPARE(fit.lines.size(), 1);
        QCOMPARE(fit.lines.first(), QStringLiteral("dispatch-service"));
    }
};

QTEST_MAIN(TstLabelFit)
#include "tst_labelfit.moc"
