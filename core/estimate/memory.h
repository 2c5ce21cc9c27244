// Internal: where feature maps live and how much memory they need over time, as Vela's live
// ranges and tensor allocation work it out (time indices, in-place elementwise reuse, 16-byte
// alignment, HillClimb allocation, which reaches the lower bound on every model we checked).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/cascade.h"
#include "core/estimate/npu_graph.h"

namespace inferscope::estimate {

struct ScheduledOp;

struct FeatureMapPlan {
  std::vector<MemArea> fmArea;           // per feature map
  std::vector<std::int32_t> group;       // allocation group (in-place reuse) per feature map
  std::vector<std::int32_t> start, end;  // live range per group, in time indices (-1: unused)
  std::vector<std::int64_t> size;        // bytes per group
  std::vector<std::int32_t> opTime;      // time index of every NPU op (flattened, segment order)
  std::vector<std::int32_t> cpuTime;     // time index per ExecStep (-1 for segments)
  std::int32_t timeCount = 0;
  std::vector<std::int64_t> fastUsage;   // bytes in fast storage per time index (feature maps)
  std::int64_t evictedBytes = 0;         // feature maps evicted from fast storage (bytes)
};

// Live ranges and the placement of feature maps (arena, or fast storage when the memory mode
// spills, within arenaCacheSize, evicting what does not fit). Cascaded operations share a time
// index, the feature maps inside a cascade are rolling buffers in fast storage and a cascade's
// output stays in the arena.
FeatureMapPlan planFeatureMaps(const Arch& arch, const LoweredGraph& g, const CascadePlan* cascades = nullptr);

struct MemoryUse {
  std::vector<std::int64_t> sramSnapshot;  // bytes of SRAM in use per time index
  std::int64_t sramPeak = 0;               // "Total SRAM used"
  std::int64_t arenaScratchPeak = 0;       // DRAM feature maps when the arena is DRAM
  struct Range {
    std::string name;
    std::int32_t start = 0, end = 0;
    std::int64_t size = 0;
    bool sram = true;
  };
  std::vector<Range> ranges;               // feature maps and weight buffers
};

// Addresses a first-fit allocator gives live ranges (inclusive time spans that meet conflict),
// larger and longer ranges first, aligned to 16 bytes as Vela's allocators do. For the arena charts
// only: "Total SRAM used" is the peak of the usage per time index, which Vela's HillClimb
// allocator reaches in practice.
struct LiveRange {
  std::int32_t start = 0, end = 0;
  std::int64_t size = 0;
};
std::vector<std::int64_t> firstFitAddresses(const std::vector<LiveRange>& ranges);

// Adds the scheduled weight buffers to the feature maps and allocates both.
MemoryUse allocateMemory(const Arch& arch, const LoweredGraph& g, const FeatureMapPlan& plan,
                         const std::vector<ScheduledOp>& ops);

}  // namespace inferscope::estimate
