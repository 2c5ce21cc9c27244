// Unit tests of the Ethos-U architecture description, block-config search and performance model
// (hand-checked values; the calibration comparison is in test_perf_calib.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "core/estimate/arch.h"
#include "core/estimate/block_config.h"
#include "core/estimate/performance.h"

using namespace inferscope;
using namespace inferscope::estimate;

namespace {

Arch archFor(Accelerator a, const char* sys, const char* mode) {
  auto m = vela(a, sys, mode);
  EXPECT_TRUE(m.ok());
  return makeArch(a, *m);
}
Arch u55(Accelerator a = Accelerator::U55_256) { return archFor(a, "Ethos_U55_High_End_Embedded", "Shared_Sram"); }
Arch u65(Accelerator a = Accelerator::U65_256) { return archFor(a, "Ethos_U65_High_End", "Dedicated_Sram"); }

NpuOp conv(Shape4 ifm, Shape4 ofm, int k, int stride = 1) {
  NpuOp op;
  op.type = NpuOpType::Conv2DBias;
  op.ifmShape = ifm;
  op.ofmShape = ofm;
  op.kernel.w = op.kernel.h = k;
  op.kernel.strideX = op.kernel.strideY = stride;
  op.activation = Activation::Relu;
  NpuWeights w;
  w.o = ofm.c, w.h = k, w.w = k, w.i = ifm.c;
  w.biasChannels = ofm.c;
  op.weights = w;
  return op;
}

}  // namespace

TEST(PerfArch, AcceleratorNames) {
  for (int i = 0; i <= int(Accelerator::U85_2048); ++i) {
    const auto a = Accelerator(i);
    auto back = acceleratorFromName(acceleratorName(a));
    ASSERT_TRUE(back.has_value()) << acceleratorName(a);
    EXPECT_EQ(*back, a);
  }
  EXPECT_FALSE(acceleratorFromName("ethos-u55-512").has_value());
  EXPECT_TRUE(isU55(Accelerator::U55_32));
  EXPECT_TRUE(isU65(Accelerator::U65_512));
  EXPECT_TRUE(isU85(Accelerator::U85_1024));
}

TEST(PerfArch, VelaMemorySystems) {
  auto m = vela(Accelerator::U55_128, "Ethos_U55_High_End_Embedded", "Shared_Sram");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->coreClockHz, 500e6);
  EXPECT_EQ(m->bandwidth(MemArea::Sram), 8.0);
  EXPECT_EQ(m->bandwidth(MemArea::OffChipFlash), 1.0);
  EXPECT_EQ(m->timing(MemArea::OffChipFlash).burstLength, 128);
  EXPECT_EQ(m->timing(MemArea::OffChipFlash).readLatency, 64);
  EXPECT_EQ(m->timing(MemArea::Sram).writeLatency, 32);
  EXPECT_EQ(m->constArea, MemArea::OffChipFlash);
  EXPECT_EQ(m->arenaArea, MemArea::Sram);
  EXPECT_EQ(m->cacheArea, MemArea::Sram);
  EXPECT_FALSE(m->spillingEnabled());
  EXPECT_EQ(m->arenaCacheSize, std::int64_t(1) << 32);
  // Areas on no port keep Vela's initial values: clock scale 1, burst 1, latency 0.
  EXPECT_EQ(m->bandwidth(MemArea::Dram), 8.0);
  EXPECT_EQ(m->timing(MemArea::Dram).burstLength, 1);

  auto d = vela(Accelerator::U65_512, "Ethos_U65_High_End", "Dedicated_Sram");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->coreClockHz, 1e9);
  EXPECT_DOUBLE_EQ(d->bandwidth(MemArea::Dram), 3.75);
  EXPECT_EQ(d->bandwidth(MemArea::Sram), 16.0);
  EXPECT_EQ(d->timing(MemArea::Dram).readLatency, 500);
  EXPECT_EQ(d->timing(MemArea::Dram).writeLatency, 250);
  EXPECT_EQ(d->constArea, MemArea::Dram);
  EXPECT_EQ(d->arenaArea, MemArea::Dram);
  EXPECT_TRUE(d->spillingEnabled());
  EXPECT_EQ(d->arenaCacheSize, 393216);

  // Sram_Only: constants move to an OnChipFlash area with SRAM's characteristics.
  auto s = vela(Accelerator::U55_64, "Ethos_U55_High_End_Embedded", "Sram_Only");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->constArea, MemArea::OnChipFlash);
  EXPECT_EQ(s->arenaArea, MemArea::Sram);
  EXPECT_EQ(s->bandwidth(MemArea::OnChipFlash), 8.0);
  EXPECT_EQ(s->timing(MemArea::OnChipFlash).readLatency, 32);

  // U85: 128-bit ports times ports used (Vela 4's vela.ini bandwidths).
  auto u = vela(Accelerator::U85_256, "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_512KB");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->bandwidth(MemArea::Sram), 32.0);
  EXPECT_EQ(u->bandwidth(MemArea::Dram), 12.0);
  EXPECT_EQ(u->arenaCacheSize, 524288);

  auto bad = vela(Accelerator::U55_128, "No_Such_Config", "Shared_Sram");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::Config);
  EXPECT_FALSE(vela(Accelerator::U55_128, "Ethos_U55_High_End_Embedded", "Nope").ok());
}

