#pragma once

#include "model/mermaidtext.h"

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// The words and marks of a Mermaid flowchart, for its reader (mermaidimport.cpp), which takes
// them one statement at a time: a line, or a part of one between semicolons.

bool isMermaidSpace(char c);
std::string_view mermaidTrim(std::string_view s);
// `s` starts with `word` as a whole word (`end`, not `endpoint`).
bool startsWithMermaidWord(std::string_view s, std::string_view word);

// A node's shape: its opening and closing marks, and the Graphviz shape it stands for (which
// inferKind reads: a cylinder is a database).
struct MermaidShape
{
    std::string_view open, close, graphviz;
};
// Longest openings first, so that `[(` is not read as `[`.
inline constexpr std::array<MermaidShape, 12> kMermaidShapes{{{"(((", ")))", "circle"},
                                                               {"[[", "]]", "box"},
                                                               {"[(", ")]", "cylinder"},
                                                               {"([", "])", "box"},
                                                               {"((", "))", "circle"},
                                                               {"{{", "}}", "hexagon"},
                                                               {"[/", "/]", "box"}, // and [/…\], its other slant: node() picks the close
                                                               {"[\\", "\\]", "box"},
                                                               {"[", "]", "box"},
                                                               {"(", ")", "box"},
                                                               {"{", "}", "diamond"},
                                                               {">", "]", "box"}}};
// The Graphviz shape a Mermaid 11 shape name stands for (`A@{ shape: cyl }`): the cylinders
// (cyl, db, das, lin-cyl, h-cyl, …) are "cylinder", a circle "circle", the rest "box".
std::string_view mermaidShapeNamed(std::string_view name);

// Reads one statement (a line, or a part of one between semicolons) at a time.
class MermaidReader
{
public:
    MermaidReader(std::string_view s) : m_s(s) {}
    bool atEnd() { skipSpace(); return m_i >= m_s.size(); }
    std::size_t pos() const { return m_i; }
    void seek(std::size_t pos) { m_i = pos; }
    std::string_view rest() const { return m_s.substr(m_i); }
    void skipSpace() { while (m_i < m_s.size() && isMermaidSpace(m_s[m_i])) ++m_i; }
    bool eat(std::string_view t)
    {
        if (m_s.substr(m_i, t.size()) != t) return false;
        m_i += t.size();
        return true;
    }
    // An id: letters, digits, _ and non-ASCII; '-' and '.' inside it when a letter or digit
    // follows (orders-db, api.v2), so that `a-->b` still ends the id at the arrow.
    std::string id()
    {
        const std::size_t from = m_i;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            if (isMermaidIdChar(c)) ++m_i;
            else if ((c == '-' || c == '.') && m_i > from && m_i + 1 < m_s.size() && isMermaidIdChar(m_s[m_i + 1])) ++m_i;
            else break;
        }
        return std::string(m_s.substr(from, m_i - from));
    }
    // Text up to `close` (a quoted text may hold it); nullopt when it never comes.
    std::optional<std::string> textUntil(std::string_view close)
    {
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == '"') {
            const std::size_t end = m_s.find('"', m_i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            std::string text(m_s.substr(m_i + 1, end - m_i - 1));
            m_i = end + 1;
            skipSpace();
            return eat(close) ? std::optional<std::string>(std::move(text)) : std::nullopt;
        }
        const std::size_t end = m_s.find(close, m_i);
        if (end == std::string_view::npos) return std::nullopt;
        std::string text(mermaidTrim(m_s.substr(m_i, end - m_i)));
        m_i = end + close.size();
        return text;
    }

    // After `@{`: `key: value, key: "value"` through the closing `}`; nullopt when it never comes.
    std::optional<std::map<std::string, std::string>> attributes();

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

struct MermaidArrow
{
    bool dotted = false;
    bool reversed = false; // `<--` alone: the flow goes right to left
    std::string label;
    std::string id; // `a e1@--> b`: the edge's own id, which later statements may style
};

// An arrow and its label, in any of Mermaid's forms: `-->`, `---`, `-.->`, `==>`, `<-->`,
// `-->|text|`, `-- text -->`, `-. text .->`, `== text ==>`, with an edge id before it or not.
std::optional<MermaidArrow> readMermaidArrow(MermaidReader& r);

} // namespace pb::model
