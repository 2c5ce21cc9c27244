// Synthetic models for benchmarks: realistic graph shapes (branches, residual joins) of any size.
#pragma once

#include <cstdint>

#include "core/model/ir.h"

namespace inferscope::bench {

// About `ops` operators in inverted-residual blocks (1x1 expand, depthwise 3x3, 1x1 project,
// residual ADD every other block, an occasional two-branch CONCATENATION), int8 quantized with
// real weight buffers, as a converter would write them.
model::ModelPtr syntheticNetwork(std::int32_t ops, std::uint32_t seed = 1);

}  // namespace inferscope::bench
