#include "model/graphvizids.h"

#include <deque>
#include <string>
#include <unordered_map>

namespace pb::model {

namespace {

// Named objects get even ids and unnamed ones odd ids, as with cgraph's own discipline, so that
// the two never collide. A name keeps its id (and its text, which print hands back) until the
// root graph closes.
struct Ids
{
    std::unordered_map<std::string, IDTYPE> byName;
    std::deque<std::string> names; // id / 2 - 1 → name; a deque: print's pointers stay valid
    IDTYPE nextAnonymous = 1;
};

void* open(Agraph_t*, Agdisc_t*)
{
    return new Ids;
}

long map(void* state, int, char* str, IDTYPE* id, int createflag)
{
    auto& ids = *static_cast<Ids*>(state);
    if (!str) {
        *id = ids.nextAnonymous;
        ids.nextAnonymous += 2;
        return 1;
    }
    if (const auto it = ids.byName.find(str); it != ids.byName.end()) {
        *id = it->second;
        return 1;
    }
    if (!createflag) return 0; // a lookup of a name never given: nothing has it
    ids.names.emplace_back(str);
    *id = static_cast<IDTYPE>(2 * ids.names.size());
    ids.byName.emplace(ids.names.back(), *id);
    return 1;
}

long alloc(void*, int, IDTYPE)
{
    return 0; // ids are never chosen by the caller, as with cgraph's own discipline
}

void release(void*, int, IDTYPE)
{
}

char* print(void* state, int, IDTYPE id)
{
    auto& ids = *static_cast<Ids*>(state);
    if (id % 2 != 0 || id == 0 || id / 2 > ids.names.size()) return nullptr;
    return ids.names[static_cast<std::size_t>(id / 2 - 1)].data();
}

void close(void* state)
{
    delete static_cast<Ids*>(state);
}

void registerObject(void*, int, void*)
{
}

Agiddisc_t kIdDisc = {open, map, alloc, release, print, close, registerObject};
Agdisc_t kDisc = {&AgMemDisc, &kIdDisc, &AgIoDisc};

} // namespace

Agdisc_t* creationOrderIds()
{
    return &kDisc;
}

} // namespace pb::model
