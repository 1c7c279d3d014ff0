#pragma once
// A JSON reader that hands the elements of chosen top-level arrays to the caller one at a time,
// as soon as each is parsed, instead of keeping them: the DOM of a large design is several
// times the size of its text (62 MB of text became 0.7 GB of peak memory at 100,000 components).

#include "model/diagnostic.h"
#include "model/jsonutil.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace pb::model {

struct JsonStream
{
    // Asked when a top-level array `key` starts, with the document read so far: true to stream
    // its elements (the returned document then holds that array empty).
    std::function<bool(const nlohmann::json& root, const std::string& key)> streams;
    // One element of a streamed array, at its index; it is dropped once this returns.
    std::function<void(const std::string& key, std::size_t index, nlohmann::json& element)> element;
    // Streamed elements are never all held at once, so a design may be larger than a pack.
    std::size_t maxBytes = kMaxJsonBytes;
};

// parseJson with streaming: the same limits, and the same diagnostics for broken JSON and for
// keys written twice.
std::optional<nlohmann::json> parseJsonStreaming(const std::string& text, const std::string& file,
                                                 Diagnostics& diags, const JsonStream& stream,
                                                 Diagnostic::Level repeatLevel = Diagnostic::Level::Warning);

} // namespace pb::model
