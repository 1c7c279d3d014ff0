#include "rules/scoring.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pb::rules {

namespace {

// Function words and filler that say nothing about the design.
const std::unordered_set<std::string>& stopWords()
{
    static const std::unordered_set<std::string> words = {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "eg", "etc", "even", "every", "few", "for", "from",
        "further", "get", "gets", "had", "has", "have", "having", "he", "her", "here", "how", "i", "ie", "if",
        "in", "into", "is", "it", "its", "just", "let", "like", "may", "me", "might", "more", "most", "much",
        "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
        "our", "out", "over", "own", "per", "same", "say", "says", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
        "to", "too", "under", "until", "up", "us", "use", "used", "uses", "using", "very", "via", "was", "we",
        "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yes", "think", "want", "make", "makes", "way", "thing", "things",
        // Found in answer points by a practice run: "without", "two", "itself", "happens", "new" and
        // "takes" counted as key words and a right answer about fencing was marked missed.
        "without", "within", "across", "against", "among", "around", "instead", "still", "already",
        "another", "anything", "something", "itself", "themselves", "happen", "happens", "happened",
        "new", "take", "takes", "taken", "took", "two", "three", "either", "neither", "ever",
        "often", "yet", "less", "least", "many", "next"};
    return words;
}

// Short forms people type in an answer, folded to the stem of the long form.
const std::unordered_map<std::string, std::string>& abbreviations()
{
    static const std::unordered_map<std::string, std::string> map = {
        {"db", "databas"},    {"dbs", "databas"},    {"msg", "messag"},  {"msgs", "messag"},
        {"req", "request"},   {"reqs", "request"},   {"config", "configur"}, {"auth", "authentic"},
        {"repl", "replica"},  {"replicas", "replica"}, {"async", "asynchron"}, {"sync", "synchron"}};
    return map;
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isVowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Strips `suffix` if at least `keep` characters remain; returns whether it did.
bool strip(std::string& w, const std::string& suffix, std::size_t keep)
{
    if (!endsWith(w, suffix) || w.size() - suffix.size() < keep) return false;
    w.resize(w.size() - suffix.size());
    return true;
}

struct Token
{
    std::string word; // lower-case as typed
    std::string stem;
};

std::vector<Token> tokens(const std::string& text)
{
    std::vector<Token> out;
    std::string cur;
    auto flush = [&] {
        if (cur.empty()) return;
        const bool number = std::all_of(cur.begin(), cur.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!number && cur.size() > 1 && !stopWords().count(cur)) {
            auto ab = abbreviations().find(cur);
            out.push_back({cur, ab != abbreviations().end() ? ab->second : stem(cur)});
        }
        cur.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c))
            cur += char(std::tolower(c));
        else if (c != '\'') // "don't" stays one word
            flush();
    }
    flush();
    return out;
}

} // namespace

std::string stem(const std::string& lowerWord)
{
    std::string w = lowerWord;
    if (w.size() <= 3) return w;
    if (strip(w, "sses", 2)) w += "ss";
    else if (strip(w, "ies", 3) || strip(w, "ied", 3)) w += "y";
    else if (!endsWith(w, "ss") && !endsWith(w, "us") && !endsWith(w, "is")) strip(w, "s", 3);
    bool verb = strip(w, "ing", 3) || strip(w, "ed", 3);
    // "stopped" → "stop"; "falling" keeps its "ll".
    if (verb && w.size() > 3 && w[w.size() - 1] == w[w.size() - 2] && !isVowel(w.back()) && w.back() != 'l' &&
        w.back() != 's')
        w.pop_back();
    strip(w, "ly", 4);
    strip(w, "ation", 4) || strip(w, "ate", 4) || strip(w, "ion", 5);
    if (!strip(w, "ency", 5) && !strip(w, "ence", 5)) strip(w, "ent", 5);
    strip(w, "ity", 5) || strip(w, "ive", 5) || strip(w, "al", 5) || strip(w, "ment", 5);
    if (w.size() > 3 && w.back() == 'e') w.pop_back();
    if (w.size() > 3 && w.back() == 'y' && !isVowel(w[w.size() - 2])) w.back() = 'i';
    return w;
}

std::vector<std::string> keyStems(const std::string& text)
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& t : tokens(text))
        if (seen.insert(t.stem).second) out.push_back(t.stem);
    return out;
}

AnswerScore scoreAnswer(const std::string& answer, const std::vector<std::string>& answerPoints,
                        const std::string& questionText, const ScoringOptions& opts)
{
    std::set<std::string> said;
    for (const auto& t : tokens(answer)) said.insert(t.stem);
    std::set<std::string> asked;
    for (const auto& t : tokens(questionText)) asked.insert(t.stem);

    AnswerScore result;
    for (const auto& point : answerPoints) {
        PointScore ps;
        ps.point = point;
        std::vector<Token> all, own;
        std::set<std::string> seen;
        for (auto& t : tokens(point))
            if (seen.insert(t.stem).second) all.push_back(t);
        for (const auto& t : all)
            if (!asked.count(t.stem)) own.push_back(t);
        // A point that only repeats the question's words still needs its words to count.
        const auto& terms = own.size() >= 2 ? own : all;
        for (const auto& t : terms) {
            ps.keyTerms.push_back(t.word);
            (said.count(t.stem) ? ps.matchedTerms : ps.missingTerms).push_back(t.word);
        }
        const int keys = int(ps.keyTerms.size());
        const int hits = int(ps.matchedTerms.size());
        ps.overlap = keys ? double(hits) / keys : 0.0;
        ps.covered = keys > 0 && hits >= std::min(opts.minMatches, keys) &&
                     (ps.overlap + 1e-9 >= opts.threshold || hits >= opts.enoughMatches);
        result.covered += ps.covered ? 1 : 0;
        result.points.push_back(std::move(ps));
    }
    result.total = int(answerPoints.size());
    return result;
}

void PracticeScorecard::add(const std::string& category, const AnswerScore& score, bool answered)
{
    auto& c = m_categories[category];
    c.covered += score.covered;
    c.total += score.total;
    c.questions += 1;
    c.answered += answered ? 1 : 0;
}

CategoryScore PracticeScorecard::overall() const
{
    CategoryScore all;
    for (const auto& [name, c] : m_categories) {
        all.covered += c.covered;
        all.total += c.total;
        all.questions += c.questions;
        all.answered += c.answered;
    }
    return all;
}

} // namespace pb::rules
