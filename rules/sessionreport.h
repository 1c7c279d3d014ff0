#pragma once

#include "model/design.h"
#include "rules/report.h"

#include <string>
#include <vector>

namespace pb::rules {

// One follow-up question as the interviewer handled it.
struct SessionQuestion
{
    std::string key; // finding fingerprint + "#" + question index: stable across re-reviews
    std::string findingTitle;
    std::string category;
    std::string severity;
    std::string level;
    std::string text;
    std::string mark;  // "asked" | "skipped" | "" (not reached)
    int rating = 0;    // 1–4, 0 = not rated
    std::string notes;
    std::vector<std::string> answerPoints; // for the interviewer's eyes; never exported
    int severityRank = 0;                  // Severity as int, for ordering
    int levelRank = 0;                     // mid 0, senior 1, staff 2
};

struct SessionPhase
{
    std::string name;
    int seconds = 0;
};

// An interview session: what the interviewer exports after the call. Answer points are not
// part of it; the notes and ratings are the interviewer's own.
struct InterviewSession
{
    std::string title;
    std::string date;    // ISO date
    int totalSeconds = 0;
    std::vector<SessionPhase> phases;
    std::vector<SessionQuestion> questions;
    std::string notes;   // overall notes
};

// The follow-up queue for an interview: every question of every finding and probe (facts not
// drawn are not interview questions), most severe first, then by level (mid before senior
// before staff, so each topic opens with its broader question), then in review order.
// Notes, ratings and marks of `previous` are kept for questions that are still there.
std::vector<SessionQuestion> interviewQueue(const ReviewResult& review,
                                            const std::vector<SessionQuestion>& previous = {});
int levelRank(const std::string& level);

std::string ratingName(int rating); // "1 — weak" … "4 — strong", "" for 0
std::string sessionMarkdown(const InterviewSession& s, const model::Design& d, const DocOptions& opts = {});
std::string sessionHtml(const InterviewSession& s, const model::Design& d, const DocOptions& opts = {});

} // namespace pb::rules
