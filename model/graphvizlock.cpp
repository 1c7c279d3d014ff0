#include "model/graphvizlock.h"

namespace pb::model {

std::mutex& graphvizMutex()
{
    static std::mutex m;
    return m;
}

} // namespace pb::model
