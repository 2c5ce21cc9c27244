// Internal: the size of the register command stream Vela writes for one NPU subgraph (U55/U65).
//
// Vela emits, per NPU command, the registers the command needs, but skips a register whose value
// equals the last one written (a register machine per register bank: one for the block
// operations, one for DMA). So the size depends on which values repeat between consecutive
// commands: the same IFM as the previous command, the same shapes, strides, zero points, scales,
// kernel, block configuration, SHRAM layout. This model replays that emission with values built
// from what the estimator knows (feature-map identity and placement, shapes, formats, element
// sizes, quantization, kernels, block configurations, weight slices and DMAs); a value it cannot
// know exactly (addresses, BLOCKDEP) is represented by what it depends on, so it repeats exactly
// when the real value would.
#pragma once

#include <cstdint>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/memory.h"
#include "core/estimate/npu_graph.h"
#include "core/estimate/schedule.h"
#include "core/model/ir.h"

namespace inferscope::estimate {

struct CommandStreamContext {
  const Arch* arch = nullptr;
  const LoweredGraph* graph = nullptr;
  const FeatureMapPlan* plan = nullptr;
  const model::Subgraph* subgraph = nullptr;  // quantization of the feature maps' tensors
};

// Bytes of Vela's driver payload for the NPU subgraph made of ops[begin, end): the 32-byte
// driver header, the register commands and the final STOP.
std::int64_t emulatedCommandStreamBytes(const CommandStreamContext& ctx, const std::vector<ScheduledOp>& ops,
                                        std::size_t begin, std::size_t end);

}  // namespace inferscope::estimate
