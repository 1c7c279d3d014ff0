#include "model/pdfdesign.h"

#include "model/designfile.h"
#include "model/flate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cstdio>
#include <map>
#include <vector>

namespace pb::model {

namespace {

bool isPdfSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// Where `key` is in `text`: "/F" must not find "/Filter", the key ends where a name does.
std::size_t keyAt(std::string_view text, std::string_view key)
{
    std::size_t at = text.find(key);
    while (at != std::string_view::npos && at + key.size() < text.size() &&
           std::isalnum(static_cast<unsigned char>(text[at + key.size()])))
        at = text.find(key, at + 1);
    return at;
}

// The whole number after `key` in `text` ("/Size 18"); nullopt when it is not there.
std::optional<long long> numberAfter(std::string_view text, std::string_view key)
{
    const std::size_t at = keyAt(text, key);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t i = at + key.size();
    while (i < text.size() && isPdfSpace(text[i])) ++i;
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), n);
    if (ec != std::errc() || end == text.data() + i) return std::nullopt;
    return n;
}

// The text between an object's "obj" and its "endobj".
std::string_view objectText(std::string_view pdf, std::size_t at)
{
    const std::size_t from = pdf.find("obj", at) + 3;
    const std::size_t to = pdf.find("endobj", from);
    return to == std::string_view::npos ? std::string_view() : pdf.substr(from, to - from);
}

// Calls f(number, where its header starts) for each object header ("12 0 obj"), in file order.
template <typename F>
void forEachObject(std::string_view pdf, F&& f)
{
    for (std::size_t at = pdf.find(" obj"); at != std::string_view::npos; at = pdf.find(" obj", at + 4)) {
        std::size_t i = at; // back over the generation, a space, the number
        while (i > 0 && std::isdigit(static_cast<unsigned char>(pdf[i - 1]))) --i;
        if (i == at || i == 0 || pdf[i - 1] != ' ') continue;
        const std::size_t numberEnd = i - 1;
        std::size_t j = numberEnd;
        while (j > 0 && std::isdigit(static_cast<unsigned char>(pdf[j - 1]))) --j;
        long long n = 0;
        if (j < numberEnd && std::from_chars(pdf.data() + j, pdf.data() + numberEnd, n).ec == std::errc()) f(n, j);
    }
}

// What extending a PDF needs of its object headers, in one pass: where the last definition of
// object `num` starts (npos: none), and one past the highest number defined (a trailer's /Size
// may be wrong, and new objects numbered from it would take an old one's number). The headers are
// the reader's (forEachObject), so that what is written is found again.
struct Headers
{
    std::size_t at = std::string_view::npos;
    long long next = 1;
};
Headers headersOf(std::string_view pdf, long long num)
{
    Headers h;
    forEachObject(pdf, [&](long long n, std::size_t at) {
        if (n == num) h.at = at;
        h.next = std::max(h.next, n < LLONG_MAX ? n + 1 : n); // refused as too many to number
    });
    return h;
}

// A name a PDF literal string holds as it is, in every reader: each other character '_'.
std::string safeName(const std::string& name)
{
    std::string out;
    for (char c : name.substr(0, 120)) {
        const auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) == 0x80) continue; // one '_' per character, not per byte
        out += std::isalnum(u) || c == '.' || c == '-' || c == '_' ? c : '_';
    }
    return out.empty() || out.front() == '.' ? "design.probeboard" : out;
}

std::string xrefEntry(std::size_t offset)
{
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset); // twenty bytes, as the format asks
    return line;
}

} // namespace

