#include "core/util/workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using inferscope::util::WorkerThreads;

TEST(WorkerThreads, EveryHelperRunsTheWorkOnItsOwnThread) {
  std::atomic<int> runs{0};
  std::mutex m;
  std::set<std::thread::id> ids;
  {
    WorkerThreads helpers(3, [&] {
      ++runs;
      std::lock_guard lock(m);
      ids.insert(std::this_thread::get_id());
    });
    EXPECT_EQ(helpers.size(), 3);
    helpers.join();
    EXPECT_EQ(helpers.size(), 0);
    EXPECT_EQ(runs.load(), 3);
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.count(std::this_thread::get_id()), 0u);
}

TEST(WorkerThreads, SharesAQueueWithTheCallerAndJoinsOnDestruction) {
  constexpr int kJobs = 2000;
  std::atomic<int> next{0};
  std::atomic<long> sum{0};
  auto work = [&] {
    for (int j = next++; j < kJobs; j = next++) sum += j;
  };
  {
    WorkerThreads helpers(2, work);
    work();
  }  // joined here
  EXPECT_EQ(sum.load(), long(kJobs) * (kJobs - 1) / 2);
}

TEST(WorkerThreads, NoneIsNothing) {
  int runs = 0;
  WorkerThreads helpers(0, [&] { ++runs; });
  helpers.join();
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(helpers.size(), 0);
}

#if defined(__linux__)
#include <sched.h>
TEST(WorkerThreads, HelpersMayRunWhereverTheProcessMay) {
  cpu_set_t process;
  ASSERT_EQ(sched_getaffinity(0, sizeof process, &process), 0);
  cpu_set_t seen;
  CPU_ZERO(&seen);
  WorkerThreads helpers(1, [&] { sched_getaffinity(0, sizeof seen, &seen); });
  helpers.join();
  EXPECT_TRUE(CPU_EQUAL(&seen, &process)) << "a helper kept the start-up restriction";
}
#endif
