// Layered layout of synthetic models (residual blocks, inception branches, long skips) with 1k,
// 10k and 50k operators. Targets on a 2-core machine: 10k ops <= 1 s, 50k ops <= 5 s.
// Also the bench/synthetic.h network (inverted residuals) and the largest shared models.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>

#include "core/layout/layered_layout.h"
#include "core/layout/model_graph.h"
#include "core/layout/synthetic_model.h"
#include "core/model/loader.h"
#include "synthetic.h"

using namespace inferscope;

namespace {

// Node sizes like the GUI's: wider and taller for operators with weights and attributes.
layout::Size measure(const layout::ModelGraph& g, const model::Subgraph& sg, std::int32_t v) {
  const auto& n = g.nodes[static_cast<std::size_t>(v)];
  if (n.kind != layout::ModelNode::Kind::Operator) return {110, 34};
  const auto& op = sg.operators[static_cast<std::size_t>(n.index)];
  int rows = 0;
  for (auto t : op.inputs)
    if (const auto* tensor = sg.tensor(t); tensor && tensor->isConstant()) ++rows;
  rows += op.options.empty() ? 0 : 3;
  return {130.0 + 10 * (rows > 0), 22.0 + 16 * rows};
}

const model::ModelPtr& cachedModel(std::int64_t ops, bool inverted) {
  static std::map<std::pair<std::int64_t, bool>, model::ModelPtr> cache;
  auto& m = cache[{ops, inverted}];
  if (!m) m = inverted ? bench::syntheticNetwork(static_cast<std::int32_t>(ops)) : layout::syntheticModel(static_cast<std::int32_t>(ops));
  return m;
}

void runLayout(benchmark::State& state, const model::ModelPtr& m) {
  const auto& sg = m->subgraphs[0];
  std::int64_t crossings = 0, dummies = 0, ranks = 0;
  for (auto _ : state) {
    // What the GUI's background job does: model graph, then layout.
    auto g = layout::buildModelGraph(sg);
    auto lg = g.layoutGraph();
    auto l = layout::layeredLayout(lg, [&](std::int32_t v) { return measure(g, sg, v); });
    if (!l.ok()) {
      state.SkipWithError(l.error().message.c_str());
      return;
    }
    crossings = l->crossings;
    dummies = l->dummyCount;
    ranks = l->rankCount;
    benchmark::DoNotOptimize(l->bounds);
  }
  state.counters["ops"] = static_cast<double>(sg.operators.size());
  state.counters["ranks"] = static_cast<double>(ranks);
  state.counters["dummies"] = static_cast<double>(dummies);
  state.counters["crossings"] = static_cast<double>(crossings);
}

void BM_LayoutSynthetic(benchmark::State& state) { runLayout(state, cachedModel(state.range(0), false)); }
void BM_LayoutInvertedResidual(benchmark::State& state) { runLayout(state, cachedModel(state.range(0), true)); }

void BM_LayoutSharedModel(benchmark::State& state, const char* relative) {
  std::filesystem::path p = std::filesystem::path(INFERSCOPE_SHARED_DIR) / "models" / relative;
  auto m = model::loadModel(p.string());
  if (!m.ok()) {
    state.SkipWithError(("../shared is absent or unreadable: " + p.string()).c_str());
    return;
  }
  runLayout(state, *m);
}

}  // namespace

BENCHMARK(BM_LayoutSynthetic)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LayoutInvertedResidual)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_LayoutSharedModel, mobilenet_v2,
                  "tflite-micro/third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LayoutSharedModel, ssd_mobilenet_v2, "mediapipe/object_detection_ssd_mobilenetv2_oidv4_fp16.tflite")
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
