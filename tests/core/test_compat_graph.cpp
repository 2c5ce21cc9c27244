// Graph-level effects of Vela's placement: constant folding, unreachable operators, NPU partitions,
// other subgraphs, no propagation between neighbours, and every failing constraint as a reason.
#include <gtest/gtest.h>

#include "core/compat/ethos_u.h"
#include "core/compat_fixtures.h"
#include "core/model_fixtures.h"

using namespace inferscope;
using namespace inferscope::testdata;

namespace {

const std::vector<model::OptionInit> kConvOpts = {{"stride_w", 1}, {"stride_h", 1}, {"padding", "SAME"}};

TEST(CompatGraph, ConvChainRunsEntirelyOnTheNpu) {
  G g;
  auto x = g.in("x", {1, 8, 8, 3});
  auto w1 = g.w8("w1", {16, 3, 3, 3});
  auto c1 = g.t("c1", {1, 8, 8, 16});
  g.op(BuiltinOp::CONV_2D, {x, w1, -1}, {c1}, {{"stride_w", 1}, {"stride_h", 1}, {"padding", "SAME"}, {"fused_activation_function", "RELU"}});
  auto w2 = g.w8("w2", {1, 3, 3, 16});
  auto c2 = g.t("c2", {1, 4, 4, 16});
  g.op(BuiltinOp::DEPTHWISE_CONV_2D, {c1, w2, -1}, {c2},
       {{"stride_w", 2}, {"stride_h", 2}, {"padding", "SAME"}, {"depth_multiplier", 1}});
  auto shape = g.i32("shape", {2}, {1, 256});
  auto flat = g.t("flat", {1, 256});
  g.op(BuiltinOp::RESHAPE, {c2, shape}, {flat}, {{"new_shape", std::vector<std::int64_t>{1, 256}}});
  auto w3 = g.w8("w3", {10, 256});
  auto logits = g.t("logits", {1, 10});
  g.op(BuiltinOp::FULLY_CONNECTED, {flat, w3, -1}, {logits});
  auto probs = g.t("probs", {1, 10}, DType::INT8, q8(1.0f / 256, -128));
  g.op(BuiltinOp::SOFTMAX, {logits}, {probs}, {{"beta", 1.0}});
  auto m = g.build({probs});
  auto r = compat::checkEthosU(*m, u55());
  EXPECT_EQ(r.cpuOps, 0);
  EXPECT_EQ(r.npuOps, 5);
  EXPECT_EQ(r.segments.size(), 1u);
  EXPECT_EQ(r.transitions, 0);
  EXPECT_EQ(compat::npuPlacement(r), std::vector<bool>(5, true));
}

TEST(CompatGraph, ZeroStrideIsNotAnNpuConvolution) {
  // The builder's schema defaults leave strides at 0; Vela cannot compile that.
  auto r = compat::checkEthosU(*smallCnn(), u55());
  EXPECT_TRUE(r.ops[0].onCpu());
  EXPECT_EQ(r.ops[0].primaryReason()->id, "conv.stride");
}

TEST(CompatGraph, QuantizeOfConstantAndShapeFoldAway) {
  G g;
  auto x = g.in("x", {1, 4, 4, 8});
  auto k = g.w8("k", {1, 4, 4, 8}, 5);
  auto kq = g.t("kq", {1, 4, 4, 8}, DType::INT8, q8(0.1f));
  g.op(BuiltinOp::QUANTIZE, {k}, {kq});
  auto sum = g.t("sum", {1, 4, 4, 8});
  g.op(BuiltinOp::ADD, {x, kq}, {sum});
  auto shape = g.t("shape", {4}, DType::INT32, std::nullopt);
  g.op(BuiltinOp::SHAPE, {sum}, {shape}, {{"out_type", "INT32"}});
  auto out = g.t("out", {1, 4, 4, 8});
  g.op(BuiltinOp::RESHAPE, {sum, shape}, {out});
  auto m = g.build({out});
  dumpCase(m, "graph_folding");
  auto r = compat::checkEthosU(*m, u55());
  ASSERT_EQ(r.ops.size(), 4u);
  EXPECT_EQ(r.ops[0].disposition, compat::Disposition::Folded);
  EXPECT_EQ(r.ops[2].disposition, compat::Disposition::Folded);
  EXPECT_EQ(r.foldedOps, 2);
  // The RESHAPE's shape comes from a folded SHAPE: a constant, so it runs on the NPU.
  EXPECT_EQ(r.ops[3].placement, compat::Placement::Npu);
  EXPECT_EQ(r.cpuOps, 0);
  EXPECT_EQ(r.totalOps, 2);
  EXPECT_EQ(compat::npuPlacement(r), std::vector<bool>(4, true));
}

TEST(CompatGraph, UnreachableOperatorsAreDropped) {
  G g;
  auto x = g.in("x", {1, 4, 4, 8});
  auto a = g.t("a", {1, 4, 4, 8});
  g.op(BuiltinOp::RELU, {x}, {a});
  auto dead = g.t("dead", {1, 4, 4, 8}, DType::FLOAT32, std::nullopt);
  g.op(BuiltinOp::DEQUANTIZE, {x}, {dead});
  auto m = g.build({a});
  auto r = compat::checkEthosU(*m, u55());
  EXPECT_EQ(r.ops[1].disposition, compat::Disposition::Unreachable);
  EXPECT_EQ(r.cpuOps, 0);
  EXPECT_EQ(r.unreachableOps, 1);
}

TEST(CompatGraph, CpuOperatorSplitsTheNpuWorkWithoutDraggingNeighbours) {
  G g;
  auto x = g.in("x", {1, 8, 8, 4});
  auto a = g.t("a", {1, 8, 8, 4});
  g.op(BuiltinOp::RELU, {x}, {a});
  auto b = g.t("b", {1, 4, 4, 16});
  g.op(BuiltinOp::SPACE_TO_DEPTH, {a}, {b}, {{"block_size", 2}});
  auto c = g.t("c", {1, 4, 4, 16});
  g.op(BuiltinOp::RELU, {b}, {c});
  auto m = g.build({c});
  auto r = compat::checkEthosU(*m, u55());
  EXPECT_EQ(compat::npuPlacement(r), (std::vector<bool>{true, false, true}));
  ASSERT_EQ(r.segments.size(), 2u);
  EXPECT_EQ(r.segments[0].ops, std::vector<std::int32_t>{0});
  EXPECT_EQ(r.segments[1].ops, std::vector<std::int32_t>{2});
  EXPECT_EQ(r.transitions, 2);
  EXPECT_EQ(r.ops[1].primaryReason()->kind, compat::ReasonKind::CpuOnly);
}

TEST(CompatGraph, OperatorsInOtherSubgraphsArePlacedToo) {
  G g;
  auto cond = g.in("cond", {1}, DType::BOOL, std::nullopt);
  auto x = g.in("x", {1, 4, 4, 8});
  auto y = g.t("y", {1, 4, 4, 8});
  g.op(BuiltinOp::IF, {cond, x}, {y}, {{"then_subgraph_index", 1}, {"else_subgraph_index", 2}});
  auto thenSg = g.subgraph("then");
  auto tx = g.b.addTensor({"tx", DType::INT8, {1, 4, 4, 8}, q8()});
  auto ty = g.b.addTensor({"ty", DType::INT8, {1, 4, 4, 8}, q8()});
  g.op(BuiltinOp::ADD, {tx, tx}, {ty});
  g.b.setInputs({tx});
  g.b.setOutputs({ty});
  g.subgraph("else");
  auto ex = g.b.addTensor({"ex", DType::INT8, {1, 4, 4, 8}, q8()});
  auto ek = g.b.addConstant({"ek", DType::INT8, {1}, q8()}, std::vector<std::int8_t>{2});
  auto ey = g.b.addTensor({"ey", DType::INT8, {1, 4, 4, 8}, q8()});
  g.op(BuiltinOp::DIV, {ex, ek}, {ey});
  g.b.setInputs({ex});
  g.b.setOutputs({ey});
  (void)thenSg;
  auto m = g.build({y});
  dumpCase(m, "graph_subgraphs");
  auto r = compat::checkEthosU(*m, u55());
  const auto* ifOp = r.find(0, 0);
  const auto* add = r.find(1, 0);
  const auto* div = r.find(2, 0);
  ASSERT_TRUE(ifOp && add && div);
  EXPECT_TRUE(ifOp->onCpu());
  EXPECT_EQ(ifOp->primaryReason()->kind, compat::ReasonKind::CpuOnly);
  EXPECT_FALSE(add->onCpu());
  EXPECT_TRUE(div->onCpu());
  EXPECT_EQ(r.cpuOps, 2);
  EXPECT_EQ(compat::npuPlacement(r), std::vector<bool>{false});  // subgraph 0 only
}

// A float conv with stride 4 and a SIGN_BIT activation: it fails four or more constraints.
std::int32_t addFloatConvFailingManyRules(G& g) {
  auto x = g.in("x", {1, 16, 16, 4}, DType::FLOAT32, std::nullopt);
  auto w = g.b.addConstant({"w", DType::FLOAT32, {4, 3, 3, 4}, std::nullopt}, std::vector<float>(144, 0.5f));
  auto out = g.t("y", {1, 4, 4, 4}, DType::FLOAT32, std::nullopt);
  g.op(BuiltinOp::CONV_2D, {x, w, -1}, {out},
       {{"stride_w", 4}, {"stride_h", 4}, {"padding", "SAME"}, {"fused_activation_function", "SIGN_BIT"}});
  return out;
}

TEST(CompatGraph, EveryFailingConstraintIsReportedThePrimaryFirst) {
  // Vela reports only the missing quantization; InferScope also lists what else would have to change.
  G g;
  auto m = g.build({addFloatConvFailingManyRules(g)});
  auto r = compat::checkEthosU(*m, u55());
  const auto& op = r.ops[0];
  ASSERT_TRUE(op.onCpu());
  ASSERT_GE(op.reasons.size(), 4u);
  EXPECT_TRUE(op.reasons[0].primary);
  EXPECT_EQ(op.reasons[0].id, "semantic.quantization");
  EXPECT_EQ(op.reasons[0].detail, "Op has tensors with missing quantization parameters: x, w_reshape, y");
  std::vector<std::string> ids;
  for (const auto& reason : op.reasons) ids.emplace_back(reason.id);
  for (const char* want : {"generic.dtype", "generic.fused_activation", "conv.stride"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), want), ids.end()) << want;
  for (std::size_t i = 1; i < op.reasons.size(); ++i) EXPECT_FALSE(op.reasons[i].primary);
  EXPECT_FALSE(op.advice.empty());
  EXPECT_EQ(op.reasons[0].text(),
            "Input(s), Output and Weight tensors must have quantization parameters: Op has tensors with missing "
            "quantization parameters: x, w_reshape, y");
}

