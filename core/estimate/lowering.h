// Lowering a TFLite graph the way Vela's graph optimiser does, for the Ethos-U estimator.
#pragma once

#include <vector>

#include "core/estimate/npu_graph.h"
#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::estimate {

struct LoweringOptions {
  // LUT activations (LOGISTIC, TANH, HARD_SWISH, int8 LEAKY_RELU) fold into the preceding NPU
  // operation only where SHRAM has banks reserved for the LUT (every Ethos-U but U55-32/64).
  bool lutFusing = true;
  // Vela's format restrictions: REDUCE_SUM reads its input linear (NHWC) when it is int32, and
  // always on the Ethos-U65-512.
  bool linearReduceSumInput = false;
  // Run the operations in Vela's pass order (pass_order.h) instead of the TFLite order.
  bool velaPassOrder = true;
};

// `onNpu[i]` says whether operator i of subgraph 0 runs on the NPU (from the compatibility check).
Result<LoweredGraph> lowerGraph(const model::Model& m, const std::vector<bool>& onNpu,
                                const LoweringOptions& options = {});

}  // namespace inferscope::estimate
