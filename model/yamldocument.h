#pragma once

#include "model/diagnostic.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pb::model {

// A YAML document read into JSON values, so that the readers of threat-modelling tools' YAML
// (Threagile's models, OTM written as YAML) share the JSON readers' helpers, and where each value
// was written, so that their warnings name a line. libyaml parses (its events, not its recursive
// loader); the values are built without recursion.
//
// Plain scalars are read as the YAML 1.2 core schema reads them (true, 3, 0.5, null), anything
// quoted as text. Anchors, aliases and merge keys (`<<: *base`, which Threagile's own example
// uses) are resolved. Only the first document of a stream is read.
class YamlDocument
{
public:
    // Bounds against hostile input, each refused with an error rather than met: collections
    // nested deeper than this, and more values than this once aliases are expanded (a few
    // kilobytes of aliases of aliases otherwise make billions).
    static constexpr std::size_t kMaxDepth = 256;
    static constexpr std::size_t kMaxValues = 4'000'000;
    // Whatever name it came under (standard input, a .txt): what the loader reads of a .yaml.
    static constexpr std::size_t kMaxBytes = 32u * 1024u * 1024u;

    nlohmann::json root;

    YamlDocument() = default;
    YamlDocument(YamlDocument&&) = default;
    YamlDocument& operator=(YamlDocument&&) = default;
    // Not copied: the indexes view the positions' own texts.
    YamlDocument(const YamlDocument&) = delete;
    YamlDocument& operator=(const YamlDocument&) = delete;

    // Line and column (1-based) of the value at `pointer` ("/technical_assets/Web Server"): where
    // its key is written in a mapping, where it starts in a sequence. For a value deeper than the
    // positions kept, a text in a sequence, or one an alias made, that of the nearest enclosing
    // value kept; {0, 0} when none is. Not thread-safe: the first call indexes the positions.
    std::pair<int, int> find(const std::string& pointer) const;

    // The keys of the mapping at `pointer` in the order the file writes them (the JSON values keep
    // them sorted): those written where positions are kept first, then any others (an alias's).
    std::vector<std::string> keysOf(const std::string& pointer) const;

    // Reads `text`; a document that is not YAML is an error at its line and column. `keptDepth`:
    // positions are kept for values that deep or shallower ("/a/b" is depth 2).
    static std::optional<YamlDocument> parse(const std::string& text, const std::string& file,
                                             Diagnostics& diags, std::size_t keptDepth = 4);

private:
    friend class YamlBuilder;
    struct Position
    {
        std::string pointer;
        std::pair<int, int> at;
    };
    // Kept as the values are read, and indexed only when first asked: most documents are read
    // without a warning, and a hash map filled as they were read was five sixths of reading a
    // large one.
    std::vector<Position> m_positions;
    mutable std::unordered_map<std::string_view, std::pair<int, int>> m_index;
    mutable bool m_indexed = false;
    // Each mapping's keys as written, by its pointer: worked out in one pass when first asked.
    mutable std::unordered_map<std::string_view, std::vector<std::string>> m_keys;
    mutable bool m_keysIndexed = false;
};

// Whether a line among the first 64 KB of `text` starts with `key` as a top-level mapping key
// (`key:`, or quoted): what tells a YAML format by its content, before reading it.
bool yamlHasTopKey(std::string_view text, std::string_view key);

// `values` written as YAML (block style, keys in their order), for the writers of YAML formats:
// a text that would read back as something else (true, 3, null, "") is quoted, so that
// YamlDocument::parse() reads the same values back.
std::string toYaml(const nlohmann::ordered_json& values);

// `key` as one step of a JSON pointer ("a/b" → "a~1b").
std::string jsonPointerStep(const std::string& key);

} // namespace pb::model
