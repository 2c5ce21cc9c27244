// Vela's per-operator constraints: a passing and a failing case for each, built with the model
// builder. (INFERSCOPE_COMPAT_DUMP=dir writes the cases out, to run them through Vela itself.)
#include <gtest/gtest.h>

#include <functional>

#include "core/compat/ethos_u.h"
#include "core/compat_fixtures.h"

using namespace inferscope;
using namespace inferscope::testdata;
using model::ModelPtr;
using Opts = std::vector<model::OptionInit>;
using Shape = std::vector<std::int32_t>;

namespace {

struct Case {
  std::string name;
  std::function<ModelPtr()> make;
  std::string rule;  // expected primary rule id; empty = NPU
};

Opts with(Opts base, const Opts& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

const Opts kStride1 = {{"stride_w", 1}, {"stride_h", 1}};

// CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV with int8 weights (OHWI) and an int32 bias.
ModelPtr convOp(BuiltinOp code, Shape ifm, Shape w, Shape ofm, Opts opts, std::int8_t value = 1,
                DType biasType = DType::INT32) {
  G g;
  auto x = g.in("ifm", ifm);
  auto wt = g.w8("w", w, value);
  auto oc = code == BuiltinOp::DEPTHWISE_CONV_2D ? w[3] : w[0];
  std::int32_t bias;
  if (biasType == DType::INT64)
    bias = g.i64("b", {oc}, std::vector<std::int64_t>(static_cast<std::size_t>(oc), 0));
  else if (biasType == DType::INT8)
    bias = g.w8("b", {oc}, 0);
  else
    bias = g.i32("b", {oc}, std::vector<std::int32_t>(static_cast<std::size_t>(oc), 0));
  auto out = g.t("ofm", ofm);
  if (code == BuiltinOp::TRANSPOSE_CONV) {
    auto shape = g.i32("out_shape", {4}, ofm);
    g.op(code, {shape, wt, x, bias}, {out}, with(kStride1, opts));
  } else {
    g.op(code, {x, wt, bias}, {out}, with(kStride1, opts));
  }
  return g.build({out});
}

ModelPtr conv(Shape ifm, Shape w, Shape ofm, Opts opts = {}, std::int8_t value = 1) {
  return convOp(BuiltinOp::CONV_2D, std::move(ifm), std::move(w), std::move(ofm), with({{"padding", "SAME"}}, opts), value);
}

ModelPtr pool(BuiltinOp code, Shape ifm, Shape ofm, Opts opts) {
  G g;
  auto x = g.in("ifm", ifm);
  auto out = g.t("ofm", ofm);
  g.op(code, {x}, {out}, with(with(kStride1, {{"padding", "VALID"}}), opts));
  return g.build({out});
}

// op(x, constant int32 params...) -> out
ModelPtr withParams(BuiltinOp code, Shape ifm, Shape ofm, std::vector<std::pair<Shape, std::vector<std::int32_t>>> params,
                    Opts opts = {}, DType t = DType::INT8) {
  G g;
  auto x = g.in("ifm", ifm, t);
  std::vector<std::int32_t> ins = {x};
  int k = 0;
  for (auto& [shape, values] : params) ins.push_back(g.i32("p" + std::to_string(k++), shape, values));
  auto out = g.t("ofm", ofm, t);
  g.op(code, ins, {out}, opts);
  return g.build({out});
}

ModelPtr binary(BuiltinOp code, Shape a, Shape b, Shape o, Opts opts = {}) {
  G g;
  auto x = g.in("a", a);
  auto y = g.in("b", b);
  auto out = g.t("out", o);
  g.op(code, {x, y}, {out}, opts);
  return g.build({out});
}

std::vector<Case> convCases() {
  std::vector<Case> c;
  c.push_back({"ConvStride1", [] { return conv({1, 8, 8, 4}, {8, 3, 3, 4}, {1, 8, 8, 8}); }, ""});
  c.push_back({"ConvStrideH4", [] {
                 return conv({1, 56, 56, 16}, {32, 3, 3, 16}, {1, 14, 14, 32}, {{"stride_w", 4}, {"stride_h", 4}});
               }, "conv.stride"});
  c.push_back({"ConvStrideW4DivisibleWidth", [] {
                 return conv({1, 8, 56, 16}, {8, 1, 3, 16}, {1, 8, 14, 8}, {{"stride_w", 4}});
               }, ""});
  c.push_back({"ConvStrideW5", [] { return conv({1, 8, 57, 16}, {8, 1, 3, 16}, {1, 8, 12, 8}, {{"stride_w", 5}}); },
               "conv.stride"});
  c.push_back({"ConvDilatedHeight67", [] {
                 return conv({1, 80, 80, 8}, {8, 3, 3, 8}, {1, 80, 80, 8}, {{"dilation_h_factor", 33}, {"dilation_w_factor", 33}});
               }, "conv.dilated_height"});
  c.push_back({"ConvDilatedArea", [] { return conv({1, 80, 80, 2}, {2, 64, 65, 2}, {1, 80, 80, 2}); }, "conv.dilated_area"});
  c.push_back({"ConvGroupsBadDepth", [] { return conv({1, 8, 8, 8}, {16, 3, 3, 3}, {1, 8, 8, 16}); },
               "semantic.conv_groups_depth"});
  c.push_back({"ConvGroupsBadFilters", [] { return conv({1, 8, 8, 8}, {15, 3, 3, 4}, {1, 8, 8, 15}); },
               "semantic.conv_groups_filters"});
  c.push_back({"ConvGrouped", [] { return conv({1, 8, 8, 8}, {16, 3, 3, 4}, {1, 8, 8, 16}); }, ""});
  c.push_back({"ConvWeightSumTooLarge", [] { return conv({1, 4, 4, 7300}, {1, 3, 3, 7300}, {1, 4, 4, 1}, {}, 127); },
               "weights.sum"});
  c.push_back({"ConvWeightsNotConstant", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4});
                 auto w = g.in("w", {4, 1, 1, 4});
                 auto out = g.t("ofm", {1, 8, 8, 4});
                 g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out}, with(kStride1, {{"padding", "SAME"}}));
                 return g.build({out});
               }, "weights.constant"});
  c.push_back({"ConvWeights16Bit", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4}, DType::INT16);
                 auto w = g.b.addConstant({"w", DType::INT16, {4, 1, 1, 4}, q8(0.01f, 0)}, std::vector<std::int16_t>(16, 1));
                 auto out = g.t("ofm", {1, 8, 8, 4}, DType::INT16);
                 g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out}, with(kStride1, {{"padding", "SAME"}}));
                 return g.build({out});
               }, "weights.8bit"});
  c.push_back({"ConvBiasInt8", [] {
                 return convOp(BuiltinOp::CONV_2D, {1, 8, 8, 4}, {4, 1, 1, 4}, {1, 8, 8, 4}, {{"padding", "SAME"}}, 1, DType::INT8);
               }, "bias.type"});
  c.push_back({"ConvBiasInt64", [] {
                 return convOp(BuiltinOp::CONV_2D, {1, 8, 8, 4}, {4, 1, 1, 4}, {1, 8, 8, 4}, {{"padding", "SAME"}}, 1, DType::INT64);
               }, ""});
  c.push_back({"ConvBias41Bits", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4});
                 auto w = g.w8("w", {4, 1, 1, 4});
                 auto b = g.i64("b", {4}, {1LL << 40, 0, 0, 0});
                 auto out = g.t("ofm", {1, 8, 8, 4});
                 g.op(BuiltinOp::CONV_2D, {x, w, b}, {out}, with(kStride1, {{"padding", "SAME"}}));
                 return g.build({out});
               }, "bias.40bit"});
  c.push_back({"ConvBiasNot1D", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4});
                 auto w = g.w8("w", {4, 1, 1, 4});
                 auto b = g.in("b", {1, 4}, DType::INT32, std::nullopt);
                 auto out = g.t("ofm", {1, 8, 8, 4});
                 g.op(BuiltinOp::CONV_2D, {x, w, b}, {out}, with(kStride1, {{"padding", "SAME"}}));
                 return g.build({out});
               }, "bias.shape"});
  // depthwise
  auto dw = [](Shape ifm, Shape w, Shape ofm, Opts o) {
    return convOp(BuiltinOp::DEPTHWISE_CONV_2D, ifm, w, ofm, with({{"padding", "SAME"}, {"depth_multiplier", 1}}, o));
  };
  c.push_back({"DepthwiseStride2", [=] { return dw({1, 8, 8, 8}, {1, 3, 3, 8}, {1, 4, 4, 8}, {{"stride_w", 2}, {"stride_h", 2}}); }, ""});
  c.push_back({"DepthwiseStride4", [=] { return dw({1, 56, 56, 8}, {1, 3, 3, 8}, {1, 14, 14, 8}, {{"stride_w", 4}, {"stride_h", 4}}); },
               "depthwise.stride"});
  c.push_back({"DepthwiseMultiplier2", [=] { return dw({1, 8, 8, 8}, {1, 3, 3, 16}, {1, 8, 8, 16}, {{"depth_multiplier", 2}}); },
               "depthwise.multiplier"});
  c.push_back({"DepthwiseMultiplier2SingleChannel", [=] {
                 return dw({1, 8, 8, 1}, {1, 3, 3, 2}, {1, 8, 8, 2}, {{"depth_multiplier", 2}});
               }, ""});
  c.push_back({"DepthwiseWeightSumOverWholeKernel", [=] {
                 return convOp(BuiltinOp::DEPTHWISE_CONV_2D, {1, 4, 4, 8000}, {1, 3, 3, 8000}, {1, 4, 4, 8000},
                               {{"padding", "SAME"}, {"depth_multiplier", 1}}, 127);
               }, "weights.sum"});
  // transpose conv
  auto tc = [](Shape ifm, Shape w, Shape ofm, Opts o) { return convOp(BuiltinOp::TRANSPOSE_CONV, ifm, w, ofm, o); };
  c.push_back({"TransposeConvStride2Same", [=] {
                 return tc({1, 8, 8, 4}, {4, 3, 3, 4}, {1, 16, 16, 4}, {{"padding", "SAME"}, {"stride_w", 2}, {"stride_h", 2}});
               }, ""});
  c.push_back({"TransposeConvStride3", [=] {
                 return tc({1, 14, 14, 32}, {16, 3, 3, 32}, {1, 42, 42, 16}, {{"padding", "SAME"}, {"stride_w", 3}, {"stride_h", 3}});
               }, "transpose_conv.stride"});
  c.push_back({"TransposeConvSameWrongSize", [=] {
                 return tc({1, 8, 8, 4}, {4, 3, 3, 4}, {1, 17, 16, 4}, {{"padding", "SAME"}, {"stride_w", 2}, {"stride_h", 2}});
               }, "transpose_conv.same"});
  c.push_back({"TransposeConvValid", [=] {
                 return tc({1, 8, 8, 4}, {4, 3, 3, 4}, {1, 17, 17, 4}, {{"padding", "VALID"}, {"stride_w", 2}, {"stride_h", 2}});
               }, ""});
  c.push_back({"TransposeConvValidWrongSize", [=] {
                 return tc({1, 8, 8, 4}, {4, 3, 3, 4}, {1, 16, 16, 4}, {{"padding", "VALID"}, {"stride_w", 2}, {"stride_h", 2}});
               }, "transpose_conv.valid"});
  // fully connected
  c.push_back({"FullyConnected1DInput", [] {
                 G g;
                 auto x = g.in("a", {16});
                 auto w = g.w8("w", {4, 16});
                 auto out = g.t("out", {1, 4});
                 g.op(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {out});
                 return g.build({out});
               }, "semantic.fc_2d"});
  c.push_back({"FullyConnectedKeepDimsRankMismatch", [] {
                 G g;
                 auto x = g.in("a", {1, 2, 16});
                 auto w = g.w8("w", {4, 16});
                 auto out = g.t("out", {2, 4});
                 g.op(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {out}, {{"keep_num_dims", true}});
                 return g.build({out});
               }, "semantic.fc_keep_dims"});
  return c;
}

