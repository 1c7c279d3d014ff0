#pragma once

#include <map>
#include <string>
#include <vector>

namespace pb::rules {

// Practice-mode scoring: which of a question's strong-answer points a typed answer covers.
// Deliberately simple and explainable: each point's key terms are its words minus stop-words and
// minus the words of the question itself (restating the question earns nothing), folded to a
// crude stem ("breakers" → "breaker", "coalesced" → "coalesc") with a few common abbreviations
// expanded ("db" → "database"). A point is covered when enough of its key terms occur in the answer;
// the result lists the matched and missing terms so the candidate sees why.

struct PointScore
{
    std::string point;                     // the answer point as written in the pack
    bool covered = false;
    double overlap = 0;                    // matched / key terms, 0…1
    std::vector<std::string> keyTerms;     // the point's key terms (first spelling seen)
    std::vector<std::string> matchedTerms; // those also found in the answer
    std::vector<std::string> missingTerms;
};

struct AnswerScore
{
    std::vector<PointScore> points;
    int covered = 0;
    int total = 0;
    double fraction() const { return total ? double(covered) / total : 0.0; }
};

struct ScoringOptions
{
    double threshold = 0.4; // share of a point's key terms the answer must contain
    int minMatches = 2;     // …and at least this many of them (fewer if the point has fewer)
    // …or this many, however long the point: a point of eleven key words took five, and a right
    // answer naming "epoch", "term" and "reject" in one line was marked missed.
    int enoughMatches = 3;
};

// Lower-case word stems of `text` without stop-words, in order, deduplicated.
std::vector<std::string> keyStems(const std::string& text);
std::string stem(const std::string& lowerWord);

AnswerScore scoreAnswer(const std::string& answer, const std::vector<std::string>& answerPoints,
                        const std::string& questionText = {}, const ScoringOptions& opts = {});

// Totals per category (the finding's category: "failure", "billing", …).
struct CategoryScore
{
    int covered = 0;
    int total = 0;
    int answered = 0;  // questions with a non-empty answer
    int questions = 0;
    double fraction() const { return total ? double(covered) / total : 0.0; }
};

class PracticeScorecard
{
public:
    void add(const std::string& category, const AnswerScore& score, bool answered);
    const std::map<std::string, CategoryScore>& categories() const { return m_categories; }
    CategoryScore overall() const;

private:
    std::map<std::string, CategoryScore> m_categories;
};

} // namespace pb::rules
