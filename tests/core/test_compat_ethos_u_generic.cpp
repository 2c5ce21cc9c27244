// Vela's generic rules (semantic and NPU-supported), the early rewrites and the graph-level effects:
// a passing and a failing case each, built with the model builder.
#include <gtest/gtest.h>

#include <functional>

#include "core/compat/ethos_u.h"
#include "core/model_fixtures.h"
#include "core/compat_fixtures.h"

using namespace inferscope;
using namespace inferscope::testdata;
using model::ModelPtr;

namespace {

struct Case {
  std::string name;
  std::function<ModelPtr()> make;
  std::string rule;  // expected primary rule id; empty = NPU
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

// x(1x4x4x8) op y -> out, int8 unless told otherwise.
ModelPtr binary(BuiltinOp code, std::vector<std::int32_t> a, std::vector<std::int32_t> b, std::vector<std::int32_t> o,
                DType ta = DType::INT8, DType tb = DType::INT8, DType to = DType::INT8,
                std::vector<model::OptionInit> opts = {}) {
  G g;
  auto x = g.in("a", std::move(a), ta);
  auto y = g.in("b", std::move(b), tb);
  auto out = g.t("out", std::move(o), to);
  g.op(code, {x, y}, {out}, opts);
  return g.build({out});
}

ModelPtr unary(BuiltinOp code, std::vector<std::int32_t> a, std::vector<std::int32_t> o, DType ta = DType::INT8,
               DType to = DType::INT8, std::vector<model::OptionInit> opts = {}) {
  G g;
  auto x = g.in("a", std::move(a), ta);
  auto out = g.t("out", std::move(o), to);
  g.op(code, {x}, {out}, opts);
  return g.build({out});
}

ModelPtr conv(std::vector<std::int32_t> ifm, std::vector<std::int32_t> w, std::vector<std::int32_t> ofm,
              std::vector<model::OptionInit> opts = {}, std::int8_t value = 1, DType t = DType::INT8) {
  G g;
  auto x = g.in("ifm", std::move(ifm), t);
  auto wt = g.w8("w", w, value);
  auto bias = g.i32("b", {w[0]}, std::vector<std::int32_t>(static_cast<std::size_t>(w[0]), 0));
  auto out = g.t("ofm", std::move(ofm), t);
  std::vector<model::OptionInit> all = {{"stride_w", 1}, {"stride_h", 1}, {"padding", "SAME"}};
  all.insert(all.end(), opts.begin(), opts.end());
  g.op(BuiltinOp::CONV_2D, {x, wt, bias}, {out}, all);
  return g.build({out});
}

std::vector<Case> genericCases() {
  std::vector<Case> c;
  const std::vector<std::int32_t> s = {1, 4, 4, 8};
  // --- semantic
  c.push_back({"AddWithOptions", [=] { return binary(BuiltinOp::ADD, s, s, s); }, ""});
  c.push_back({"AddWithoutOptionsTable", [=] { return withoutOptions(binary(BuiltinOp::ADD, s, s, s)); },
               "semantic.attributes"});
  c.push_back({"CastWithoutOptionsTable",
               [=] { return withoutOptions(unary(BuiltinOp::CAST, s, s, DType::INT8, DType::INT16)); },
               "semantic.attributes"});
  c.push_back({"DequantizeWithoutOptionsNeedsNone",  // DequantizeOptions has no fields: nothing missing
               [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto out = g.t("out", s, DType::FLOAT32, std::nullopt);
                 g.op(BuiltinOp::DEQUANTIZE, {x}, {out});
                 return withoutOptions(g.build({out}));
               },
               "semantic.quantization"});
  c.push_back({"ScalarNonConstantInputIsDynamic", [=] { return binary(BuiltinOp::ADD, s, {}, s); }, "semantic.dynamic"});
  c.push_back({"ScalarConstantOperandOfAdd", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto k = g.w8("k", {}, 3, q8());
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::ADD, {x, k}, {out});
                 return g.build({out});
               }, ""});
  c.push_back({"ScalarConstantInputOfPrelu", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto k = g.w8("alpha", {}, 3, q8());
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::PRELU, {x, k}, {out});
                 return g.build({out});
               }, "semantic.input_scalar"});
  c.push_back({"FiveDimensions", [] { return binary(BuiltinOp::ADD, {1, 2, 4, 4, 8}, {1, 2, 4, 4, 8}, {1, 2, 4, 4, 8}); },
               "semantic.rank"});
  c.push_back({"FloatTensors", [=] {
                 G g;
                 auto x = g.in("a", s, DType::FLOAT32, std::nullopt);
                 auto y = g.in("b", s, DType::FLOAT32, std::nullopt);
                 auto out = g.t("out", s, DType::FLOAT32, std::nullopt);
                 g.op(BuiltinOp::ADD, {x, y}, {out});
                 return g.build({out});
               }, "semantic.quantization"});
  c.push_back({"InfiniteScale", [=] {
                 G g;
                 auto x = g.in("a", s, DType::INT8, q8(std::numeric_limits<float>::infinity()));
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::RELU, {x}, {out});
                 return g.build({out});
               }, "semantic.scale_finite"});
  c.push_back({"OutputScaleBelowFloat32Tiny", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto out = g.t("out", s, DType::INT8, q8(1e-39f));
                 g.op(BuiltinOp::RELU, {x}, {out});
                 return g.build({out});
               }, "semantic.scale_range"});
  c.push_back({"InputOverOutputScaleOverflows", [=] {
                 G g;
                 auto x = g.in("a", s, DType::INT8, q8(1e30f));
                 auto out = g.t("out", s, DType::INT8, q8(1e-20f));
                 g.op(BuiltinOp::RELU, {x}, {out});
                 return g.build({out});
               }, "semantic.scale_range"});
  c.push_back({"ConstantWithoutData", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto ghost = g.t("ghost", s);  // no producer, not an input, no buffer
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::ADD, {x, ghost}, {out});
                 return g.build({out});
               }, "semantic.constant_values"});
  // --- supported, generic
  c.push_back({"Int64Tensors", [=] {
                 return binary(BuiltinOp::ADD, s, s, s, DType::INT64, DType::INT64, DType::INT64);
               }, "generic.dtype"});
  c.push_back({"Int32Add", [=] { return binary(BuiltinOp::ADD, s, s, s, DType::INT32, DType::INT32, DType::INT32); }, ""});
  c.push_back({"Int32Concatenation", [=] {
                 return binary(BuiltinOp::CONCATENATION, s, s, {1, 4, 4, 16}, DType::INT32, DType::INT32, DType::INT32,
                               {{"axis", 3}});
               }, "generic.int32"});
  c.push_back({"DimensionOver65535", [] {
                 G g;
                 auto x = g.in("a", {1, 70000});
                 auto w = g.w8("w", {2, 70000});
                 auto out = g.t("out", {1, 2});
                 g.op(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {out});
                 return g.build({out});
               }, "generic.dimension"});
  c.push_back({"PerChannelFullyConnected", [] {
                 G g;
                 auto x = g.in("a", {1, 16});
                 auto w = g.w8("w", {4, 16}, 1, model::quantPerChannel({0.1f, 0.1f, 0.2f, 0.2f}, 0));
                 auto out = g.t("out", {1, 4});
                 g.op(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {out});
                 return g.build({out});
               }, "generic.per_axis"});
  c.push_back({"PerChannelConv", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 3});
                 auto w = g.w8("w", {2, 1, 1, 3}, 1, model::quantPerChannel({0.1f, 0.2f}, 0));
                 auto out = g.t("out", {1, 4, 4, 2});
                 g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out}, {{"padding", "SAME"}, {"stride_w", 1}, {"stride_h", 1}});
                 return g.build({out});
               }, ""});
  c.push_back({"BatchTwoConv", [] { return conv({2, 8, 8, 4}, {4, 1, 1, 4}, {2, 8, 8, 4}); }, "generic.batch"});
  c.push_back({"BatchTwoFullyConnectedIsExempt", [] {
                 G g;
                 auto x = g.in("a", {2, 16});
                 auto w = g.w8("w", {4, 16});
                 auto out = g.t("out", {2, 4});
                 g.op(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {out});
                 return g.build({out});
               }, ""});
  c.push_back({"SignBitActivation", [] {
                 return conv({1, 8, 8, 4}, {4, 1, 1, 4}, {1, 8, 8, 4}, {{"fused_activation_function", "SIGN_BIT"}});
               }, "generic.fused_activation"});
  c.push_back({"Relu6Activation", [] {
                 return conv({1, 8, 8, 4}, {4, 1, 1, 4}, {1, 8, 8, 4}, {{"fused_activation_function", "RELU6"}});
               }, ""});
  c.push_back({"ActivationOnInt32Output", [=] {
                 return binary(BuiltinOp::ADD, s, s, s, DType::INT32, DType::INT32, DType::INT32,
                               {{"fused_activation_function", "RELU"}});
               }, "generic.fused_activation_type"});
  c.push_back({"CpuOnlyType", [] {
                 return unary(BuiltinOp::SPACE_TO_DEPTH, {1, 4, 4, 2}, {1, 2, 2, 8}, DType::INT8, DType::INT8,
                              {{"block_size", 2}});
               }, "cpu_only"});
  c.push_back({"AsymmetricWeights", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4});
                 auto w = g.w8("w", {4, 1, 1, 4}, 1, q8(0.01f, 3));
                 auto out = g.t("ofm", {1, 8, 8, 4});
                 g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out}, {{"stride_w", 1}, {"stride_h", 1}});
                 return g.build({out});
               }, "weights.symmetric"});
  c.push_back({"AsymmetricWeightsOnUint8AreFine", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4}, DType::UINT8, q8(0.05f, 128));
                 auto w = g.b.addConstant({"w", DType::UINT8, {4, 1, 1, 4}, q8(0.01f, 128)},
                                          std::vector<std::uint8_t>(16, 130));
                 auto out = g.t("ofm", {1, 8, 8, 4}, DType::UINT8, q8(0.05f, 128));
                 g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out}, {{"stride_w", 1}, {"stride_h", 1}});
                 return g.build({out});
               }, ""});
  return c;
}

class EthosUGeneric : public ::testing::TestWithParam<Case> {};

TEST_P(EthosUGeneric, PlacesLikeVela) {
  const auto& c = GetParam();
  auto m = c.make();
  ASSERT_TRUE(m);
  dumpCase(m, "generic_" + c.name);
  auto v = verdictOf(m);
  if (c.rule.empty()) {
    EXPECT_EQ(v.placement, compat::Placement::Npu) << "unexpected CPU placement, rule " << v.rule;
  } else {
    EXPECT_EQ(v.placement, compat::Placement::Cpu);
    EXPECT_EQ(v.rule, c.rule);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, EthosUGeneric, ::testing::ValuesIn(genericCases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
