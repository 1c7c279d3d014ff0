#include "app/desktop/numberedit.h"

#include <algorithm>

namespace pb::app {

namespace {
// QDoubleSpinBox will not take a digit past its range, so a wider value was cut short as it was
// typed (99999999999999 became 999999999999). Up to 10^15 every whole number is exact in a double.
constexpr double kWidest = 1e15;
}

NumberEdit::NumberEdit(double value, std::optional<double> min, std::optional<double> max, QWidget* parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(6);
    setRange(std::min(min.value_or(-kWidest), value), std::max(max.value_or(kWidest), value));
    // A share moves in hundredths; anything else in ones.
    setSingleStep(max && min && *max - *min <= 1 ? 0.01 : 1);
    setValue(value);
    setKeyboardTracking(false);
}

QString NumberEdit::textFromValue(double value) const
{
    // As few decimals as the value needs (the box keeps at most six), no digit grouping.
    return locale().toString(value, 'f', QLocale::FloatingPointShortest).remove(locale().groupSeparator());
}

QValidator::State NumberEdit::validate(QString& text, int& pos) const
{
    if (minimum() >= 0 && text.contains(locale().negativeSign())) return QValidator::Invalid;
    return QDoubleSpinBox::validate(text, pos);
}

} // namespace pb::app
