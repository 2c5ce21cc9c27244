// Internal: the state of one lowering run, shared by lowering.cpp (driver, feature maps, formats)
// and lowering_ops.cpp (what each TFLite operator becomes).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/estimate/lowering.h"

namespace inferscope::estimate::detail {

Shape4 shape4(const std::vector<std::int32_t>& shape);
// `s` with every `from` replaced by `to` (Vela renames lowered operations that way).
std::string replaceAll(std::string s, std::string_view from, std::string_view to);
Activation fusedActivation(const model::Operator& op);

class Lowerer {
 public:
  Lowerer(const model::Model& m, const std::vector<bool>& onNpu, const LoweringOptions& opt);
  Result<LoweredGraph> run();

  // --- used by the per-operator rules ---
  const model::Model& model() const { return m_; }
  const model::Subgraph& sg() const { return sg_; }
  const model::Tensor* tensor(std::int32_t i) const { return sg_.tensor(i); }
  const model::Tensor* input(const model::Operator& op, std::size_t i) const;
  const model::Tensor* output(const model::Operator& op, std::size_t i) const;
  bool onNpu(std::int32_t op) const { return op >= 0 && static_cast<std::size_t>(op) < onNpu_.size() && onNpu_[static_cast<std::size_t>(op)]; }
  std::size_t consumerCount(std::int32_t tensor) const { return tensor < 0 ? 0 : sg_.facts.consumers(tensor).size(); }
  const LoweringOptions& options() const { return opt_; }

  // The feature map of a TFLite tensor (created on first use).
  std::int32_t fm(std::int32_t tensor);
  // A feature map lowering creates (intermediate results of decomposed operators).
  std::int32_t newFm(const std::string& name, Shape4 shape, std::int32_t bits);
  FeatureMap& fmAt(std::int32_t i) { return g_.featureMaps[static_cast<std::size_t>(i)]; }
  // The feature map whose storage `i` uses (itself unless it is stored in another).
  std::int32_t storageOf(std::int32_t i) const;
  // Makes `tensor` share the storage of feature map `target` (bypassed memory-only operators).
  // `tensor` is stored as `target`. A reshaped view needs `target` linear (NHWC); a tensor the
  // consumer reads through hardware padding (a folded PAD) keeps `target`'s own format.
  void alias(std::int32_t tensor, std::int32_t target, bool reshapedView = true);
  // Appends an NPU operation to the current NPU segment.
  NpuOp& emit(NpuOpType type, const std::string& name, std::int32_t sourceOp);
  // A simple unary/binary elementwise or pooling operation between feature maps.
  NpuOp& emitSimple(NpuOpType type, const std::string& name, std::int32_t sourceOp, std::int32_t ifm,
                    std::int32_t ofm, std::int32_t ifm2 = -1);
  // The NPU operation (in the current segment) that writes feature map `fm`, or nullptr.
  NpuOp* producerInSegment(std::int32_t fm);
  void countNpuOperators(std::int32_t n) { g_.npuOperators += n; }
  void addConstantBytes(std::int64_t n) { g_.constantBytes += (n + 15) / 16 * 16; }
  // A constant TFLite tensor an NPU operation reads from permanent storage (stored once).
  void addConstantTensor(std::int32_t tensor) {
    const auto* t = sg_.tensor(tensor);
    if (t && t->isConstant() && constantsStored_.insert(tensor).second) addConstantBytes(t->byteSize());
  }
  void forceNhwc(std::int32_t fm) { nhwc_.push_back(fm); }
  std::string opName(std::int32_t opIndex) const;

  // Per-operator rules (lowering_ops.cpp). Returns false when the operator has no NPU lowering.
  void lowerOperator(std::int32_t opIndex);
  // UNIDIRECTIONAL_SEQUENCE_LSTM unrolled as Vela does (lowering_lstm.cpp); false if it cannot be.
  bool lowerLstm(std::int32_t opIndex);

 private:
  void closeSegment();
  void decideFormats();

  const model::Model& m_;
  const model::Subgraph& sg_;
  std::vector<bool> onNpu_;
  LoweringOptions opt_;
  LoweredGraph g_;
  std::vector<std::int32_t> fmOf_;
  bool segmentOpen_ = false;
  std::vector<std::int32_t> nhwc_;
  std::set<std::int32_t> constantsStored_;  // constant tensors counted in permanent storage
};

}  // namespace inferscope::estimate::detail