std::vector<Case> poolCases() {
  std::vector<Case> c;
  auto avg = [](Shape ifm, Shape ofm, Opts o) { return pool(BuiltinOp::AVERAGE_POOL_2D, ifm, ofm, o); };
  auto max = [](Shape ifm, Shape ofm, Opts o) { return pool(BuiltinOp::MAX_POOL_2D, ifm, ofm, o); };
  c.push_back({"AvgPool3x3", [=] { return avg({1, 8, 8, 4}, {1, 8, 8, 4}, {{"filter_width", 3}, {"filter_height", 3}, {"padding", "SAME"}}); }, ""});
  c.push_back({"AvgPoolSame9x9", [=] {
                 return avg({1, 28, 28, 32}, {1, 28, 28, 32}, {{"filter_width", 9}, {"filter_height", 9}, {"padding", "SAME"}});
               }, "avgpool.kernel"});
  c.push_back({"AvgPoolStride4Same", [=] {
                 return avg({1, 8, 16, 4}, {1, 8, 4, 4},
                            {{"filter_width", 2}, {"filter_height", 1}, {"stride_w", 4}, {"padding", "SAME"}});
               }, "avgpool.stride_padding"});
  c.push_back({"AvgPoolValidTall", [=] {
                 return avg({1, 300, 4, 4}, {1, 1, 4, 4}, {{"filter_width", 1}, {"filter_height", 300}});
               }, "avgpool.kernel_height"});
  c.push_back({"AvgPoolGlobalStrideEqualsKernel", [=] {
                 return avg({1, 7, 7, 8}, {1, 1, 1, 8}, {{"filter_width", 7}, {"filter_height", 7}, {"stride_w", 7}, {"stride_h", 7}});
               }, ""});
  c.push_back({"AvgPoolInOutTypes", [] {
                 G g;
                 auto x = g.in("ifm", {1, 8, 8, 4});
                 auto out = g.t("ofm", {1, 8, 8, 4}, DType::INT16);
                 g.op(BuiltinOp::AVERAGE_POOL_2D, {x}, {out},
                      with(kStride1, {{"padding", "SAME"}, {"filter_width", 2}, {"filter_height", 2}}));
                 return g.build({out});
               }, "semantic.in_out_types"});
  c.push_back({"MaxPoolStride4", [=] {
                 return max({1, 56, 56, 32}, {1, 14, 14, 32},
                            {{"filter_width", 3}, {"filter_height", 3}, {"stride_w", 4}, {"stride_h", 4}, {"padding", "SAME"}});
               }, "pool.stride"});
  c.push_back({"MaxPoolTall", [=] { return max({1, 300, 4, 4}, {1, 1, 4, 4}, {{"filter_width", 1}, {"filter_height", 300}}); },
               "maxpool.kernel_height"});
  c.push_back({"MaxPoolHugeArea", [=] {
                 return max({1, 256, 300, 4}, {1, 1, 1, 4}, {{"filter_width", 300}, {"filter_height", 256}});
               }, "maxpool.kernel_area"});
  c.push_back({"MaxPoolOverMatrix", [] {
                 G g;
                 auto x = g.in("ifm", {8, 8});
                 auto out = g.t("ofm", {4, 4});
                 g.op(BuiltinOp::MAX_POOL_2D, {x}, {out}, with(kStride1, {{"padding", "VALID"}, {"filter_width", 2}, {"filter_height", 2}}));
                 return g.build({out});
               }, "pool.rank"});
  c.push_back({"MaxPoolGlobalStrideFixup", [=] {
                 return max({1, 8, 8, 4}, {1, 1, 1, 4}, {{"filter_width", 8}, {"filter_height", 8}, {"stride_w", 8}, {"stride_h", 8}});
               }, ""});
  return c;
}

