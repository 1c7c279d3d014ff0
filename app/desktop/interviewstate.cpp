#include "app/desktop/interviewstate.h"

#include <QJsonArray>

#include <algorithm>

namespace pb::app {

namespace {

const QString kFormat = QStringLiteral("probeboard-interview-session");

QJsonArray strings(const std::vector<std::string>& list)
{
    QJsonArray out;
    for (const auto& s : list) out.append(QString::fromStdString(s));
    return out;
}

std::vector<std::string> strings(const QJsonValue& v)
{
    std::vector<std::string> out;
    for (const QJsonValue& s : v.toArray()) out.push_back(s.toString().toStdString());
    return out;
}

std::string text(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString().toStdString();
}

QJsonObject questionToJson(const rules::SessionQuestion& q)
{
    return {{QStringLiteral("key"), QString::fromStdString(q.key)},
            {QStringLiteral("findingTitle"), QString::fromStdString(q.findingTitle)},
            {QStringLiteral("category"), QString::fromStdString(q.category)},
            {QStringLiteral("severity"), QString::fromStdString(q.severity)},
            {QStringLiteral("level"), QString::fromStdString(q.level)},
            {QStringLiteral("text"), QString::fromStdString(q.text)},
            {QStringLiteral("mark"), QString::fromStdString(q.mark)},
            {QStringLiteral("rating"), q.rating},
            {QStringLiteral("notes"), QString::fromStdString(q.notes)},
            {QStringLiteral("answerPoints"), strings(q.answerPoints)},
            {QStringLiteral("severityRank"), q.severityRank},
            {QStringLiteral("levelRank"), q.levelRank}};
}

std::optional<rules::SessionQuestion> questionFromJson(const QJsonObject& o)
{
    rules::SessionQuestion q;
    q.key = text(o, "key");
    if (q.key.empty()) return std::nullopt;
    q.findingTitle = text(o, "findingTitle");
    q.category = text(o, "category");
    q.severity = text(o, "severity");
    q.level = text(o, "level");
    q.text = text(o, "text");
    q.mark = text(o, "mark");
    if (q.mark != "asked" && q.mark != "skipped") q.mark.clear();
    q.rating = std::clamp(o.value(QStringLiteral("rating")).toInt(), 0, 4);
    q.notes = text(o, "notes");
    q.answerPoints = strings(o.value(QStringLiteral("answerPoints")));
    q.severityRank = o.value(QStringLiteral("severityRank")).toInt();
    q.levelRank = o.value(QStringLiteral("levelRank")).toInt();
    return q;
}

} // namespace

QJsonObject interviewStateToJson(const InterviewState& state)
{
    QJsonArray questions;
    for (const auto& q : state.questions) questions.append(questionToJson(q));
    QJsonArray seconds;
    for (int s : state.phaseSeconds) seconds.append(s);
    return {{QStringLiteral("format"), kFormat},
            {QStringLiteral("version"), 1},
            {QStringLiteral("questions"), questions},
            {QStringLiteral("askedOrder"), strings(state.askedOrder)},
            {QStringLiteral("current"), QString::fromStdString(state.currentKey)},
            {QStringLiteral("phase"), state.phase},
            {QStringLiteral("phaseSeconds"), seconds},
            {QStringLiteral("presenter"), state.presenterOpen}};
}

std::optional<InterviewState> interviewStateFromJson(const QJsonObject& json)
{
    if (json.value(QStringLiteral("format")).toString() != kFormat ||
        json.value(QStringLiteral("version")).toInt() != 1)
        return std::nullopt;
    InterviewState s;
    for (const QJsonValue& v : json.value(QStringLiteral("questions")).toArray())
        if (auto q = questionFromJson(v.toObject())) s.questions.push_back(std::move(*q));
    s.askedOrder = strings(json.value(QStringLiteral("askedOrder")));
    s.currentKey = text(json, "current");
    s.phase = std::clamp(json.value(QStringLiteral("phase")).toInt(), 0, int(s.phaseSeconds.size()) - 1);
    const QJsonArray seconds = json.value(QStringLiteral("phaseSeconds")).toArray();
    for (int p = 0; p < int(s.phaseSeconds.size()) && p < seconds.size(); ++p)
        s.phaseSeconds[p] = std::max(0, seconds[p].toInt());
    // Absent in copies written before it was kept: the presenter then stays closed, as it did.
    s.presenterOpen = json.value(QStringLiteral("presenter")).toBool();
    return s;
}

} // namespace pb::app
