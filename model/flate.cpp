#include "model/flate.h"

#include <algorithm>
#include <climits>
#include <zlib.h>

namespace pb::model {

std::string deflated(std::string_view data)
{
    z_stream z{};
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) return {};
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    // zlib counts in 32 bits: a design (at most 256 MiB) fits, fed and drained in pieces anyway.
    std::size_t in = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        const std::size_t chunk = std::min<std::size_t>(data.size() - in, UINT_MAX / 2);
        z.next_in =
            reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in)); // zlib does not write it
        z.avail_in = static_cast<uInt>(chunk);
        if (z.total_out >= out.size()) out.resize(out.size() * 2 + 64);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
        z.avail_out =
            static_cast<uInt>(std::min<std::size_t>(out.size() - z.total_out, UINT_MAX / 2));
        const bool last = in + chunk == data.size();
        rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
        in += chunk - z.avail_in;
    }
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

namespace {
std::optional<std::string> inflateAs(int windowBits, std::string_view data, std::size_t maxBytes,
                                     std::string* why, std::size_t* made)
{
    auto fail = [&](const char* reason) -> std::optional<std::string> {
        if (why) *why = reason;
        return std::nullopt;
    };
    z_stream z{};
    if (inflateInit2(&z, windowBits) != Z_OK) return fail("the inflater could not start");
    std::string out;
    std::size_t in = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (z.total_out >= out.size()) {
            if (out.size() >= maxBytes) break;
            out.resize(std::min(maxBytes, std::max<std::size_t>(4096, out.size() * 2)));
        }
        const std::size_t chunk = std::min<std::size_t>(data.size() - in, UINT_MAX / 2);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in));
        z.avail_in = static_cast<uInt>(chunk);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
        z.avail_out =
            static_cast<uInt>(std::min<std::size_t>(out.size() - z.total_out, UINT_MAX / 2));
        rc = inflate(&z, Z_NO_FLUSH);
        in += chunk - z.avail_in;
        if (rc == Z_BUF_ERROR && z.avail_out > 0) break; // no more input: cut short
        if (rc == Z_BUF_ERROR) rc = Z_OK;                // no more room: grown above
    }
    const std::size_t total = z.total_out;
    if (made) *made = total;
    inflateEnd(&z);
    if (rc == Z_STREAM_END) {
        out.resize(total);
        return out;
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && total >= maxBytes))
        return fail("it inflates past the size a design may have");
    if (rc == Z_BUF_ERROR) return fail("its compressed data is cut short");
    return fail("its compressed data is damaged");
}
} // namespace

std::optional<std::string> inflated(std::string_view data, std::size_t maxBytes, std::string* why,
                                    std::size_t* made)
{
    return inflateAs(MAX_WBITS, data, maxBytes, why, made);
}

std::optional<std::string> inflatedRaw(std::string_view data, std::size_t maxBytes, std::string* why)
{
    return inflateAs(-MAX_WBITS, data, maxBytes, why, nullptr);
}

} // namespace pb::model
