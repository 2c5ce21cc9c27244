// Report files and chart data: CSV (Vela's columns, RFC 4180) and JSON round trips, the files an
// analysis run writes, the chart figures' consistency with the estimate, and target comparison.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "core/analysis/analysis.h"
#include "core/model/builder.h"
#include "core/report/chart_data.h"
#include "core/report/compare.h"
#include "core/report/export.h"
#include "core/report/performance.h"
#include "core/targets/builtin_profiles.h"
#include "core/util/csv.h"
#include "core/util/json.h"
#include "support/shared_data.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

// input 1x32x32x8 -> CONV 3x3 s1 -> CONV 3x3 s4 (CPU: stride above 3) -> CONV 1x1 -> ADD(x, x) -> output
model::ModelPtr mixedModel() {
  using namespace model;
  ModelBuilder b;
  std::mt19937 rng(11);
  auto w = [&](std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = static_cast<std::int8_t>(static_cast<int>(rng() % 200) - 100);
    return v;
  };
  auto q = [](float s, int zp) { return quantParams(s, zp); };
  auto conv = [&](std::int32_t x, int cin, int cout, int k, int stride, int hw, const std::string& name) {
    auto wt = b.addConstant({name + "/w", DType::INT8, {cout, k, k, cin}, quantPerChannel(std::vector<float>(cout, 0.01f), 0)},
                            w(static_cast<std::size_t>(cout * k * k * cin)));
    auto bias = b.addConstant({name + "/b", DType::INT32, {cout}, quantPerChannel(std::vector<float>(cout, 0.0004f), 0)},
                              std::vector<std::int32_t>(static_cast<std::size_t>(cout), 3));
    auto y = b.addTensor({name, DType::INT8, {1, hw, hw, cout}, q(0.1f, -128)});
    b.addOperator(BuiltinOp::CONV_2D, {x, wt, bias}, {y},
                  {{"padding", "SAME"}, {"stride_w", stride}, {"stride_h", stride}, {"fused_activation_function", "RELU"}})
        .value();
    return y;
  };
  auto in = b.addTensor({"input, \"quoted\"", DType::INT8, {1, 32, 32, 8}, q(0.05f, 0)});
  auto c1 = conv(in, 8, 16, 3, 1, 32, "conv1");
  auto c2 = conv(c1, 16, 32, 3, 4, 8, "conv2_stride4");
  auto c3 = conv(c2, 32, 32, 1, 1, 8, "conv3");
  auto sum = b.addTensor({"sum", DType::INT8, {1, 8, 8, 32}, q(0.2f, -128)});
  b.addOperator(BuiltinOp::ADD, {c3, c2}, {sum}).value();
  b.setInputs({in});
  b.setOutputs({sum});
  return b.build().value();
}

analysis::Analysis analyzeMixed(const char* profile = "ethos-u55-128") {
  auto p = targets::resolveProfile(profile);
  EXPECT_TRUE(p.ok());
  auto a = analysis::analyze(mixedModel(), "/models/mixed net.tflite", *p);
  EXPECT_TRUE(a.ok()) << a.error().message;
  return std::move(*a);
}

double num(const std::string& s) { return std::stod(s); }

}  // namespace

TEST(ReportCsv, PerLayerRoundTripsWithVelasColumns) {
  auto a = analyzeMixed();
  ASSERT_TRUE(a.performance);
  const auto& e = *a.performance;
  ASSERT_EQ(e.cpuOps.size(), 1u);
  auto t = csv::Table::parse(report::perLayerCsv(e));
  ASSERT_TRUE(t.ok()) << t.error().message;
  std::vector<std::string> vela = {"TFLite_operator", "NNG Operator", "SRAM Usage", "Peak%", "Op Cycles", "Network%",
                                   "NPU", "SRAM AC", "DRAM AC", "OnFlash AC", "OffFlash AC", "MAC Count", "Network%",
                                   "Util%", "Name"};
  EXPECT_EQ(t->header(), vela);
  ASSERT_EQ(t->size(), e.layers.size());
  for (std::size_t i = 0; i < e.layers.size(); ++i) {
    const auto& l = e.layers[i];
    EXPECT_EQ(t->get(i, "TFLite_operator"), l.tfliteOperator);
    EXPECT_EQ(t->get(i, "Name"), l.name);
    EXPECT_EQ(std::stoll(t->get(i, "SRAM Usage")), l.sramUsage);
    EXPECT_EQ(std::stoll(t->get(i, "MAC Count")), l.macs);
    EXPECT_NEAR(num(t->get(i, "Op Cycles")), l.opCycles, 0.06);
    EXPECT_NEAR(num(t->get(i, "NPU")), l.npuCycles, 0.06);
  }
}

