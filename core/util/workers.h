// Helper threads for short bursts of parallel work (a few milliseconds in a short-lived process).
//
// A thread created while its creator keeps its CPU busy may be queued behind the creator on the
// same CPU until the scheduler's load balancing moves it, which takes milliseconds on some
// virtual machines: longer than the work it was made for. The helpers here start on another CPU
// than the caller's (when there is one) and, once running, may run anywhere the process may.
#pragma once

#include <functional>
#include <memory>
#include <vector>

namespace inferscope::util {

// Starts `count` threads running `work`. Join them (or let WorkerThreads go out of scope).
class WorkerThreads {
 public:
  WorkerThreads() = default;
  WorkerThreads(int count, const std::function<void()>& work);
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;
  ~WorkerThreads();

  void join();
  int size() const { return static_cast<int>(threads_.size()); }

 private:
  struct Thread;
  std::vector<std::unique_ptr<Thread>> threads_;
};

}  // namespace inferscope::util
