#pragma once

#include "model/designfile.h"
#include "model/diagnostic.h"

#include <functional>
#include <string>

namespace pb::app {

// Exit codes of probeboard-cli (docs/cli.md).
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitInputError = 2;

// Prints diagnostics to stderr, one line each, prefixed with the program name. Returns true
// if any was an error.
bool printDiagnostics(const model::Diagnostics& diags);
// "probeboard-cli: error: <message>" on stderr; returns kExitInputError.
int inputError(const std::string& message);
// Writes to stdout, or atomically to `path` when it is not empty.
bool emit(const std::string& text, const std::string& path);
// The same for a text too large to hold whole: `produce` hands its pieces, in order, to the
// writer it is given (model::writeFileAtomically).
bool emit(const std::function<void(const model::TextWriter&)>& produce, const std::string& path);
bool stdoutIsTerminal();

} // namespace pb::app
