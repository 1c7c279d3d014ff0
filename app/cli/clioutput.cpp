#include "app/cli/clioutput.h"

#include "model/designfile.h"
#include "model/printable.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace pb::app {

// Messages quote the input (an unknown kind, a file name), which may hold escape sequences or line
// breaks: shown, not obeyed, so each message stays one line a terminal prints as written.
bool printDiagnostics(const model::Diagnostics& diags)
{
    // Grouped: 20,000 copies of one misspelt property buried the warning that mattered.
    for (const auto& d : model::groupRepeated(diags))
        std::fprintf(stderr, "probeboard-cli: %s\n", model::printable(d.format()).c_str());
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
        // A full disk, or a reader gone ("| head"): SIGPIPE is ignored (main), so it says so.
        inputError(std::string("cannot write to standard output: ") + std::strerror(errno));
        return false;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec); // follows symlinks
    if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
        // /dev/stdout, a pipe, a terminal: a temporary file renamed over it would replace the
        // device node or symlink itself, so write straight into it.
        std::FILE* out = std::fopen(path.c_str(), "wb");
        bool ok = out != nullptr;
        if (ok)
            produce([&](std::string_view piece) {
                ok = ok && std::fwrite(piece.data(), 1, piece.size(), out) == piece.size();
            });
        ok = ok && std::fflush(out) == 0;
        const int why = errno; // fclose may change it
        if (out) std::fclose(out);
        if (ok) return true;
        inputError("cannot write " + path + ": " +
                   std::strerror(why)); // /dev/full: "No space left on device"
        return false;
    }
    std::string error;
    if (!model::writeFileAtomically(path, produce, error)) {
        inputError(error);
        return false;
    }
    return true;
}

bool refuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs)
{
    if (output.empty() || output == "-") return false;
    namespace fs = std::filesystem;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (in != "-" && fs::equivalent(output, in, ec) && !ec) {
            // Not "--output": convert's output is a plain argument.
            inputError("the output " + output + " is the input " + in +
                       "; writing there would replace the design with the result");
            return true;
        }
    }
    return false;
}

bool stdoutIsTerminal()
{
    const char* noColour = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(noColour && *noColour);
}

void runWithTimeLimit(double seconds, const std::function<void()>& work, const std::string& whenLate)
{
    if (seconds <= 0) return work();
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread watchdog([&] {
        std::unique_lock lock(m);
        if (cv.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return done; })) return;
        inputError(whenLate);
        std::fflush(stderr);
        std::_Exit(kExitInputError); // the work holds Graphviz's lock: no orderly way out
    });
    work();
    {
        std::lock_guard lock(m);
        done = true;
    }
    cv.notify_one();
    watchdog.join();
}

namespace {
constexpr int kCrashSignals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
struct sigaction g_before[std::size(kCrashSignals)];
// Made before the handler can run: a handler may only call what is async-signal-safe.
std::string g_crashLine;

extern "C" void onCrash(int)
{
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, g_crashLine.data(), g_crashLine.size());
    std::_Exit(kExitInputError);
}
} // namespace

CrashAsInputError::CrashAsInputError(const std::string& message)
{
    g_crashLine = "probeboard-cli: error: " + model::printable(message) + "\n";
    struct sigaction sa = {};
    sa.sa_handler = onCrash;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < std::size(kCrashSignals); ++i) sigaction(kCrashSignals[i], &sa, &g_before[i]);
}

CrashAsInputError::~CrashAsInputError()
{
    for (std::size_t i = 0; i < std::size(kCrashSignals); ++i) sigaction(kCrashSignals[i], &g_before[i], nullptr);
}

} // namespace pb::app
