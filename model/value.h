#pragma once

#include "model/propertymap.h"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pb::model {

using StringList = std::vector<std::string>;

// A typed property value. The four types are the whole type system of the vocabulary.
using Value = std::variant<std::string, double, bool, StringList>;

enum class ValueType { String, Number, Bool, List };

ValueType typeOf(const Value& v);
std::string typeName(ValueType t);
// Human-readable rendering used in questions and labels: numbers without trailing zeros
// ("12", "0.9"), lists comma-separated, bools "true"/"false".
std::string toDisplayString(const Value& v);
// The same, appended to `out` (a caller that keeps its string keeps its room).
void appendDisplayString(std::string& out, const Value& v);

using Properties = PropertyMap<Value>;

const Value* findProperty(const Properties& props, const std::string& key);
std::optional<std::string> stringProperty(const Properties& props, const std::string& key);
std::optional<double> numberProperty(const Properties& props, const std::string& key);
std::optional<bool> boolProperty(const Properties& props, const std::string& key);
// A list property; a plain string is read as a one-element list ("pii" == ["pii"]).
std::optional<StringList> listProperty(const Properties& props, const std::string& key);

} // namespace pb::model
