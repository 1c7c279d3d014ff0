#include "model/dotlabels.h"

#include "model/printable.h"

namespace pb::model {

namespace {

// The bytes the escapes of `v` insert; the label itself goes to `out` when there is one. One
// walk does both, so the length is known before anything is built.
std::size_t expand(const std::string& v, const DotLabelNames& names, std::string* out)
{
    std::size_t inserted = 0;
    auto put = [&](const std::string& s, bool name) {
        if (name) inserted += s.size();
        if (out) out->append(s);
    };
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char next = i + 1 < v.size() ? v[i + 1] : '\0';
        const std::string* name = next == 'N' ? &names.node : next == 'G' ? &names.graph
                                  : next == 'T' ? &names.tail : next == 'H' ? &names.head : nullptr;
        if (v[i] != '\\') {
            if (out) *out += v[i];
            continue;
        }
        ++i; // the escape's letter, unless it turns out to be none
        if (next == 'E' && !names.tail.empty()) {
            put(names.tail, true);
            put("->", false);
            put(names.head, true);
        } else if (name && !name->empty()) {
            put(*name, true);
        } else if (next == 'n' || next == 'l' || next == 'r') {
            put("\n", false);
        } else if (next == '\\') {
            put("\\", false);
        } else {
            --i;
            if (out) *out += '\\';
        }
    }
    return inserted;
}

std::string mebibytes(std::size_t n)
{
    return std::to_string(n >> 20) + " MiB";
}

} // namespace

std::string DotLabelReader::read(const std::string& text, const DotLabelNames& names, const char* kind,
                                 const std::string& name, const std::string& element)
{
    if (text.find('\\') == std::string::npos) return text;
    const std::size_t inserted = expand(text, names, nullptr);
    if (inserted > kMaxDotLabelInsert || inserted > kMaxDotFileInsert - m_inserted) {
        refuse(std::string(kind) + " " + quoteText(name), element, inserted, inserted > kMaxDotLabelInsert);
        return text;
    }
    m_inserted += inserted;
    std::string out;
    out.reserve(text.size() + inserted);
    expand(text, names, &out);
    return out;
}

void DotLabelReader::refuse(const std::string& what, const std::string& element, std::size_t inserted,
                            bool perLabel)
{
    if (++m_refused > kListed) return;
    const std::string said = what + ": its label's \\N, \\G, \\E, \\T and \\H would insert " +
                             std::to_string(inserted) + " bytes of names";
    m_diags.push_back(
        {Diagnostic::Level::Error, "", 0, 0, element, "label", "E-LIMIT",
         perLabel ? said + "; one label may insert at most " + mebibytes(kMaxDotLabelInsert)
                  : said + ", past the " + mebibytes(kMaxDotFileInsert) + " the labels of one file may insert",
         "write the text out rather than repeating a long name"});
}

void DotLabelReader::finish()
{
    if (m_refused <= kListed) return;
    m_diags.push_back({Diagnostic::Level::Error, "", 0, 0, "", "", "E-LIMIT",
                       std::to_string(m_refused - kListed) + " more labels would insert too many names", ""});
}

} // namespace pb::model
