#pragma once

#include "model/value.h"

#include <string>
#include <vector>

namespace pb::rules {

enum class Severity { Info, Low, Medium, High, Critical };

std::string severityName(Severity s);                 // "info" … "critical"
bool parseSeverity(const std::string& s, Severity& out);

struct Question
{
    std::string text;                       // rendered with the user's labels and numbers
    std::vector<std::string> answerPoints;  // what a strong answer covers (3–6)
};

// A mechanical change to the drawing that resolves a finding (the whiteboard's one-click fix).
struct Fix
{
    std::string op;        // "set": element.property = value; "add_component": new component
    std::string element;   // set: the element to change
    std::string property;
    model::Value value;
    std::string kind;      // add_component: kind, label and properties of the new component,
    std::string label;     // with a flow to it from every id in connectFrom
    model::Properties props;
    std::vector<std::string> connectFrom;
};

// What a rule reports about one place in a design.
struct Finding
{
    enum class Kind { Finding, Probe, Ask }; // Probe: topic probe (info); Ask: a fact the drawing lacks

    std::string ruleId;
    std::string packId;
    std::string title;
    Severity severity = Severity::Medium;
    std::string category;   // "failure", "messaging/ordering", …
    std::string level;      // "mid" | "senior" | "staff"
    Kind kind = Kind::Finding;
    std::vector<std::string> targets; // element ids (components, flows, zones) it is about
    std::vector<std::string> path;    // witness path: alternating component and flow ids
    std::string why;                  // plain-words explanation of why it fired
    std::vector<Question> questions;  // 1–3
    std::string fixHint;              // the change to the drawing that resolves it; may be empty
    std::vector<Fix> fixes;           // the same change, as data, where it is mechanical
    std::string fingerprint;          // stable: rule id + sorted ids of its key bindings
    // Review state, filled from the design's decisions (accepted/suppressed findings stay listed).
    std::string status = "open";
    std::string justification;
    std::string owner;
    std::string expires;
};

} // namespace pb::rules
