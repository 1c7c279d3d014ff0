// Linked only while model/vocabulary.cpp does not exist yet (see CMakeLists.txt): an empty
// vocabulary, so the whiteboard builds and runs with plain shapes and text editors.
#include "model/vocabulary.h"

namespace pb::model {

const Vocabulary& Vocabulary::builtin()
{
    static const Vocabulary empty;
    return empty;
}

const KindSpec* Vocabulary::kind(const std::string&) const
{
    return nullptr;
}

const PropertySpec* Vocabulary::property(const std::string&) const
{
    return nullptr;
}

std::optional<Value> Vocabulary::defaultFor(const std::string&, const std::string&, bool) const
{
    return std::nullopt;
}

} // namespace pb::model
