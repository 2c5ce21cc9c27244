// Synthetic models shaped like real networks, for layout tests and benchmarks: residual blocks,
// inception-style branch-and-concat blocks and occasional long skip connections (not a chain).
#pragma once

#include <cstdint>

#include "core/model/ir.h"

namespace inferscope::layout {

// A one-subgraph model with at least `operators` operators (it stops after the block that reaches
// the count). Deterministic for a given seed.
model::ModelPtr syntheticModel(std::int32_t operators, std::uint32_t seed = 1);

}  // namespace inferscope::layout
