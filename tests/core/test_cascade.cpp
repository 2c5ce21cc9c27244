// Vela's cascading (core/estimate/cascade.*): which operations cascade, the stripes and rolling
// buffers they get, and how the live ranges and placement follow.
#include <gtest/gtest.h>

#include "core/estimate/arch.h"
#include "core/estimate/cascade.h"
#include "core/estimate/estimate.h"
#include "core/estimate/memory.h"
#include "core/estimate/schedule.h"

using namespace inferscope;
using namespace inferscope::estimate;

namespace {

Arch archFor(const char* name) {
  auto cfg = velaReferenceConfig(name);
  EXPECT_TRUE(cfg.ok());
  return makeArch(cfg->accelerator, cfg->memory);
}

struct ChainBuilder {
  LoweredGraph g;
  std::int32_t fm(Shape4 s, bool input = false) {
    FeatureMap f;
    f.name = "fm" + std::to_string(g.featureMaps.size());
    f.shape = s;
    f.graphInput = input;
    f.format = input ? TensorFormat::NHWC : TensorFormat::NHCWB16;
    g.featureMaps.push_back(f);
    return static_cast<std::int32_t>(g.featureMaps.size() - 1);
  }
  NpuOp& op(NpuOpType type, std::int32_t ifm, std::int32_t ofm, int k, int stride) {
    auto& o = g.segments.back().ops.emplace_back();
    o.type = type;
    o.name = "op" + std::to_string(g.segments.back().ops.size() - 1);
    o.ifm = ifm;
    o.ofm = ofm;
    o.ifmShape = g.featureMaps[static_cast<std::size_t>(ifm)].shape;
    o.ofmShape = g.featureMaps[static_cast<std::size_t>(ofm)].shape;
    o.kernel.w = o.kernel.h = k;
    o.kernel.strideX = o.kernel.strideY = stride;
    return o;
  }
};

// MobileNet-v2's first block: conv 3x3/2, depthwise 3x3, conv 1x1 (project), conv 1x1 (expand),
// depthwise 3x3/2, conv 1x1 whose output feeds two operations (a residual add and the next block).
LoweredGraph mobilenetStem() {
  ChainBuilder b;
  b.g.segments.emplace_back();
  b.g.execution.push_back({0, -1, {}});
  auto in = b.fm({1, 224, 224, 3}, true);
  auto f1 = b.fm({1, 112, 112, 32}), f2 = b.fm({1, 112, 112, 32}), f3 = b.fm({1, 112, 112, 16});
  auto f4 = b.fm({1, 112, 112, 96}), f5 = b.fm({1, 56, 56, 96}), f6 = b.fm({1, 56, 56, 24});
  auto f7 = b.fm({1, 56, 56, 144}), f8 = b.fm({1, 56, 56, 24});
  b.op(NpuOpType::Conv2DBias, in, f1, 3, 2);
  b.op(NpuOpType::DepthwiseConv2DBias, f1, f2, 3, 1);
  b.op(NpuOpType::Conv2DBias, f2, f3, 1, 1);
  b.op(NpuOpType::Conv2DBias, f3, f4, 1, 1);
  b.op(NpuOpType::DepthwiseConv2DBias, f4, f5, 3, 2);
  b.op(NpuOpType::Conv2DBias, f5, f6, 1, 1);
  b.op(NpuOpType::Conv2DBias, f6, f7, 1, 1);
  auto& add = b.op(NpuOpType::Add, f6, f8, 1, 1);
  add.ifm2 = f7;  // stands for the residual branch: two feature-map operands
  add.ifm2Shape = add.ifmShape;
  b.g.featureMaps[static_cast<std::size_t>(f8)].graphOutput = true;
  b.g.featureMaps[static_cast<std::size_t>(f8)].format = TensorFormat::NHWC;
  return b.g;
}

std::int64_t noWeights(const NpuOp&) { return 0; }

}  // namespace

TEST(Cascade, RollingBufferShape) {
  // Producer stripe 6 rows, consumer reads 8 rows per stripe: room for 16 rows, NHCWB16 depth.
  auto s = rollingBufferShape({1, 6, 112, 24}, {1, 8, 112, 24});
  EXPECT_EQ(s.h, 16);
  EXPECT_EQ(s.w, 112);
  EXPECT_EQ(s.c, 32);
  // A strided consumer reads a narrower stripe than the producer writes: the wider one counts.
  s = rollingBufferShape({1, 3, 56, 96}, {1, 7, 28, 96});
  EXPECT_EQ(s.h, 14);
  EXPECT_EQ(s.w, 56);
}

