#pragma once

#include <string>
#include <string_view>

namespace pb::model {

// The data class the rules know (pii, payment, health, financial, billing, usage, credentials)
// that the first of these words names ("Customer Contracts" → pii, "Card Data" → payment, but
// "Rate Card" → none);
// nullptr when none does. Read from an asset's name or tags, not its description, which mentions
// customers and payments while describing what is neither.
const char* knownDataClass(std::string_view text);

// The data class of a threat-modelling tool's data asset: a known one from its name, else a class
// of its own named after it ("Public Info" → public-info), else `id`.
std::string dataClassOfAsset(const std::string& name, const std::string& id);

// The placeholder ratings exports write where a format asks for what Probeboard does not draw:
// the classes the compliance rules treat as restricted are rated confidential, and those kept as
// records that must stay right (money, usage) are rated for integrity.
bool isConfidentialClass(const std::string& cls);
bool isIntegrityClass(const std::string& cls);

} // namespace pb::model
