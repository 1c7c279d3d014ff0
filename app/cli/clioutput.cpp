#include "app/cli/clioutput.h"

#include "model/designfile.h"
#include "model/printable.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace pb::app {

// Messages quote the input (an unknown kind, a file name), which may hold escape sequences or line
// breaks: shown, not obeyed, so each message stays one line a terminal prints as written.
bool printDiagnostics(const model::Diagnostics& diags)
{
    for (const auto& d : diags) std::fprintf(stderr, "probeboard-cli: %s\n", model::printable(d.format()).c_str());
    return model::hasErrors(diags);
}

int inputError(const std::string& message)
{
    std::fprintf(stderr, "probeboard-cli: error: %s\n", model::printable(message).c_str());
    return kExitInputError;
}

bool emit(const std::string& text, const std::string& path)
{
    return emit([&](const model::TextWriter& write) { write(text); }, path);
}

bool emit(const std::function<void(const model::TextWriter&)>& produce, const std::string& path)
{
    if (path.empty() || path == "-") {
        produce([](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
        if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
        inputError("cannot write to standard output"); // a full disk, a closed pipe
        return false;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec); // follows symlinks
    if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
        // /dev/stdout, a pipe, a terminal: a temporary file renamed over it would replace the
        // device node or symlink itself, so write straight into it.
        std::ofstream out(path, std::ios::binary);
        produce([&](std::string_view piece) { out.write(piece.data(), static_cast<std::streamsize>(piece.size())); });
        if (out.flush()) return true;
        inputError("cannot write " + path);
        return false;
    }
    std::string error;
    if (!model::writeFileAtomically(path, produce, error)) {
        inputError(error);
        return false;
    }
    return true;
}

bool stdoutIsTerminal()
{
    const char* noColour = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(noColour && *noColour);
}

} // namespace pb::app
