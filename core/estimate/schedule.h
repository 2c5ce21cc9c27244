// Internal: Vela's scheduling decisions for each NPU operation (block config, weight encoding,
// weight buffering and depth slicing, DMA overlap) and the resulting per-op performance.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/block_config.h"
#include "core/estimate/cascade.h"
#include "core/estimate/npu_graph.h"
#include "core/estimate/performance.h"
#include "core/util/result.h"

namespace inferscope::estimate {

struct ScheduledOp {
  const NpuOp* op = nullptr;
  std::int32_t segment = 0;
  std::int32_t time = 0;  // Vela's time index
  BlockConfig config;
  OpMemory memory;
  WeightPlacement weights;
  std::int64_t weightBufferBytes[2] = {0, 0};  // SRAM weight buffers (second one when double buffered)
  bool preBuffer = false;                        // first buffer filled under the previous op
  std::int32_t weightDmas = 0;                   // weight DMA commands (one per depth slice)
  std::int64_t encodedTotalBytes = 0;            // this op's encoded stream (0 when shared/none)
  std::int64_t biasCopyBytes = 0;                // Vela's dead 10 B/channel bias copy in flash
  OpPerformance perf;
};

struct ScheduleInput {
  const Arch* arch = nullptr;
  const LoweredGraph* graph = nullptr;
  std::vector<MemArea> fmArea;             // per feature map
  std::vector<std::int32_t> opTime;        // per op in segment order (flattened)
  std::vector<std::int64_t> refUsage;      // fast-storage use per time index before weight buffers
  std::int64_t stagingLimit = 0;           // fast storage available for buffering
  const CascadePlan* cascades = nullptr;   // stripes of cascaded ops (none: every op whole)
};

// Schedules every NPU operation in execution order. Fails only when an operation has no valid
// block configuration (Vela would fail too).
Result<std::vector<ScheduledOp>> scheduleOps(const ScheduleInput& in, const Progress& progress);

}  // namespace inferscope::estimate
