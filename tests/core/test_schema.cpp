// The op and type tables in builtin_ops.h agree with the schema embedded at build time.
#include <gtest/gtest.h>

#include "core/model/builtin_ops.h"
#include "core/model/schema_info.h"

using namespace inferscope::model;

TEST(Schema, BuiltinOperatorNamesMatchTheSchema) {
  auto values = enumValues("BuiltinOperator");
  ASSERT_EQ(static_cast<std::int32_t>(values.size()), kBuiltinOpCount);
  for (const auto& [name, value] : values)
    EXPECT_EQ(builtinOpName(static_cast<BuiltinOp>(value)), name);
  EXPECT_EQ(builtinOpName(static_cast<BuiltinOp>(5000)), "UNKNOWN_5000");
}

TEST(Schema, TensorTypeNamesMatchTheSchema) {
  auto values = enumValues("TensorType");
  ASSERT_EQ(static_cast<std::int32_t>(values.size()), kDTypeCount);
  for (const auto& [name, value] : values) EXPECT_EQ(dtypeName(static_cast<DType>(value)), name);
  EXPECT_EQ(dtypeBits(DType::INT4), 4);
  EXPECT_EQ(dtypeFromName("INT16"), DType::INT16);
}

TEST(Schema, EnumLookups) {
  EXPECT_EQ(enumValueName("Padding", 0), "SAME");
  EXPECT_EQ(enumValueName("ActivationFunctionType", 3), "RELU6");
  EXPECT_EQ(enumValueFromName("Padding", "VALID"), 1);
  EXPECT_EQ(enumValueName("NoSuchEnum", 0), "");
}
