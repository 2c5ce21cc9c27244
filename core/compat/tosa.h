// TOSA compatibility: whether each TFLite operator legalizes to the TOSA operator set, the way the
// TOSA Checker decides it by running TensorFlow's TFLite-to-TOSA legalization. InferScope checks it
// statically from a table (resources/compat/tosa_legalization.json): the operator types the
// legalization converts and the tensor types each conversion handles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/ir.h"

namespace inferscope::compat {

struct TosaOp {
  std::int32_t subgraph = 0;
  std::int32_t index = 0;
  std::string type;
  std::string customCode;
  std::string name;
  bool compatible = true;
  std::vector<std::string> reasons;  // why not, when not compatible
};

struct TosaReport {
  std::vector<TosaOp> ops;  // every operator of every subgraph
  int compatibleOps = 0;
  int incompatibleOps = 0;
  bool fullyCompatible() const { return incompatibleOps == 0; }
};

TosaReport checkTosa(const model::Model& m);

// The tensor type class TOSA legalization sees: "float", "quant8", "quant16", "int8", "int16", "int32",
// "bool", "complex", or the TFLite type name ("INT64") when TOSA has no such type.
std::string tosaTypeClass(const model::Tensor& t);

}  // namespace inferscope::compat
