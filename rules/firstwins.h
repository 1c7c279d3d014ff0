#pragma once

#include <atomic>
#include <memory>

namespace pb::rules {

// The object in `slot`, made by the first thread to find it `empty`: threads that share a
// snapshot or a finding's text make it on first read, and one that loses the race drops its own.
// `make` returns a new object, which the slot then owns.
template <typename T, typename Make>
T* firstWins(std::atomic<T*>& slot, Make make, T* empty = nullptr)
{
    T* p = slot.load(std::memory_order_acquire);
    if (p != empty) return p;
    std::unique_ptr<T> fresh(make());
    if (slot.compare_exchange_strong(p, fresh.get(), std::memory_order_acq_rel, std::memory_order_acquire))
        return fresh.release();
    return p;
}

} // namespace pb::rules
