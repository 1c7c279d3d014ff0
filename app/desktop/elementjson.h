#pragma once

#include "model/design.h"

#include <nlohmann/json.hpp>
#include <string>

namespace pb::app {

// JSON for single elements, used by the clipboard (our own MIME type and the JSON text
// fallback) and by the tests to compare models. The file format proper lives in
// model/designfile.h; this mirrors its element layout so pasted JSON reads like a file.
nlohmann::json toJson(const model::Value& v);
model::Value valueFromJson(const nlohmann::json& j);
nlohmann::json toJson(const model::Component& c);
nlohmann::json toJson(const model::Flow& f);
nlohmann::json toJson(const model::Zone& z);
// Throw nlohmann::json::exception on malformed input; callers report it.
model::Component componentFromJson(const nlohmann::json& j);
model::Flow flowFromJson(const nlohmann::json& j);
model::Zone zoneFromJson(const nlohmann::json& j);

nlohmann::json designToJson(const model::Design& d);
model::Design designFromJson(const nlohmann::json& j);

} // namespace pb::app