TEST(Cascade, NoCascadesWithoutSpilling) {
  // Shared_Sram: fast storage is the arena (no limit), Vela keeps the maximum schedule.
  auto g = mobilenetStem();
  auto plan = planCascades(archFor("ethos-u55-256"), g, noWeights);
  EXPECT_TRUE(plan.empty());
  for (std::size_t i = 0; i < plan.stripe.size(); ++i) {
    EXPECT_EQ(plan.stripe[i], g.featureMaps[static_cast<std::size_t>(g.segments[0].ops[i].ofm)].shape);
    EXPECT_EQ(plan.rollingBytes[i], 0);
  }
}

TEST(Cascade, MobileNetStemCascadesUntilTheBranch) {
  // Dedicated_Sram (384 KiB): every op of the stem has IFM + OFM above the limit, so the cascade
  // runs from the first convolution to the op whose output has two consumers. The stripes grow
  // while the rolling buffers fit: 3 rows at the end (Vela's choice on MobileNet-v2).
  auto g = mobilenetStem();
  auto plan = planCascades(archFor("ethos-u65-256"), g, noWeights);
  ASSERT_EQ(plan.cascades.size(), 1u);
  EXPECT_EQ(plan.cascades[0].start, 0);
  EXPECT_EQ(plan.cascades[0].end, 5);
  EXPECT_EQ(plan.stripe[5].h, 3);
  EXPECT_EQ(plan.stripe[4].h, 3);
  EXPECT_EQ(plan.stripeInput[4].h, 7);
  EXPECT_EQ(plan.stripe[3].h, 6);
  EXPECT_EQ(plan.stripe[0].h, 6);
  EXPECT_EQ(plan.stripeInput[0].h, 13);
  // Rolling buffers (bytes) between consecutive ops: 16, 12, 12, 14 and 6 rows.
  const std::int64_t expected[] = {0, 57344, 43008, 21504, 150528, 32256};
  std::int64_t sum = 0;
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(plan.rollingBytes[static_cast<std::size_t>(i)], expected[i]) << i;
    sum += expected[i];
  }
  EXPECT_EQ(plan.cascades[0].buffersBytes, sum);
  EXPECT_FALSE(plan.inCascade(6));
  EXPECT_TRUE(plan.continuesCascade(5));
  EXPECT_FALSE(plan.continuesCascade(0));
  EXPECT_TRUE(plan.endsCascade(5));
}

TEST(Cascade, WeightBuffersCountAgainstTheLimit) {
  // With large weight buffers the stripes must stay shorter, and the cascade never grows past
  // what fits.
  auto g = mobilenetStem();
  auto heavy = [](const NpuOp& op) -> std::int64_t { return op.kernel.w == 1 ? 40000 : 0; };
  auto plan = planCascades(archFor("ethos-u65-256"), g, heavy);
  ASSERT_EQ(plan.cascades.size(), 1u);
  const auto& c = plan.cascades[0];
  EXPECT_EQ(c.start, 0);
  EXPECT_EQ(c.end, 5);
  EXPECT_EQ(c.weightBytes, 3 * 40000);
  EXPECT_LE(c.buffersBytes, std::int64_t(384) * 1024);
  // 3 rows would need 304640 + 120000 bytes: the last op's stripe stays at 2 rows.
  EXPECT_EQ(plan.stripe[5].h, 2);
  EXPECT_EQ(c.buffersBytes, 215040 + 120000);
}

TEST(Cascade, SmallFeatureMapsDoNotCascade) {
  // Everything fits the 384 KiB: no cascade, every op whole.
  ChainBuilder b;
  b.g.segments.emplace_back();
  b.g.execution.push_back({0, -1, {}});
  auto in = b.fm({1, 28, 28, 32}, true);
  auto f1 = b.fm({1, 28, 28, 64}), f2 = b.fm({1, 28, 28, 64});
  b.op(NpuOpType::Conv2DBias, in, f1, 3, 1);
  b.op(NpuOpType::DepthwiseConv2DBias, f1, f2, 3, 1);
  b.g.featureMaps[static_cast<std::size_t>(f2)].graphOutput = true;
  auto plan = planCascades(archFor("ethos-u65-256"), b.g, noWeights);
  EXPECT_TRUE(plan.empty());
}