TEST(PerfArch, AcceleratorConstants) {
  const Arch a = u55(Accelerator::U55_128);
  EXPECT_EQ(a.macs, 128);
  EXPECT_EQ(a.totalMacsPerCycle(), 128);
  EXPECT_EQ(a.ofmUblock, (Shape4{1, 1, 2, 8}));
  EXPECT_EQ(a.shramBanks, 24);
  EXPECT_EQ(a.shramReservedEndBanks, 2);
  EXPECT_EQ(a.axiDataWidth, 64);
  EXPECT_DOUBLE_EQ(a.outputCyclesPerElem[5], 1.5);

  const Arch b = u65(Accelerator::U65_512);
  EXPECT_EQ(b.cores, 2);
  EXPECT_EQ(b.totalMacsPerCycle(), 512);
  EXPECT_EQ(b.maxOutstandingDma, 2);
  EXPECT_EQ(b.shramBankBytes, 1024);

  const Arch c = u55(Accelerator::U55_32);
  EXPECT_EQ(c.ofmUblock.c, 4);
  EXPECT_EQ(c.ifmUblock.c, 8);
  EXPECT_EQ(c.shramReservedEndBanks, 0);
  EXPECT_EQ(c.subKernelLimits(BlockType::VectorProduct), std::make_pair(1, 1));
  EXPECT_EQ(c.storageRounding(TensorFormat::NHCWB16), (Shape4{1, 1, 1, 16}));

  const Arch d = archFor(Accelerator::U85_2048, "Ethos_U85_SYS_DRAM_High", "Dedicated_Sram");
  EXPECT_EQ(d.totalMacsPerCycle(), 2048);
  EXPECT_EQ(d.cores, 4);
  EXPECT_EQ(d.u85.ofmUblockCount, 3);
  EXPECT_EQ(d.u85.accRamBytes, 131072);
}

TEST(PerfBlockConfig, PartKernelChoice) {
  Kernel k3;
  k3.w = k3.h = 3;
  EXPECT_TRUE(choosePartKernel(Shape4{1, 8, 8, 3}, 8, k3));    // IFM depth <= 8
  EXPECT_FALSE(choosePartKernel(Shape4{1, 8, 8, 64}, 8, k3));  // depth-first fully used
  EXPECT_TRUE(choosePartKernel(Shape4{1, 8, 8, 12}, 8, k3));   // 12/32 < 12*9 / (16*12)
  EXPECT_FALSE(choosePartKernel(Shape4{1, 8, 8, 17}, 8, k3));  // equal utilisation: depth-first
}

