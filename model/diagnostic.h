#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pb::model {

// One problem found in user input (a design, a DOT graph, a rule pack). Every loader reports
// through this type so the CLI, the desktop dialogs and the tests print the same thing.
struct Diagnostic
{
    enum class Level { Error, Warning, Note };

    Level level = Level::Error;
    std::string file;    // path as the user gave it; empty for in-memory input
    int line = 0;        // 1-based; 0 when not known
    int column = 0;      // 1-based; 0 when not known
    std::string element; // element id (component, flow, zone, rule) the problem is about
    std::string pointer; // JSON pointer into the input, where there is one
    std::string code;    // stable machine code, e.g. "E-DUP-ID"
    std::string message; // what is wrong, in plain words
    std::string hint;    // "did you mean 'failover'?" and similar; may be empty

    // "file:line:col: error: message [element 'x'] (hint)" — one line, for terminals and logs.
    std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool hasErrors(const Diagnostics& diags);
// Each diagnostic's format() on a line of its own: for logs, and for tests to compare and search.
std::string formatAll(const Diagnostics& diags);
std::string levelName(Diagnostic::Level level);

// The diagnostics to show a person, in order, with a warning that repeats (the same file, code,
// message and hint once each one's element id is left out: 20,000 components all carrying a
// misspelt property) shown `shown` times and then one line counting the rest, so the one warning
// that differs is not buried. Errors are never grouped. For text; machine output wants every one.
Diagnostics groupRepeated(const Diagnostics& diags, std::size_t shown = 3);

// An importer's warnings of one kind (links it left out, say) kept to `most`, then one warning
// counting the rest: a file of a million such mistakes says so a bounded number of times, and its
// diagnostics do not grow with it. add() returns where the warning went in `diags`, or nothing
// when only counted; finish() adds the count, if any: "N more <what> were left out".
class WarningsAtMost
{
public:
    WarningsAtMost(Diagnostics& diags, std::size_t most) : m_diags(diags), m_most(most) {}
    std::optional<std::size_t> add(Diagnostic warning);
    void count() { ++m_unsaid; } // one more left out that no warning names
    // No more warnings will be said: a caller may count() instead of making one.
    bool full() const { return m_said == m_most; }
    void finish(const std::string& file, const std::string& code, const std::string& what);

private:
    Diagnostics& m_diags;
    std::size_t m_most, m_said = 0, m_unsaid = 0;
};

// True when a git merge-conflict marker line (<<<<<<<, |||||||, =======, >>>>>>>) starts at
// `at`, which must be the start of a line. A design merged by hand with both sides left in it
// otherwise reads as a broken file, or in DOT as a strange component.
bool conflictMarkerAt(const std::string& text, std::size_t at);
// The 1-based line of the first such marker; 0 when there is none.
int conflictMarkerLine(const std::string& text);
// What a loader says about it, the same for every format.
Diagnostic conflictMarkerError(const std::string& file, int line, const std::string& code);

} // namespace pb::model
