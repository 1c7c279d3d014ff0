#pragma once

#include <QDoubleSpinBox>

#include <optional>

namespace pb::app {

// The inspector's editor for a number property. A QDoubleSpinBox fixes its decimals, so one set
// up for a whole number ("hit_ratio" added as 0, or "replicas: 2") refused the 0.9 a cache's hit
// ratio is. This one takes up to six decimals and shows a value with as many as it needs
// ("2", "0.9", "0.125"). Its range is the property's (hit_ratio: 0 to 1), widened to hold the
// value the file has, so that a value out of range is shown as it is and never rewritten merely
// by focusing the field.
class NumberEdit : public QDoubleSpinBox
{
    Q_OBJECT

public:
    NumberEdit(double value, std::optional<double> min, std::optional<double> max, QWidget* parent = nullptr);

    QString textFromValue(double value) const override;
    // A minus sign where the range has no negative numbers is refused as it is typed: accepted,
    // "-40" was clamped to a silent -0.
    QValidator::State validate(QString& text, int& pos) const override;
};

} // namespace pb::app
