#include "rules/workerpool.h"

#include <exception>
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
    bool idle = false;
    if (!m_busy.compare_exchange_strong(idle, true, std::memory_order_acquire)) return false;
    struct Release
    {
        std::atomic<bool>& busy;
        ~Release() { busy.store(false, std::memory_order_release); }
    } release{m_busy};
    try {
        while (m_threads.size() + 1 < n) m_threads.emplace_back([this] { loop(); });
    } catch (const std::system_error&) {
        return false; // fewer threads than the work wants
    }
    // What work(i) threw, rethrown here once every index has finished.
    std::vector<std::exception_ptr> failed(n);
    const std::function<void(std::size_t)> guarded = [&](std::size_t i) {
        try {
            work(i);
        } catch (...) {
            failed[i] = std::current_exception();
        }
    };
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_work = &guarded;
        m_next = 1;
        m_count = n;
        m_running = 0;
    }
    m_wake.notify_all();
    guarded(0);
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        // Every index handed out and every one of them finished.
        m_done.wait(lock, [&] { return m_next >= m_count && m_running == 0; });
        m_work = nullptr;
    }
    for (const auto& e : failed)
        if (e) std::rethrow_exception(e);
    return true;
}

void WorkerPool::loop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || (m_work && m_next < m_count); });
        if (!(m_work && m_next < m_count)) return; // stopped, with no work left to hand out
        const std::size_t i = m_next++;
        ++m_running;
        const auto* work = m_work;
        lock.unlock();
        (*work)(i); // never throws: run() catches for it
        lock.lock();
        --m_running;
        if (m_next >= m_count && m_running == 0) m_done.notify_all();
    }
}

} // namespace pb::rules
