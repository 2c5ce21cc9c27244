#include "core/util/workers.h"

#include <thread>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>

#include <cstdint>
#endif

namespace inferscope::util {

#if defined(__linux__)
namespace {
// The top 64 KiB of a fresh thread's stack in one call (Linux 5.14's MADV_POPULATE_WRITE) instead of
// a page fault per 4 KiB as the work goes deeper; nothing on older kernels.
void populateStackTop() {
  constexpr std::uintptr_t kPage = 4096, kBytes = 64 << 10;
  char here;
  const auto top = reinterpret_cast<std::uintptr_t>(&here) & ~(kPage - 1);
  madvise(reinterpret_cast<void*>(top - kBytes), kBytes, 23 /* MADV_POPULATE_WRITE */);
}
}  // namespace

struct WorkerThreads::Thread {
  std::function<void()> work;
  cpu_set_t allowed;
  bool steered = false;
  pthread_t handle{};
  bool started = false;

  static void* run(void* self) {
    auto* t = static_cast<Thread*>(self);
    if (t->steered) pthread_setaffinity_np(pthread_self(), sizeof t->allowed, &t->allowed);
    populateStackTop();
    t->work();
    return nullptr;
  }
};

WorkerThreads::WorkerThreads(int count, const std::function<void()>& work) {
  // Each helper is created allowed everywhere the process may run but on the caller's CPU (so it
  // starts on another one at once), then allows itself everywhere again.
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  const bool known = sched_getaffinity(0, sizeof allowed, &allowed) == 0;
  const int here = sched_getcpu();
  const bool steer = known && here >= 0 && here < CPU_SETSIZE && CPU_ISSET(here, &allowed) && CPU_COUNT(&allowed) > 1;
  cpu_set_t elsewhere = allowed;
  if (steer) CPU_CLR(here, &elsewhere);
  for (int i = 0; i < count; ++i) {
    auto t = std::make_unique<Thread>();
    t->work = work;
    t->allowed = allowed;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) {
      work();  // no thread: do its share here
      continue;
    }
    t->steered = steer && pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0;
    t->started = pthread_create(&t->handle, &attr, &Thread::run, t.get()) == 0;
    pthread_attr_destroy(&attr);
    if (!t->started) {
      work();
      continue;
    }
    threads_.push_back(std::move(t));
  }
}

void WorkerThreads::join() {
  for (auto& t : threads_)
    if (t->started) pthread_join(t->handle, nullptr);
  threads_.clear();
}
#else
struct WorkerThreads::Thread {
  std::thread thread;
};

WorkerThreads::WorkerThreads(int count, const std::function<void()>& work) {
  for (int i = 0; i < count; ++i) {
    auto t = std::make_unique<Thread>();
    t->thread = std::thread(work);
    threads_.push_back(std::move(t));
  }
}

void WorkerThreads::join() {
  for (auto& t : threads_)
    if (t->thread.joinable()) t->thread.join();
  threads_.clear();
}
#endif

WorkerThreads::~WorkerThreads() { join(); }

}  // namespace inferscope::util
