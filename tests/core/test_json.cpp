#include <gtest/gtest.h>

#include "core/util/json.h"
#include "core/util/text.h"

using namespace inferscope;

TEST(Json, RoundTrip) {
  json::Value v = json::Object{};
  v.set("name", "a \"quoted\"\nline");
  v.set("n", 42);
  v.set("x", 0.25);
  v.set("ok", true);
  v.set("none", nullptr);
  json::Value arr = json::Array{};
  arr.push(1);
  arr.push("two");
  v.set("list", arr);
  for (int indent : {-1, 2}) {
    auto back = json::parse(json::write(v, indent));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ((*back)["name"].asString(), "a \"quoted\"\nline");
    EXPECT_EQ((*back)["n"].asInt(), 42);
    EXPECT_DOUBLE_EQ((*back)["x"].asDouble(), 0.25);
    EXPECT_TRUE((*back)["ok"].asBool());
    EXPECT_TRUE((*back)["none"].isNull());
    EXPECT_EQ((*back)["list"][1].asString(), "two");
  }
}

TEST(Json, RejectsBadInput) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "[\"\\x\"]"})
    EXPECT_FALSE(json::parse(bad).ok()) << bad;
  std::string deep(10000, '[');
  EXPECT_FALSE(json::parse(deep).ok());
}

TEST(Json, UnicodeEscapes) {
  auto v = json::parse("\"\\u00e9\\ud83d\\ude00\"");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->asString(), "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(Text, Formatting) {
  EXPECT_EQ(text::withSeparators(1234567), "1,234,567");
  EXPECT_EQ(text::withSeparators(-1000), "-1,000");
  EXPECT_EQ(text::humanBytes(1536), "1.50 KiB");
  EXPECT_EQ(text::humanCount(3504872), "3.50 M");
  text::Table t({"a", "b"}, {text::Table::Align::Left, text::Table::Align::Right});
  t.addRow({"x", "10"});
  EXPECT_EQ(t.render(), "a   b\n-  --\nx  10\n");
  EXPECT_EQ(text::withSeparators(0), "0");
  EXPECT_EQ(text::withSeparators(999), "999");
  EXPECT_EQ(text::withSeparators(-100000), "-100,000");
  EXPECT_EQ(text::withSeparators(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(Text, TableMeasuresUtf8AndShortensWideCells) {
  // Widths count code points (é is two bytes), cells over the limit end in "…"; 8-byte runs of
  // ASCII before a multi-byte character are measured too.
  text::Table t({"name", "n"}, {text::Table::Align::Left, text::Table::Align::Right});
  t.addRow({"caf\xC3\xA9", "1"});
  t.addRow({"abcdefghij\xC3\xA9", "22"});
  t.addRow({"a very long operator name indeed", "333"});
  EXPECT_EQ(t.render(12, "  "),
            "  name            n\n"
            "  ------------  ---\n"
            "  caf\xC3\xA9            1\n"
            "  abcdefghij\xC3\xA9    22\n"
            "  a very long\xE2\x80\xA6  333\n");
}

TEST(Text, TableRendersAfterTextAlreadyThere) {
  text::Table t({"op", "cycles"}, {text::Table::Align::Left, text::Table::Align::Right});
  t.reserve(300, 16);
  for (int i = 0; i < 300; ++i) t.addRow({"CONV_2D", std::to_string(i * 7)});
  std::string out = "Per-layer:\n";
  t.renderTo(out, 48, "  ");
  EXPECT_EQ(out, "Per-layer:\n" + t.render(48, "  "));
  EXPECT_EQ(t.rows(), 300u);
  EXPECT_NE(out.find("\n  CONV_2D    2093\n"), std::string::npos);  // the last row, right-aligned
}