// Vela's worked example: 28x28x64 -> 64, 3x3 conv on U55-256 (NPU 158232, SRAM AC 33024).
TEST(PerfBlockConfig, ConvExampleU55) {
  const Arch a = u55();
  const NpuOp op = conv({1, 28, 28, 64}, {1, 28, 28, 64}, 3);
  auto cfg = findBlockConfig(a, op);
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->ofmBlock, (Shape4{1, 6, 14, 32}));
  EXPECT_EQ(cfg->ifmBlock, (Shape4{1, 8, 16, 32}));
  EXPECT_FALSE(cfg->partKernel);
  EXPECT_EQ(cfg->acc, AccumulatorType::Acc32);
  const OpMemory mem;
  EXPECT_EQ(opCyclesForDepth(a, op, *cfg, mem, 64), 122952);

  WeightPlacement w;
  w.source = MemArea::OffChipFlash;
  w.buffered = true;
  w.doubleBuffered = true;
  w.encodedBytes = 35216;
  w.firstTransferBytes = 8736;
  const OpPerformance p = estimateOp(a, op, *cfg, mem, w, DmaSlack{0, 122952});
  EXPECT_EQ(p.computeCycles, 122952);
  EXPECT_DOUBLE_EQ(p.fullTransferCycles, 35280);
  EXPECT_DOUBLE_EQ(p.firstTransferCycles, 8800);
  EXPECT_DOUBLE_EQ(p.npuCycles, 158232);
  EXPECT_DOUBLE_EQ(p.accessCycle(MemArea::Sram), 33024);
  EXPECT_DOUBLE_EQ(p.accessCycle(MemArea::OffChipFlash), 0);
  EXPECT_DOUBLE_EQ(p.totalCycles, 158232);
  EXPECT_EQ(p.macs, 28901376);

  // Slack from the previous op hides the first transfer; a standard buffer pays the rest.
  w.doubleBuffered = false;
  const OpPerformance s = estimateOp(a, op, *cfg, mem, w, DmaSlack{5000, -1});
  EXPECT_DOUBLE_EQ(s.npuCycles, 122952 + 35280 - 5000);
  w.cascaded = true;
  const OpPerformance c = estimateOp(a, op, *cfg, mem, w, DmaSlack{5000, -1});
  EXPECT_DOUBLE_EQ(c.npuCycles, 122952 - 5000);  // Vela's cascade quirk
}

// Vela's worked example: int8 ADD 28x28x32 on U65-256 with both inputs and the output in DRAM.
TEST(PerfBlockConfig, ElementwiseInDram) {
  const Arch a = u65();
  NpuOp op;
  op.type = NpuOpType::Add;
  op.ifmShape = op.ifm2Shape = op.ofmShape = Shape4{1, 28, 28, 32};
  op.ifm = 0, op.ifm2 = 1, op.ofm = 2;
  auto cfg = findBlockConfig(a, op);
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->ofmBlock, (Shape4{1, 16, 16, 32}));
  OpMemory mem;
  mem.ifm = mem.ifm2 = mem.ofm = MemArea::Dram;
  const OpPerformance p = estimateOp(a, op, *cfg, mem, WeightPlacement{});
  EXPECT_DOUBLE_EQ(p.npuCycles, 25349);
  EXPECT_NEAR(p.accessCycle(MemArea::Dram), 107042.1333, 1e-3);
  EXPECT_EQ(p.accessCycle(MemArea::Sram), 0);
}

// A LUT activation is DMA-ed from flash into SHRAM before the op: 256 + 64 cycles on U55.
TEST(PerfBlockConfig, LutDma) {
  const Arch a = u55(Accelerator::U55_128);
  NpuOp op;
  op.type = NpuOpType::Add;
  op.ifmShape = op.ofmShape = Shape4{1, 28, 28, 32};
  op.ifm2Shape = Shape4{1, 1, 1, 1};
  op.ifm2Constant = true;
  op.scalarOperand = true;
  op.activation = Activation::Lut;
  op.lutBytes = 256;
  auto cfg = findBlockConfig(a, op);
  ASSERT_TRUE(cfg);
  const OpPerformance p = estimateOp(a, op, *cfg, OpMemory{}, WeightPlacement{});
  EXPECT_DOUBLE_EQ(p.dmaCycles, 320);
  EXPECT_DOUBLE_EQ(p.npuCycles, 37632 + 320);
  // Slack from the previous op hides the LUT load.
  EXPECT_DOUBLE_EQ(estimateOp(a, op, *cfg, OpMemory{}, WeightPlacement{}, DmaSlack{1000, -1}).npuCycles, 37632);
}