std::vector<Case> elementwiseCases() {
  std::vector<Case> c;
  const Shape s = {1, 4, 4, 8};
  c.push_back({"AddBroadcast", [=] { return binary(BuiltinOp::ADD, s, {1, 1, 1, 8}, s); }, ""});
  c.push_back({"AddBadBroadcast", [=] { return binary(BuiltinOp::ADD, s, {1, 4, 1, 3}, s); }, "elementwise.broadcast"});
  c.push_back({"AddNoInputMatchesOutput", [] { return binary(BuiltinOp::ADD, {1, 4, 1, 8}, {1, 1, 4, 8}, {1, 4, 4, 8}); },
               "semantic.either_shape"});
  c.push_back({"AddMixedInputTypes", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto y = g.in("b", s, DType::INT16);
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::ADD, {x, y}, {out});
                 return g.build({out});
               }, "semantic.inputs_types"});
  c.push_back({"AddSignedToUnsigned", [=] {
                 G g;
                 auto x = g.in("a", s);
                 auto y = g.in("b", s);
                 auto out = g.t("out", s, DType::UINT8);
                 g.op(BuiltinOp::ADD, {x, y}, {out});
                 return g.build({out});
               }, "semantic.signed"});
  c.push_back({"AddUnsignedToSigned", [=] {
                 G g;
                 auto x = g.in("a", s, DType::UINT8);
                 auto y = g.in("b", s, DType::UINT8);
                 auto out = g.t("out", s, DType::INT8);
                 g.op(BuiltinOp::ADD, {x, y}, {out});
                 return g.build({out});
               }, "semantic.unsigned"});
  c.push_back({"MaximumSameQuantization", [=] { return binary(BuiltinOp::MAXIMUM, s, s, s); }, ""});
  c.push_back({"MaximumDifferentQuantization", [=] {
                 G g;
                 auto x = g.in("a", s, DType::INT8, q8(0.1f));
                 auto y = g.in("b", s);
                 auto out = g.t("out", s);
                 g.op(BuiltinOp::MAXIMUM, {x, y}, {out});
                 return g.build({out});
               }, "minmax.quantization"});
  c.push_back({"HardSwishInt16", [=] {
                 G g;
                 auto x = g.in("a", s, DType::INT16);
                 auto out = g.t("out", s, DType::INT16);
                 g.op(BuiltinOp::HARD_SWISH, {x}, {out});
                 return g.build({out});
               }, "semantic.ifm_8bit"});
  c.push_back({"RsqrtInt16", [=] {
                 G g;
                 auto x = g.in("a", s, DType::INT16);
                 auto out = g.t("out", s, DType::INT16);
                 g.op(BuiltinOp::RSQRT, {x}, {out});
                 return g.build({out});
               }, "rsqrt.int8"});
  c.push_back({"ExpUint8", [=] {
                 G g;
                 auto x = g.in("a", s, DType::UINT8);
                 auto out = g.t("out", s, DType::UINT8);
                 g.op(BuiltinOp::EXP, {x}, {out});
                 return g.build({out});
               }, "semantic.ifm_signed"});
  c.push_back({"SoftmaxInt8", [=] {
                 G g;
                 auto x = g.in("a", {1, 10});
                 auto out = g.t("out", {1, 10}, DType::INT8, q8(1.0f / 256, -128));
                 g.op(BuiltinOp::SOFTMAX, {x}, {out}, {{"beta", 1.0}});
                 return g.build({out});
               }, ""});
  c.push_back({"SoftmaxNegativeBeta", [=] {
                 G g;
                 auto x = g.in("a", {1, 10});
                 auto out = g.t("out", {1, 10});
                 g.op(BuiltinOp::SOFTMAX, {x}, {out}, {{"beta", -1.0}});
                 return g.build({out});
               }, "semantic.beta"});
  c.push_back({"SoftmaxShapeMismatch", [=] {
                 G g;
                 auto x = g.in("a", {1, 10});
                 auto out = g.t("out", {1, 1, 10});
                 g.op(BuiltinOp::SOFTMAX, {x}, {out}, {{"beta", 1.0}});
                 return g.build({out});
               }, "semantic.same_shapes"});
  return c;
}