std::optional<std::string> pdfWithDesign(const std::string& pdf, const std::string& designText,
                                         const std::string& fileName)
{
    const std::size_t start = pdf.rfind("startxref");
    const std::size_t trailerAt = pdf.rfind("trailer", start);
    if (start == std::string::npos || trailerAt == std::string::npos) return std::nullopt;
    const auto prev = numberAfter(std::string_view(pdf).substr(start), "startxref");
    if (!prev || *prev < 0 || static_cast<std::size_t>(*prev) >= pdf.size() ||
        pdf.compare(static_cast<std::size_t>(*prev), 4, "xref") != 0)
        return std::nullopt; // a cross-reference stream, which this does not write
    const std::string_view trailer = std::string_view(pdf).substr(trailerAt, start - trailerAt);
    const auto size = numberAfter(trailer, "/Size"), root = numberAfter(trailer, "/Root"),
               info = numberAfter(trailer, "/Info");
    if (!size || !root) return std::nullopt;
    const Headers headers = headersOf(pdf, *root);
    if (headers.at == std::string::npos) return std::nullopt;
    const std::string_view catalog = objectText(pdf, headers.at);
    const std::size_t open = catalog.find("<<"), close = catalog.rfind(">>");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open ||
        catalog.find("/Names") != std::string_view::npos || catalog.find("/AF") != std::string_view::npos)
        return std::nullopt;

    const std::string name = safeName(fileName);
    const long long first = std::max(*size, headers.next);
    if (*root >= first || first > 8'000'000) return std::nullopt; // the catalog is one of them; too many to number
    const long long file = first, spec = first + 1, names = first + 2;
    std::string out = pdf;
    if (out.back() != '\n') out += '\n';
    std::map<long long, std::size_t> offsets;
    auto object = [&](long long num, const std::string& body) {
        offsets[num] = out.size();
        out += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
    };
    const std::string packed = deflated(designText);
    if (packed.empty()) return std::nullopt;
    object(file, "<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode /Length " +
                     std::to_string(packed.size()) + " /Params << /Size " + std::to_string(designText.size()) +
                     " >> >>\nstream\n" + packed + "\nendstream");
    object(spec, "<< /Type /Filespec /F (" + name + ") /UF (" + name + ") /Desc (Probeboard design) /EF << /F " +
                     std::to_string(file) + " 0 R >> /AFRelationship /Source >>");
    object(names, "<< /EmbeddedFiles << /Names [(" + name + ") " + std::to_string(spec) + " 0 R] >> >>");
    object(*root, "<<" + std::string(catalog.substr(open + 2, close - open - 2)) + " /Names " + std::to_string(names) +
                      " 0 R /AF [" + std::to_string(spec) + " 0 R] >>");
    const std::size_t xref = out.size();
    out += "xref\n0 1\n0000000000 65535 f \n";
    for (const auto& [num, offset] : offsets) out += std::to_string(num) + " 1\n" + xrefEntry(offset);
    out += "trailer\n<< /Size " + std::to_string(first + 3) + " /Root " + std::to_string(*root) + " 0 R" +
           (info ? " /Info " + std::to_string(*info) + " 0 R" : std::string()) + " /Prev " + std::to_string(*prev) +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

namespace {

// Reads the attachment out of a PDF that Probeboard wrote, or that a PDF tool rewrote since:
// qpdf and Acrobat sort a dictionary's keys (/EF before the name), compress the attachment, move
// the file specification into a compressed object stream and give lengths as references.
class AttachmentReader
{
public:
    explicit AttachmentReader(std::string_view pdf) : m_pdf(pdf) {}

    std::optional<std::string> read(std::string* why)
    {
        auto ref = fileRef(m_pdf);
        if (!ref) ref = fileRefInObjectStreams();
        if (!ref) return fail(why);
        const std::size_t fileAt = objectAt(*ref);
        if (fileAt == std::string_view::npos) {
            m_why = "its attachment's file is missing";
            return fail(why);
        }
        auto text = streamData(fileAt, kMaxDesignBytes, "its attachment");
        return text ? text : fail(why);
    }

private:
    std::optional<std::string> fail(std::string* why) const
    {
        if (why) *why = m_why;
        return std::nullopt;
    }

    // The object number /EF points at in the first object that both names a *.probeboard file
    // and holds /EF, in either order: one pass forward over `text`, each mark's next place found
    // once (a search from each name to the next /EF made a file of a million names take hours).
    static std::optional<long long> fileRef(std::string_view text)
    {
        std::size_t obj = text.find(" obj"), name = text.find(".probeboard)"), ef = text.find("/EF");
        bool named = false;                         // since the last object began
        std::size_t efHere = std::string_view::npos; // an /EF since then, not yet named
        auto refAt = [&](std::size_t at) { return numberAfter(text.substr(at, 64), "/F"); };
        for (;;) {
            const std::size_t next = std::min({obj, name, ef});
            if (next == std::string_view::npos) return std::nullopt;
            if (next == obj) {
                named = false;
                efHere = std::string_view::npos;
                obj = text.find(" obj", obj + 1);
            } else if (next == name) {
                named = true;
                name = text.find(".probeboard)", name + 1);
                if (efHere != std::string_view::npos)
                    if (const auto ref = refAt(efHere)) return ref;
            } else {
                const std::size_t here = ef;
                ef = text.find("/EF", ef + 1);
                if (!named) {
                    if (efHere == std::string_view::npos) efHere = here;
                    continue;
                }
                if (const auto ref = refAt(here)) return ref;
            }
        }
    }