TEST(Cascade, LiveRangesShareTheCascadeTimeAndUseRollingBuffers) {
  auto g = mobilenetStem();
  auto arch = archFor("ethos-u65-256");
  auto cascades = planCascades(arch, g, noWeights);
  auto plan = planFeatureMaps(arch, g, &cascades);
  ASSERT_EQ(plan.opTime.size(), 8u);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(plan.opTime[static_cast<std::size_t>(i)], plan.opTime[0]);
  EXPECT_EQ(plan.opTime[6], plan.opTime[0] + 2);
  EXPECT_EQ(plan.opTime[7], plan.opTime[0] + 4);
  const auto& ops = g.segments[0].ops;
  // The feature maps inside the cascade are rolling buffers in SRAM, with their rolling size.
  for (int i = 1; i <= 5; ++i) {
    auto f = static_cast<std::size_t>(ops[static_cast<std::size_t>(i)].ifm);
    EXPECT_EQ(plan.fmArea[f], MemArea::Sram) << i;
    EXPECT_EQ(plan.size[static_cast<std::size_t>(plan.group[f])], cascades.rollingBytes[static_cast<std::size_t>(i)]);
  }
  // The cascade's output stays in the arena (DRAM); the graph input too.
  EXPECT_EQ(plan.fmArea[static_cast<std::size_t>(ops[5].ofm)], MemArea::Dram);
  EXPECT_EQ(plan.fmArea[static_cast<std::size_t>(ops[0].ifm)], MemArea::Dram);
  // At the cascade's time only the rolling buffers are in fast storage.
  EXPECT_EQ(plan.fastUsage[static_cast<std::size_t>(plan.opTime[0])], cascades.cascades[0].buffersBytes);
}

TEST(Cascade, FeatureMapsThatNeverFitAreEvicted) {
  // The expand convolution after the cascade writes 56x56x144 (451584 bytes): more than the
  // 384 KiB of fast storage, so it stays in the arena; the smaller ones are promoted.
  auto g = mobilenetStem();
  auto arch = archFor("ethos-u65-256");
  auto cascades = planCascades(arch, g, noWeights);
  auto plan = planFeatureMaps(arch, g, &cascades);
  const auto& ops = g.segments[0].ops;
  EXPECT_EQ(plan.fmArea[static_cast<std::size_t>(ops[6].ofm)], MemArea::Dram);
  EXPECT_GE(plan.evictedBytes, g.featureMaps[static_cast<std::size_t>(ops[6].ofm)].storageBytes());
  for (auto u : plan.fastUsage) EXPECT_LE(u, arch.mem.arenaCacheSize);
}

TEST(Cascade, WeightBufferLiveRanges) {
  // Vela's live ranges of weight buffers: the first buffer of a pre-buffered op starts one step
  // early; with double buffering the buffer the last depth slice does not use ends a step earlier.
  auto g = mobilenetStem();
  auto arch = archFor("ethos-u55-256");
  auto plan = planFeatureMaps(arch, g);
  std::vector<ScheduledOp> ops(2);
  ops[0].op = &g.segments[0].ops[2];
  ops[0].time = plan.opTime[2];
  ops[0].weightBufferBytes[0] = 1000;
  ops[0].weightBufferBytes[1] = 800;
  ops[0].weightDmas = 2;  // three depth slices: the last one uses buffer 1
  ops[0].preBuffer = true;
  ops[1].op = &g.segments[0].ops[3];
  ops[1].time = plan.opTime[3];
  ops[1].weightBufferBytes[0] = 500;
  auto mem = allocateMemory(arch, g, plan, ops);
  auto find = [&](const std::string& name) {
    for (const auto& r : mem.ranges)
      if (r.name == name) return r;
    ADD_FAILURE() << name;
    return MemoryUse::Range{};
  };
  auto w0 = find("op2_weights"), w1 = find("op2_weights2"), w2 = find("op3_weights");
  EXPECT_EQ(w0.start, ops[0].time - 1);  // pre-buffered, not the last one used: [t-1, t]
  EXPECT_EQ(w0.end, ops[0].time);
  EXPECT_EQ(w1.start, ops[0].time);      // used by the last slice: [t, t+1]
  EXPECT_EQ(w1.end, ops[0].time + 1);
  EXPECT_EQ(w2.start, ops[1].time);
  EXPECT_EQ(w2.end, ops[1].time + 1);
}