std::vector<Case> shapeCases() {
  std::vector<Case> c;
  c.push_back({"ConcatChannels", [] { return binary(BuiltinOp::CONCATENATION, {1, 4, 4, 8}, {1, 4, 4, 8}, {1, 4, 4, 16}, {{"axis", 3}}); }, ""});
  c.push_back({"ConcatAxisOutOfRange", [] {
                 return binary(BuiltinOp::CONCATENATION, {1, 4, 4, 8}, {1, 4, 4, 8}, {1, 4, 4, 16}, {{"axis", 5}});
               }, "semantic.axis_valid"});
  c.push_back({"ConcatRankMismatch", [] {
                 return binary(BuiltinOp::CONCATENATION, {1, 4, 4, 8}, {4, 4, 8}, {1, 4, 4, 16}, {{"axis", 3}});
               }, "semantic.concat_rank"});
  c.push_back({"ConcatOtherAxisMismatch", [] {
                 return binary(BuiltinOp::CONCATENATION, {1, 4, 4, 8}, {1, 4, 5, 8}, {1, 4, 4, 16}, {{"axis", 3}});
               }, "semantic.concat_dims"});
  c.push_back({"ConcatAxisSumMismatch", [] {
                 return binary(BuiltinOp::CONCATENATION, {1, 4, 4, 8}, {1, 4, 4, 8}, {1, 4, 4, 17}, {{"axis", 3}});
               }, "semantic.concat_axis_sum"});
  c.push_back({"ReshapeConstantShape", [] {
                 return withParams(BuiltinOp::RESHAPE, {1, 4, 4, 8}, {1, 128}, {{{2}, {1, 128}}}, {{"new_shape", std::vector<std::int64_t>{1, 128}}});
               }, ""});
  c.push_back({"ReshapeElementsDiffer", [] {
                 return withParams(BuiltinOp::RESHAPE, {1, 4, 4, 8}, {1, 100}, {{{2}, {1, 100}}}, {{"new_shape", std::vector<std::int64_t>{1, 100}}});
               }, "semantic.in_out_elements"});
  c.push_back({"ReshapeQuantizationDiffers", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto sh = g.i32("shape", {2}, {1, 128});
                 auto out = g.t("out", {1, 128}, DType::INT8, q8(0.5f));
                 g.op(BuiltinOp::RESHAPE, {x, sh}, {out});
                 return g.build({out});
               }, "semantic.in_out_quant"});
  c.push_back({"ReshapeShapeFromInput", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto sh = g.in("shape", {2}, DType::INT32, std::nullopt);
                 auto out = g.t("out", {1, 128});
                 g.op(BuiltinOp::RESHAPE, {x, sh}, {out});
                 return g.build({out});
               }, "reshape.shape_constant"});
  c.push_back({"TransposeHW", [] { return withParams(BuiltinOp::TRANSPOSE, {1, 4, 6, 8}, {1, 6, 4, 8}, {{{4}, {0, 2, 1, 3}}}); }, ""});
  c.push_back({"TransposeNchwToNhwc", [] {
                 return withParams(BuiltinOp::TRANSPOSE, {1, 3, 8, 8}, {1, 8, 8, 3}, {{{4}, {0, 2, 3, 1}}});
               }, "transpose.permutation"});
  c.push_back({"TransposePermWrongLength", [] {
                 return withParams(BuiltinOp::TRANSPOSE, {1, 4, 6, 8}, {1, 6, 4, 8}, {{{3}, {0, 2, 1}}});
               }, "semantic.transpose_perm_shape"});
  c.push_back({"TransposePermOutOfRange", [] {
                 return withParams(BuiltinOp::TRANSPOSE, {1, 4, 6, 8}, {1, 6, 4, 8}, {{{4}, {0, 2, 1, 4}}});
               }, "semantic.transpose_perm_values"});
  c.push_back({"PadHeightWidth", [] {
                 return withParams(BuiltinOp::PAD, {1, 4, 4, 8}, {1, 6, 6, 8}, {{{4, 2}, {0, 0, 1, 1, 1, 1, 0, 0}}});
               }, ""});
  c.push_back({"PadChannels", [] {
                 return withParams(BuiltinOp::PAD, {1, 4, 4, 8}, {1, 4, 4, 16}, {{{4, 2}, {0, 0, 0, 0, 0, 0, 0, 8}}});
               }, "pad.dimensions"});
  c.push_back({"PadWrongOutput", [] {
                 return withParams(BuiltinOp::PAD, {1, 4, 4, 8}, {1, 7, 6, 8}, {{{4, 2}, {0, 0, 1, 1, 1, 1, 0, 0}}});
               }, "semantic.pad_output_shape"});
  c.push_back({"PadTwoDimensional", [] { return withParams(BuiltinOp::PAD, {4, 8}, {6, 8}, {{{2, 2}, {1, 1, 0, 0}}}); },
               "pad.shape"});
  c.push_back({"PadNotConstant", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto p = g.in("pads", {4, 2}, DType::INT32, std::nullopt);
                 auto out = g.t("out", {1, 6, 6, 8});
                 g.op(BuiltinOp::PAD, {x, p}, {out});
                 return g.build({out});
               }, "semantic.pad_constant"});
  c.push_back({"StridedSliceStride1", [] {
                 return withParams(BuiltinOp::STRIDED_SLICE, {1, 8, 8, 4}, {1, 4, 8, 4},
                                   {{{4}, {0, 0, 0, 0}}, {{4}, {1, 4, 8, 4}}, {{4}, {1, 1, 1, 1}}});
               }, ""});
  c.push_back({"StridedSliceStride2", [] {
                 return withParams(BuiltinOp::STRIDED_SLICE, {1, 8, 8, 4}, {1, 4, 8, 4},
                                   {{{4}, {0, 0, 0, 0}}, {{4}, {1, 8, 8, 4}}, {{4}, {1, 2, 1, 1}}});
               }, "strided_slice.strides"});
  c.push_back({"StridedSliceEmptyRange", [] {
                 return withParams(BuiltinOp::STRIDED_SLICE, {1, 8, 8, 4}, {1, 4, 8, 4},
                                   {{{4}, {0, 4, 0, 0}}, {{4}, {1, 4, 8, 4}}, {{4}, {1, 1, 1, 1}}});
               }, "semantic.strided_slice_ranges"});
  c.push_back({"StridedSliceEllipsis", [] {
                 return withParams(BuiltinOp::STRIDED_SLICE, {1, 8, 8, 4}, {1, 4, 8, 4},
                                   {{{4}, {0, 0, 0, 0}}, {{4}, {1, 4, 8, 4}}, {{4}, {1, 1, 1, 1}}}, {{"ellipsis_mask", 1}});
               }, "semantic.strided_slice_ellipsis"});
  c.push_back({"StridedSliceBothMasks", [] {
                 return withParams(BuiltinOp::STRIDED_SLICE, {1, 8, 8, 4}, {1, 4, 8, 4},
                                   {{{4}, {0, 0, 0, 0}}, {{4}, {1, 4, 8, 4}}, {{4}, {1, 1, 1, 1}}},
                                   {{"new_axis_mask", 1}, {"shrink_axis_mask", 2}});
               }, "semantic.strided_slice_masks"});
  c.push_back({"SliceConstant", [] {
                 return withParams(BuiltinOp::SLICE, {1, 8, 8, 4}, {1, 4, 8, 4}, {{{4}, {0, 0, 0, 0}}, {{4}, {1, 4, 8, 4}}});
               }, ""});
  c.push_back({"SliceBeginNotConstant", [] {
                 G g;
                 auto x = g.in("a", {1, 8, 8, 4});
                 auto b = g.in("begin", {4}, DType::INT32, std::nullopt);
                 auto s = g.i32("size", {4}, {1, 4, 8, 4});
                 auto out = g.t("out", {1, 4, 8, 4});
                 g.op(BuiltinOp::SLICE, {x, b, s}, {out});
                 return g.build({out});
               }, "slice.constant"});
  c.push_back({"SplitChannels", [] {
                 G g;
                 auto axis = g.i32("axis", {}, {3});
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto o1 = g.t("o1", {1, 4, 4, 4});
                 auto o2 = g.t("o2", {1, 4, 4, 4});
                 g.op(BuiltinOp::SPLIT, {axis, x}, {o1, o2}, {{"num_splits", 2}});
                 return g.build({o1, o2});
               }, ""});
  c.push_back({"SplitNotDivisible", [] {
                 G g;
                 auto axis = g.i32("axis", {}, {3});
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto o1 = g.t("o1", {1, 4, 4, 3});
                 auto o2 = g.t("o2", {1, 4, 4, 3});
                 auto o3 = g.t("o3", {1, 4, 4, 2});
                 g.op(BuiltinOp::SPLIT, {axis, x}, {o1, o2, o3}, {{"num_splits", 3}});
                 return g.build({o1, o2, o3});
               }, "semantic.split_num"});
  c.push_back({"SplitAxisOutOfRange", [] {
                 G g;
                 auto axis = g.i32("axis", {}, {4});
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto o1 = g.t("o1", {1, 4, 4, 4});
                 auto o2 = g.t("o2", {1, 4, 4, 4});
                 g.op(BuiltinOp::SPLIT, {axis, x}, {o1, o2}, {{"num_splits", 2}});
                 return g.build({o1, o2});
               }, "semantic.split_axis"});
  c.push_back({"SplitVTwoInferred", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto sizes = g.i32("sizes", {2}, {-1, -1});
                 auto axis = g.i32("axis", {}, {3});
                 auto o1 = g.t("o1", {1, 4, 4, 4});
                 auto o2 = g.t("o2", {1, 4, 4, 4});
                 g.op(BuiltinOp::SPLIT_V, {x, sizes, axis}, {o1, o2}, {{"num_splits", 2}});
                 return g.build({o1, o2});
               }, "semantic.splitv_inferred"});
  return c;
}