    // The same, in the objects that PDF 1.5 object streams hold compressed (/Type /ObjStm).
    std::optional<long long> fileRefInObjectStreams()
    {
        // Each "/ObjStm" belongs to the object whose header came last before it: both marks move
        // forward only (a look back from each made a file of many "/ObjStm" a pass per mark).
        std::size_t obj = m_pdf.find(" obj"), head = std::string_view::npos, done = std::string_view::npos;
        for (std::size_t at = m_pdf.find("/ObjStm"); at != std::string_view::npos; at = m_pdf.find("/ObjStm", at + 1)) {
            for (; obj < at; obj = m_pdf.find(" obj", obj + 1)) head = obj;
            if (head == std::string_view::npos || head == done || at - head > kMaxDictionary) continue;
            done = head; // one object, read once however often it says /ObjStm
            // One this cannot read holds no design as far as a person can tell: not a reason given.
            const bool failedBefore = m_failed;
            const std::string whyBefore = m_why;
            const auto objects = streamData(head, m_inflateLeft, "an object stream");
            m_inflateLeft -= std::min(m_inflateLeft, m_spentLast);
            if (!objects) {
                m_failed = failedBefore;
                m_why = whyBefore;
                if (m_inflateLeft == 0) return std::nullopt;
                continue;
            }
            const std::string_view dict = dictionaryAt(head);
            const auto count = integer(dict, "/N"), first = integer(dict, "/First");
            if (!count || !first || *first < 0 || static_cast<std::size_t>(*first) > objects->size()) continue;
            // The header: an object number and its offset from /First, per object.
            std::vector<std::size_t> offsets;
            std::string_view header = std::string_view(*objects).substr(0, static_cast<std::size_t>(*first));
            // Read while the header holds pairs: its /N may claim millions (found by mutation).
            for (long long i = 0; i < *count; ++i) {
                long long pair[2] = {0, 0};
                bool read = true;
                for (long long& n : pair) {
                    while (!header.empty() && isPdfSpace(header.front())) header.remove_prefix(1);
                    const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), n);
                    read = read && ec == std::errc();
                    if (!read) break;
                    header.remove_prefix(static_cast<std::size_t>(end - header.data()));
                }
                if (!read || pair[1] < 0 || pair[1] > static_cast<long long>(objects->size()) - *first) break;
                offsets.push_back(static_cast<std::size_t>(*first + pair[1]));
            }
            std::sort(offsets.begin(), offsets.end());
            for (std::size_t i = 0; i < offsets.size(); ++i) {
                const std::size_t to = i + 1 < offsets.size() ? offsets[i + 1] : objects->size();
                if (const auto ref = fileRef(std::string_view(*objects).substr(offsets[i], to - offsets[i]))) return ref;
            }
        }
        return std::nullopt;
    }

    // The whole number `key` holds in `dict`, read through a reference ("/Length 12 0 R").
    std::optional<long long> integer(std::string_view dict, std::string_view key)
    {
        const auto n = numberAfter(dict, key);
        if (!n) return std::nullopt;
        std::string_view rest = dict.substr(keyAt(dict, key) + key.size(), 40);
        const std::string ref = std::to_string(*n) + " 0 R";
        while (!rest.empty() && isPdfSpace(rest.front())) rest.remove_prefix(1);
        if (rest.substr(0, ref.size()) != ref || (rest.size() > ref.size() && std::isalnum(static_cast<unsigned char>(rest[ref.size()]))))
            return n;
        const std::size_t objAt = objectAt(*n);
        if (objAt == std::string_view::npos) return std::nullopt;
        std::string_view body = m_pdf.substr(objAt, 64); // "12 0 obj 1681 endobj"
        const std::size_t obj = body.find("obj");
        if (obj == std::string_view::npos) return std::nullopt;
        body.remove_prefix(obj + 3);
        while (!body.empty() && isPdfSpace(body.front())) body.remove_prefix(1);
        long long value = 0;
        if (std::from_chars(body.data(), body.data() + body.size(), value).ec != std::errc()) return std::nullopt;
        return value;
    }

    // The data of the stream object whose header is at `objAt`, inflated when it is compressed
    // with /FlateDecode, at most `maxBytes`; `what` names it in m_why when it cannot be read.
    std::optional<std::string> streamData(std::size_t objAt, std::size_t maxBytes, const std::string& what)
    {
        m_spentLast = 0;
        const std::string_view dict = dictionaryAt(objAt);
        const std::size_t dictEnd = objAt + dict.size();
        if (dictEnd >= m_pdf.size()) return failed(what + " holds no stream");
        const auto length = integer(dict, "/Length");
        std::size_t data = dictEnd + 6;
        if (data < m_pdf.size() && m_pdf[data] == '\r') ++data;
        if (data < m_pdf.size() && m_pdf[data] == '\n') ++data;
        if (!length || *length < 0 || static_cast<std::size_t>(*length) > m_pdf.size() - data)
            return failed(what + " is cut short");
        const std::string_view raw = m_pdf.substr(data, static_cast<std::size_t>(*length));
        m_spentLast = raw.size(); // read (or copied), whether it inflates or not
        const std::size_t filter = dict.find("/Filter");
        if (filter == std::string_view::npos) {
            if (raw.size() > maxBytes) return failed(what + " is larger than a design may be");
            return std::string(raw);
        }
        // One name, or an array of names: this reads /FlateDecode alone, without predictors.
        std::string_view named = dict.substr(filter + 7);
        while (!named.empty() && isPdfSpace(named.front())) named.remove_prefix(1);
        const bool array = !named.empty() && named.front() == '[';
        if (array) named = named.substr(1, named.find(']') == std::string_view::npos ? 0 : named.find(']') - 1);
        while (!named.empty() && isPdfSpace(named.front())) named.remove_prefix(1);
        const std::size_t nameEnd = named.find_first_of(" \t\r\n/[]<>", 1);
        const std::string_view codec = named.substr(0, std::min(nameEnd, named.size()));
        const bool several = array && named.find('/', codec.size()) != std::string_view::npos;
        if (codec != "/FlateDecode" || several || keyAt(dict, "/DecodeParms") != std::string_view::npos)
            return failed(what + " is compressed in a way this version does not read (" +
                          std::string(codec.substr(0, 40)) + ", or several filters, or predictors)");
        std::string why;
        std::size_t made = 0;
        auto text = inflated(raw, maxBytes, &why, &made);
        m_spentLast += made;
        return text ? text : failed(what + " does not inflate: " + why);
    }

    // The text from an object's header to its "stream" keyword, read within kMaxDictionary;
    // the rest of the file when there is none there.
    std::string_view dictionaryAt(std::size_t objAt) const
    {
        const std::size_t end = m_pdf.substr(objAt, kMaxDictionary).find("stream");
        return end == std::string_view::npos ? m_pdf.substr(objAt) : m_pdf.substr(objAt, end);
    }

    // Where the last definition of object `num` starts; npos when there is none. From an index of
    // every object's header, made on first use in one pass: a search per lookup made a file of
    // many object streams whose lengths are references take a pass over itself for each.
    std::size_t objectAt(long long num)
    {
        if (!m_indexed) {
            m_indexed = true;
            forEachObject(m_pdf, [&](long long n, std::size_t at) { m_objects[n] = at; });
        }
        const auto it = m_objects.find(num);
        return it == m_objects.end() ? std::string_view::npos : it->second;
    }

    std::optional<std::string> failed(std::string why)
    {
        if (!m_failed) m_why = std::move(why); // the first reason: what a person can act on
        m_failed = true;
        return std::nullopt;
    }

    // A stream's dictionary is looked for within this of its header; Probeboard's and the PDF
    // tools' are a few hundred bytes.
    static constexpr std::size_t kMaxDictionary = 64 * 1024;
    std::string_view m_pdf;
    std::map<long long, std::size_t> m_objects;
    bool m_indexed = false;
    std::string m_why;
    bool m_failed = false;
    // What object streams may read and inflate to, all told: a file of many small bombs, or of
    // many streams whose lengths all claim the rest of the file, stops here.
    std::size_t m_inflateLeft = kMaxDesignBytes;
    std::size_t m_spentLast = 0; // by the last streamData(): its data's length and what it made
};

} // namespace

std::optional<std::string> designInPdf(std::string_view pdf, std::string* why)
{
    return AttachmentReader(pdf).read(why);
}

} // namespace pb::model
