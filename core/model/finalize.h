// Validation of a freshly built IR and computation of its derived facts. Shared by the loader
// and the builder, so both reject the same broken graphs with the same messages.
#pragma once

#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::model {

// Checks indices, shapes and graph structure, then fills every Subgraph::facts.
Status finalizeModel(Model& model);

// MAC count of one operator (0 for operators without multiply-accumulates); an error when the
// count does not fit in 64 bits.
Result<std::int64_t> operatorMacs(const Subgraph& sg, const Operator& op);

}  // namespace inferscope::model
