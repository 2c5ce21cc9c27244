// SparseIndices: a sparse tensor's index vector read in place from the file's bytes.
#include "core/model/ir.h"

#include <gtest/gtest.h>

using inferscope::model::SparseIndices;

TEST(SparseIndices, ReadsLittleEndianValuesOfEachWidth) {
  const std::uint8_t bytes[] = {0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0x7f};
  SparseIndices u8{{{bytes, 8}}, 1};
  EXPECT_EQ(u8.size(), 8u);
  EXPECT_EQ(u8[0], 1);
  EXPECT_EQ(u8[4], 255);
  SparseIndices u16{{{bytes, 8}}, 2};
  EXPECT_EQ(u16.values(), (std::vector<std::int32_t>{0x0201, 0x0403, 0xffff, 0x7fff}));
  SparseIndices i32{{{bytes, 8}}, 4};
  EXPECT_EQ(i32.values(), (std::vector<std::int32_t>{0x04030201, 0x7fffffff}));
  EXPECT_TRUE(SparseIndices{}.empty());
}

TEST(SparseIndices, CompareByValueWhateverTheWidth) {
  const std::uint8_t narrow[] = {5, 0, 7, 0};
  const std::uint8_t wide[] = {5, 0, 0, 0, 7, 0, 0, 0};
  const std::uint8_t other[] = {5, 0, 8, 0};
  EXPECT_EQ((SparseIndices{{{narrow, 4}}, 2}), (SparseIndices{{{wide, 8}}, 4}));
  EXPECT_FALSE((SparseIndices{{{narrow, 4}}, 2}) == (SparseIndices{{{other, 4}}, 2}));
}
