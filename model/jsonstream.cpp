#include "model/jsonstream.h"

#include "model/jsonutil.h"
#include "model/printable.h"

#include <algorithm>
#include <vector>

namespace pb::model {

using nlohmann::json;

namespace {

// nlohmann's SAX interface, building the DOM the way its own DOM parser does, except that each
// complete element of a streamed top-level array goes to the caller and is then removed.
// (nlohmann's parse callbacks can drop values too, but rescan the enclosing array to do it.)
class StreamingSax
{
public:
    explicit StreamingSax(const JsonStream& stream) : m_stream(stream) {}

    json root;
    std::size_t errorAt = 0;
    std::string errorText;
    std::size_t repeats = 0;           // keys written again in the same object
    std::vector<std::string> streamed; // top-level arrays handed out element by element

    bool null() { return value(json(nullptr)); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) { return value(json(v)); }
    bool string(std::string& v) { return value(json(std::move(v))); }
    bool binary(json::binary_t& v) { return value(json(std::move(v))); }

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t)
    {
        const bool topLevelArray = m_stack.size() == 1 && m_stack.front()->is_object();
        const bool ok = open(json::array());
        if (topLevelArray) {
            m_streaming = m_stream.streams && m_stream.streams(root, m_topKey);
            if (m_streaming) streamed.push_back(m_topKey);
            m_index = 0;
        }
        return ok;
    }
    bool key(std::string& k)
    {
        if (m_stack.size() == 1) m_topKey = k;
        json& object = *m_stack.back();
        const std::size_t before = object.size();
        m_slot = &object[k];
        if (object.size() == before) ++repeats; // found again: where is worked out only then
        return true;
    }
    bool end_object() { return close(); }
    bool end_array()
    {
        if (m_stack.size() == 2) m_streaming = false;
        return close();
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        errorAt = position > 0 ? position - 1 : 0;
        errorText = parseErrorText(ex.what());
        return false;
    }

private:
    bool inStreamedArray() const { return m_streaming && m_stack.size() == 2; }

    json* place(json&& v)
    {
        if (m_stack.empty()) {
            root = std::move(v);
            return &root;
        }
        json& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        *m_slot = std::move(v);
        return m_slot;
    }

    bool value(json&& v)
    {
        if (inStreamedArray()) {
            m_stream.element(m_topKey, m_index++, v);
            return true;
        }
        place(std::move(v));
        return true;
    }

    bool open(json&& v)
    {
        m_stack.push_back(place(std::move(v)));
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        if (inStreamedArray()) {
            json& array = *m_stack.back();
            m_stream.element(m_topKey, m_index++, array.back());
            array.get_ref<json::array_t&>().pop_back();
        }
        return true;
    }

    const JsonStream& m_stream;
    std::vector<json*> m_stack;
    json* m_slot = nullptr;
    std::string m_topKey;
    bool m_streaming = false;
    std::size_t m_index = 0;
};

std::string lastToken(const std::string& pointer)
{
    std::string out;
    for (std::size_t i = pointer.rfind('/') + 1; i < pointer.size(); ++i) {
        if (pointer[i] == '~' && i + 1 < pointer.size()) out += pointer[++i] == '1' ? '/' : '~';
        else out += pointer[i];
    }
    return out;
}

// Each key written twice, at its later writing. nlohmann keeps the last value; a streamed list
// written twice (a merge gone wrong) has the items of both read.
void reportRepeats(const std::string& text, const std::string& file, Diagnostic::Level level,
                   const std::vector<std::string>& streamed, Diagnostics& diags)
{
    constexpr std::size_t kListed = 100;
    const std::string code = level == Diagnostic::Level::Error ? "E-DUPLICATE-KEY" : "W-DUPLICATE-KEY";
    const auto repeats = JsonPositions(text).repeats();
    for (std::size_t i = 0; i < repeats.size() && i < kListed; ++i) {
        const JsonPositions::Repeat& r = repeats[i];
        const std::string key = lastToken(r.pointer);
        const bool merged = r.pointer == "/" + key && std::find(streamed.begin(), streamed.end(), key) != streamed.end();
        Diagnostic d{level, file, r.line, r.column, "", r.pointer, code, "", ""};
        if (merged) {
            d.message = "\"" + shortText(key) + "\" is written twice; the items of both lists are read, as one list";
        } else {
            d.message = "\"" + shortText(key) + "\" is written twice in the same object (first at " +
                        std::to_string(r.firstLine) + ":" + std::to_string(r.firstColumn) + ")";
            if (level != Diagnostic::Level::Error) d.message += "; only this last one is read";
            d.hint = "keep one of the two";
        }
        diags.push_back(std::move(d));
    }
    if (repeats.size() > kListed)
        diags.push_back({level, file, 0, 0, "", "", code, std::to_string(repeats.size() - kListed) + " more keys are written twice", ""});
}

} // namespace

std::optional<json> parseJsonStreaming(const std::string& text, const std::string& file, Diagnostics& diags,
                                       const JsonStream& stream, Diagnostic::Level repeatLevel)
{
    if (!withinJsonLimits(text, file, diags, stream.maxBytes)) return std::nullopt;
    StreamingSax sax(stream);
    try {
        if (json::sax_parse(text, &sax)) {
            if (sax.repeats > 0) reportRepeats(text, file, repeatLevel, sax.streamed, diags);
            return std::move(sax.root);
        }
        addJsonError(text, file, sax.errorAt, sax.errorText, diags);
    } catch (const json::exception& e) {
        addJsonError(text, file, 0, parseErrorText(e.what()), diags);
    }
    return std::nullopt;
}

} // namespace pb::model
