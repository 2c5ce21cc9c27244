// The estimate shares its weight sizing with helper threads on models with many weights.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "core/estimate/estimate.h"
#include "core/estimate/weight_encoding.h"
#include "core/model/builder.h"

using namespace inferscope;

namespace {

// input(1 x n) -> `layers` FULLY_CONNECTED n x n, int8 weights (or float weights behind
// DEQUANTIZE when `floatModel`).
model::ModelPtr fcChain(int layers, int n, bool floatModel) {
  using namespace model;
  ModelBuilder b;
  std::mt19937 rng(11);
  auto weights = [&] {
    std::vector<std::int8_t> v(static_cast<std::size_t>(n) * n);
    for (auto& x : v) x = static_cast<std::int8_t>(static_cast<int>(rng() % 61) - 30);
    return v;
  };
  const DType act = floatModel ? DType::FLOAT32 : DType::INT8;
  auto q = [&](float s) { return floatModel ? std::optional<Quantization>() : std::optional(quantParams(s, 0)); };
  auto x = b.addTensor({"input", act, {1, n}, q(0.05f)});
  const auto input = x;
  for (int l = 0; l < layers; ++l) {
    const auto tag = std::to_string(l);
    auto w = b.addConstant({"fc" + tag + "/w", DType::INT8, {n, n}, quantParams(0.01f, 0)}, weights());
    if (floatModel) {
      auto wf = b.addTensor({"fc" + tag + "/w_f", DType::FLOAT32, {n, n}});
      b.addOperator(BuiltinOp::DEQUANTIZE, {w}, {wf}).value();
      w = wf;
    }
    auto y = b.addTensor({"fc" + tag, act, {1, n}, q(0.1f)});
    b.addOperator(BuiltinOp::FULLY_CONNECTED, {x, w, -1}, {y}).value();
    x = y;
  }
  b.setInputs({input});
  b.setOutputs({x});
  return b.build().value();
}

}  // namespace

TEST(EstimateHelpers, WantedOnlyForManyEncodedWeights) {
  const int cpus = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(estimate::helpersWanted(*fcChain(4, 256, false)), 0);  // 262 K weights
  EXPECT_EQ(estimate::helpersWanted(*fcChain(4, 512, false)), cpus > 1 ? 1 : 0);  // 1 M weights
  // A float model's int8 tensors feed DEQUANTIZE: nothing for the NPU's weight encoder.
  EXPECT_EQ(estimate::helpersWanted(*fcChain(4, 512, true)), 0);
}

TEST(EstimateHelpers, SharedWeightSizingGivesTheSameFiguresEveryRun) {
  auto m = fcChain(4, 512, false);  // 1 M weights: sized on two threads where there are two CPUs
  std::vector<bool> npu(m->subgraphs[0].operators.size(), true);
  auto cfg = estimate::velaReferenceConfig("ethos-u55-128");
  ASSERT_TRUE(cfg.ok());
  std::int64_t encoded = -1;
  double cycles = -1;
  for (int run = 0; run < 6; ++run) {
    estimate::clearWeightSizeMemo();
    auto e = estimate::estimateEthosU(*m, npu, *cfg);
    ASSERT_TRUE(e.ok()) << e.error().message;
    ASSERT_EQ(e->layers.size(), 4u);
    EXPECT_GT(e->encodedWeightBytes, 0);
    if (run == 0) {
      encoded = e->encodedWeightBytes;
      cycles = e->totalCycles;
      continue;
    }
    EXPECT_EQ(e->encodedWeightBytes, encoded) << "run " << run;
    EXPECT_EQ(e->totalCycles, cycles) << "run " << run;
  }
}
