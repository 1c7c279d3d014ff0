#pragma once

#include "model/designfile.h"
#include "model/diagnostic.h"

#include <functional>
#include <string>
#include <vector>

namespace pb::app {

// Exit codes of probeboard-cli (docs/cli.md).
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitInputError = 2;

// Prints diagnostics to stderr, one line each, prefixed with the program name, a warning repeated
// on many elements once counted (model::groupRepeated). Returns true if any was an error.
bool printDiagnostics(const model::Diagnostics& diags);
// "probeboard-cli: error: <message>" on stderr; returns kExitInputError.
int inputError(const std::string& message);
// Writes to stdout, or atomically to `path` when it is not empty.
bool emit(const std::string& text, const std::string& path);
// The same for a text too large to hold whole: `produce` hands its pieces, in order, to the
// writer it is given (model::writeFileAtomically).
bool emit(const std::function<void(const model::TextWriter&)>& produce, const std::string& path);
// True (after saying so) when `output` is the same file as one of `inputs`: a report or a
// conversion written there would destroy the design it was made from.
bool refuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs);
bool stdoutIsTerminal();
// Runs `work`; if it is still running after `seconds` (0: no limit), prints `whenLate` as an
// input error and ends the process with kExitInputError. For Graphviz's layout, which cannot be
// interrupted and on some graphs runs for hours; nothing is written before the work ends, so
// stopping there loses nothing.
void runWithTimeLimit(double seconds, const std::function<void()>& work, const std::string& whenLate);

// While one lives, a crash (an assertion failing or a fault inside a library such as Graphviz)
// prints `message` as an input error and exits with kExitInputError instead of dumping core:
// the input was one the library could not handle, and the user is told which and what to try.
class CrashAsInputError
{
public:
    explicit CrashAsInputError(const std::string& message);
    ~CrashAsInputError();
    CrashAsInputError(const CrashAsInputError&) = delete;
    CrashAsInputError& operator=(const CrashAsInputError&) = delete;
};

} // namespace pb::app
