#include "model/dotscreen.h"

#include "model/dotimport.h"
#include "model/printable.h"

#include <cctype>

namespace pb::model {

namespace {
// What a name (an id or a number) is made of, as cgraph's scanner reads one.
bool nameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// One pass over the text, as cgraph's scanner would split it into strings, comments, HTML labels
// and names. Each token is timed from where it starts: Graphviz's scanner takes time that grows
// with the square of one token's length (a 2 MB label 1.9 s, 5 MB 12.7 s, a file of 32 MB most of
// an hour), so a token past kMaxDotToken bytes is refused before Graphviz sees it.
class Screen
{
public:
    Screen(const std::string& text, const std::string& file, Diagnostics& diags,
           std::vector<DotToken>* tokens = nullptr)
        : m_text(text)
        , m_file(file)
        , m_diags(diags)
        , m_tokens(tokens)
    {
    }
    bool run();

private:
    enum class In { Nothing, String, Html, LineComment, BlockComment, Name };
    bool reject(int line, const std::string& msg)
    {
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, 0, "", "", "E-DOT", msg, ""});
        return false;
    }
    void begin(In what, std::size_t at)
    {
        m_in = what;
        m_start = at;
        m_startLine = m_line;
    }
    // The token that started at m_start ends before `end`; kept when tokens are asked for.
    void ended(std::size_t end);
    void punctuation(std::string text)
    {
        if (m_tokens) m_tokens->push_back({std::move(text), m_line, false});
    }
    bool tokenTooLong(std::size_t i);
    bool joined(char c); // false: a string of too many pieces, rejected
    bool inToken(char c, std::size_t& i); // true: c belonged to the token being read
    bool outside(char c, std::size_t& i); // false: rejected

    const std::string& m_text;
    const std::string& m_file;
    Diagnostics& m_diags;
    std::vector<DotToken>* m_tokens;
    In m_in = In::Nothing;
    std::size_t m_start = 0;
    int m_line = 1, m_startLine = 1, m_depth = 0, m_htmlDepth = 0;
    std::size_t m_subgraphs = 0;
    int m_graphs = 0; // top-level bodies opened
    int m_closedAt = 0; // the line where the graph's body closed, once it has (-1: a second follows)
    bool m_sawContent = false;
    std::size_t m_pieces = 0; // quoted strings in the '+' chain being read
    bool m_plus = false;      // a '+' after one of them
    int m_joinLine = 0;
};

void Screen::ended(std::size_t end)
{
    if (!m_tokens || m_in == In::LineComment || m_in == In::BlockComment) return;
    if (m_in != In::String) {
        m_tokens->push_back({m_text.substr(m_start, end - m_start), m_startLine, false});
        return;
    }
    std::string text;
    for (std::size_t i = m_start + 1; i + 1 < end; ++i) {
        if (m_text[i] == '\\' && (m_text[i + 1] == '"' || m_text[i + 1] == '\n')) {
            if (m_text[++i] == '"') text += '"';
            continue;
        }
        if (m_text[i] == '\\' && m_text[i + 1] == '\\') text += m_text[i++]; // a pair stays two
        text += m_text[i];
    }
    // "a" + "b" is one string to cgraph: an element named by one is found by its whole name.
    const std::size_t n = m_tokens->size();
    if (n >= 2 && !(*m_tokens)[n - 1].quoted && (*m_tokens)[n - 1].text == "+" && (*m_tokens)[n - 2].quoted) {
        m_tokens->pop_back();
        m_tokens->back().text += text;
        return;
    }
    m_tokens->push_back({std::move(text), m_startLine, true});
}

bool Screen::joined(char c)
{
    if (c == '"') {
        m_pieces = m_plus ? m_pieces + 1 : 1;
        if (m_pieces == 1) m_joinLine = m_line;
        m_plus = false;
        return m_pieces <= kMaxDotPieces ||
               reject(m_joinLine, "a string joined with '+' from more than " + std::to_string(kMaxDotPieces) +
                                      " pieces starts here (Graphviz copies the whole string at every '+')");
    }
    m_plus = c == '+' && m_pieces > 0 && !m_plus;
    if (!m_plus) m_pieces = 0;
    return true;
}

bool Screen::tokenTooLong(std::size_t i)
{
    if (m_in == In::Nothing || i - m_start <= kMaxDotToken) return false;
    const char* what = m_in == In::String ? "a quoted string" : m_in == In::Html ? "an HTML label"
                       : m_in == In::Name ? "a name"                             : "a comment";
    return !reject(m_startLine, std::string(what) + " longer than " + std::to_string(kMaxDotToken >> 10) +
                                    " KiB starts here (Graphviz reads one that long very slowly)");
}

bool Screen::inToken(char c, std::size_t& i)
{
    const bool more = i + 1 < m_text.size();
    switch (m_in) {
    case In::Nothing: return false;
    case In::LineComment: break;
    case In::BlockComment:
        if (c == '*' && more && m_text[i + 1] == '/') m_in = In::Nothing, ++i;
        break;
    case In::String:
        // As cgraph's scanner reads a quoted string: \" is a quote, \\ two backslashes (so
        // "a\\" ends at its quote) and a backslash before a newline continues the line; any
        // other backslash is itself. (Skipping whatever followed a backslash split a multi-byte
        // character: the export of a name holding "\é" was refused as not UTF-8.)
        if (c == '\\' && more && (m_text[i + 1] == '"' || m_text[i + 1] == '\\')) ++i;
        else if (c == '\\' && more && m_text[i + 1] == '\n') ++i, ++m_line;
        else if (c == '"') ended(i + 1), m_in = In::Nothing;
        break;
    case In::Html: // quotes and braces inside are text; only the angle brackets nest
        if (c == '<') ++m_htmlDepth;
        else if (c == '>' && --m_htmlDepth == 0) ended(i + 1), m_in = In::Nothing;
        break;
    case In::Name:
        if (nameChar(c)) break;
        ended(i);
        m_in = In::Nothing;
        return false; // the character after a name is read on its own
    }
    return true;
}

