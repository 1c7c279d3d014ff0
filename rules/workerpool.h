#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pb::rules {

// Threads kept from one review to the next. A review of a large design shares its rules out
// over a second thread; starting a fresh one each time handed it a cold allocator cache and a
// cold core, 3 % of a review of 10,000 components (docs/perf.md).
class WorkerPool
{
public:
    static WorkerPool& instance();
    WorkerPool() = default;
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool();

    // work(i) for every i in [1, n) on the pool's threads and work(0) on the caller, returning
    // when all are done; what any of them threw is rethrown then. False, having run nothing, when the pool is busy with another caller's
    // work or cannot start a thread: the caller then starts threads of its own.
    bool run(std::size_t n, const std::function<void(std::size_t)>& work);

private:
    void loop();

    // One caller at a time; a flag, not a mutex, so that work run by the pool may ask again (and
    // be told no) without locking a mutex its own thread holds.
    std::atomic<bool> m_busy{false};
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    std::vector<std::thread> m_threads;
    const std::function<void(std::size_t)>* m_work = nullptr;
    std::size_t m_next = 0, m_count = 0, m_running = 0;
    bool m_stop = false;
};

} // namespace pb::rules
