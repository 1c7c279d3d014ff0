// Writing a file so that a reader never sees it half written: a temporary beside it, then a
// rename. Declared in designfile.h, with the design's own saving, which uses it.
#include "model/designfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#if defined(_WIN32)
#include <fstream>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace pb::model {

bool writeFileAtomically(const std::string& path, const std::string& contents, std::string& error)
{
    return writeFileAtomically(path, [&](const TextWriter& write) { write(contents); }, error);
}

#if defined(_WIN32)
// Untested on Windows: write beside the target, then replace it (MoveFileEx semantics).
bool writeFileAtomically(const std::string& path, const std::function<void(const TextWriter&)>& produce,
                         std::string& error)
{
    namespace fs = std::filesystem;
    const fs::path tmp = fs::path(path).concat(".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        produce([&](std::string_view piece) { out.write(piece.data(), static_cast<std::streamsize>(piece.size())); });
        if (!out.flush()) {
            error = "cannot write " + path;
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) error = "cannot replace " + path + ": " + ec.message();
    return !ec;
}
#else
bool writeFileAtomically(const std::string& path, const std::function<void(const TextWriter&)>& produce,
                         std::string& error)
{
    namespace fs = std::filesystem;
    // A design kept behind a symlink (dotfiles, a shared folder) is written through the link:
    // renaming onto the link itself would silently turn it into a plain file.
    std::error_code linkError;
    const bool isLink = fs::is_symlink(fs::symlink_status(path, linkError));
    const fs::path resolved = isLink ? fs::weakly_canonical(path, linkError) : fs::path(path);
    const fs::path target = linkError ? fs::path(path) : resolved;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Named after the target, cut short: a name of 250 bytes or more, legal itself, went past the
    // 255-byte limit once the dot and the suffix were added, and nothing could be saved under it.
    const std::string name = target.filename().string().substr(0, 200);
    std::string tmpl = (dir / ("." + name + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    auto fail = [&](const char* what) {
        error = "cannot " + std::string(what) + " " + path + ": " + std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        return false;
    };
    // The first error stops the writing; the pieces after it are dropped.
    bool writeFailed = false;
    int writeErrno = 0; // the producer may run code that changes errno after the failed write
    try {
        produce([&](std::string_view piece) {
            std::size_t written = 0;
            while (!writeFailed && written < piece.size()) {
                ssize_t n = ::write(fd, piece.data() + written, piece.size() - written);
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) {
                    writeFailed = true;
                    writeErrno = errno;
                } else written += static_cast<std::size_t>(n);
            }
        });
    } catch (...) {
        // The previous file stays as it was, and no half-written temporary is left behind.
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw;
    }
    if (writeFailed) {
        errno = writeErrno;
        return fail("write");
    }
    if (::fsync(fd) != 0) return fail("flush");
    // The file replaced keeps its permissions: a design or report kept private (0600, 0640)
    // must not become readable by everyone because it was saved again.
    struct stat before
    {
    };
    ::fchmod(fd, ::stat(target.c_str(), &before) == 0 ? (before.st_mode & 07777) : 0644);
    if (::close(fd) != 0) {
        fd = -1;
        error = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return false;
    }
    if (std::rename(tmpl.c_str(), target.c_str()) != 0) {
        error = "cannot replace " + path + ": " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return false;
    }
    return true;
}

#endif

} // namespace pb::model
