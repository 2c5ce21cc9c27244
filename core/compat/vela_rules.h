// Internal: Vela's constraints as data. A rule has a stable id, the constraint text Vela prints and
// a check that returns nothing when the operator satisfies it, or what it has and how to fix it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/compat/vela_graph.h"
#include "core/util/cheap_text.h"
#include "core/util/small_vector.h"

namespace inferscope::compat::vela {

struct Fail {
  std::string detail;
  util::CheapText hint;  // a literal nearly always: borrowed, not copied
};
using Outcome = std::optional<Fail>;

// Everything a rule may read about one operator.
class OpCtx {
 public:
  OpCtx(const VGraph& g, const VOp& op);

  const VGraph& graph() const { return g_; }
  const VOp& op() const { return op_; }
  model::BuiltinOp code() const { return op_.code; }
  const model::BuiltinOptions& opts() const { return op_.op->options; }

  // Input i as Vela holds it (nullptr for an omitted optional input or past the end).
  const VTensor* in(std::size_t i) const { return g_.tensor(op_.in(i)); }
  std::size_t inputCount() const { return op_.inputs.size(); }
  const VTensor* out(std::size_t i) const {
    return i < op_.outputs.size() ? g_.tensor(op_.outputs[i]) : nullptr;
  }
  const VTensor* ifm() const;
  const VTensor* ifm2() const;
  const VTensor* weights() const;
  const VTensor* bias() const;
  const VTensor* ofm() const { return out(0); }
  // The IFM, IFM2, weights and OFM that exist (Vela's get_ifm_ifm2_weights_ofm, Nones dropped).
  std::span<const VTensor* const> roleTensors() const { return {roles_.data(), roleCount_}; }
  std::span<const VTensor* const> inputs() const;   // non-None inputs
  std::span<const VTensor* const> outputs() const;  // non-None outputs

  // Attributes (Vela's defaults when absent).
  std::int64_t strideW() const;
  std::int64_t strideH() const;
  std::int64_t dilationW() const { return opts().getInt("dilation_w_factor", 1); }
  std::int64_t dilationH() const { return opts().getInt("dilation_h_factor", 1); }
  std::int64_t kernelW() const;
  std::int64_t kernelH() const;
  std::string padding() const;  // "SAME" / "VALID" / "" when the operator has none
  std::int64_t depthMultiplier() const;

  // Vela's fixup_pool_strides: a pool whose kernel and stride both equal the IFM's H and W gets
  // stride 1 and VALID padding before the NPU checks run.
  bool poolStridesFixed = false;

 private:
  const VGraph& g_;
  const VOp& op_;
  std::array<const VTensor*, 4> roles_{};
  std::size_t roleCount_ = 0;
  // inputs() and outputs(), gathered on first use (rules ask for them repeatedly); short lists
  // (nearly all) stay in the context itself.
  struct TensorList {
    bool ready = false;
    util::SmallVector<const VTensor*, 6> tensors;
  };
  static std::span<const VTensor* const> gather(TensorList& list, std::size_t n, const auto& get);
  mutable TensorList inputs_, outputs_;
};

using Check = Outcome (*)(const OpCtx&);

struct Rule {
  const char* id;
  std::string text;  // as Vela prints it after " - " (continuation lines keep their indentation)
  Check check;
};

// Vela 3.10: the semantic rules for an operator type (generic ones minus exclusions, then specific).
std::vector<const Rule*> semanticRules(model::BuiltinOp code);
// The operator types the NPU can run.
bool npuSupportedType(model::BuiltinOp code);
// Vela 3.10: the supported-operator rules (generic ones minus exceptions, then specific).
std::vector<const Rule*> supportedRules(model::BuiltinOp code);
// Vela 4.x rules for Ethos-U85 (documented in its SUPPORTED_OPS.md), for ops it can run.
bool npuSupportedTypeU85(model::BuiltinOp code);
std::vector<const Rule*> supportedRulesU85(model::BuiltinOp code);

// Shared formatting helpers for rule details.
std::string shapeOf(const VTensor* t);  // "[1, 8, 8, 3]" or "None"
std::string joinNames(const std::vector<std::string>& names);
std::string joinNames(const std::vector<std::string_view>& names);
std::string dt(const VTensor* t);       // "int8" or "None"
bool isSignedInt(model::DType t);
bool isUnsignedInt(model::DType t);
bool quantEqual(const VTensor* a, const VTensor* b);  // Vela's check_quantized_tens_scaling_equal
// The integer values of a scalar or 1-D constant: [v] for a scalar, nullopt when not constant.
std::optional<std::vector<std::int64_t>> constInts(const VTensor* t);

}  // namespace inferscope::compat::vela
