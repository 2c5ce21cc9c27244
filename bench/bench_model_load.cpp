// Load + IR build time: every model in ../shared/models, and a synthetic 50,000-op model.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/util/fileio.h"
#include "synthetic.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

void loadFile(benchmark::State& state, const std::string& path) {
  for (auto _ : state) {
    auto m = model::loadModel(path);
    if (!m) {
      state.SkipWithError(m.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(m->get());
  }
  state.SetLabel(fs::path(path).filename().string());
}

void loadSynthetic(benchmark::State& state) {
  auto bytes = model::serializeModel(*bench::syntheticNetwork(static_cast<std::int32_t>(state.range(0)))).value();
  auto data = ownBytes(std::move(bytes));
  for (auto _ : state) {
    auto m = model::loadModel(data);
    if (!m) {
      state.SkipWithError(m.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(m->get());
  }
  state.counters["file_MiB"] = static_cast<double>(data->bytes().size()) / (1 << 20);
}
BENCHMARK(loadSynthetic)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

void buildSynthetic(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(bench::syntheticNetwork(static_cast<std::int32_t>(state.range(0))));
}
BENCHMARK(buildSynthetic)->Arg(50000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = std::getenv("INFERSCOPE_SHARED") ? std::getenv("INFERSCOPE_SHARED") : INFERSCOPE_SHARED_DIR;
  std::vector<fs::path> models;
  if (fs::is_directory(shared / "models"))
    for (const auto& e : fs::recursive_directory_iterator(shared / "models"))
      if (e.path().extension() == ".tflite") models.push_back(e.path());
  std::sort(models.begin(), models.end());
  for (const auto& p : models)
    benchmark::RegisterBenchmark(("load/" + p.parent_path().filename().string() + "/" + p.stem().string()).c_str(),
                                 loadFile, p.string())
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