std::vector<Case> reduceResizeCases() {
  std::vector<Case> c;
  auto mean = [](Shape ifm, Shape ofm, std::vector<std::int32_t> axes, DType t = DType::INT8) {
    return withParams(BuiltinOp::MEAN, ifm, ofm, {{{static_cast<std::int32_t>(axes.size())}, axes}}, {{"keep_dims", true}}, t);
  };
  c.push_back({"MeanHeightWidth", [=] { return mean({1, 8, 8, 16}, {1, 1, 1, 16}, {1, 2}); }, ""});
  c.push_back({"MeanNegativeAxis", [=] { return mean({1, 8, 8, 16}, {1, 8, 8, 1}, {-1}); }, "semantic.mean_axis"});
  c.push_back({"MeanDepthWithoutUnitDim", [=] { return mean({1, 8, 8, 16}, {1, 8, 8, 1}, {3}); }, "semantic.mean_axis"});
  c.push_back({"MeanOneDimensional", [=] { return mean({16}, {1}, {0}); }, "semantic.mean_rank"});
  c.push_back({"MeanInt16TooManyElements", [=] {
                 return mean({1, 300, 300, 2}, {1, 1, 1, 2}, {1, 2}, DType::INT16);
               }, "mean.product"});
  c.push_back({"MeanWideInput", [=] { return mean({1, 2, 5000, 2}, {1, 1, 5000, 2}, {1}); }, "mean.width"});
  c.push_back({"MeanDeepInput", [=] { return mean({1, 1, 2, 5000}, {1, 1, 2, 1}, {3}); }, "mean.depth"});
  auto resize = [](BuiltinOp code, Shape ifm, Shape ofm, Opts o = {}) {
    return withParams(code, ifm, ofm, {{{2}, {ofm[1], ofm[2]}}}, o);
  };
  c.push_back({"ResizeBilinearX2", [=] { return resize(BuiltinOp::RESIZE_BILINEAR, {1, 8, 8, 4}, {1, 16, 16, 4}); }, ""});
  c.push_back({"ResizeBilinearX3", [=] { return resize(BuiltinOp::RESIZE_BILINEAR, {1, 14, 14, 64}, {1, 42, 42, 64}); },
               "resize.scale"});
  c.push_back({"ResizeNearestX4", [=] { return resize(BuiltinOp::RESIZE_NEAREST_NEIGHBOR, {1, 4, 4, 4}, {1, 16, 16, 4}); }, ""});
  c.push_back({"ResizeBothCornerFlags", [=] {
                 return resize(BuiltinOp::RESIZE_BILINEAR, {1, 8, 8, 4}, {1, 15, 15, 4},
                               {{"align_corners", true}, {"half_pixel_centers", true}});
               }, "resize.attrs"});
  c.push_back({"ResizeHalfPixelX4", [=] {
                 return resize(BuiltinOp::RESIZE_BILINEAR, {1, 4, 4, 4}, {1, 16, 16, 4}, {{"half_pixel_centers", true}});
               }, "resize.half_pixel_centers"});
  c.push_back({"ResizeSizeMismatch", [] {
                 return withParams(BuiltinOp::RESIZE_BILINEAR, {1, 8, 8, 4}, {1, 16, 16, 4}, {{{2}, {16, 15}}});
               }, "resize.size"});
  c.push_back({"ArgMaxDepth", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto axis = g.i32("axis", {1}, {3});
                 auto out = g.t("out", {1, 4, 4}, DType::INT32, std::nullopt);
                 g.op(BuiltinOp::ARG_MAX, {x, axis}, {out}, {{"output_type", "INT32"}});
                 return g.build({out});
               }, ""});
  c.push_back({"ArgMaxOverHeight", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto axis = g.i32("axis", {1}, {1});
                 auto out = g.t("out", {1, 4, 8}, DType::INT32, std::nullopt);
                 g.op(BuiltinOp::ARG_MAX, {x, axis}, {out}, {{"output_type", "INT32"}});
                 return g.build({out});
               }, "argmax.axis"});
  c.push_back({"ArgMaxDeep", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 200});
                 auto axis = g.i32("axis", {1}, {3});
                 auto out = g.t("out", {1, 4, 4}, DType::INT32, std::nullopt);
                 g.op(BuiltinOp::ARG_MAX, {x, axis}, {out}, {{"output_type", "INT32"}});
                 return g.build({out});
               }, "argmax.depth"});
  c.push_back({"ArgMaxInt8Output", [] {
                 G g;
                 auto x = g.in("a", {1, 4, 4, 8});
                 auto axis = g.i32("axis", {1}, {3});
                 auto out = g.t("out", {1, 4, 4});
                 g.op(BuiltinOp::ARG_MAX, {x, axis}, {out});
                 return g.build({out});
               }, "semantic.argmax_output"});
  return c;
}

