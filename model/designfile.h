#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/textwriter.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

namespace pb::model {

inline constexpr const char* kFormat = "probeboard/1";
inline constexpr std::size_t kMaxElements = 1'000'000;
// The largest .probeboard file the loader reads, and so the largest a save writes. It holds the
// most elements a design may have (a million bare components are 163 MB) and what a
// DOT file DOT import takes can become (a 31 MB DOT of 200,000 nodes makes a 95 MB design);
// past it, reading costs more time and memory than a review is worth (docs/reliability.md).
inline constexpr std::size_t kMaxDesignBytes = 256u * 1024u * 1024u;

// Loads a design by extension: .dot/.gv through the DOT importer, anything else as
// .probeboard JSON. Problems go to `diags` (file, line:column, element id); returns nullopt
// when any is an error. Warnings (misspelt property names, values outside an enum) still load.
std::optional<Design> loadDesignFile(const std::string& path, Diagnostics& diags);

// Parses .probeboard JSON text (any supported format version; older ones are migrated).
std::optional<Design> designFromText(const std::string& text, const std::string& fileName,
                                     Diagnostics& diags);
// The reader designFromText falls back on when readDesignFast (model/jsonfast.h) declines a
// text or the design has something to report: slower, and it says what is wrong and on which
// line. Public so that tests can hold both readers to the same design.
std::optional<Design> designFromTextCarefully(const std::string& text, const std::string& fileName,
                                              Diagnostics& diags);

// The canonical JSON: fixed key order, element order as in the model, no timestamps.
// The 1-based line where the file at `path` writes each element of `design` (read from it):
// for reports that point into the file, such as SARIF's regions, which code-scanning dashboards
// need to place an alert. Elements it cannot place are left out; empty when the file cannot be
// read again (standard input).
std::unordered_map<std::string, int> elementLines(const std::string& path, const Design& design);

nlohmann::ordered_json designToJson(const Design& design);
std::string designToText(const Design& design); // pretty-printed, 2 spaces, trailing newline

// The text saveDesignFile writes, or nullopt when it is larger than `maxBytes` (what the loader
// reads), with `error` naming `path` and saying how large it would be.
std::optional<std::string> designTextToSave(const Design& design, const std::string& path, std::string& error,
                                            std::size_t maxBytes = kMaxDesignBytes);
// Writes atomically: a temporary file in the same folder, flushed to disk, then renamed over
// `path`. On failure the previous file is untouched and `error` says what went wrong. A text the
// loader would refuse (designTextToSave) is not written at all.
bool saveDesignFile(const Design& design, const std::string& path, std::string& error,
                    std::size_t maxBytes = kMaxDesignBytes);
bool writeFileAtomically(const std::string& path, const std::string& contents, std::string& error);
// The same for a text too large to hold whole (a review report of a huge design): `produce`
// hands its pieces, in order, to the writer it is given.
bool writeFileAtomically(const std::string& path, const std::function<void(const TextWriter&)>& produce,
                         std::string& error);

} // namespace pb::model
