// Where the time goes, per TFLite operator: the estimate's per-layer rows (several when Vela lowers
// one operator into many NPU operations) and CPU-fallback estimates summed per operator of
// subgraph 0, and the heat-map overlay of those figures on the graph.
#pragma once

#include <QColor>
#include <QStringList>
#include <memory>
#include <vector>

#include "core/estimate/estimate.h"
#include "widgets/node_decorations.h"

namespace inferscope::widgets {

struct OperatorCost {
  int layers = 0;              // per-layer rows of this operator (0: no NPU work, or a CPU operator)
  double opCycles = 0;         // NPU: max(NPU, memory access) cycles, summed over its rows
  double npuCycles = 0;
  double accessCycles[estimate::kMemAreaCount] = {};  // SRAM, DRAM, on-chip flash, off-chip flash
  double networkPercent = 0;   // share of the network's NPU cycles
  std::int64_t macs = 0;
  std::int64_t peakSram = 0;   // the largest SRAM usage while one of its rows runs
  QStringList nngOperators;    // Vela's operations it was lowered to
  bool cpu = false;            // left on the CPU: the CPU estimate below applies
  double cpuCycles = 0;        // CPU-fallback estimate (InferScope's, not Vela's)
  QString cpuBasis;
  double timeMs = 0;           // NPU time at the NPU clock, or the CPU estimate at the CPU clock
};

struct OperatorCosts {
  std::vector<OperatorCost> ops;  // by operator index of subgraph 0
  double maxTimeMs = 0;
  double totalTimeMs = 0;         // NPU + CPU estimate
  const OperatorCost* find(int op) const {
    return op >= 0 && static_cast<std::size_t>(op) < ops.size() ? &ops[static_cast<std::size_t>(op)] : nullptr;
  }
};

using OperatorCostsPtr = std::shared_ptr<const OperatorCosts>;

OperatorCostsPtr operatorCosts(const estimate::Estimate& e, int operatorCount);

// Heat colour for t in [0, 1] (pale yellow -> orange -> deep red).
QColor heatColor(double t);

// Operators of subgraph 0 coloured by their share of the inference time (NPU cycles at the NPU
// clock; CPU operators by the CPU estimate, outlined), badge = share, tooltip = the figures.
NodeDecorationsPtr cycleHeatmap(const estimate::Estimate& e, const OperatorCosts& costs);

}  // namespace inferscope::widgets
