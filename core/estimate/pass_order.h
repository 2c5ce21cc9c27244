// The order Vela runs a lowered graph in (its pass packing): a depth-first walk back from the
// subgraph outputs, where an operation is placed once every reader of its result is placed, and
// the inputs of an operation are walked first-operand first, so that in execution order each
// branch runs right before the operation that joins it (each input of a concatenation is copied
// right after its branch). CPU operators are then grouped as Vela groups them, and the NPU
// segments are rebuilt from the new order.
#pragma once

#include <cstdint>
#include <vector>

#include "core/estimate/npu_graph.h"
#include "core/model/ir.h"

namespace inferscope::estimate {

// Reorders `g.segments` and `g.execution`. `fmOfTensor` maps TFLite tensors of `sg` to feature
// maps (after bypassed operators are folded). Leaves the graph as it is when the walk does not
// reach every operation whose result is used (a cycle through shared storage).
void applyVelaPassOrder(LoweredGraph& g, const model::Subgraph& sg, const std::vector<std::int32_t>& fmOfTensor);

}  // namespace inferscope::estimate
