#include "model/pdfdesign.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <vector>

namespace pb::model {

namespace {

bool isPdfSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// The whole number after `key` in `text` ("/Size 18"); nullopt when it is not there.
std::optional<long long> numberAfter(std::string_view text, std::string_view key)
{
    std::size_t at = text.find(key);
    // "/F" must not find "/Filter": the key ends where a name does.
    while (at != std::string_view::npos && at + key.size() < text.size() &&
           std::isalnum(static_cast<unsigned char>(text[at + key.size()])))
        at = text.find(key, at + 1);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t i = at + key.size();
    while (i < text.size() && isPdfSpace(text[i])) ++i;
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), n);
    if (ec != std::errc() || end == text.data() + i) return std::nullopt;
    return n;
}

// Where the last definition of object `num` starts ("12 0 obj"), npos when there is none.
std::size_t objectAt(std::string_view pdf, long long num)
{
    const std::string head = std::to_string(num) + " 0 obj";
    for (std::size_t at = pdf.rfind(head); at != std::string_view::npos; at = at ? pdf.rfind(head, at - 1) : std::string_view::npos)
        if (at == 0 || isPdfSpace(pdf[at - 1])) return at;
    return std::string_view::npos;
}

// The text between an object's "obj" and its "endobj".
std::string_view objectText(std::string_view pdf, std::size_t at)
{
    const std::size_t from = pdf.find("obj", at) + 3;
    const std::size_t to = pdf.find("endobj", from);
    return to == std::string_view::npos ? std::string_view() : pdf.substr(from, to - from);
}

// A name a PDF literal string holds as it is, in every reader: each other character '_'.
// One past the highest object number defined ("12 0 obj"): a trailer's /Size may be wrong, and
// new objects numbered from it would take an old one's number.
long long nextObject(std::string_view pdf)
{
    long long highest = 0;
    for (std::size_t at = pdf.find(" obj"); at != std::string_view::npos; at = pdf.find(" obj", at + 4)) {
        std::size_t i = at; // back over the generation, a space, the number
        while (i > 0 && std::isdigit(static_cast<unsigned char>(pdf[i - 1]))) --i;
        if (i == at || i == 0 || pdf[i - 1] != ' ') continue;
        const std::size_t numberEnd = i - 1;
        std::size_t j = numberEnd;
        while (j > 0 && std::isdigit(static_cast<unsigned char>(pdf[j - 1]))) --j;
        long long n = 0;
        if (j < numberEnd && std::from_chars(pdf.data() + j, pdf.data() + numberEnd, n).ec == std::errc())
            highest = std::max(highest, n);
    }
    return highest + 1;
}

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
    const std::size_t rootAt = objectAt(pdf, *root);
    if (rootAt == std::string::npos) return std::nullopt;
    const std::string_view catalog = objectText(pdf, rootAt);
    const std::size_t open = catalog.find("<<"), close = catalog.rfind(">>");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open ||
        catalog.find("/Names") != std::string_view::npos || catalog.find("/AF") != std::string_view::npos)
        return std::nullopt;

    const std::string name = safeName(fileName);
    const long long first = std::max(*size, nextObject(pdf));
    if (*root >= first || first > 8'000'000) return std::nullopt; // the catalog is one of them; too many to number
    const long long file = first, spec = first + 1, names = first + 2;
    std::string out = pdf;
    if (out.back() != '\n') out += '\n';
    std::map<long long, std::size_t> offsets;
    auto object = [&](long long num, const std::string& body) {
        offsets[num] = out.size();
        out += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
    };
    object(file, "<< /Type /EmbeddedFile /Subtype /application#2Fjson /Length " + std::to_string(designText.size()) +
                     " >>\nstream\n" + designText + "\nendstream");
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

std::optional<std::string> designInPdf(std::string_view pdf, std::string* why)
{
    auto fail = [&](const char* reason) -> std::optional<std::string> {
        if (why) *why = reason;
        return std::nullopt;
    };
    // The attachment named *.probeboard: an object naming it and holding /EF (its file
    // specification), then the file that points at. One pass forward over the text: a search
    // from each name to the next /EF made a file of a million names take hours.
    // Each mark's next place is found once and moves only forward.
    std::size_t obj = pdf.find(" obj"), name = pdf.find(".probeboard)"), ef = pdf.find("/EF");
    bool named = false; // since the last object began
    for (;;) {
        const std::size_t next = std::min({obj, name, ef});
        if (next == std::string_view::npos) break;
        if (next == obj) {
            named = false;
            obj = pdf.find(" obj", obj + 1);
            continue;
        }
        if (next == name) {
            named = true;
            name = pdf.find(".probeboard)", name + 1);
            continue;
        }
        const std::size_t here = ef;
        ef = pdf.find("/EF", ef + 1);
        if (!named) continue;
        const auto ref = numberAfter(pdf.substr(here, 64), "/F");
        if (!ref) continue;
        const std::size_t fileAt = objectAt(pdf, *ref);
        if (fileAt == std::string_view::npos) return fail("its attachment's file is missing");
        const std::size_t dictEnd = pdf.find("stream", fileAt);
        if (dictEnd == std::string_view::npos) return fail("its attachment holds no stream");
        const std::string_view dict = pdf.substr(fileAt, dictEnd - fileAt);
        if (dict.find("/Filter") != std::string_view::npos)
            return fail("its attachment was compressed by another program, which this version does not read");
        const auto length = numberAfter(dict, "/Length");
        std::size_t data = dictEnd + 6;
        if (data < pdf.size() && pdf[data] == '\r') ++data;
        if (data < pdf.size() && pdf[data] == '\n') ++data;
        if (!length || *length < 0 || static_cast<std::size_t>(*length) > pdf.size() - data)
            return fail("its attachment is cut short");
        return std::string(pdf.substr(data, static_cast<std::size_t>(*length)));
    }
    return std::nullopt;
}

} // namespace pb::model
