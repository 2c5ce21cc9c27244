#include "core/util/workers.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#endif

namespace inferscope::util {
namespace {

constexpr int kMaxHelpers = 7;
// How long a fresh helper polls for its first work before it sleeps. startHelpers is called shortly
// before the work (e.g. before a model's compatibility check, ahead of its estimate), and waking a
// sleeping helper cost 0.1-0.2 ms on the development VM (its idle virtual CPU has to be woken).
// Not longer: the polling slows the other virtual CPU there (dtln's check: 0.13 ms faster with it,
// a 700-operator check 0.5 ms slower with a helper polling throughout).
constexpr std::chrono::microseconds kFirstPoll{1500};

// One shareWork call. `state` counts the helpers inside `work`; its top bit says the caller has
// finished its own call and takes no more helpers in.
struct Batch {
  static constexpr std::uint32_t kClosed = 1u << 31;
  const std::function<void()>* work = nullptr;
  std::atomic<std::uint32_t> state{0};

  bool enter() {
    std::uint32_t s = state.load(std::memory_order_relaxed);
    do {
      if (s & kClosed) return false;
    } while (!state.compare_exchange_weak(s, s + 1, std::memory_order_acquire, std::memory_order_relaxed));
    return true;
  }
  void leave() {
    if (state.fetch_sub(1, std::memory_order_acq_rel) == (kClosed | 1u)) state.notify_all();
  }
  // Takes no more helpers in and waits for those inside.
  void close() {
    std::uint32_t s = state.fetch_or(kClosed, std::memory_order_acq_rel) | kClosed;
    while (s != kClosed) {
      state.wait(s, std::memory_order_acquire);
      s = state.load(std::memory_order_acquire);
    }
  }
};

#if defined(__linux__)
// The top 64 KiB of a fresh thread's stack in one call (Linux 5.14's MADV_POPULATE_WRITE) instead of
// a page fault per 4 KiB as the work goes deeper; nothing on older kernels.
void populateStackTop() {
  constexpr std::uintptr_t kPage = 4096, kBytes = 64 << 10;
  char here;
  const auto top = reinterpret_cast<std::uintptr_t>(&here) & ~(kPage - 1);
  madvise(reinterpret_cast<void*>(top - kBytes), kBytes, 23 /* MADV_POPULATE_WRITE */);
}
#endif

// The process's helpers: each takes a ticket of a batch from the queue and joins it unless the
// batch has closed. Never destroyed (the helpers may be waiting in it when the process exits).
class Pool {
 public:
  void post(const std::shared_ptr<Batch>& batch, int tickets) {
    {
      std::lock_guard lock(mutex_);
      for (int i = 0; i < tickets; ++i) queue_.push_back(batch);
      queued_.fetch_add(tickets, std::memory_order_relaxed);
    }
    if (tickets == 1) {
      wake_.notify_one();
    } else {
      wake_.notify_all();
    }
  }
  // Tickets of a closed batch that no helper took.
  void withdraw(const std::shared_ptr<Batch>& batch) {
    std::lock_guard lock(mutex_);
    queued_.fetch_sub(static_cast<int>(std::erase(queue_, batch)), std::memory_order_relaxed);
  }
  void grow(int count) {
    count = std::min(count, kMaxHelpers);
    std::lock_guard lock(startMutex_);
    while (started_.load(std::memory_order_relaxed) < count && start()) started_.fetch_add(1, std::memory_order_relaxed);
  }
  int started() const { return started_.load(std::memory_order_relaxed); }

 private:
  void serve() {
    poll(kFirstPoll);
    for (;;) {
      std::shared_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return !queue_.empty(); });
        batch = std::move(queue_.front());
        queue_.pop_front();
        queued_.fetch_sub(1, std::memory_order_relaxed);
      }
      if (batch->enter()) {
        (*batch->work)();
        batch->leave();
      }
    }
  }

  // Returns when a ticket is queued or after `limit`.
  void poll(std::chrono::microseconds limit) const {
    const auto end = std::chrono::steady_clock::now() + limit;
    for (int i = 1; queued_.load(std::memory_order_relaxed) == 0; ++i) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
      if (i % 64 == 0 && std::chrono::steady_clock::now() >= end) return;
    }
  }

#if defined(__linux__)
  struct Start {
    Pool* pool;
    cpu_set_t allowed;
    bool steered;
  };
  static void* run(void* p) {
    std::unique_ptr<Start> s(static_cast<Start*>(p));
    if (s->steered) pthread_setaffinity_np(pthread_self(), sizeof s->allowed, &s->allowed);
    populateStackTop();
    Pool* pool = s->pool;
    s.reset();
    pool->serve();
    return nullptr;
  }
  // A helper is created allowed everywhere the process may run but on the caller's CPU (so it
  // starts on another one at once), then allows itself everywhere again.
  bool start() {
    auto s = std::make_unique<Start>();
    s->pool = this;
    CPU_ZERO(&s->allowed);
    const bool known = sched_getaffinity(0, sizeof s->allowed, &s->allowed) == 0;
    const int here = sched_getcpu();
    const bool steer =
        known && here >= 0 && here < CPU_SETSIZE && CPU_ISSET(here, &s->allowed) && CPU_COUNT(&s->allowed) > 1;
    cpu_set_t elsewhere = s->allowed;
    if (steer) CPU_CLR(here, &elsewhere);
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return false;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    s->steered = steer && pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0;
    pthread_t handle;
    const bool ok = pthread_create(&handle, &attr, &Pool::run, s.get()) == 0;
    pthread_attr_destroy(&attr);
    if (ok) (void)s.release();  // the thread owns it now
    return ok;
  }
#else
  bool start() {
    try {
      std::thread([this] { serve(); }).detach();
      return true;
    } catch (...) {
      return false;
    }
  }
#endif

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Batch>> queue_;
  std::atomic<int> queued_{0};  // queue_.size(), for polling helpers
  std::mutex startMutex_;
  std::atomic<int> started_{0};
};

Pool& pool() {
  static Pool* const p = new Pool;  // never destroyed: see Pool
  return *p;
}

}  // namespace

void shareWork(int helpers, const std::function<void()>& work) {
  helpers = std::min(helpers, kMaxHelpers);
  if (helpers <= 0) {
    work();
    return;
  }
  Pool& p = pool();
  p.grow(helpers);
  const int tickets = std::min(helpers, p.started());
  if (tickets <= 0) {  // no thread could be started
    work();
    return;
  }
  auto batch = std::make_shared<Batch>();
  batch->work = &work;
  p.post(batch, tickets);
  work();
  batch->close();
  p.withdraw(batch);
}

void startHelpers(int count) {
  if (count > 0) pool().grow(count);
}

int helperCount() { return pool().started(); }

}  // namespace inferscope::util
