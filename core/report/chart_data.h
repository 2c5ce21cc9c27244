// The figures behind the performance charts, prepared from an Ethos-U estimate without Qt: cycles
// per TFLite operator (NPU compute, memory-bound part, CPU estimate), cycle shares by operator type
// and by NPU vs CPU, SRAM in use per execution step with its peak, the feature maps' place in the
// arena over time, and traffic per memory area. The GUI charts and the PDF report draw these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/estimate/estimate.h"
#include "core/model/ir.h"

namespace inferscope::report {

// One bar of the per-layer chart: a TFLite operator of subgraph 0 and every NPU operation it was
// lowered to, or one operator left on the CPU.
struct LayerBar {
  std::int32_t op = -1;     // TFLite operator index; -1 for operations the lowering added
  std::string type;         // "CONV_2D"
  std::string name;         // the operator's first output tensor (Vela's name)
  bool cpu = false;         // placed on the CPU
  double computeCycles = 0; // NPU compute cycles
  double memoryCycles = 0;  // op cycles beyond compute: the part bound by memory access
  double cpuCycles = 0;     // CPU estimate, converted to NPU clock cycles (see LayerBars::cpuToNpuCycles)
  std::int64_t macs = 0;
  std::int32_t operations = 0;  // NPU operations it became (0 for CPU operators)
  double order = 0;             // position in execution order
  double total() const { return computeCycles + memoryCycles + cpuCycles; }
};

enum class LayerOrder { Graph, Cost };

struct LayerBars {
  std::vector<LayerBar> bars;  // in execution order
  double clockHz = 0;          // NPU clock: cycles on the chart are NPU cycles
  // NPU cycles per CPU cycle (1 when the CPU runs at the NPU clock); CPU cycle estimates are
  // multiplied by it so both share one axis.
  double cpuToNpuCycles = 1;
  double totalCycles() const;
};

// `model` (optional) gives operator types, names and execution order; without it the estimate's
// own names and operator indices are used.
LayerBars layerBars(const estimate::Estimate& e, const model::Model* model);
// Graph: execution order. Cost: most expensive first (ties in execution order).
void sortLayerBars(std::vector<LayerBar>& bars, LayerOrder order);

struct CycleShare {
  std::string label;  // operator type
  double cycles = 0;  // NPU clock cycles
  bool cpu = false;
};

struct CycleShares {
  // NPU types first, then CPU types, each by descending cycles; the smallest slices of each side
  // are merged into "Other" so that at most maxSlices remain.
  std::vector<CycleShare> byType;
  double npuCycles = 0;
  double cpuCycles = 0;  // in NPU clock cycles
};

CycleShares cycleShares(const LayerBars& bars, std::size_t maxSlices = 10);

// SRAM in use while each NPU operation or CPU operator runs (one execution step each).
struct SramStep {
  std::int32_t op = -1;  // TFLite operator index; -1 when not known
  std::string label;     // "12 CONV_2D"
  bool cpu = false;
  std::int64_t bytes = 0;
};

struct SramTimeline {
  std::vector<SramStep> steps;
  // SRAM in use between step k and k + 1 (weights of the next operation arriving while the
  // feature maps of both are alive); empty when the estimate's timeline is not available.
  std::vector<std::int64_t> between;
  std::size_t peakStep = 0;
  bool peakBetween = false;  // the peak is between peakStep and peakStep + 1
  std::int64_t peakBytes = 0;  // equals the estimate's total SRAM used
};

SramTimeline sramTimeline(const estimate::Estimate& e, const model::Model* model);

// A feature map's (or weight buffer's) place in the SRAM arena over time, in execution steps as
// SramTimeline's; from/to are in half steps where the buffer arrives or leaves between two steps.
struct LifetimeBar {
  std::string name;
  std::int32_t firstStep = 0, lastStep = 0;  // steps it is alive at (inclusive)
  double from = 0, to = 0;                   // extent in steps (x.5: between two steps)
  std::int64_t offset = 0, size = 0;
};

// What lives in SRAM (feature maps, weight buffers), by offset then first step.
std::vector<LifetimeBar> arenaLifetimes(const estimate::Estimate& e);

struct AreaTraffic {
  estimate::MemArea area = estimate::MemArea::Sram;
  std::string label;  // "SRAM", "Off-chip flash"
  double readBytes = 0, writeBytes = 0;
};

// Bytes read and written per inference in each memory area that has traffic, as Vela's summary
// lists them.
std::vector<AreaTraffic> memoryTraffic(const estimate::Estimate& e);
std::string memAreaTitle(estimate::MemArea a);

}  // namespace inferscope::report
