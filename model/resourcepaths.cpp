#include "model/resourcepaths.h"

#include "model/version.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace pb::model {

namespace {
std::string& executableOverride()
{
    static std::string path;
    return path;
}

fs::path executablePath()
{
    if (!executableOverride().empty()) return fs::path(executableOverride());
    std::error_code ec;
#if defined(__linux__)
    auto p = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) return p;
#endif
    return {};
}

bool holdsResources(const fs::path& dir)
{
    std::error_code ec;
    return fs::exists(dir / "vocabulary" / "vocabulary.json", ec);
}

std::string envOr(const char* name)
{
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}
} // namespace

void setExecutablePath(const std::string& argv0)
{
    std::error_code ec;
    auto abs = fs::absolute(argv0, ec);
    executableOverride() = ec ? argv0 : abs.string();
}

std::string resourceDir()
{
    if (auto env = envOr("PROBEBOARD_RESOURCES"); !env.empty()) return env;
    const fs::path exe = executablePath();
    if (!exe.empty()) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "probeboard";
        if (holdsResources(installed)) return installed.string();
    }
    if (holdsResources(kSourceResources)) return kSourceResources;
    // Last resort: the configured install prefix layout relative to the current directory.
    return (fs::path(kInstallDataSubdir)).string();
}

std::string userDataDir()
{
#if defined(_WIN32)
    if (auto appdata = envOr("APPDATA"); !appdata.empty())
        return (fs::path(appdata) / "probeboard").string();
#endif
    if (auto xdg = envOr("XDG_DATA_HOME"); !xdg.empty())
        return (fs::path(xdg) / "probeboard").string();
    if (auto home = envOr("HOME"); !home.empty())
        return (fs::path(home) / ".local" / "share" / "probeboard").string();
    return "probeboard-data";
}

std::string userPacksDir()
{
    return (fs::path(userDataDir()) / "packs").string();
}

} // namespace pb::model