TEST(PerfBlockConfig, TryBlockConfig) {
  const Arch a = u55(Accelerator::U55_128);
  const BlockQuery q = blockQueryFor(conv({1, 28, 28, 64}, {1, 28, 28, 64}, 3));
  EXPECT_TRUE(tryBlockConfig(a, q, Shape4{1, 4, 8, 16}, false));
  EXPECT_FALSE(tryBlockConfig(a, q, Shape4{1, 4, 7, 16}, false));    // width not on the micro-block grid
  EXPECT_FALSE(tryBlockConfig(a, q, Shape4{1, 32, 64, 128}, false));  // does not fit the SHRAM
  const auto area = ifmAreaRequired(Shape4{1, 4, 8, 16}, q.kernel, Resampling::None);
  EXPECT_EQ(area, std::make_pair(10, 6));
}

// Ethos-U85 is an approximation: check it is complete and behaves sensibly.
TEST(PerfU85, IndicativeModelIsSane) {
  const Accelerator accs[] = {Accelerator::U85_128, Accelerator::U85_256, Accelerator::U85_512,
                              Accelerator::U85_1024, Accelerator::U85_2048};
  double prev = 0;
  for (Accelerator acc : accs) {
    const Arch a = archFor(acc, "Ethos_U85_SYS_DRAM_Mid", "Shared_Sram");
    const NpuOp op = conv({1, 56, 56, 64}, {1, 56, 56, 128}, 3);
    auto cfg = findBlockConfig(a, op);
    ASSERT_TRUE(cfg) << acceleratorName(acc);
    EXPECT_TRUE(cfg->approximate);
    EXPECT_GT(cfg->ofmBlock.elements(), 0);
    WeightPlacement w;
    w.encodedBytes = 64 * 128 * 9;
    w.source = MemArea::Dram;
    const OpPerformance p = estimateOp(a, op, *cfg, OpMemory{}, w);
    EXPECT_EQ(p.macs, std::int64_t(9) * 64 * 56 * 56 * 128);
    // Never faster than the MAC array allows, and more MACs never make it slower.
    EXPECT_GE(p.npuCycles, double(p.macs) / a.totalMacsPerCycle());
    if (prev > 0) {
      EXPECT_LE(p.npuCycles, prev) << acceleratorName(acc);
    }
    prev = p.npuCycles;
    EXPECT_TRUE(std::isfinite(p.totalCycles));

    NpuOp dw = op;
    dw.type = NpuOpType::DepthwiseConv2DBias;
    dw.ofmShape.c = 64;
    dw.weights->o = 64, dw.weights->i = 1;
    NpuOp pool;
    pool.type = NpuOpType::MaxPool;
    pool.ifmShape = Shape4{1, 56, 56, 64};
    pool.ofmShape = Shape4{1, 28, 28, 64};
    pool.kernel.w = pool.kernel.h = 2;
    pool.kernel.strideX = pool.kernel.strideY = 2;
    NpuOp add;
    add.type = NpuOpType::Add;
    add.ifmShape = add.ifm2Shape = add.ofmShape = Shape4{1, 28, 28, 64};
    add.ifm2 = 1;
    for (const NpuOp* o : {&dw, &pool, &add}) {
      auto c = findBlockConfig(a, *o);
      ASSERT_TRUE(c) << nngName(o->type) << " " << acceleratorName(acc);
      const OpPerformance q = estimateOp(a, *o, *c, OpMemory{}, WeightPlacement{});
      EXPECT_GT(q.npuCycles, 0) << nngName(o->type) << " " << acceleratorName(acc);
      EXPECT_GT(q.accessCycle(MemArea::Sram), 0);
    }
  }
}
