// firstFitAddresses: the arena chart's addresses for live ranges.
#include "core/estimate/memory.h"

#include <gtest/gtest.h>

#include <random>

using inferscope::estimate::firstFitAddresses;
using inferscope::estimate::LiveRange;

namespace {

bool meet(const LiveRange& a, const LiveRange& b) { return a.start <= b.end && b.start <= a.end; }

}  // namespace

TEST(FirstFit, RangesThatMeetInTimeDoNotShareAddresses) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<LiveRange> r(1 + rng() % 60);
    for (auto& x : r) {
      x.start = static_cast<std::int32_t>(rng() % 40);
      x.end = x.start + static_cast<std::int32_t>(rng() % 10);
      x.size = 1 + static_cast<std::int64_t>(rng() % 5000);
    }
    auto at = firstFitAddresses(r);
    ASSERT_EQ(at.size(), r.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
      EXPECT_EQ(at[i] % 16, 0) << "addresses are 16-byte aligned";
      for (std::size_t j = i + 1; j < r.size(); ++j)
        if (meet(r[i], r[j])) {
          EXPECT_TRUE(at[i] + r[i].size <= at[j] || at[j] + r[j].size <= at[i]) << trial << ": " << i << " and " << j;
        }
    }
  }
}

TEST(FirstFit, RangesApartInTimeReuseTheSameAddress) {
  // Largest first at 0; the one alive at the same time goes above it (aligned); the later one
  // reuses address 0.
  std::vector<LiveRange> r{{0, 3, 100}, {2, 5, 1000}, {6, 9, 500}};
  auto at = firstFitAddresses(r);
  EXPECT_EQ(at[1], 0);
  EXPECT_EQ(at[0], 1008);
  EXPECT_EQ(at[2], 0);
  EXPECT_TRUE(firstFitAddresses({}).empty());
}
