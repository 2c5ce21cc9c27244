#include "core/estimate/lowering.h"

#include <algorithm>

#include "core/estimate/lowering_impl.h"
#include "core/estimate/pass_order.h"

namespace inferscope::estimate {
namespace detail {

Shape4 shape4(const std::vector<std::int32_t>& shape) {
  // As Vela: shorter shapes are padded with 1s in front; longer ones fold their leading
  // dimensions into the batch.
  Shape4 s;
  std::int32_t d[4] = {1, 1, 1, 1};
  const auto r = shape.size();
  if (r <= 4) {
    for (std::size_t i = 0; i < r; ++i) d[4 - r + i] = std::max(shape[i], 1);
  } else {
    std::int64_t lead = 1;
    for (std::size_t i = 0; i + 3 < r; ++i) lead *= std::max(shape[i], 1);
    d[0] = static_cast<std::int32_t>(std::min<std::int64_t>(lead, 1 << 30));
    for (std::size_t i = 0; i < 3; ++i) d[1 + i] = std::max(shape[r - 3 + i], 1);
  }
  s.n = d[0];
  s.h = d[1];
  s.w = d[2];
  s.c = d[3];
  return s;
}

std::string replaceAll(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

Activation fusedActivation(const model::Operator& op) {
  auto a = op.options.getEnum("fused_activation_function");
  if (a == "RELU") return Activation::Relu;
  if (a == "RELU6") return Activation::Relu6;
  if (a == "RELU_N1_TO_1") return Activation::ReluN1To1;
  if (a == "TANH") return Activation::Lut;
  return Activation::None;
}

Lowerer::Lowerer(const model::Model& m, const std::vector<bool>& onNpu, const LoweringOptions& opt)
    : m_(m), sg_(m.subgraphs.front()), onNpu_(onNpu), opt_(opt) {
  onNpu_.resize(sg_.operators.size(), false);
  fmOf_.assign(sg_.tensors.size(), -1);
}

const model::Tensor* Lowerer::input(const model::Operator& op, std::size_t i) const {
  return i < op.inputs.size() ? sg_.tensor(op.inputs[i]) : nullptr;
}
const model::Tensor* Lowerer::output(const model::Operator& op, std::size_t i) const {
  return i < op.outputs.size() ? sg_.tensor(op.outputs[i]) : nullptr;
}

std::string Lowerer::opName(std::int32_t opIndex) const {
  const auto& op = sg_.operators[static_cast<std::size_t>(opIndex)];
  if (!op.outputs.empty())
    if (const auto* t = sg_.tensor(op.outputs[0]); t && !t->name.empty()) return t->name;
  return m_.opTypeName(op) + "_" + std::to_string(opIndex);
}

std::int32_t Lowerer::fm(std::int32_t tensor) {
  if (tensor < 0 || static_cast<std::size_t>(tensor) >= fmOf_.size()) return -1;
  auto& slot = fmOf_[static_cast<std::size_t>(tensor)];
  if (slot >= 0) return slot;
  const auto& t = sg_.tensors[static_cast<std::size_t>(tensor)];
  FeatureMap f;
  f.tensor = tensor;
  f.name = t.name;
  f.shape = shape4(t.shape);
  f.bits = std::max(model::dtypeBits(t.dtype), 8);
  f.constant = t.isConstant();
  f.variable = t.isVariable;
  f.scalar = t.shape.empty();
  f.graphInput = std::find(sg_.inputs.begin(), sg_.inputs.end(), tensor) != sg_.inputs.end();
  f.graphOutput = std::find(sg_.outputs.begin(), sg_.outputs.end(), tensor) != sg_.outputs.end();
  auto p = sg_.facts.producer[static_cast<std::size_t>(tensor)];
  f.cpuProducer = p >= 0 && !onNpu(p);
  // A tensor nothing writes that is neither a graph input nor a variable (an already compiled
  // model's scratch tensors, for one) is a constant to Vela: it takes no arena memory.
  if (p < 0 && !f.graphInput && !f.variable) f.constant = true;
  for (auto c : sg_.facts.consumers(tensor)) f.cpuConsumer = f.cpuConsumer || !onNpu(c);
  g_.featureMaps.push_back(std::move(f));
  slot = static_cast<std::int32_t>(g_.featureMaps.size() - 1);
  return slot;
}

std::int32_t Lowerer::newFm(const std::string& name, Shape4 shape, std::int32_t bits) {
  FeatureMap f;
  f.name = name;
  f.shape = shape;
  f.bits = bits;
  g_.featureMaps.push_back(std::move(f));
  return static_cast<std::int32_t>(g_.featureMaps.size() - 1);
}

void Lowerer::alias(std::int32_t tensor, std::int32_t target, bool reshapedView) {
  if (tensor < 0 || static_cast<std::size_t>(tensor) >= fmOf_.size()) return;
  auto& slot = fmOf_[static_cast<std::size_t>(tensor)];
  slot = target;
  // A graph output written through a bypassed reshape keeps its graph-output role.
  const auto& t = sg_.tensors[static_cast<std::size_t>(tensor)];
  auto& f = fmAt(target);
  if (std::find(sg_.outputs.begin(), sg_.outputs.end(), tensor) != sg_.outputs.end()) f.graphOutput = true;
  for (auto c : sg_.facts.consumers(tensor)) f.cpuConsumer = f.cpuConsumer || !onNpu(c);
  if (reshapedView && !(shape4(t.shape) == f.shape)) forceNhwc(target);
}

NpuOp& Lowerer::emit(NpuOpType type, const std::string& name, std::int32_t sourceOp) {
  if (!segmentOpen_) {
    g_.segments.emplace_back();
    segmentOpen_ = true;
  }
  auto& op = g_.segments.back().ops.emplace_back();
  op.type = type;
  op.name = name;
  op.sourceOp = sourceOp;
  if (sourceOp >= 0) op.sourceType = sg_.operators[static_cast<std::size_t>(sourceOp)].code;
  return op;
}

NpuOp& Lowerer::emitSimple(NpuOpType type, const std::string& name, std::int32_t sourceOp, std::int32_t ifm,
                           std::int32_t ofm, std::int32_t ifm2) {
  auto& op = emit(type, name, sourceOp);
  op.ifm = ifm;
  op.ofm = ofm;
  op.ifm2 = ifm2;
  const auto& fi = fmAt(ifm);
  op.ifmShape = fi.shape;
  op.ifmBits = fi.bits;
  const auto& fo = fmAt(ofm);
  op.ofmShape = fo.shape;
  op.ofmBits = fo.bits;
  if (ifm2 >= 0) {
    op.ifm2Shape = fmAt(ifm2).shape;
    op.ifm2Bits = fmAt(ifm2).bits;
  }
  op.acc40 = fi.bits == 16;
  return op;
}

NpuOp* Lowerer::producerInSegment(std::int32_t fmIndex) {
  if (!segmentOpen_ || g_.segments.empty()) return nullptr;
  auto& ops = g_.segments.back().ops;
  for (auto it = ops.rbegin(); it != ops.rend(); ++it)
    if (it->ofm == fmIndex) return &*it;
  return nullptr;
}

void Lowerer::closeSegment() { segmentOpen_ = false; }

std::int32_t Lowerer::storageOf(std::int32_t i) const { return estimate::storageOf(g_.featureMaps, i); }

void Lowerer::decideFormats() {
  // Feature maps between NPU operations use the brick format NHCWB16 unless something forces
  // the plain NHWC layout: graph inputs and outputs, CPU neighbours, DMA copies, reshaped views.
  for (auto& f : g_.featureMaps)
    f.format = (f.graphInput || f.graphOutput || f.cpuProducer || f.cpuConsumer) ? TensorFormat::NHWC
                                                                                  : TensorFormat::NHCWB16;
  for (auto i : nhwc_) fmAt(i).format = TensorFormat::NHWC;
  for (auto& f : g_.featureMaps)
    if (f.constant) f.format = TensorFormat::NHWC;
  for (const auto& seg : g_.segments) {
    for (const auto& op : seg.ops) {
      if (op.type == NpuOpType::Memcpy) {
        fmAt(op.ifm).format = TensorFormat::NHWC;
        fmAt(op.ofm).format = TensorFormat::NHWC;
      }
      // An operation reading a feature map with another 4-D shape (a fully connected layer's
      // [N,1,1,C] view of its input) needs it linear.
      if (op.ifm >= 0 && !(fmAt(op.ifm).shape == op.ifmShape) &&
          fmAt(op.ifm).shape.elements() == op.ifmShape.elements())
        fmAt(op.ifm).format = TensorFormat::NHWC;
      // ... and so does a second operand read with another shape of the same size (Vela's
      // _avoid_nhcwb16_for_shapes: softmax's row maximum, read back per row).
      if (op.ifm2 >= 0 && !(fmAt(op.ifm2).shape == op.ifm2Shape) &&
          fmAt(op.ifm2).shape.elements() == op.ifm2Shape.elements())
        fmAt(op.ifm2).format = TensorFormat::NHWC;
      // A reduce sum reads int32 input (and on U65-512 any input) linear.
      if (op.type == NpuOpType::ReduceSum && op.ifm >= 0 &&
          (fmAt(op.ifm).bits == 32 || opt_.linearReduceSumInput))
        fmAt(op.ifm).format = TensorFormat::NHWC;
    }
  }
  // An elementwise result whose depth is not a multiple of 16 stays linear when it could overwrite
  // a linear input of the same shape and type (Vela's avoid_nhcwb16_for_ofm: fewer transactions).
  // Decided in execution order, so a linear graph input keeps a whole elementwise chain linear.
  for (const auto& seg : g_.segments) {
    for (const auto& op : seg.ops) {
      if (!isElementwise(op.type) || op.ofm < 0 || op.ofmShape.c % 16 == 0) continue;
      auto& out = fmAt(storageOf(op.ofm));
      if (out.format == TensorFormat::NHWC || out.graphOutput) continue;
      // Constants count (they are linear) unless they are rank-0 scalars.
      auto linearInput = [&](std::int32_t in, const Shape4& shape) {
        if (in < 0) return false;
        const auto& f = fmAt(storageOf(in));
        if (f.scalar) return false;
        return shape == op.ofmShape && f.bits == out.bits && f.format == TensorFormat::NHWC;
      };
      if (linearInput(op.ifm, op.ifmShape) || linearInput(op.ifm2, op.ifm2Shape)) out.format = TensorFormat::NHWC;
    }
  }
  // A feature map stored in another has its layout.
  for (auto& f : g_.featureMaps)
    if (f.aliasOf >= 0) f.format = fmAt(storageOf(f.aliasOf)).format;
}

Result<LoweredGraph> Lowerer::run() {
  const auto& order = sg_.facts.topoOrder;
  g_.execution.reserve(order.size());
  g_.featureMaps.reserve(sg_.tensors.size());
  for (auto oi : order) {
    if (!onNpu(oi)) {
      closeSegment();
      g_.cpuOps.push_back(oi);
      // The CPU operator's feature maps live in the arena too.
      ExecStep step{-1, oi, {}};
      const auto& op = sg_.operators[static_cast<std::size_t>(oi)];
      for (auto t : op.inputs)
        if (const auto* x = sg_.tensor(t); x && !x->isConstant()) step.fms.push_back(fm(t));
      for (auto t : op.outputs)
        if (t >= 0) step.fms.push_back(fm(t));
      g_.execution.push_back(std::move(step));
      continue;
    }
    bool wasOpen = segmentOpen_;
    auto before = g_.segments.size();
    lowerOperator(oi);
    if (!wasOpen && g_.segments.size() > before)
      g_.execution.push_back({static_cast<std::int32_t>(g_.segments.size() - 1), -1, {}});
  }
  closeSegment();
  for (auto t : sg_.inputs) fm(t);
  for (auto t : sg_.outputs) fm(t);
  if (opt_.velaPassOrder) applyVelaPassOrder(g_, sg_, fmOf_);
  decideFormats();
  g_.fmOfTensor = fmOf_;
  return std::move(g_);
}

}  // namespace detail

Result<LoweredGraph> lowerGraph(const model::Model& m, const std::vector<bool>& onNpu, const LoweringOptions& options) {
  if (m.subgraphs.empty()) return makeError(ErrorCode::Invalid, "the model has no subgraphs");
  return detail::Lowerer(m, onNpu, options).run();
}

}  // namespace inferscope::estimate
