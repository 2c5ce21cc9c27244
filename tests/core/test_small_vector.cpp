#include "core/util/small_vector.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using inferscope::util::SmallVector;

namespace {
std::vector<int> values(const SmallVector<int, 2>& v) { return {v.begin(), v.end()}; }
std::vector<int> reversed(const SmallVector<int, 2>& v) { return {v.rbegin(), v.rend()}; }
}  // namespace

TEST(SmallVector, KeepsOrderInlineAndPastItsInlineSize) {
  SmallVector<int, 2> v;
  EXPECT_TRUE(v.empty());
  for (int i = 1; i <= 2; ++i) v.push_back(i * 10);
  EXPECT_EQ(values(v), (std::vector<int>{10, 20}));
  for (int i = 3; i <= 5; ++i) v.push_back(i * 10);
  EXPECT_EQ(v.size(), 5u);
  EXPECT_EQ(values(v), (std::vector<int>{10, 20, 30, 40, 50}));
  EXPECT_EQ(reversed(v), (std::vector<int>{50, 40, 30, 20, 10}));
  EXPECT_EQ(v[3], 40);
  v.clear();
  EXPECT_TRUE(v.empty());
  v.push_back(7);
  EXPECT_EQ(values(v), (std::vector<int>{7}));
}

TEST(SmallVector, CopiesAndMovesBothForms) {
  for (int count : {2, 4}) {
    SmallVector<int, 2> a;
    for (int i = 0; i < count; ++i) a.push_back(i + 1);
    const auto expected = values(a);
    SmallVector<int, 2> copy(a);
    EXPECT_EQ(values(copy), expected);
    SmallVector<int, 2> moved(std::move(a));
    EXPECT_EQ(values(moved), expected);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    SmallVector<int, 2> assigned;
    assigned.push_back(99);
    assigned = std::move(moved);
    EXPECT_EQ(values(assigned), expected);
    copy = assigned;
    EXPECT_EQ(values(copy), expected);
  }
}

TEST(SmallVector, BuildsFromListsAndRangesAndCompares) {
  for (const std::vector<int>& src : {std::vector<int>{}, std::vector<int>{4}, std::vector<int>{1, 2, 3, 4, 5}}) {
    SmallVector<int, 2> v(src.begin(), src.end());
    EXPECT_EQ(values(v), src);
    EXPECT_TRUE((v == SmallVector<int, 2>(src.begin(), src.end())));
    if (!src.empty()) {
      EXPECT_EQ(v.front(), src.front());
      EXPECT_EQ(v.back(), src.back());
      v.back() = 42;
      EXPECT_EQ(v[v.size() - 1], 42);
      EXPECT_FALSE((v == SmallVector<int, 2>(src.begin(), src.end())));
    }
  }
  SmallVector<int, 2> list{7, 8, 9};
  EXPECT_EQ(values(list), (std::vector<int>{7, 8, 9}));
  EXPECT_FALSE(list == (SmallVector<int, 2>{7, 8}));
  EXPECT_TRUE(list == (SmallVector<int, 2>{7, 8, 9}));
}
