#include "rules/finding.h"

namespace pb::rules {

std::string severityName(Severity s)
{
    switch (s) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
    }
    return "info";
}

bool parseSeverity(const std::string& s, Severity& out)
{
    for (auto v : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (severityName(v) == s) {
            out = v;
            return true;
        }
    return false;
}

} // namespace pb::rules
