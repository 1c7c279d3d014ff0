#pragma once

#include "rules/sessionreport.h"

#include <QJsonObject>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace pb::app {

// What the interview panel holds that an interviewer would lose with the window: the questions
// already handled (marks, ratings, notes, and their text, since a question whose finding went
// away stays in the session), the order questions were marked asked in (the presenter shows the
// last), the question selected, the phase clock, and whether the presenter window was open (the
// candidate's screen, which a restore puts back). Kept beside the recovery copy of the design
// (RecoveryWriter), never in the design file.
struct InterviewState
{
    std::vector<rules::SessionQuestion> questions;
    std::vector<std::string> askedOrder;
    std::string currentKey;
    int phase = 0;
    std::array<int, 4> phaseSeconds{};
    bool presenterOpen = false;
};

QJsonObject interviewStateToJson(const InterviewState& state);
// Nullopt when `json` is not a session this version wrote; out-of-range values are clamped.
std::optional<InterviewState> interviewStateFromJson(const QJsonObject& json);

} // namespace pb::app
