#pragma once

#include "rules/evaluator.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb::rules {

// Renders a compiled template against the current bindings. With `strict`, a placeholder whose
// value is not drawn (and has no |default) makes the whole text unavailable, so a question that
// would say "…with ? partitions" is skipped in favour of its fallback; otherwise the gap reads
// "(not drawn)".
std::optional<std::string> renderTemplate(const Template& t, Evaluator& ev, const Rule& rule,
                                          const Snapshot& snap, bool strict);
// A finding's texts (its why, questions and fix), rendered when first read: only their
// placeholders' texts are worked out now, while the match's bindings hold, and whether a strict
// text is available is known now too. The texts share one allocation.
class TextsLater
{
public:
    struct Made
    {
        const Template* text;
        std::uint32_t at;  // its first reference: an index into refs, then where it is kept
        std::size_t place; // its place among the texts added
    };
    // What is gathered while the texts are added, kept from one finding to the next by its
    // review: a few growing buffers per finding were a tenth of making it.
    struct Scratch
    {
        std::string pool;                  // distinct placeholder texts, each after its length
        std::vector<std::uint32_t> starts; // where each of them starts in pool
        std::vector<std::uint32_t> refs;   // per placeholder of each text added, its start
        std::vector<Made> made;
        std::vector<SharedText> out; // what finish() made
        std::string text;            // one placeholder's text, when it is not read in place
    };

    TextsLater(Evaluator& ev, const Rule& rule, const Snapshot& snap, Scratch& scratch);
    // The text `t` renders to; false, adding nothing, when strict and a placeholder is not drawn.
    bool add(const Template& t, bool strict);
    // The texts added, in the order they were added; the caller moves them out, before the
    // scratch is used for the next finding.
    std::vector<SharedText>& finish();

private:
    // Where `text` is in the pool, as shown (shownText), added when it is not there yet.
    std::uint32_t poolAt(std::string_view text);

    Evaluator& m_ev;
    const Rule& m_rule;
    const Snapshot& m_snap;
    Scratch& m_s;
    std::size_t m_count = 0;
};

// 10000 → "10,000"; 0.9 → "0.9"; 2.345 → "2.35".
std::string formatNumber(double d);

// The most of one placeholder's text a finding keeps: longer labels and values are cut there.
inline constexpr std::size_t kMaxPlaceholderText = 1000;
// The most a pack's text (why, question, ask, fix hint) may hold, checked when it loads: with the
// cut above they bound what one rendered text can grow to (2,000 + 16 × 1,000 characters). A pack
// of 520 KB whose why repeated a label 20,000 times wrote 4 GB of JSON from 200 services, with a
// 12 GB peak. The built-in packs' longest text is 359 characters, with at most 10 placeholders.
inline constexpr std::size_t kMaxTemplateText = 2000;
inline constexpr std::size_t kMaxTemplatePlaceholders = 16;
// `text` as a finding shows it: itself, or made printable (model::printable) and cut at
// kMaxPlaceholderText, into `buf`.
std::string_view shownText(std::string_view text, std::string& buf);

} // namespace pb::rules
