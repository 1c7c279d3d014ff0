#include "rules/workerpool.h"

#include <system_error>

namespace pb::rules {

WorkerPool& WorkerPool::instance()
{
    static WorkerPool pool;
    return pool;
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
}

bool WorkerPool::run(std::size_t n, const std::function<void(std::size_t)>& work)
{
    std::unique_lock<std::mutex> busy(m_busy, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    try {
        while (m_threads.size() + 1 < n) m_threads.emplace_back([this] { loop(); });
    } catch (const std::system_error&) {
        if (m_threads.size() + 1 < n) return false; // fewer threads than the work wants
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_work = &work;
        m_next = 1;
        m_count = n;
        m_running = 0;
    }
    m_wake.notify_all();
    work(0);
    std::unique_lock<std::mutex> lock(m_mutex);
    // Every index handed out and every one of them finished.
    m_done.wait(lock, [&] { return m_next >= m_count && m_running == 0; });
    m_work = nullptr;
    return true;
}

void WorkerPool::loop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || (m_work && m_next < m_count); });
        if (m_stop) return;
        const std::size_t i = m_next++;
        ++m_running;
        const auto* work = m_work;
        lock.unlock();
        (*work)(i); // never throws: runOnThreads catches for it
        lock.lock();
        --m_running;
        if (m_next >= m_count && m_running == 0) m_done.notify_all();
    }
}

} // namespace pb::rules
