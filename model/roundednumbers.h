#pragma once

#include "model/diagnostic.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pb::model {

class JsonPositions;

// Whole numbers that a property's number cannot keep. A number is a double, which holds every
// whole number up to 2^53 but only some past it: an account number or a timestamp in
// nanoseconds written 12345678901234567890 loaded as 12345678901234567168, without a word. It is
// still read as that nearest number (a file says it is a number, and a vocabulary property must
// be one), and the loaders say so, W-NUMBER-ROUNDED, naming the file, the line, the element and
// the property (docs/format.md).

// `d` written out as the whole number it is, when `written` (a whole number as the file writes
// it: digits after an optional sign, no point nor exponent) is not exactly `d`; empty when
// nothing was lost, or when `written` is not a whole number.
std::string roundedWholeNumber(std::string_view written, double d);

// The warning, worded the same for every format; the loader gives it the file and the place.
Diagnostic roundedNumberWarning(const std::string& element, const std::string& key, const std::string& written,
                                const std::string& asRead);

// The numbers of a design file's properties as nlohmann read them. An integer token is kept
// exactly up to 64 bits, so its loss is known at once; a longer one only as a double, whose text
// is read from the file once the positions of its values are known.
class RoundedNumbers
{
public:
    // `value` is a property's number; `pointer` is where it is ("/components/0/properties/x").
    void check(const nlohmann::json& value, const std::string& pointer, const std::string& element,
               const std::string& key, Diagnostics& diags);
    // Says those that `check` could not decide without the text.
    void finish(const std::string& text, const JsonPositions& positions, Diagnostics& diags);
    // Where those numbers are: what finish() will ask `positions` for (JsonPositions::only).
    std::vector<std::string> pointers() const;

private:
    struct Maybe
    {
        std::string pointer, element, key;
        double value = 0;
    };
    std::vector<Maybe> m_maybe;
};

} // namespace pb::model