bool Screen::outside(char c, std::size_t& i)
{
    const bool more = i + 1 < m_text.size();
    if (!std::isspace(static_cast<unsigned char>(c))) m_sawContent = true;
    // cgraph stops at the graph's closing brace and reads nothing after it: statements there
    // (a brace closed too early) were dropped without a word. Comments and ';' are harmless.
    const bool comment = c == '#' || (c == '/' && more && (m_text[i + 1] == '/' || m_text[i + 1] == '*'));
    if (m_closedAt > 0 && !std::isspace(static_cast<unsigned char>(c)) && !comment && c != ';') {
        std::size_t end = i;
        while (end < m_text.size() && nameChar(m_text[end])) ++end;
        const std::string word = lowerAscii(m_text.substr(i, end - i));
        if (word == "digraph" || word == "graph" || word == "strict") m_closedAt = -1; // said at its '{'
        else
            return reject(m_line, "this is after the graph's closing '}' on line " + std::to_string(m_closedAt) +
                                      ", where Graphviz stops reading (a '}' too many, or closed too early?)");
    }
    if (!std::isspace(static_cast<unsigned char>(c)) && !comment && !joined(c)) return false;
    if (c == '"') begin(In::String, i);
    else if (c == '<') begin(In::Html, i), m_htmlDepth = 1;
    else if (c == '#' && (i == 0 || m_text[i - 1] == '\n')) begin(In::LineComment, i);
    else if (c == '/' && more && m_text[i + 1] == '/') begin(In::LineComment, i);
    else if (c == '/' && more && m_text[i + 1] == '*') begin(In::BlockComment, i), ++i;
    else if (nameChar(c)) begin(In::Name, i);
    else if (c == '{') {
        // Graphviz reads the first graph of a file and leaves the rest unread: a design cut
        // short without a word. A second graph is refused, naming where it starts.
        if (m_depth == 0 && ++m_graphs > 1)
            return reject(m_line, "a second graph starts here; a design file holds one digraph "
                                  "(merge them into one, or split the file)");
        if (++m_depth > kMaxDotNesting)
            return reject(m_line, "graph nested deeper than " + std::to_string(kMaxDotNesting) + " levels");
        if (m_depth > 1 && ++m_subgraphs > kMaxDotSubgraphs)
            return reject(m_line, "more than " + std::to_string(kMaxDotSubgraphs) + " subgraphs");
        punctuation("{");
    } else if (c == '}') {
        if (--m_depth == 0 && m_closedAt == 0 && m_graphs == 1) m_closedAt = m_line;
        punctuation("}");
    } else if (c == '-' && more && (m_text[i + 1] == '>' || m_text[i + 1] == '-')) {
        punctuation(m_text.substr(i, 2));
        ++i;
    } else if (c == '[' || c == ']' || c == '=' || c == ';' || c == ',' || c == ':' || c == '+') {
        punctuation(std::string(1, c));
    }
    return true;
}

bool Screen::run()
{
    for (std::size_t i = 0; i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c == '\0') return reject(m_line, "not a DOT file: it contains a NUL byte");
        if (m_in == In::Nothing && (i == 0 || m_text[i - 1] == '\n') && conflictMarkerAt(m_text, i)) {
            m_diags.push_back(conflictMarkerError(m_file, m_line, "E-DOT"));
            return false;
        }
        if (tokenTooLong(i)) return false;
        if (static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t n = utf8Length(m_text, i);
            if (n == 0) return reject(m_line, "not UTF-8 text (convert the file to UTF-8)");
            if (m_in == In::Nothing) begin(In::Name, i); // cgraph reads such bytes as part of a name
            i += n - 1;
            m_sawContent = true;
            continue;
        }
        if (c == '\n') {
            if (m_in == In::Name) ended(i);
            ++m_line;
            if (m_in == In::LineComment || m_in == In::Name) m_in = In::Nothing;
            continue;
        }
        if (inToken(c, i)) continue;
        if (!outside(c, i)) return false;
    }
    if (m_in == In::Name) ended(m_text.size());
    if (!m_sawContent) return reject(0, "empty file: expected a DOT digraph");
    return true;
}

} // namespace

bool screenDotText(const std::string& text, const std::string& file, Diagnostics& diags)
{
    if (text.size() > kMaxDotBytes) {
        diags.push_back({Diagnostic::Level::Error, file, 0, 0, "", "", "E-DOT",
                         "DOT input is larger than the " + std::to_string(kMaxDotBytes >> 20) + " MiB limit", ""});
        return false;
    }
    return Screen(text, file, diags).run();
}

std::vector<DotToken> dotTokens(const std::string& text)
{
    std::vector<DotToken> tokens;
    Diagnostics ignored; // the text was screened before
    Screen(text, {}, ignored, &tokens).run();
    return tokens;
}

} // namespace pb::model