TEST(ReportCsv, SummaryRoundTrips) {
  auto a = analyzeMixed();
  const auto& e = *a.performance;
  auto t = csv::Table::parse(report::summaryCsv(e, "mixed net, v1"));
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ(t->get(0, "network"), "mixed net, v1");
  EXPECT_EQ(t->get(0, "accelerator_configuration"), "ethos-u55-128");
  EXPECT_EQ(t->get(0, "system_config"), e.systemConfig);
  EXPECT_NEAR(num(t->get(0, "cycles_total")), e.totalCycles, 0.06);
  EXPECT_NEAR(num(t->get(0, "inference_time")), e.inferenceTimeMs / 1000, 1e-8);
  EXPECT_NEAR(num(t->get(0, "sram_memory_used")), e.sramUsedKiB, 1e-4);
  EXPECT_EQ(std::stoll(t->get(0, "nn_macs")), e.macs);
  EXPECT_EQ(std::stoi(t->get(0, "cpu_operators")), 1);
}

TEST(ReportCsv, CompatibilityQuotesNamesAndMultiLineReasons) {
  auto a = analyzeMixed();
  ASSERT_TRUE(a.ethosU);
  auto text = report::compatibilityCsv(*a.ethosU);
  auto t = csv::Table::parse(text);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), a.ethosU->ops.size());
  int cpu = 0;
  for (std::size_t i = 0; i < t->size(); ++i) {
    const auto& op = a.ethosU->ops[i];
    EXPECT_EQ(t->get(i, "name"), op.name);
    EXPECT_EQ(std::stoi(t->get(i, "index")), op.index);
    if (t->get(i, "placement") == "CPU") {
      ++cpu;
      EXPECT_EQ(t->get(i, "name"), "conv2_stride4");
      EXPECT_FALSE(t->get(i, "primary_reason").empty());
      EXPECT_NE(t->get(i, "primary_reason").find("tride"), std::string::npos) << t->get(i, "primary_reason");
    }
  }
  EXPECT_EQ(cpu, 1);
}

TEST(ReportFiles, WritesVelaNamedCsvFilesAndJsonAtomically) {
  auto a = analyzeMixed();
  auto dir = testdata::tempDir() / "reports" / "nested";
  auto files = report::writeCsvReports(dir.string(), a);
  ASSERT_TRUE(files.ok()) << files.error().message;
  EXPECT_EQ(fs::path(files->perLayer).filename(), "mixed net_per-layer.csv");
  EXPECT_EQ(fs::path(files->summary).filename(),
            "mixed net_summary_" + a.performance->systemConfig + ".csv");
  EXPECT_EQ(fs::path(files->cpuLayers).filename(), "mixed net_cpu-layers.csv");
  EXPECT_EQ(fs::path(files->compatibility).filename(), "mixed net_compatibility.csv");
  EXPECT_EQ(files->all().size(), 4u);
  for (const auto& f : files->all()) {
    auto t = csv::Table::parse(testdata::readFile(f));
    ASSERT_TRUE(t.ok()) << f;
    EXPECT_GT(t->size(), 0u) << f;
  }
  EXPECT_EQ(testdata::readFile(files->perLayer), report::perLayerCsv(*a.performance));
  auto cpu = csv::Table::parse(testdata::readFile(files->cpuLayers));
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(cpu->get(0, "type"), "CONV_2D");
  // Nothing temporary is left beside the files.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& x : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 4u);

  json::Value doc = json::Object{};
  doc.set("model", "mixed net.tflite");
  doc.set("performance", report::performanceJson(*a.performance));
  auto jpath = (dir / "run.json").string();
  ASSERT_TRUE(report::writeJsonReport(jpath, doc).ok());
  auto back = json::parse(testdata::readFile(jpath));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(json::write(*back), json::write(doc));
  EXPECT_DOUBLE_EQ((*back)["performance"]["total_cycles"].asDouble(), a.performance->totalCycles);
  EXPECT_EQ((*back)["performance"]["layers"].size(), a.performance->layers.size());
  EXPECT_EQ((*back)["performance"]["cpu_layers"][0]["type"].asString(), "CONV_2D");
  fs::remove_all(dir.parent_path().parent_path());
}

