#include <gtest/gtest.h>

#include <cmath>

#include "core/util/json.h"
#include "support/run_cli.h"
#include "support/shared_data.h"

using namespace inferscope;
using testdata::runCli;

TEST(CliPerformance, JsonHasVelasFiguresAndLayers) {
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u55-256", "--performance", "--json", "-"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = json::parse(r.out);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const auto& p = (*doc)["performance"];
  for (const char* k : {"npu_cycles", "sram_access_cycles", "dram_access_cycles", "on_chip_flash_access_cycles",
                        "off_chip_flash_access_cycles", "total_cycles", "inference_time_ms", "inferences_per_second",
                        "macs", "sram_used_kib", "dram_used_kib", "on_chip_flash_used_kib", "off_chip_flash_used_kib",
                        "cpu_cycles_estimate", "layers"})
    EXPECT_TRUE(p.contains(k)) << k;
  EXPECT_FALSE(doc->contains("compatibility"));  // only what was asked for
  const auto& layers = p["layers"].asArray();
  ASSERT_GT(layers.size(), 20u);
  double sum = 0;
  for (const auto& l : layers) {
    sum += l["op_cycles"].asDouble();
    for (const char* k : {"tflite_operator", "nng_operator", "sram_usage", "peak_percent", "npu_cycles", "macs",
                          "util_percent", "name"})
      EXPECT_TRUE(l.contains(k)) << k;
  }
  EXPECT_NEAR(sum, p["total_cycles"].asDouble(), 1e-6 * sum);
  EXPECT_NEAR(p["inference_time_ms"].asDouble(), p["total_cycles"].asDouble() / 500e6 * 1e3, 1e-9);
  // The stride-4 convolution stays on the CPU: its cycles are an estimate of their own.
  EXPECT_EQ(p["cpu_operators"].asInt(), 1);
  EXPECT_GT(p["cpu_cycles_estimate"].asDouble(), 0);
}

TEST(CliPerformance, BothSectionsAndTextReport) {
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u65-512", "--performance", "--compatibility"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Network summary for sample"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Total DRAM used"), std::string::npos);
  EXPECT_NE(r.out.find("Per-layer performance"), std::string::npos);
  EXPECT_NE(r.out.find("Conv2DBias"), std::string::npos);
}

TEST(CliPerformance, NonNpuTargetsAreAnError) {
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "cortex-a", "--performance"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("need an Ethos-U target"), std::string::npos) << r.err;
  auto bad = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u99-7", "--performance"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_FALSE(bad.err.empty());
}

TEST(CliPerformance, EveryYardstickModelOnEveryConfig) {
  INFERSCOPE_REQUIRE_SHARED();
  auto model = testdata::sharedDir() /
               "models/tflite-micro/third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite";
  if (!std::filesystem::exists(model)) GTEST_SKIP() << model << " is absent";
  for (const char* cfg : {"ethos-u55-128", "ethos-u55-256", "ethos-u65-256", "ethos-u65-512", "ethos-u85-256"}) {
    auto r = runCli({"check", model.string(), "--target-profile", cfg, "--performance", "--json", "-"});
    ASSERT_EQ(r.status, 0) << cfg << ": " << r.err;
    auto doc = json::parse(r.out);
    ASSERT_TRUE(doc.ok());
    EXPECT_GT((*doc)["performance"]["total_cycles"].asDouble(), 1e6) << cfg;
  }
}
