#pragma once

#include "model/diagnostic.h"
#include "model/value.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pb::model {

// Limits that every JSON reader in the project applies before it builds a DOM: nlohmann's
// parser is iterative but copying, dump() and == recurse, so deep input would crash later.
inline constexpr int kMaxJsonDepth = 64;
// Rule packs and the vocabulary are read whole into nlohmann's DOM, about ten times
// their size in memory; design files, read element by element, and baselines, of which only the
// fingerprints are kept, have their own larger limits (kMaxDesignBytes in model/designfile.h,
// kMaxBaselineBytes in app/cli/main.cpp).
inline constexpr std::size_t kMaxJsonBytes = 64u * 1024u * 1024u;

// An integer setting read without throwing: `fallback` when `key` is absent, the value when it
// is a whole number in [lo, hi], otherwise nullopt (a string, 1e300, 2.5), so the caller can
// report the wrong value instead of nlohmann throwing or a double-to-int cast overflowing.
std::optional<int> intSetting(const nlohmann::json& j, const char* key, int fallback, int lo,
                              int hi);

// Reading a document another program wrote, where any key may be missing or of another type,
// without throwing: the member (nullptr when `j` is no object or has none), its text ("" when it
// is not a string), its strings (anything else in the list passed over).
// The first kilobytes of `text` when they open a JSON object (after white space and a byte-order
// mark), else "": what another tool's documents are told apart by, without parsing them.
std::string_view jsonObjectHead(std::string_view text);
const nlohmann::json* jsonMember(const nlohmann::json& j, const char* key);
std::string jsonString(const nlohmann::json& j, const char* key);
std::vector<std::string> jsonStrings(const nlohmann::json& j, const char* key);

// A JSON literal as a property value (string, bool, number or list of strings); nullopt for
// anything else. The vocabulary's defaults, rule operands and fix values are all read by it.
std::optional<Value> valueFromJson(const nlohmann::json& j);

// 1-based line and column of a byte offset in `text`.
void lineColumnOf(const std::string& text, std::size_t offset, int& line, int& column);

// Reads a whole file; on failure fills `error` with the OS reason and returns nullopt. The
// string keeps kTextPadding zero bytes of capacity past its end, so that simdjson can parse it
// in place (model/jsonfast.cpp) instead of copying it. A file larger than `maxBytes` is not read.
inline constexpr std::size_t kTextPadding = 64;
std::optional<std::string> readTextFile(const std::string& path, std::string& error,
                                        std::size_t maxBytes = kMaxJsonBytes);

// Parses JSON text with a depth guard and a size cap. On error appends a diagnostic naming
// `file` and the line:column, and returns nullopt. Never throws.
// A key written twice in one object is reported at the later writing (W-DUPLICATE-KEY, or
// E-DUPLICATE-KEY at `repeatLevel` Error): nlohmann keeps the last value, and the first was lost without a word.
std::optional<nlohmann::json> parseJson(const std::string& text, const std::string& file,
                                        Diagnostics& diags,
                                        Diagnostic::Level repeatLevel = Diagnostic::Level::Warning);

// The size cap and depth guard parseJson applies; on failure appends the diagnostic.
bool withinJsonLimits(const std::string& text, const std::string& file, Diagnostics& diags,
                      std::size_t maxBytes = kMaxJsonBytes);
// "256 MiB", or "1.5 MiB": a size as the limits are said.
std::string mebibyteText(std::size_t bytes);
// An E-JSON diagnostic at a byte offset of `text`.
void addJsonError(const std::string& text, const std::string& file, std::size_t offset, const std::string& msg,
                  Diagnostics& diags);
// nlohmann's parse error message without its own location prefix.
std::string parseErrorText(const std::string& what);

// Line:column of every JSON pointer in `text` (objects' keys and array items), so loaders can
// name where a semantically wrong value sits. Computed on demand, only when reporting errors.
class JsonPositions
{
public:
    // With `maxDepth`, only values that deep or shallower are found ("/components/3" is depth 2):
    // the map of every value's pointer in a 48 MB design was 350 MB of the SARIF report's peak.
    explicit JsonPositions(const std::string& text, std::size_t maxDepth = SIZE_MAX)
        : m_text(text)
        , m_maxDepth(maxDepth)
    {
    }
    // Position of the value at `pointer` ("/rules/3/match"); {0,0} if unknown.
    std::pair<int, int> find(const std::string& pointer) const;
    // Byte offset in the text of the value at `pointer`, where it starts; npos if unknown.
    std::size_t offset(const std::string& pointer) const;

    // A key written again in the same object: the value's pointer, where the later writing is,
    // and the line of the first. Keys inside a repeated value are not listed again.
    struct Repeat
    {
        std::string pointer;
        int line = 0;
        int column = 0;
        int firstLine = 0;
        int firstColumn = 0;
    };
    std::vector<Repeat> repeats() const;

    // Only these pointers will be asked for (find, offset): called before either, so that the
    // positions of every other value are never worked out. A design of a million values with one
    // misspelt key spent a quarter of its careful read mapping them all. Not with repeats().
    void only(const std::vector<std::string>& pointers);

private:
    void build() const;
    std::pair<int, int> positionOf(std::size_t offset) const;
    std::size_t charsBefore(std::size_t offset) const; // UTF-8 characters in [0, offset)
    const std::string& m_text;
    std::size_t m_maxDepth;
    mutable bool m_built = false;
    // A pack with many errors asks for many positions: a map and the offsets of line starts
    // keep each lookup logarithmic instead of a scan of the text.
    mutable std::unordered_map<std::string, std::size_t> m_offsets;
    std::unordered_set<std::string> m_only, m_onTheWay; // only(): the pointers, and each one's prefixes
    mutable std::vector<std::size_t> m_lineStarts;
    // Characters before each block of kColumnBlock bytes: a design written on one line made each
    // column a scan from the start of the text, and 150,000 warnings in a 20 MB file took minutes.
    static constexpr std::size_t kColumnBlock = 4096;
    mutable std::vector<std::size_t> m_charsBefore;
    mutable std::vector<std::pair<std::string, std::size_t>> m_repeats; // pointer, offset
};

} // namespace pb::model
