// Given Vela's own CPU placement, the lowering yields as many NPU operators as Vela reports.
#include <gtest/gtest.h>

#include <map>

#include "core/estimate/lowering.h"
#include "core/model/loader.h"
#include "core/compat_fixtures.h"
#include "core/model_fixtures.h"
#include "support/shared_data.h"
#include "support/vela_ref.h"

using namespace inferscope;

TEST(Lowering, SmallCnnOperators) {
  auto m = testdata::smallCnn();
  std::vector<bool> npu(m->subgraphs[0].operators.size(), true);
  auto g = estimate::lowerGraph(*m, npu);
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->segments.size(), 1u);
  const auto& ops = g->segments[0].ops;
  // conv, depthwise, (reshape vanishes), fully connected, softmax as 31 operations.
  ASSERT_EQ(ops.size(), 3u + 31u);
  EXPECT_EQ(ops[0].type, estimate::NpuOpType::Conv2DBias);
  EXPECT_EQ(ops[0].activation, estimate::Activation::Relu);
  EXPECT_EQ(ops[1].type, estimate::NpuOpType::DepthwiseConv2DBias);
  EXPECT_EQ(ops[1].kernel.strideX, 2);
  EXPECT_EQ(ops[2].type, estimate::NpuOpType::FullyConnected);
  EXPECT_EQ(ops[2].ifmShape.c, 256);
  EXPECT_EQ(g->npuOperators, 1 + 1 + 1 + 31);  // the bypassed reshape is no NPU operator
  // The depthwise output is read through a reshape by the FC: it must stay linear.
  EXPECT_EQ(g->featureMaps[static_cast<std::size_t>(ops[1].ofm)].format, estimate::TensorFormat::NHWC);
}

TEST(Lowering, CpuOperatorsSplitSegments) {
  auto m = testdata::smallCnn();
  std::vector<bool> npu(m->subgraphs[0].operators.size(), true);
  npu[1] = false;  // depthwise on the CPU
  auto g = estimate::lowerGraph(*m, npu);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->segments.size(), 2u);
  EXPECT_EQ(g->cpuOps, (std::vector<std::int32_t>{1}));
  // The CPU-produced input of the reshape makes it a DMA copy.
  EXPECT_EQ(g->segments[1].ops[0].type, estimate::NpuOpType::Memcpy);
}

// Vela's pass order: each input of a concatenation is copied right after its own branch, and a
// branch is walked from the joining operation's first operand, whatever the stored order.
TEST(Lowering, BranchesRunRightBeforeTheirConcatenationWrite) {
  using testdata::BuiltinOp;
  testdata::G g;
  auto x = g.in("x", {1, 8, 8, 16});
  auto a1 = g.t("a1", {1, 8, 8, 16}), b1 = g.t("b1", {1, 8, 8, 16});
  auto a2 = g.t("a2", {1, 8, 8, 16}), b2 = g.t("b2", {1, 8, 8, 16});
  auto cat = g.t("cat", {1, 8, 8, 32});
  // Stored breadth first: a1, b1, a2, b2, concat.
  g.op(BuiltinOp::RELU, {x}, {a1});
  g.op(BuiltinOp::TANH, {x}, {b1});
  g.op(BuiltinOp::RELU6, {a1}, {a2});
  g.op(BuiltinOp::LOGISTIC, {b1}, {b2});
  g.op(BuiltinOp::CONCATENATION, {a2, b2}, {cat}, {{"axis", 3}});
  auto m = g.build({cat});
  std::vector<bool> npu(5, true);
  auto lowered = estimate::lowerGraph(*m, npu);
  ASSERT_TRUE(lowered.ok());
  ASSERT_EQ(lowered->segments.size(), 1u);
  std::vector<std::string> names;
  for (const auto& op : lowered->segments[0].ops) names.push_back(op.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a1_avgpool", "a2_avgpool", "cat0_avgpool", "b1_lut_tanh", "b2_lut_sigmoid", "cat1_avgpool"}));
  // The stored order is still available.
  estimate::LoweringOptions stored;
  stored.velaPassOrder = false;
  auto plain = estimate::lowerGraph(*m, npu, stored);
  ASSERT_TRUE(plain.ok());
  names.clear();
  for (const auto& op : plain->segments[0].ops) names.push_back(op.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a1_avgpool", "b1_lut_tanh", "a2_avgpool", "b2_lut_sigmoid", "cat0_avgpool", "cat1_avgpool"}));
}

// An operation no output depends on (Vela drops it) neither blocks the walk through its input's
// producer nor disappears: it keeps its lowered place.
TEST(Lowering, DeadOperationsKeepTheirPlaceAndDoNotBlockTheOrder) {
  using testdata::BuiltinOp;
  testdata::G g;
  auto x = g.in("x", {1, 8, 8, 16});
  auto a1 = g.t("a1", {1, 8, 8, 16}), b1 = g.t("b1", {1, 8, 8, 16}), dead = g.t("dead", {1, 8, 8, 16});
  auto a2 = g.t("a2", {1, 8, 8, 16}), b2 = g.t("b2", {1, 8, 8, 16});
  auto cat = g.t("cat", {1, 8, 8, 32});
  g.op(BuiltinOp::RELU, {x}, {a1});
  g.op(BuiltinOp::RELU, {a1}, {dead});  // read by nothing, not an output
  g.op(BuiltinOp::TANH, {x}, {b1});
  g.op(BuiltinOp::RELU6, {a1}, {a2});
  g.op(BuiltinOp::LOGISTIC, {b1}, {b2});
  g.op(BuiltinOp::CONCATENATION, {a2, b2}, {cat}, {{"axis", 3}});
  auto m = g.build({cat});
  auto lowered = estimate::lowerGraph(*m, std::vector<bool>(6, true));
  ASSERT_TRUE(lowered.ok());
  ASSERT_EQ(lowered->segments.size(), 1u);
  std::vector<std::string> names;
  for (const auto& op : lowered->segments[0].ops) names.push_back(op.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a1_avgpool", "dead_avgpool", "a2_avgpool", "cat0_avgpool", "b1_lut_tanh",
                                             "b2_lut_sigmoid", "cat1_avgpool"}));
}

