// A coarse cycle estimate for operators left on the CPU (a Cortex-M running TFLite Micro with
// CMSIS-NN kernels where they exist, reference kernels otherwise). This is InferScope's own
// model, labelled "estimate" wherever it is shown, and kept apart from the Vela-comparable NPU
// figures.
#pragma once

#include "core/estimate/estimate.h"

namespace inferscope::estimate {

// Cycles for operator `opIndex` of `sg` on `cpu`.
CpuOpEstimate cpuOperatorCost(const model::Model& m, const model::Subgraph& sg, std::int32_t opIndex,
                              const CpuCore& cpu);

}  // namespace inferscope::estimate