TEST(ReportFiles, UnwritableDirectoryIsAnError) {
  auto a = analyzeMixed();
  auto base = testdata::tempDir();
  auto file = base / "plain";
  ASSERT_TRUE(report::writeJsonReport(file.string(), json::Value(1)).ok());
  auto r = report::writeCsvReports((file / "sub").string(), a);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  fs::remove_all(base);
}

TEST(ChartData, LayerBarsAddUpToTheEstimate) {
  auto a = analyzeMixed();
  const auto& e = *a.performance;
  auto bars = report::layerBars(e, a.model.get());
  ASSERT_EQ(bars.bars.size(), 4u);  // three NPU operators and the CPU convolution
  double npu = 0, cpu = 0;
  for (const auto& b : bars.bars) {
    (b.cpu ? cpu : npu) += b.total();
    EXPECT_GE(b.computeCycles, 0);
    EXPECT_GE(b.memoryCycles, 0);
  }
  EXPECT_NEAR(npu, e.totalCycles, 1e-6 * e.totalCycles);
  EXPECT_NEAR(cpu, e.cpuCyclesEstimate * bars.cpuToNpuCycles, 1e-6 * cpu);
  // Graph order follows the operators; the CPU one is operator 1.
  for (std::size_t i = 0; i < bars.bars.size(); ++i) EXPECT_EQ(bars.bars[i].op, static_cast<int>(i));
  EXPECT_TRUE(bars.bars[1].cpu);
  EXPECT_EQ(bars.bars[1].name, "conv2_stride4");
  EXPECT_EQ(bars.bars[0].type, "CONV_2D");
  auto sorted = bars.bars;
  report::sortLayerBars(sorted, report::LayerOrder::Cost);
  for (std::size_t i = 1; i < sorted.size(); ++i) EXPECT_GE(sorted[i - 1].total(), sorted[i].total());
  report::sortLayerBars(sorted, report::LayerOrder::Graph);
  for (std::size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i].op, bars.bars[i].op);
}

TEST(ChartData, SharesSplitNpuAndCpuAndMergeSmallSlices) {
  auto a = analyzeMixed();
  auto bars = report::layerBars(*a.performance, a.model.get());
  auto s = report::cycleShares(bars);
  EXPECT_NEAR(s.npuCycles + s.cpuCycles, bars.totalCycles(), 1e-6 * bars.totalCycles());
  ASSERT_EQ(s.byType.size(), 3u);  // CONV_2D and ADD on the NPU, CONV_2D on the CPU
  EXPECT_FALSE(s.byType[0].cpu);
  EXPECT_TRUE(s.byType.back().cpu);
  EXPECT_EQ(s.byType.back().label, "CONV_2D");

  report::LayerBars many;
  for (int i = 0; i < 12; ++i) {
    report::LayerBar b;
    b.type = std::string("T").append(std::to_string(i));  // (operator+ trips GCC 12's -Wrestrict at -O2)
    b.computeCycles = 100 - i;
    b.cpu = i % 2;
    b.cpuCycles = b.cpu ? 5 : 0;
    many.bars.push_back(b);
  }
  auto merged = report::cycleShares(many, 6);
  EXPECT_LE(merged.byType.size(), 6u);
  double sum = 0;
  for (const auto& x : merged.byType) sum += x.cycles;
  EXPECT_NEAR(sum, many.totalCycles(), 1e-9);
  EXPECT_EQ(merged.byType.back().label, "Other");
}

