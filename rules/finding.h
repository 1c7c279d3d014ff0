#pragma once

#include "model/value.h"

#include <atomic>
#include <functional>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pb::rules {

enum class Severity { Info, Low, Medium, High, Critical };

std::string severityName(Severity s);                 // "info" … "critical"
bool parseSeverity(const std::string& s, Severity& out);

// A list of strings shared by every finding of a rule: a review of a large design holds
// thousands of questions, and copying each one's answer points was a tenth of its time.
class SharedStrings
{
public:
    SharedStrings() = default;
    SharedStrings(std::vector<std::string> items) // NOLINT: implicit, reads like the vector it holds
        : m_items(std::make_shared<const std::vector<std::string>>(std::move(items)))
    {
    }
    explicit SharedStrings(std::shared_ptr<const std::vector<std::string>> items)
        : m_items(std::move(items))
    {
    }
    const std::vector<std::string>& list() const { return m_items ? *m_items : none(); }
    operator const std::vector<std::string>&() const { return list(); } // NOLINT
    auto begin() const { return list().begin(); }
    auto end() const { return list().end(); }
    std::size_t size() const { return list().size(); }
    bool empty() const { return list().empty(); }
    const std::string& front() const { return list().front(); }
    const std::string& operator[](std::size_t i) const { return list()[i]; }
    bool operator==(const SharedStrings& o) const { return list() == o.list(); }

private:
    static const std::vector<std::string>& none()
    {
        static const std::vector<std::string> kNone;
        return kNone;
    }
    std::shared_ptr<const std::vector<std::string>> m_items;
};

// Hashes a text given in pieces to the same value as given whole: a text rendered later
// (SharedText::Entry) is hashed from its template's literal parts and its values, unrendered.
// A polynomial over the bytes (each step: times a constant, plus the byte), so that a literal
// part hashed once, with the constant's power for its length (Piece), is added in one step:
// hashing every question's literal text again was most of hashing it.
class TextHasher
{
public:
    struct Piece
    {
        std::uint64_t hash = 0;  // the polynomial of the piece alone
        std::uint64_t power = 1; // the constant to the piece's length
        std::uint64_t length = 0;
    };
    static Piece piece(std::string_view text);
    void add(std::string_view piece);
    void add(const Piece& piece)
    {
        m_hash = m_hash * piece.power + piece.hash;
        m_length += piece.length;
    }
    std::size_t done() const; // never 0
    static std::size_t of(std::string_view text)
    {
        TextHasher h;
        h.add(text);
        return h.done();
    }

private:
    std::uint64_t m_hash = 0;
    std::uint64_t m_length = 0;
};

// A text shared by every copy of the finding that holds it: a review through a ReviewCache
// copies each kept finding into its result, and copying the long rendered texts (why, fix) was
// most of that copy. Immutable; reads like the std::string it holds. A finding's texts are
// rendered when first read (Entry): most findings of a large review are never shown, and their
// rendered texts were a quarter of its memory.
class SharedText
{
public:
    // What a SharedText points at: the text, or what renders it on first read. Thread-safe.
    class Entry
    {
    public:
        virtual ~Entry() = default;
        Entry(const Entry&) = delete;
        Entry& operator=(const Entry&) = delete;
        virtual const std::string& text() const = 0;
        // The text without keeping it: a report that reads each text once need not hold them all.
        virtual std::string textOnce() const { return text(); }
        std::size_t hash() const
        {
            std::size_t h = m_hash.load(std::memory_order_relaxed);
            if (h == 0) {
                h = hashText();
                m_hash.store(h, std::memory_order_relaxed); // racing threads store the same
            }
            return h;
        }

    protected:
        Entry() = default;
        // TextHasher::of(text()); a text rendered on first read works it out without rendering.
        virtual std::size_t hashText() const { return TextHasher::of(text()); }

    private:
        mutable std::atomic<std::size_t> m_hash{0};
    };
    // A text given whole.
    class Plain final : public Entry
    {
    public:
        explicit Plain(std::string t) : m_text(std::move(t)) {}
        const std::string& text() const override { return m_text; }

    private:
        std::string m_text;
    };

