// Estimate time: compatibility check + Vela-like estimate, in process, for every model in
// ../shared/models on each Ethos-U configuration of the yardstick, and for synthetic networks.
// Target: MobileNet-v2 on ethos-u55-256 <= 10 ms.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/compat/ethos_u.h"
#include "core/estimate/estimate.h"
#include "core/model/loader.h"
#include "synthetic.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

void estimateModel(benchmark::State& state, model::ModelPtr m, std::string config) {
  auto cfg = estimate::velaReferenceConfig(config);
  auto target = compat::EthosUTarget::parse(config);
  if (!cfg || !target) {
    state.SkipWithError("unknown configuration");
    return;
  }
  for (auto _ : state) {
    auto report = compat::checkEthosU(*m, *target);
    auto e = estimate::estimateEthosU(*m, compat::npuPlacement(report), *cfg);
    if (!e) {
      state.SkipWithError(e.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(e->totalCycles);
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = std::getenv("INFERSCOPE_SHARED") ? std::getenv("INFERSCOPE_SHARED") : INFERSCOPE_SHARED_DIR;
  std::vector<fs::path> models;
  if (fs::is_directory(shared / "models"))
    for (const auto& e : fs::recursive_directory_iterator(shared / "models"))
      if (e.path().extension() == ".tflite") models.push_back(e.path());
  std::sort(models.begin(), models.end());
  for (const auto& p : models) {
    auto m = model::loadModel(p.string());
    if (!m) continue;
    for (const char* cfg : {"ethos-u55-128", "ethos-u55-256", "ethos-u65-256", "ethos-u65-512"})
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