// An operation the lowering runs in place (MEAN's partial sums over a tall input) does not stop the
// walk: the second operand's branch still runs first.
TEST(Lowering, InPlaceOperationsKeepThePassOrder) {
  using testdata::BuiltinOp;
  testdata::G g;
  auto x = g.in("x", {1, 128, 128, 16});
  auto y = g.in("y", {1, 1, 1, 16});
  auto axes = g.i32("axes", {2}, {1, 2});
  auto m = g.t("m", {1, 1, 1, 16}), r = g.t("r", {1, 1, 1, 16}), out = g.t("out", {1, 1, 1, 16});
  g.op(BuiltinOp::MEAN, {x, axes}, {m}, {{"keep_dims", true}});
  g.op(BuiltinOp::RELU, {y}, {r});
  g.op(BuiltinOp::ADD, {m, r}, {out});
  auto model = g.build({out});
  auto lowered = estimate::lowerGraph(*model, std::vector<bool>(3, true));
  ASSERT_TRUE(lowered.ok());
  ASSERT_EQ(lowered->segments.size(), 1u);
  const auto& ops = lowered->segments[0].ops;
  ASSERT_GE(ops.size(), 5u);  // two partial sums and their add, the scale, the RELU, the ADD
  bool inPlace = false;
  for (const auto& op : ops) inPlace = inPlace || op.ifm == op.ofm;
  EXPECT_TRUE(inPlace);
  EXPECT_EQ(ops.front().name, "r_avgpool");
  EXPECT_EQ(ops.back().type, estimate::NpuOpType::Add);
}

// A CPU operator moves down to the next CPU operator when no NPU operation in between reads its
// result, so the NPU work is not cut in two (Vela's grouping of CPU passes).
TEST(Lowering, CpuOperatorsAreGroupedAsVelaGroupsThem) {
  using testdata::BuiltinOp;
  testdata::G g;
  auto x = g.in("x", {1, 8, 8, 16});
  auto y = g.in("y", {1, 8, 8, 16});
  auto a = g.t("a", {1, 8, 8, 16}), b = g.t("b", {1, 8, 8, 16}), c = g.t("c", {1, 8, 8, 16});
  auto d = g.t("d", {1, 8, 8, 16}), e = g.t("e", {1, 8, 8, 16});
  g.op(BuiltinOp::RELU, {x}, {a});         // NPU
  g.op(BuiltinOp::RELU, {a}, {b});         // "CPU" (placed there by the caller)
  g.op(BuiltinOp::RELU, {y}, {c});         // NPU, independent of b
  g.op(BuiltinOp::ADD, {c, b}, {d});       // "CPU"; the walk reaches c's branch last: a, b, c, d, e
  g.op(BuiltinOp::RELU, {d}, {e});         // NPU
  auto m = g.build({e});
  std::vector<bool> npu{true, false, true, false, true};
  auto lowered = estimate::lowerGraph(*m, npu);
  ASSERT_TRUE(lowered.ok());
  // Execution: [a, c] on the NPU, the two CPU operators together, then [e].
  ASSERT_EQ(lowered->execution.size(), 4u);
  ASSERT_EQ(lowered->segments.size(), 2u);
  EXPECT_EQ(lowered->segments[0].ops.size(), 2u);
  EXPECT_EQ(lowered->execution[1].cpuOp, 1);
  EXPECT_EQ(lowered->execution[2].cpuOp, 3);
  EXPECT_EQ(lowered->segments[1].ops[0].name, "e_avgpool");
}

TEST(Lowering, NpuOperatorCountsMatchVela) {
  INFERSCOPE_REQUIRE_SHARED();
  int total = 0, exact = 0;
  std::map<std::string, int> misses;
  for (auto root : {testdata::sharedDir() / "vela_ref", testdata::sharedDir() / "calib/vela_ref"}) {
    for (const auto& run : testdata::velaRuns(root)) {
      if (run.config != "ethos-u55-128" || run.status.rfind("ok", 0) != 0) continue;
      auto path = testdata::modelFile(run);
      auto m = model::loadModel(path.string());
      ASSERT_TRUE(m.ok()) << path;
      auto placement = testdata::velaPlacement(**m, testdata::velaCpuOps(run.dir));
      auto g = estimate::lowerGraph(**m, placement);
      ASSERT_TRUE(g.ok());
      ++total;
      auto want = static_cast<int>(run.num("npu_ops"));
      if (g->npuOperators == want) ++exact;
      else misses[run.model] = g->npuOperators - want;
    }
  }
  std::string list;
  for (const auto& [k, v] : misses) list += "  " + k + ": " + (v > 0 ? "+" : "") + std::to_string(v) + "\n";
  std::cout << "NPU operator count matches Vela for " << exact << " of " << total << " models\n" << list;
  EXPECT_GE(exact * 100, total * 90) << list;
}
