// Per-operation performance model: what Vela 3.10's npu_performance.py reports for one scheduled
// NPU operation (one per-layer row): MACs, NPU cycles, bytes and access cycles per memory area, and
// the op total = max(NPU cycles, access cycles of every area).
//
// The model is split the way Vela splits it, so a scheduler can combine the pieces:
//   measureCycleCost    -> MACs and compute cycles (Vela's measure_cycle_cost / op_cycles),
//   measureElementAccess -> element counts read/written (measure_element_access),
//   estimateOp          -> the full row (estimate_full_op_performance): bandwidths with the
//                          burst-efficiency scaling, weight DMA with slack, LUT and Memcpy DMA.
// Ethos-U85 uses a Vela 4 style cycle model (see performance.cpp); it is an approximation.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/block_config.h"
#include "core/estimate/npu_graph.h"

namespace inferscope::estimate {

// Bandwidths in the Arch's memory system must be > 0 (a zero bandwidth makes the transfer cycles
// of that area infinite). Shapes with a zero dimension cost nothing.

// Where an operation's operands live and how they are laid out.
struct OpMemory {
  MemArea ifm = MemArea::Sram, ifm2 = MemArea::Sram, ofm = MemArea::Sram;
  TensorFormat ifmFormat = TensorFormat::NHWC, ifm2Format = TensorFormat::NHWC, ofmFormat = TensorFormat::NHWC;
};

// The encoded weights of an operation and how they reach the NPU.
struct WeightPlacement {
  MemArea source = MemArea::OffChipFlash;  // permanent storage of the encoded stream
  bool buffered = false;                   // DMA-ed into fast storage (arch.mem.cacheArea)
  bool doubleBuffered = false;             // two buffers: transfers overlap compute
  std::int64_t encodedBytes = 0;           // the stream used (Vela: len(npu_weights_tensor.buffer)),
                                           // 10-byte scale/bias entries included
  std::int64_t fullEncodedBytes = 0;       // full-depth (unsliced) encoding; 0 = encodedBytes
  std::int64_t firstTransferBytes = 0;     // first DMA: every core's first depth slice, each
                                           // rounded up to 16; 0 = encodedBytes
  std::int64_t scaleBytes = 0;             // of encodedBytes, the scale/bias streams (0: unknown)
  int biasBytes = 0;                       // bytes per scale/bias entry; 0 = 10 (Vela's encoded
                                           // scale tensor, whatever the TFLite bias type)
  std::int64_t originalElements = 0;       // weight elements; 0 = from NpuWeights (o*h*w*i)
  bool cascaded = false;                   // part of a cascade: Vela leaves the full-transfer cycles 0
};

// Element counts (Vela's ElementAccess): consumers scale them by element sizes.
struct ElementAccess {
  std::array<std::int64_t, 2> ifmRead{};  // IFM, IFM2
  std::int64_t ofmWrite = 0;
  std::int64_t weightsRefetch = 0;
  std::array<std::int64_t, 2> constRead{};  // weights, scales/biases
};

struct CycleCost {
  std::int64_t macs = 0;
  std::int64_t cycles = 0;  // compute cycles (Vela's op_cycles, truncated to an integer)
};

// Vela's PerformanceQuery.
struct PerfQuery {
  NpuOpType opType = NpuOpType::Conv2DBias;
  BlockType type = BlockType::ConvolutionMxN;
  Activation activation = Activation::None;
  Shape4 ifm;
  TensorFormat ifmFormat = TensorFormat::NHWC;
  MemArea ifmArea = MemArea::Sram;
  int ifmBits = 8;
  std::optional<Shape4> ifm2;
  TensorFormat ifm2Format = TensorFormat::NHWC;
  MemArea ifm2Area = MemArea::Sram;
  int ifm2Bits = 8;
  Shape4 ofm;
  TensorFormat ofmFormat = TensorFormat::NHWC;
  MemArea ofmArea = MemArea::Sram;
  int ofmBits = 8;
  int constDepth = 0;  // scale/bias channels (0 when the op has no bias)
  MemArea constArea = MemArea::Sram;
  Kernel kernel;
  BlockConfig config;
};

// The query for an op. `constArea` is where its scales/biases are read from: the weight buffer
// area when buffered, else the permanent area (Vela's scheduler uses fast storage while planning).
PerfQuery makePerfQuery(const NpuOp& op, const BlockConfig& config, const OpMemory& mem, MemArea constArea);

CycleCost measureCycleCost(const Arch& arch, const PerfQuery& q);
ElementAccess measureElementAccess(const Arch& arch, const PerfQuery& q);

// Cycles per output element (output unit vs activation unit; elementwise ops include the command
// issue limit) — Vela's _estimate_output_cycles_per_element.
double outputCyclesPerElement(const Arch& arch, const PerfQuery& q);
// (IFM block, OFM block) minimum transfer cycles (Vela's _estimate_minimum_memory_cycles).
std::pair<double, double> minimumMemoryCycles(const Arch& arch, const PerfQuery& q);
// Bytes `toTransfer` scaled by burst efficiency (Vela's _estimate_memory_transfer_efficiency).
double scaledTransfer(const Arch& arch, bool isRead, MemArea area, TensorFormat format, int elementBits,
                      const Shape4& block, const Shape4& shape, double toTransfer);
// A DMA of `bytes` between two areas (Vela's measure_mem2mem_cycles): max(read time + read
// latency of the source, write time of the destination), transfer times floored.
double mem2memCycles(const Arch& arch, MemArea from, MemArea to, std::int64_t bytes);
// The same into the NPU's SHRAM (LUT loads).
double mem2shramCycles(const Arch& arch, MemArea from, std::int64_t bytes);

// The per-layer figures of one op.
struct OpPerformance {
  std::int64_t macs = 0;
  std::int64_t computeCycles = 0;      // op cycles without any DMA (Vela cycles.op_cycles)
  double npuCycles = 0;                // NPU column: compute plus exposed DMA (weights, LUT, Memcpy)
  double dmaCycles = 0;                // LUT and Memcpy transfer cycles
  double firstTransferCycles = 0;      // first weight DMA (0 when not buffered)
  double fullTransferCycles = 0;       // whole-weights DMA (0 when not buffered)
  std::array<double, kMemAreaCount> readBytes{};   // unscaled traffic, like Vela's bandwidth table
  std::array<double, kMemAreaCount> writeBytes{};
  std::array<double, kMemAreaCount> accessCycles{};  // burst-scaled bytes / bandwidth
  double totalCycles = 0;              // max(npuCycles, accessCycles...)
  ElementAccess access;
  double accessCycle(MemArea a) const { return accessCycles[static_cast<int>(a)]; }
};

// DMA overlap with the neighbouring ops (Vela's slack handling).
struct DmaSlack {
  double previousSlackCycles = 0;  // previous op's slack_buffering_cycles (0 for the first op)
  double ownSlackCycles = -1;      // this op's slack_buffering_cycles; < 0 = its compute cycles
};

OpPerformance estimateOp(const Arch& arch, const NpuOp& op, const BlockConfig& config, const OpMemory& mem,
                         const WeightPlacement& weights, const DmaSlack& slack = {});

// Compute cycles of `op` producing only `ofmDepth` output channels (Vela's scheduler
// estimate_op_performance, used to size weight-buffer slices); constants read from fast storage.
std::int64_t opCyclesForDepth(const Arch& arch, const NpuOp& op, const BlockConfig& config, const OpMemory& mem,
                              int ofmDepth);

// ---- Weight buffering (Vela's Scheduler.propose_weight_buffering) ------------------------------

// Sizes of an encoding of the op's weights for a given list of OFM depth slices.
struct EncodedSlices {
  std::int64_t totalBytes = 0;                       // len(npu_weights_tensor.buffer)
  std::array<std::int64_t, 2> doubleBufferSizes{};   // largest even-index / odd-index slice
  std::int64_t firstSliceBytes = 0;                  // slice 0, all cores (the first DMA)
  std::int64_t scaleBytes = 0;                       // of totalBytes, the scale/bias streams
};
// Encodes the op's weights for depth slices [0, s1, ..., D] (the weight encoder's job).
using WeightEncodeFn = std::function<EncodedSlices(const std::vector<int>& depthSlices)>;

struct WeightBufferingPlan {
  std::vector<int> depthSlices;     // [0, ..., D]
  bool buffered = false;            // DMA-ed to fast storage
  bool doubleBuffered = false;
  EncodedSlices encoded;            // the encoding used (sliced when buffered and sliced)
  std::int64_t fullEncodedBytes = 0;  // full-depth encoding
  double fullTransferCycles = 0;    // 0 when cascaded or not buffered
  double slackBufferingCycles = 0;  // what the next op may hide its first DMA under
  std::int64_t bufferBytes = 0;     // fast storage the weight buffer(s) take
  std::int64_t slackBufferingMemory = 0;  // fast storage left for the next op's prefetch
  bool preBuffer = false;           // first buffer filled under the previous op
  bool cascaded = false;            // planned as part of a cascade (single full buffer)
  // The WeightPlacement estimateOp needs.
  WeightPlacement placement(MemArea source) const;
};

struct WeightBufferingInput {
  MemArea source = MemArea::OffChipFlash;  // permanent storage of the weights
  double previousSlackCycles = 0;          // previous op's slackBufferingCycles (0 if first)
  std::int64_t previousSlackMemory = 0;    // previous op's slackBufferingMemory (0 if first)
  std::int64_t stagingLimitBytes = 0;      // Vela's staging limit (arena_cache_size, or 2^32 ...)
  std::int64_t memoryInUse = 0;            // fast storage in use at this op (memory snapshot)
  std::int64_t evictedFmBytes = 0;         // feature maps evicted around this op (Dedicated_Sram)
  bool cascaded = false;
};

// Vela's weight-buffering decision for one op: whether its weights are DMA-ed into fast storage,
// how they are depth-sliced and double-buffered, and the slack passed to the next op. `mem` must be
// the operand areas at scheduling time: in Dedicated_Sram every feature map is still in the arena
// (DRAM) then; estimateOp afterwards takes the final areas (feature maps promoted to SRAM). Vela 3.10
// rows are reproduced exactly this way (tests/core/test_perf_calib.cpp, BlockModels).
WeightBufferingPlan planWeightBuffering(const Arch& arch, const NpuOp& op, const BlockConfig& config,
                                        const OpMemory& mem, const WeightBufferingInput& in,
                                        const WeightEncodeFn& encode);

}  // namespace inferscope::estimate
