// Given Vela's own CPU placement, the lowering yields as many NPU operators as Vela reports.
#include <gtest/gtest.h>

#include <map>

#include "core/estimate/lowering.h"
#include "core/model/loader.h"
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
