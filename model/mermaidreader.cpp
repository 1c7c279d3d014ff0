#include "model/mermaidreader.h"

#include "model/mermaidtext.h"

namespace pb::model {

bool isMermaidSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view mermaidTrim(std::string_view s)
{
    while (!s.empty() && isMermaidSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isMermaidSpace(s.back())) s.remove_suffix(1);
    return s;
}

bool startsWithMermaidWord(std::string_view s, std::string_view word)
{
    return s.substr(0, word.size()) == word && (s.size() == word.size() || isMermaidSpace(s[word.size()]) || s[word.size()] == ';');
}

std::string_view mermaidShapeNamed(std::string_view name)
{
    for (std::string_view cylinder : {"cyl", "cylinder", "db", "database", "das", "stored-data", "h-cyl",
                                      "horizontal-cylinder", "lin-cyl", "disk", "lined-cylinder"})
        if (name == cylinder) return "cylinder";
    for (std::string_view circle : {"circle", "circ", "sm-circ", "small-circle", "dbl-circ", "double-circle"})
        if (name == circle) return "circle";
    return "box";
}

std::optional<std::map<std::string, std::string>> MermaidReader::attributes()
{
    std::map<std::string, std::string> out;
    for (;;) {
        skipSpace();
        if (eat("}")) return out;
        const std::string key = id();
        skipSpace();
        if (key.empty() || !eat(":")) return std::nullopt;
        skipSpace();
        std::string value;
        if (eat("\"")) {
            const std::size_t end = m_s.find('"', m_i);
            if (end == std::string_view::npos) return std::nullopt;
            value = std::string(m_s.substr(m_i, end - m_i));
            m_i = end + 1;
        } else {
            const std::size_t end = m_s.find_first_of(",}", m_i);
            if (end == std::string_view::npos) return std::nullopt;
            value = std::string(mermaidTrim(m_s.substr(m_i, end - m_i)));
            m_i = end;
        }
        out[key] = std::move(value);
        skipSpace();
        eat(",");
    }
}

namespace {

// A run of -, . and = at least two long, with an optional head: the body of an arrow. Its
// length (0: none there).
std::size_t eatArrowBody(MermaidReader& r, bool& dotted, bool& headed)
{
    const std::string_view s = r.rest();
    std::size_t n = 0;
    while (n < s.size() && (s[n] == '-' || s[n] == '.' || s[n] == '=')) ++n;
    if (n < 2) return 0;
    dotted = s.substr(0, n).find('.') != std::string_view::npos;
    headed = n < s.size() && (s[n] == '>' || s[n] == 'o' || s[n] == 'x') && (n + 1 == s.size() || !isMermaidIdChar(s[n + 1]) || s[n] == '>');
    r.eat(s.substr(0, n + (headed ? 1 : 0)));
    return n;
}

// `-- text -->`: after an opening of two marks, the text runs to the next arrow body.
bool eatTextForm(MermaidReader& r, MermaidArrow& a)
{
    const std::string_view s = r.rest();
    for (std::size_t k = 1; k + 1 < s.size(); ++k) {
        if (!isMermaidSpace(s[k - 1]) || (s[k] != '-' && s[k] != '.' && s[k] != '=')) continue;
        MermaidReader close(s.substr(k));
        bool dotted = false, headed = false;
        // What closes a text is an arrow (`-->`, `.->`, `---`), not two marks inside the text.
        const std::size_t body = eatArrowBody(close, dotted, headed);
        if (body == 0 || (body == 2 && !headed)) continue;
        a.label = std::string(mermaidTrim(s.substr(0, k)));
        a.dotted = a.dotted || dotted;
        r.eat(s.substr(0, k + close.pos()));
        return true;
    }
    return false;
}

} // namespace

// An arrow and its label, in any of Mermaid's forms: `-->`, `---`, `-.->`, `==>`, `<-->`,
// `-->|text|`, `-- text -->`, `-. text .->`, `== text ==>`.
std::optional<MermaidArrow> readMermaidArrow(MermaidReader& r)
{
    r.skipSpace();
    MermaidArrow a;
    // `e1@-->`: the edge's id, then its arrow.
    const std::size_t start = r.pos();
    if (std::string id = r.id(); !id.empty() && r.eat("@") && !r.rest().empty() &&
                                 (r.rest()[0] == '-' || r.rest()[0] == '=' || r.rest()[0] == '.' || r.rest()[0] == '<'))
        a.id = std::move(id);
    else
        r.seek(start);
    const bool back = r.eat("<");
    bool headed = false;
    const std::size_t body = eatArrowBody(r, a.dotted, headed);
    if (body == 0) return std::nullopt;
    // Two marks and no head open a text (`-- text -->`); three or more are a link (`A --- B`).
    if (body == 2 && !headed && !back && !eatTextForm(r, a)) return std::nullopt;
    a.reversed = back && !headed;
    r.skipSpace();
    if (r.eat("|")) {
        auto text = r.textUntil("|");
        if (!text) return std::nullopt;
        a.label = *text;
    }
    a.label = mermaidPlain(a.label);
    return a;
}

} // namespace pb::model
