#include <gtest/gtest.h>

#include "core/estimate/from_profile.h"
#include "core/model_fixtures.h"
#include "core/targets/builtin_profiles.h"

using namespace inferscope;
using estimate::MemArea;

TEST(EstimateProfile, BuiltinProfilesMatchVelasReferenceConfigs) {
  for (const char* name : {"ethos-u55-128", "ethos-u55-256", "ethos-u65-256", "ethos-u65-512"}) {
    SCOPED_TRACE(name);
    auto p = targets::resolveProfile(name);
    ASSERT_TRUE(p.ok()) << p.error().message;
    auto c = estimate::configFromProfile(*p);
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto ref = estimate::velaReferenceConfig(name);
    ASSERT_TRUE(ref.ok());
    EXPECT_EQ(c->accelerator, ref->accelerator);
    EXPECT_DOUBLE_EQ(c->memory.coreClockHz, ref->memory.coreClockHz);
    EXPECT_EQ(c->memory.constArea, ref->memory.constArea);
    EXPECT_EQ(c->memory.arenaArea, ref->memory.arenaArea);
    EXPECT_EQ(c->memory.cacheArea, ref->memory.cacheArea);
    EXPECT_EQ(c->memory.arenaCacheSize, ref->memory.arenaCacheSize);
    for (auto a : {MemArea::Sram, MemArea::Dram, MemArea::OffChipFlash}) {
      EXPECT_DOUBLE_EQ(c->memory.bandwidth(a), ref->memory.bandwidth(a)) << estimate::memAreaName(a);
      EXPECT_EQ(c->memory.timing(a).readLatency, ref->memory.timing(a).readLatency);
      EXPECT_EQ(c->memory.timing(a).burstLength, ref->memory.timing(a).burstLength);
    }
  }
}

TEST(EstimateProfile, NonNpuProfilesAreRejected) {
  auto p = targets::resolveProfile("cortex-a");
  ASSERT_TRUE(p.ok());
  auto c = estimate::configFromProfile(*p);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("not an Ethos-U"), std::string::npos);
}

TEST(Estimate, TotalsAreTheSumOfTheLayers) {
  auto m = testdata::smallCnn();
  std::vector<bool> npu(m->subgraphs[0].operators.size(), true);
  npu[4] = false;  // softmax on the CPU
  auto cfg = estimate::velaReferenceConfig("ethos-u55-128");
  ASSERT_TRUE(cfg.ok());
  auto e = estimate::estimateEthosU(*m, npu, *cfg);
  ASSERT_TRUE(e.ok()) << e.error().message;
  ASSERT_EQ(e->layers.size(), 3u);
  double cycles = 0, npuCycles = 0;
  std::int64_t macs = 0;
  for (const auto& l : e->layers) {
    cycles += l.opCycles;
    npuCycles += l.npuCycles;
    macs += l.macs;
    EXPECT_GE(l.opCycles, l.npuCycles);
    EXPECT_GE(l.opCycles, l.sramAccessCycles);
    EXPECT_GE(l.opCycles, l.offChipFlashAccessCycles);
    EXPECT_LE(l.sramUsage, std::int64_t(e->sramUsedKiB * 1024 + 0.5));
  }
  EXPECT_DOUBLE_EQ(e->totalCycles, cycles);
  EXPECT_DOUBLE_EQ(e->npuCycles, npuCycles);
  EXPECT_EQ(e->macs, macs);
  EXPECT_EQ(e->macs, 8 * 8 * 16 * 27 + 4 * 4 * 16 * 9 + 2560);
  EXPECT_NEAR(e->inferenceTimeMs, e->totalCycles / 500e6 * 1e3, 1e-9);
  EXPECT_GT(e->offChipFlashUsedKiB, 0);
  EXPECT_EQ(e->cpuOperators, 1);
  ASSERT_EQ(e->cpuOps.size(), 1u);
  EXPECT_EQ(e->cpuOps[0].type, "SOFTMAX");
  EXPECT_GT(e->cpuCyclesEstimate, 0);
  EXPECT_GT(e->totalTimeWithCpuMs, e->inferenceTimeMs);
}

TEST(Estimate, CancelStopsTheWork) {
  auto m = testdata::smallCnn();
  std::vector<bool> npu(m->subgraphs[0].operators.size(), true);
  auto cfg = estimate::velaReferenceConfig("ethos-u55-128");
  Progress cancel{[](double) { return false; }};
  auto e = estimate::estimateEthosU(*m, npu, *cfg, cancel);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::Cancelled);
}