TEST(CompatGraph, PrimaryDepthKeepsOnlyThePrimaryReason) {
  // The same float convolution: with ReasonDepth::Primary the check stops at the failure Vela
  // reports, with the same placement, text and hint, and nothing after it.
  G g;
  auto y = addFloatConvFailingManyRules(g);
  // And an int8 one that passes the semantic checks and fails a supported-operator check (the
  // SIGN_BIT activation): its primary reason comes from the later phase.
  auto w2 = g.w8("w2", {8, 1, 1, 4});
  auto xi = g.in("xi", {1, 16, 16, 4});
  auto y2 = g.t("y2", {1, 16, 16, 8});
  g.op(BuiltinOp::CONV_2D, {xi, w2, -1}, {y2},
       {{"stride_w", 1}, {"stride_h", 1}, {"padding", "SAME"}, {"fused_activation_function", "SIGN_BIT"}});
  auto m = g.build({y, y2});
  auto all = compat::checkEthosU(*m, u55());
  auto primary = compat::checkEthosU(*m, u55(), compat::ReasonDepth::Primary);
  ASSERT_EQ(all.ops.size(), 2u);
  ASSERT_EQ(primary.ops.size(), 2u);
  ASSERT_GE(all.ops[0].reasons.size(), 4u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& a = all.ops[i];
    const auto& p = primary.ops[i];
    EXPECT_TRUE(a.onCpu());
    EXPECT_EQ(p.placement, a.placement);
    ASSERT_EQ(p.reasons.size(), 1u) << i;
    EXPECT_TRUE(p.reasons[0].primary);
    EXPECT_EQ(p.reasons[0].id, a.reasons[0].id);
    EXPECT_EQ(p.reasons[0].text(), a.reasons[0].text());
    EXPECT_EQ(p.reasons[0].hint, a.reasons[0].hint);
  }
  EXPECT_EQ(primary.ops[1].reasons[0].id, "generic.fused_activation");
  EXPECT_EQ(primary.cpuOps, all.cpuOps);
}

