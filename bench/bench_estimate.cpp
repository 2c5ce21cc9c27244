// Estimate time, in process.
//  * analyze/...: what `inferscope-cli check MODEL --target-profile T --performance` does before it
//    formats the report — load the model, resolve the built-in profile, compatibility check and
//    Vela-like estimate (analysis::analyze). Target (issue 6): MobileNet-v2 on ethos-u55-256
//    <= 10 ms.
//  * estimate/...: compatibility check + estimate of an already loaded model, for every model in
//    ../shared/models on each Ethos-U configuration of the Vela yardstick, and synthetic networks.
// Models are skipped (with a message) when ../shared is absent; point INFERSCOPE_SHARED at it.
// The machine may be shared: compare CPU times, and take medians of repetitions
// (--benchmark_repetitions=5 --benchmark_report_aggregates_only=true).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/compat/ethos_u.h"
#include "core/estimate/estimate.h"
#include "core/estimate/weight_encoding.h"
#include "core/model/loader.h"
#include "core/targets/builtin_profiles.h"
#include "synthetic.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

constexpr const char* kConfigs[] = {"ethos-u55-128", "ethos-u55-256", "ethos-u65-256", "ethos-u65-512"};
constexpr const char* kMobileNet =
    "tflite-micro/third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite";

fs::path sharedDir() {
  const char* env = std::getenv("INFERSCOPE_SHARED");
  return env ? fs::path(env) : fs::path(INFERSCOPE_SHARED_DIR);
}

void estimateModel(benchmark::State& state, model::ModelPtr m, std::string config) {
  auto cfg = estimate::velaReferenceConfig(config);
  auto target = compat::EthosUTarget::parse(config);
  if (!cfg || !target) {
    state.SkipWithError("unknown configuration");
    return;
  }
  for (auto _ : state) {
    estimate::clearWeightSizeMemo();  // every iteration a first run
    auto report = compat::checkEthosU(*m, *target);
    auto e = estimate::estimateEthosU(*m, compat::npuPlacement(report), *cfg);
    if (!e) {
      state.SkipWithError(e.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(e->totalCycles);
  }
}

// The CLI's path: load + profile + analyze, every iteration, as a first run (the weight-size
// memo of earlier iterations cleared) unless `warm`.
void analyzeFile(benchmark::State& state, std::string path, std::string config, bool warm) {
  for (auto _ : state) {
    if (!warm) estimate::clearWeightSizeMemo();
    auto profile = targets::resolveProfile(config);
    auto m = model::loadModel(path);
    if (!profile || !m) {
      state.SkipWithError(profile ? "model does not load" : "unknown profile");
      break;
    }
    analysis::Options options;
    options.performance = true;
    auto run = analysis::analyze(*m, path, *profile, options);
    if (!run) {
      state.SkipWithError(run.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(run->performance->totalCycles);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path shared = sharedDir();
  std::vector<fs::path> models;
  if (fs::is_directory(shared / "models")) {
    for (const auto& e : fs::recursive_directory_iterator(shared / "models"))
      if (e.path().extension() == ".tflite") models.push_back(e.path());
  } else {
    std::fprintf(stderr, "bench_estimate: %s not found (set INFERSCOPE_SHARED); real models skipped\n",
                 (shared / "models").string().c_str());
  }
  std::sort(models.begin(), models.end());

  if (fs::exists(shared / "models" / kMobileNet)) {
    for (const char* cfg : kConfigs)
      benchmark::RegisterBenchmark(("analyze/" + std::string(cfg) + "/mobilenet_v2").c_str(), analyzeFile,
                                   (shared / "models" / kMobileNet).string(), std::string(cfg), false)
          ->Unit(benchmark::kMillisecond);
    // Again on the same model (a GUI re-run): the weight-size memo answers repeated streams.
    benchmark::RegisterBenchmark("analyze_again/ethos-u55-256/mobilenet_v2", analyzeFile,
                                 (shared / "models" / kMobileNet).string(), std::string("ethos-u55-256"), true)
        ->Unit(benchmark::kMillisecond);
  }
  for (const auto& p : models) {
    auto m = model::loadModel(p.string());
    if (!m) continue;
    for (const char* cfg : kConfigs)
      benchmark::RegisterBenchmark(("estimate/" + std::string(cfg) + "/" + p.stem().string()).c_str(), estimateModel,
                                   *m, std::string(cfg))
          ->Unit(benchmark::kMillisecond);
  }
  for (int ops : {1000, 10000})
    benchmark::RegisterBenchmark(("estimate/ethos-u55-256/synthetic_" + std::to_string(ops)).c_str(), estimateModel,
                                 bench::syntheticNetwork(ops), std::string("ethos-u55-256"))
        ->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
