#pragma once

#include "model/dotinference.h"

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>

namespace pb::model {

// Limits applied before the text reaches Graphviz, whose parser and layout can crash or run for
// minutes on hostile input (see docs/reliability.md).
inline constexpr std::size_t kMaxDotBytes = 32u * 1024u * 1024u;
inline constexpr int kMaxDotNesting = 256;
inline constexpr std::size_t kMaxDotSubgraphs = 10'000;
// One quoted string, HTML label, comment or name: Graphviz's scanner slows with the square of a
// token's length (model/dotscreen.cpp).
inline constexpr std::size_t kMaxDotToken = 64u * 1024u;
// Quoted strings joined with '+' ("…" + "…"): cgraph copies the whole string so far at each '+',
// so the time grows with the square of the pieces (2,000 pieces of 16 KB took 97 s).
inline constexpr std::size_t kMaxDotPieces = 64;
// The longest text one attribute may hold, as exportDot() writes it (escaped, between the
// quotes): 64 pieces of a little under a token each, so that pieces cut short of a UTF-8
// character or a backslash pair still hold it. importDot() refuses an element whose text would
// be longer written so (checkDotTexts()), even where the file wrote it in fewer bytes, and
// exportDot() writes everything up to it: what imports exports again.
inline constexpr std::size_t kMaxDotText = kMaxDotPieces * (kMaxDotToken - 64);

// Reads the first graph in `text` (DOT language) into a design, following the mapping in
// docs/format.md: nodes → components (kind from `kind`, else inferred and marked),
// edges → flows, `subgraph cluster_*` → zones. Errors name `fileName` and the line.
std::optional<Design> importDot(const std::string& text, const std::string& fileName,
                                Diagnostics& diags);

// What a DOT attribute's text becomes as the property `key`: typed by the vocabulary, else by
// how it looks (true/false, a number, a comma-separated list, text). exportDot() uses it to see
// which values need their type named.
Value dotAttributeValue(const std::string& key, const std::string& raw);

// A property whose name the importer reads as something else (label, kind, id, Graphviz's own
// drawing attributes such as color or weight, Probeboard's pb_*) travels as pb_prop_<name>:
// written plainly, it replaced the element's id or label, or was dropped, on the way back.
inline constexpr const char* kDotPropertyPrefix = "pb_prop_";
bool dotNameIsTaken(const std::string& key);


} // namespace pb::model
