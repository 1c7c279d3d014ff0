#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace pb::model {

// Ids an importer makes from names, each unique: "orders-db", then "orders-db-2", "-3", …
// Counted on per name: sixty thousand draw.io icons all labelled "EC2", each counted up from 2
// again, took four minutes to name.
class UniqueIds
{
public:
    // Takes an id given whole (a file's own); false when it is taken already.
    bool take(const std::string& id) { return m_used.insert(id).second; }
    // `base` when it is free, else the first "base-N" that is.
    std::string make(const std::string& base)
    {
        if (take(base)) return base;
        int& n = m_next.try_emplace(base, 2).first->second;
        std::string id;
        do
            id = base + "-" + std::to_string(n++);
        while (!take(id));
        return id;
    }

private:
    std::unordered_set<std::string> m_used;
    std::unordered_map<std::string, int> m_next; // per base, the number its next repeat tries
};

} // namespace pb::model