TEST(CompatGraph, VelaNamesOperatorsAfterTheirFirstOutput) {
  G g;
  auto x = g.in("x", {1, 4, 4, 8});
  auto y = g.t("relu/out:0", {1, 4, 4, 8});
  g.op(BuiltinOp::RELU, {x}, {y});
  auto r = compat::checkEthosU(*g.build({y}), u55());
  EXPECT_EQ(r.ops[0].name, "relu/out:0");
  EXPECT_EQ(r.ops[0].type, "RELU");
}

TEST(CompatGraph, TargetParsing) {
  EXPECT_TRUE(compat::EthosUTarget::parse("ethos-u55-256").ok());
  EXPECT_EQ(compat::EthosUTarget::parse("ethos-u65-512")->family, compat::EthosUFamily::U65);
  EXPECT_EQ(compat::EthosUTarget::parse("ethos-u85-2048")->macs, 2048);
  EXPECT_FALSE(compat::EthosUTarget::parse("ethos-u65-128").ok());
  EXPECT_FALSE(compat::EthosUTarget::parse("cortex-a").ok());
  EXPECT_EQ(compat::EthosUTarget::parse("ethos-u55-64")->name(), "ethos-u55-64");
}

TEST(CompatGraph, PlacementIsTheSameForEveryU55AndU65Configuration) {
  G g;
  auto x = g.in("x", {1, 56, 56, 16});
  auto w = g.w8("w", {8, 3, 3, 16});
  auto y = g.t("y", {1, 14, 14, 8});
  g.op(BuiltinOp::CONV_2D, {x, w, -1}, {y}, {{"stride_w", 4}, {"stride_h", 4}, {"padding", "SAME"}});
  auto m = g.build({y});
  for (const char* cfg : {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256", "ethos-u65-256", "ethos-u65-512"}) {
    auto r = compat::checkEthosU(*m, compat::EthosUTarget::parse(cfg).value());
    EXPECT_EQ(r.cpuOps, 1) << cfg;
    EXPECT_EQ(r.rulesVersion, "Vela 3.10");
  }
}

}  // namespace