TEST(ChartData, SramTimelineFollowsExecutionWithThePeak) {
  auto a = analyzeMixed();
  const auto& e = *a.performance;
  auto t = report::sramTimeline(e, a.model.get());
  ASSERT_EQ(t.steps.size(), e.layers.size() + e.cpuOps.size());
  EXPECT_TRUE(t.steps[1].cpu);
  EXPECT_EQ(t.steps[1].op, 1);
  EXPECT_EQ(t.steps[0].label, "0 CONV_2D");
  EXPECT_EQ(t.peakBytes, static_cast<std::int64_t>(std::llround(e.sramUsedKiB * 1024)));
  EXPECT_EQ(t.peakBetween ? t.between[t.peakStep] : t.steps[t.peakStep].bytes, t.peakBytes);
  ASSERT_EQ(t.between.size(), t.steps.size());
  auto life = report::arenaLifetimes(e);
  ASSERT_FALSE(life.empty());
  for (const auto& l : life) {
    EXPECT_LE(l.firstStep, l.lastStep);
    EXPECT_LT(l.lastStep, static_cast<int>(t.steps.size()));
  }
  // At every step the SRAM in use is what the arena holds then (feature maps and weight buffers).
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    std::int64_t live = 0;
    for (const auto& l : a.performance->lifetimes)
      if (l.sram && l.start <= 2 * static_cast<int>(k) && 2 * static_cast<int>(k) <= l.end) live += l.size;
    EXPECT_EQ(live, t.steps[k].bytes) << k;
  }
}

TEST(ChartData, TrafficPerArea) {
  auto a = analyzeMixed();
  auto traffic = report::memoryTraffic(*a.performance);
  ASSERT_FALSE(traffic.empty());
  EXPECT_EQ(traffic[0].label, "SRAM");
  double total = 0;
  for (const auto& x : traffic) total += x.readBytes + x.writeBytes;
  double expected = 0;
  for (int i = 0; i < estimate::kMemAreaCount; ++i)
    expected += a.performance->readBytes[static_cast<std::size_t>(i)] + a.performance->writeBytes[static_cast<std::size_t>(i)];
  EXPECT_DOUBLE_EQ(total, expected);
}

TEST(TargetComparison, EveryEthosUBuiltinGivesFigures) {
  auto names = report::ethosUBuiltinProfiles();
  ASSERT_EQ(names.size(), 11u);
  std::vector<targets::TargetProfile> profiles;
  for (const auto& n : names) profiles.push_back(*targets::builtinProfile(n));
  profiles.push_back(*targets::builtinProfile("cortex-a"));
  auto rows = report::compareTargets(mixedModel(), "mixed.tflite", profiles);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 12u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& r = (*rows)[i];
    EXPECT_TRUE(r.ok()) << r.profile << ": " << r.error;
    EXPECT_EQ(r.profile, names[i]);
    EXPECT_GT(r.npuTimeMs, 0);
    EXPECT_NEAR(r.totalTimeMs, r.npuTimeMs + r.cpuTimeMs, 1e-9);
    EXPECT_GT(r.sramKiB, 0);
    // Vela 3.10 leaves the stride-4 convolution on the CPU; the Ethos-U85 rules accept it.
    if (names[i].find("u85") == std::string::npos) {
      EXPECT_EQ(r.cpuOperators, 1) << r.profile;
    }
  }
  EXPECT_FALSE(rows->back().ok());
  // More MACs never make the same family slower here.
  EXPECT_LE((*rows)[3].npuTimeMs, (*rows)[0].npuTimeMs);
  auto t = csv::Table::parse(report::comparisonCsv(*rows));
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 12u);
  EXPECT_EQ(t->get(0, "profile"), "ethos-u55-32");
  EXPECT_FALSE(t->get(11, "error").empty());
  auto j = json::parse(json::write(report::comparisonJson(*rows)));
  ASSERT_TRUE(j.ok());
  EXPECT_NEAR((*j)[2]["inference_time_ms"].asDouble(), (*rows)[2].npuTimeMs, 1e-9);

  Progress cancel{[](double f) { return f < 0.3; }};
  auto c = report::compareTargets(mixedModel(), "mixed.tflite", profiles, cancel);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::Cancelled);
}
