#include "core/util/workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using inferscope::util::helperCount;
using inferscope::util::shareWork;
using inferscope::util::startHelpers;

namespace {
// Waits up to two seconds for `done`.
template <typename F>
bool waitFor(F done) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}
}  // namespace

TEST(Workers, CallerAndHelpersShareAQueue) {
  constexpr int kJobs = 2000;
  for (int round = 0; round < 20; ++round) {  // the same helpers serve one call after another
    std::atomic<int> next{0};
    std::atomic<long> sum{0};
    shareWork(2, [&] {
      for (int j = next++; j < kJobs; j = next++) sum += j;
    });
    ASSERT_EQ(sum.load(), long(kJobs) * (kJobs - 1) / 2) << "round " << round;
  }
  EXPECT_GE(helperCount(), 1);
  EXPECT_LE(helperCount(), 7);
}

TEST(Workers, HelpersRunTheWorkOnTheirOwnThreads) {
  std::mutex m;
  std::set<std::thread::id> ids;
  std::atomic<int> arrived{0};
  const auto caller = std::this_thread::get_id();
  shareWork(1, [&] {
    ++arrived;
    {
      std::lock_guard lock(m);
      ids.insert(std::this_thread::get_id());
    }
    // The caller stays until the helper has come, so that both calls happen.
    if (std::this_thread::get_id() == caller) waitFor([&] { return arrived.load() >= 2; });
  });
  EXPECT_EQ(arrived.load(), 2);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.count(caller), 1u);
}

TEST(Workers, ReturnsOnlyWhenEveryHelperCallThatBeganHasReturned) {
  std::atomic<bool> helperIn{false}, helperOut{false};
  const auto caller = std::this_thread::get_id();
  shareWork(1, [&] {
    if (std::this_thread::get_id() == caller) {
      ASSERT_TRUE(waitFor([&] { return helperIn.load(); })) << "no helper came";
      return;  // the caller is done long before the helper
    }
    helperIn = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    helperOut = true;
  });
  EXPECT_TRUE(helperOut.load()) << "shareWork returned while a helper was still in the work";
}

TEST(Workers, AHelperThatComesAfterTheCallerHasFinishedDoesNotRunTheWork) {
  // The caller finishes at once; any helper call after shareWork has returned would show here.
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> calls{0};
    std::atomic<bool> returned{false};
    std::atomic<bool> lateCall{false};
    shareWork(3, [&] {
      ++calls;
      if (returned.load()) lateCall = true;
    });
    returned = true;
    const int seen = calls.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(calls.load(), seen) << "round " << round;
    EXPECT_FALSE(lateCall.load());
    EXPECT_GE(seen, 1);
  }
}

TEST(Workers, NoHelpersMeansTheCallerAlone) {
  int runs = 0;
  const auto caller = std::this_thread::get_id();
  bool onCaller = true;
  shareWork(0, [&] {
    ++runs;
    onCaller = onCaller && std::this_thread::get_id() == caller;
  });
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(onCaller);
}

TEST(Workers, StartHelpersStartsThemAheadOfUse) {
  startHelpers(2);
  EXPECT_GE(helperCount(), 2);
  startHelpers(100);  // capped
  EXPECT_LE(helperCount(), 7);
}

#if defined(__linux__)
#include <sched.h>
TEST(Workers, HelpersMayRunWhereverTheProcessMay) {
  cpu_set_t process;
  ASSERT_EQ(sched_getaffinity(0, sizeof process, &process), 0);
  cpu_set_t seen;
  CPU_ZERO(&seen);
  std::atomic<bool> helperRan{false};
  const auto caller = std::this_thread::get_id();
  shareWork(1, [&] {
    if (std::this_thread::get_id() == caller) {
      waitFor([&] { return helperRan.load(); });
      return;
    }
    sched_getaffinity(0, sizeof seen, &seen);
    helperRan = true;
  });
  ASSERT_TRUE(helperRan.load());
  EXPECT_TRUE(CPU_EQUAL(&seen, &process)) << "a helper kept the start-up restriction";
}
#endif
