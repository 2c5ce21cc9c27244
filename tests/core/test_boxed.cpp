#include "core/util/boxed.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

using inferscope::util::Boxed;

TEST(Boxed, IsThePointerSizedOptional) {
  static_assert(sizeof(Boxed<std::vector<std::string>>) == sizeof(void*));
  Boxed<std::string> b;
  EXPECT_FALSE(b);
  EXPECT_FALSE(b.has_value());
  b = std::string("scale");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, "scale");
  EXPECT_EQ(b->size(), 5u);
  b.reset();
  EXPECT_FALSE(b);
  b.emplace("zero point");
  EXPECT_EQ(*b, "zero point");
}

TEST(Boxed, FromStdOptional) {
  std::optional<std::string> none;
  std::optional<std::string> some("x");
  Boxed<std::string> a = none;
  Boxed<std::string> b = some;
  Boxed<std::string> c = std::move(some);
  EXPECT_FALSE(a);
  ASSERT_TRUE(b);
  ASSERT_TRUE(c);
  EXPECT_EQ(*b, "x");
  EXPECT_EQ(*c, "x");
  Boxed<std::string> d = std::nullopt;
  EXPECT_FALSE(d);
}

TEST(Boxed, CopiesAreDeepAndCompareByValue) {
  Boxed<std::vector<int>> a = std::vector<int>{1, 2, 3};
  Boxed<std::vector<int>> b = a;
  ASSERT_TRUE(b);
  EXPECT_NE(&*a, &*b);
  EXPECT_EQ(a, b);
  b->push_back(4);
  EXPECT_NE(a, b);
  EXPECT_EQ(a->size(), 3u);
  Boxed<std::vector<int>> empty1, empty2;
  EXPECT_EQ(empty1, empty2);
  EXPECT_NE(a, empty1);
  a = empty1;  // copy-assigning an empty box empties
  EXPECT_FALSE(a);
  Boxed<std::vector<int>> moved = std::move(b);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->size(), 4u);
}
