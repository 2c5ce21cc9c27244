#include "core/util/cheap_text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using inferscope::util::CheapText;

TEST(CheapText, BorrowsLiteralsAndOwnsBuiltText) {
  static const char kLiteral[] = "a literal";
  CheapText borrowed = kLiteral;
  EXPECT_EQ(borrowed.view(), "a literal");
  EXPECT_EQ(borrowed.data(), kLiteral);  // no copy

  std::string built = "built ";
  built += std::string(40, 'x');  // past any small-string buffer
  CheapText owned = built;
  EXPECT_EQ(owned.view(), built);
  EXPECT_NE(owned.data(), built.data());

  CheapText viewed = CheapText::borrow(built);
  EXPECT_EQ(viewed.data(), built.data());
  EXPECT_TRUE(CheapText().empty());
}

TEST(CheapText, CopiesAndMovesKeepTheirOwnText) {
  for (std::string text : {std::string("short"), std::string(64, 'y')}) {
    CheapText a = text;
    CheapText copy = a;
    EXPECT_EQ(copy.view(), text);
    EXPECT_NE(copy.data(), a.data());  // the copy owns its own text
    CheapText moved = std::move(a);
    EXPECT_EQ(moved.view(), text);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    CheapText assigned = "first";
    assigned = copy;
    EXPECT_EQ(assigned.view(), text);
    assigned = std::move(moved);
    EXPECT_EQ(assigned.view(), text);
    // Growing a vector moves every element: owned texts must follow their storage.
    std::vector<CheapText> v;
    for (int i = 0; i < 20; ++i) v.push_back(i % 2 ? CheapText(text + std::to_string(i)) : CheapText("lit"));
    for (int i = 0; i < 20; ++i) EXPECT_EQ(v[static_cast<std::size_t>(i)].view(), i % 2 ? text + std::to_string(i) : "lit");
  }
}

TEST(CheapText, ComparesJoinsAndPrints) {
  CheapText a = "rule";
  CheapText b = std::string("rule");
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a == std::string_view("rule"));
  EXPECT_FALSE(a == CheapText("other"));
  EXPECT_EQ("the " + a, "the rule");
  EXPECT_EQ(a + "s", "rules");
  std::ostringstream os;
  os << b;
  EXPECT_EQ(os.str(), "rule");
}