    SharedText() = default;
    SharedText(std::string text) // NOLINT: implicit, assigned from strings everywhere
        : m_text(text.empty() ? nullptr : std::make_shared<const Plain>(std::move(text)))
    {
    }
    SharedText(const char* text) : SharedText(std::string(text)) {} // NOLINT: as above
    explicit SharedText(std::shared_ptr<const Entry> entry) : m_text(std::move(entry)) {}
    // A text that lives as long as the program, shared without counting its users: every open
    // finding holds "open", and both review threads counting on one counter made them wait.
    static SharedText lasting(const Entry& entry)
    {
        return SharedText(std::shared_ptr<const Entry>(std::shared_ptr<const Entry>(), &entry));
    }
    // Where the text is kept, the same for every copy; nullptr for an empty text.
    const Entry* entry() const { return m_text.get(); }
    const std::string& str() const { return m_text ? m_text->text() : none(); }
    // The same, rendered for this read alone when it has not been kept yet (Entry::textOnce).
    std::string once() const { return m_text ? m_text->textOnce() : std::string(); }
    // TextHasher::of(str()), worked out once for every copy (and, for a text not rendered yet,
    // without rendering it): a review compares the questions of thousands of findings by text.
    std::size_t hash() const { return m_text ? m_text->hash() : TextHasher::of({}); }
    operator const std::string&() const { return str(); } // NOLINT
    bool empty() const { return str().empty(); }
    std::size_t size() const { return str().size(); }
    const char* c_str() const { return str().c_str(); }
    std::size_t find(const std::string& s, std::size_t pos = 0) const { return str().find(s, pos); }
    friend bool operator==(const SharedText& a, const SharedText& b) { return a.m_text == b.m_text || a.str() == b.str(); }
    friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
    friend auto operator<=>(const SharedText& a, const SharedText& b) { return a.str() <=> b.str(); }
    friend auto operator<=>(const SharedText& a, const std::string& b) { return a.str() <=> b; }
    friend std::string operator+(const std::string& a, const SharedText& b) { return a + b.str(); }
    friend std::string operator+(const char* a, const SharedText& b) { return a + b.str(); }
    friend std::string operator+(const SharedText& a, const std::string& b) { return a.str() + b; }
    friend std::string operator+(const SharedText& a, const char* b) { return a.str() + b; }

private:
    static const std::string& none()
    {
        static const std::string kNone;
        return kNone;
    }
    std::shared_ptr<const Entry> m_text;
};

struct Question
{
    SharedText text;            // rendered with the user's labels and numbers
    SharedStrings answerPoints; // what a strong answer covers (3–6)
    // text.hash(), kept beside the text when a review made it (0: not kept): the review compares
    // every question with every other by it, and reading it from the text's own block was a
    // cache miss per question on a large design.
    std::size_t textHash = 0;
    std::size_t hash() const { return textHash ? textHash : text.hash(); }
};

// What a fix does, as its rule says it: one for every finding of the rule.
struct FixSpec
{
    std::string op;        // "set": element.property = value; "add_component": new component
    std::string property;  // set
    model::Value value;
    std::string kind;      // add_component: kind, label and properties of the new component
    std::string label;
    model::Properties props;
};

// A mechanical change to the drawing that resolves a finding (the whiteboard's one-click fix):
// its rule's spec, shared (three findings in four carry a fix, and a copy of the spec was most of
// its size), and the elements it applies to.
struct Fix
{
    std::shared_ptr<const FixSpec> spec; // never null
    std::string element;                 // set: the element to change
    std::vector<std::string> connectFrom; // add_component: a flow to it from each of these

    const std::string& op() const { return spec->op; }
    const std::string& property() const { return spec->property; }
    const model::Value& value() const { return spec->value; }
    const std::string& kind() const { return spec->kind; }
    const std::string& label() const { return spec->label; }
    const model::Properties& props() const { return spec->props; }
};

// What a rule reports about one place in a design.
struct Finding
{
    static inline const SharedText::Plain kOpenText{"open"};
    static inline const SharedText kOpen = SharedText::lasting(kOpenText); // every open finding's
    enum class Kind { Finding, Probe, Ask }; // Probe: topic probe (info); Ask: a fact the drawing lacks

    // Shared with the rule (SharedText): a review of a large design builds a hundred thousand
    // findings, and copying five strings into each was a third of a million allocations.
    SharedText ruleId;
    SharedText packId;
    SharedText title;
    Severity severity = Severity::Medium;
    SharedText category;   // "failure", "messaging/ordering", …
    SharedText level;      // "mid" | "senior" | "staff"
    Kind kind = Kind::Finding;
    std::vector<std::string> targets; // element ids (components, flows, zones) it is about
    std::vector<std::string> path;    // witness path: alternating component and flow ids
    SharedText why;                   // plain-words explanation of why it fired
    std::vector<Question> questions;  // 1–3
    SharedText fixHint;               // the change to the drawing that resolves it; may be empty
    std::vector<Fix> fixes;           // the same change, as data, where it is mechanical
    std::string fingerprint;          // stable: rule id + sorted ids of its key bindings
    // Review state, filled from the design's decisions (accepted/suppressed findings stay listed).
    // Shared with the decision's texts: most findings of a large review have none.
    SharedText status = kOpen;
    SharedText justification;
    SharedText owner;
    SharedText expires;

    // Dealt with by a decision (model::settlesFinding): it no longer fails a build, counts as
    // decided and is shown muted. Open and in-discussion findings are not.
    bool settled() const;
};

} // namespace pb::rules
