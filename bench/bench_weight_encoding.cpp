// Encoded weight size: the exact mlw size model per weight, and whole models in the default
// (Auto: exact for small streams, sampled for large ones) and exact modes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/estimate/mlw_size.h"
#include "core/estimate/weight_encoding.h"
#include "core/model/loader.h"
#include "synthetic.h"

using namespace inferscope;
using namespace inferscope::estimate;
namespace fs = std::filesystem;

namespace {

fs::path sharedDir() {
  return std::getenv("INFERSCOPE_SHARED") ? fs::path(std::getenv("INFERSCOPE_SHARED")) : fs::path(INFERSCOPE_SHARED_DIR);
}

// The weighted operators of subgraph 0 with their encoder layouts (block depth 16, one slice).
struct WeightItem {
  WeightLayout layout;
  std::span<const std::int8_t> values;
};

std::vector<WeightItem> weightItems(const model::Model& m) {
  std::vector<WeightItem> items;
  const auto& sg = m.subgraphs[0];
  for (const auto& op : sg.operators) {
    using model::BuiltinOp;
    const bool tconv = op.code == BuiltinOp::TRANSPOSE_CONV;
    if (op.code != BuiltinOp::CONV_2D && op.code != BuiltinOp::DEPTHWISE_CONV_2D &&
        op.code != BuiltinOp::FULLY_CONNECTED && !tconv)
      continue;
    const auto* w = sg.tensor(op.inputs[1]);
    const auto* in = sg.tensor(tconv ? op.inputs[2] : op.inputs[0]);
    if (!w || !in || !w->isConstant() || w->dtype != model::DType::INT8) continue;
    WeightItem it;
    it.values = {reinterpret_cast<const std::int8_t*>(w->data.data()), w->data.size()};
    auto& l = it.layout;
    l.ifmBits = in->dtype == model::DType::INT16 ? 16 : 8;
    if (op.code == BuiltinOp::FULLY_CONNECTED) {
      l.kind = WeightOpKind::FullyConnected;
      l.ofmDepth = w->shape[0];
      l.ifmDepth = w->shape[1];
    } else if (op.code == BuiltinOp::DEPTHWISE_CONV_2D) {
      l.kind = in->shape.back() == 1 && w->shape[3] > 1 ? WeightOpKind::Conv : WeightOpKind::Depthwise;
      l.source = WeightSourceOrder::DepthwiseHwo;
      l.ofmDepth = w->shape[3];
      l.kernelHeight = w->shape[1];
      l.kernelWidth = w->shape[2];
      l.ifmDepth = 1;
    } else {
      l.kind = tconv ? WeightOpKind::TransposeConv : WeightOpKind::Conv;
      l.ofmDepth = w->shape[0];
      l.kernelHeight = w->shape[1];
      l.kernelWidth = w->shape[2];
      l.ifmDepth = w->shape[3];
    }
    items.push_back(it);
  }
  return items;
}

void encodeModel(benchmark::State& state, const fs::path& path, EncodeMode mode) {
  auto m = model::loadModel(path.string());
  if (!m) {
    state.SkipWithError(m.error().message.c_str());
    return;
  }
  const auto items = weightItems(**m);
  EncodeOptions options;
  options.mode = mode;
  std::int64_t total = 0, weights = 0;
  for (auto _ : state) {
    total = 0;
    for (const auto& it : items) {
      auto r = encodedWeightSize(it.values, it.layout, options);
      if (!r) {
        state.SkipWithError(r.error().message.c_str());
        return;
      }
      total += r->totalBytes;
    }
    benchmark::DoNotOptimize(total);
  }
  for (const auto& it : items) weights += static_cast<std::int64_t>(it.values.size());
  state.counters["encoded_bytes"] = static_cast<double>(total);
  state.counters["weights"] = static_cast<double>(weights);
  state.counters["ns_per_weight"] =
      benchmark::Counter(static_cast<double>(weights), benchmark::Counter::kIsIterationInvariantRate |
                                                           benchmark::Counter::kInvert);
  state.SetLabel(path.stem().string());
}

// The same through the batch API, its jobs shared out over threads.
void encodeModelBatch(benchmark::State& state, const fs::path& path) {
  auto m = model::loadModel(path.string());
  if (!m) {
    state.SkipWithError(m.error().message.c_str());
    return;
  }
  std::vector<WeightJob> jobs;
  for (const auto& it : weightItems(**m)) {
    WeightJob j;
    j.int8 = it.values;
    j.layout = it.layout;
    jobs.push_back(j);
  }
  std::int64_t total = 0;
  for (auto _ : state) {
    total = 0;
    for (const auto& r : encodedWeightSizes(jobs)) total += r ? r->totalBytes : 0;
    benchmark::DoNotOptimize(total);
  }
  state.counters["encoded_bytes"] = static_cast<double>(total);
  state.SetLabel(path.stem().string());
}

// The exact size model on one already-ordered stream of normal int8-range values.
void exactStream(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const double sparsity = static_cast<double>(state.range(1)) / 100.0;
  std::mt19937 rng(1);
  std::normal_distribution<double> normal(0.0, 20.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::int16_t> stream(n);
  for (auto& v : stream)
    v = unit(rng) < sparsity ? 0 : static_cast<std::int16_t>(std::clamp<long>(std::lround(normal(rng)), -127, 127));
  MlwSizer sizer;
  for (auto _ : state) benchmark::DoNotOptimize(sizer.encodedBytes(stream));
  state.counters["ns_per_weight"] = benchmark::Counter(
      static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(exactStream)->Args({65536, 0})->Args({65536, 50})->Args({65536, 90})->Unit(benchmark::kMicrosecond);

// Weights of a synthetic inverted-residual network (no ../shared needed).
void syntheticNetwork(benchmark::State& state) {
  const auto m = bench::syntheticNetwork(static_cast<std::int32_t>(state.range(0)));
  const auto items = weightItems(*m);
  std::int64_t weights = 0;
  for (const auto& it : items) weights += static_cast<std::int64_t>(it.values.size());
  for (auto _ : state) {
    std::int64_t total = 0;
    for (const auto& it : items) {
      auto r = encodedWeightSize(it.values, it.layout);
      if (r) total += r->totalBytes;
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["weights"] = static_cast<double>(weights);
}
BENCHMARK(syntheticNetwork)->Arg(300)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  const fs::path models = sharedDir() / "models" / "tflite-micro";
  const char* files[] = {
      "third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite",
      "models__person_detect.tflite",
      "examples__micro_speech__models__micro_speech_quantized.tflite",
  };
  for (const char* f : files) {
    const fs::path p = models / f;
    if (!fs::exists(p)) continue;
    benchmark::RegisterBenchmark(("model_auto/" + p.stem().string()).c_str(), encodeModel, p, EncodeMode::Auto)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("model_exact/" + p.stem().string()).c_str(), encodeModel, p, EncodeMode::Exact)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("model_batch/" + p.stem().string()).c_str(), encodeModelBatch, p)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