class EthosUOps : public ::testing::TestWithParam<Case> {};

TEST_P(EthosUOps, PlacesLikeVela) {
  const auto& c = GetParam();
  auto m = c.make();
  ASSERT_TRUE(m);
  dumpCase(m, "ops_" + c.name);
  auto v = verdictOf(m);
  if (c.rule.empty()) {
    EXPECT_EQ(v.placement, compat::Placement::Npu) << "unexpected CPU placement, rule " << v.rule;
  } else {
    EXPECT_EQ(v.placement, compat::Placement::Cpu);
    EXPECT_EQ(v.rule, c.rule);
  }
}

auto caseName = [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; };
INSTANTIATE_TEST_SUITE_P(Conv, EthosUOps, ::testing::ValuesIn(convCases()), caseName);
INSTANTIATE_TEST_SUITE_P(Pool, EthosUOps, ::testing::ValuesIn(poolCases()), caseName);
INSTANTIATE_TEST_SUITE_P(Elementwise, EthosUOps, ::testing::ValuesIn(elementwiseCases()), caseName);
INSTANTIATE_TEST_SUITE_P(Shape, EthosUOps, ::testing::ValuesIn(shapeCases()), caseName);
INSTANTIATE_TEST_SUITE_P(ReduceResize, EthosUOps, ::testing::ValuesIn(reduceResizeCases()), caseName);

}  // namespace
