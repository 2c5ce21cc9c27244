// Internal: a subgraph as Vela's TFLite reader sees it, for the Ethos-U rules.
//
// Vela re-lays out constant weights (conv-like OHWI -> HWIO, fully connected [out, in] -> [in, out])
// and flattens constant biases, renaming both "<name>_reshape"; gives every tensor without a
// producing operator a Const (or, for variables, a Placeholder) producer; names operators after
// their first output; and records the option fields it could not read. The rules read this view.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ir.h"
#include "core/util/boxed.h"
#include "core/util/small_vector.h"

namespace inferscope::compat::vela {

enum class Producer { Op, Const, Placeholder };
enum class Layout { Plain, Hwio, InOut, Flat };

// A tensor shape or an operator's tensor list: nearly always short, kept inline.
using Dims = util::SmallVector<std::int32_t, 6>;
using TensorIds = util::SmallVector<std::int32_t, 4>;

struct VTensor {
  const model::Tensor* t = nullptr;
  std::int32_t source = -1;  // tensor index in the subgraph
  std::string_view name;  // the model's tensor name, or a name the graph owns (VGraph::names)
  Dims shape;             // as Vela holds it (after re-layout)
  Layout layout = Layout::Plain;
  model::DType dtype = model::DType::FLOAT32;
  Producer producer = Producer::Const;
  std::int32_t producerOp = -1;
  bool hasValues = false;  // "values is not None"
  util::Boxed<std::vector<std::int64_t>> foldedValues;  // a SHAPE folded into a constant (rare)

  // Vela's "quantization is not None": a scale or a zero point is present.
  bool hasQuant() const { return t && t->quant && (!t->quant->scale.empty() || !t->quant->zeroPoint.empty()); }
  // Vela's is_quantized(): an integer type with both a scale and a zero point.
  bool isQuantized() const;
  // Scale, zero point, min or max with more than one value.
  bool perAxis() const;
  const model::Quantization* quant() const { return hasQuant() ? &*t->quant : nullptr; }
  bool isVariable() const { return t && t->isVariable; }
  std::int64_t elements() const;
  int rank() const { return static_cast<int>(shape.size()); }
  // Constant values as integers, in Vela's layout order (empty when none or not an integer type).
  std::vector<std::int64_t> ints() const;
};

struct VOp {
  std::int32_t index = -1;
  const model::Operator* op = nullptr;
  model::BuiltinOp code = model::BuiltinOp::ADD;
  std::string_view type;  // "CONV_2D", "CUSTOM"
  std::string_view name;  // first output's name, or "unknown_op_name" (see VTensor::name)
  bool known = true; // Vela's reader knows the operator code
  TensorIds inputs;       // view tensor ids, -1 = None (an omitted optional input)
  TensorIds outputs;
  std::int32_t intermediates = 0;
  std::vector<std::string_view> missingAttrs;  // option fields Vela could not read
  std::string activation;                 // fused activation as TFLite names it; empty = none

  std::int32_t in(std::size_t i) const { return i < inputs.size() ? inputs[i] : -1; }
};

struct VGraph {
  VGraph() = default;
  VGraph(VGraph&&) = default;
  VGraph& operator=(VGraph&&) = default;
  VGraph(const VGraph&) = delete;  // views into `names` would point into the original
  VGraph& operator=(const VGraph&) = delete;

  const model::Model* model = nullptr;
  const model::Subgraph* sg = nullptr;
  std::int32_t subgraphIndex = 0;
  std::vector<VTensor> tensors;  // the subgraph's tensors, then re-laid-out clones
  std::vector<VOp> ops;          // one per TFLite operator, same index
  std::vector<std::int32_t> roots;  // output tensors (deduplicated) and virtual outputs
  // Names the reader makes up ("<name>_reshape", "AssignVariable_3"); the model holds the rest.
  // A deque: names stay where they are as more are added. Views into a VGraph's names stay valid
  // while the graph lives (moving a deque keeps its elements in place).
  std::deque<std::string> names;

  const VTensor* tensor(std::int32_t id) const {
    return id >= 0 && static_cast<std::size_t>(id) < tensors.size() ? &tensors[static_cast<std::size_t>(id)]
                                                                      : nullptr;
  }
};

VGraph buildGraph(const model::Model& m, std::int32_t subgraph);

// Per channel of the last axis of Vela's layout of a constant weight tensor: the sum of
// |value - zero point| over the channel's values, as the rules compute it from ints() (zp holds one
// zero point for all channels, or one per channel; with one channel and several zero points, numpy
// broadcasting: one sum per zero point over all values). Read from the typed data, once.
struct ChannelSums {
  enum Status {
    Empty,        // ints() is empty (no values, not an integer type, short data): nothing to sum
    Generic,      // a case this does not handle (folded values, odd shapes): use ints()
    WithinLimit,  // the type's range keeps every sum within the limit; no value was read
    Summed,       // sums holds one sum per channel
  };
  Status status = Empty;
  std::vector<std::int64_t> sums;
};
ChannelSums channelAbsSums(const VTensor& w, std::size_t channels, const std::vector<std::int64_t>& zp,
                           std::int64_t limit);

// Tensor roles of Vela's operator types: IFM(s), weights and bias input positions.
struct Roles {
  std::vector<int> ifms;
  int weights = -1;
  int bias = -1;
};
const Roles& rolesOf(model::BuiltinOp code);

// The option fields Vela reads for an operator type, in its order; empty when it reads none.
std::vector<std::string_view> velaOptionFields(model::BuiltinOp code);
// Whether Vela 3.10's reader knows the operator code.
bool velaKnowsCode(model::BuiltinOp code);

// Python-style text, as Vela prints values: [1, 14, 14, 64] / numpy [0 2 3 1] / int8.
std::string pyList(std::span<const std::int32_t> v);
std::string pyList64(const std::vector<std::int64_t>& v);
std::string npArray(const std::vector<std::int64_t>& v);
std::string pyDtype(model::DType t);
std::string pyFloat(double v);

}  // namespace inferscope::compat::vela
