// UNIDIRECTIONAL_SEQUENCE_LSTM on the NPU: Vela unrolls it into fully connected layers and
// elementwise operations, one cell step per time step (and batch), with its own operation names.
#include "core/estimate/lowering_impl.h"
#include "core/estimate/lowering_kernels.h"

namespace inferscope::estimate::detail {

using model::DType;

bool Lowerer::lowerLstm(std::int32_t oi) {
  const auto& op = sg_.operators[static_cast<std::size_t>(oi)];
  const auto* x = input(op, 0);
  const auto* out = output(op, 0);
  if (!x || x->shape.size() != 3 || !out) return false;
  const auto name = opName(oi);
  const auto key = (std::uint64_t(static_cast<std::uint32_t>(oi)) << 8);
  const bool timeMajor = op.options.getBool("time_major");
  const auto batch = timeMajor ? x->shape[1] : x->shape[0];
  const auto time = timeMajor ? x->shape[0] : x->shape[1];
  const auto nIn = x->shape[2];
  const auto nOut = out->shape.back();
  const auto* cellW = input(op, 4);  // input_to_cell weights [n_cell, n_input]
  const auto nCell = cellW && cellW->shape.size() == 2 ? cellW->shape[0] : nOut;
  const auto ifm = fm(op.inputs[0]), ofm = fm(op.outputs[0]);
  const auto xin = newFm(name + "_x", Shape4{1, 1, 1, nIn}, 8 * (x->dtype == DType::INT16 ? 2 : 1));
  // The output and cell states are the operator's variable tensors (inputs 18 and 19): they
  // persist between inferences, so they hold arena memory for the whole run.
  auto stateOf = [&](std::size_t index, const std::string& suffix, Shape4 shape, std::int32_t bits) {
    const auto* t = input(op, index);
    std::int64_t n = 1;
    if (t)
      for (auto d : t->shape) n *= d;
    if (t && t->isVariable && n == shape.elements()) {
      auto f = fm(op.inputs[index]);
      if (f >= 0) {
        fmAt(f).shape = shape;
        return f;
      }
    }
    return newFm(name + suffix, shape, bits);
  };
  const auto state = stateOf(18, "_state", Shape4{1, 1, 1, nOut}, fmAt(ofm).bits);
  const auto cell = stateOf(19, "_cell", Shape4{1, 1, 1, nCell}, 16);
  const Shape4 cellShape{1, 1, 1, nCell};
  // Each step's new states are feature maps of their own stored in the state variables (as
  // Vela's graph has them), so that the order of the operations follows the data.
  auto stored = [&](const std::string& fmName, std::int32_t variable) {
    const auto& v = fmAt(variable);
    auto f = newFm(fmName, v.shape, v.bits);
    fmAt(f).aliasOf = variable;
    return f;
  };
  // Vela's names: "<gate>#<batch>.<time>:<input tensor>_fc", "cell_state#b.t_ci_mul", ...; the
  // sequence output is written under the name of the tensor it has by then: a memory-only
  // operator reading it alone (on the NPU) has been bypassed, its output taking the place.
  const std::string inputName = x->name;
  std::string outName = out->name;
  for (auto t = op.outputs[0], guard = 0; guard < 16; ++guard) {
    const auto readers = sg_.facts.consumers(t);
    if (readers.size() != 1 || !onNpu(readers[0])) break;
    const auto& r = sg_.operators[static_cast<std::size_t>(readers[0])];
    const bool memoryOnly = r.code == model::BuiltinOp::RESHAPE || r.code == model::BuiltinOp::SQUEEZE ||
                            r.code == model::BuiltinOp::EXPAND_DIMS;
    const auto* next = r.outputs.empty() ? nullptr : tensor(r.outputs[0]);
    if (!memoryOnly || !next) break;
    t = r.outputs[0];
    outName = next->name;
  }
  const auto* stateTensor = input(op, 18);
  std::string stateName = stateTensor ? stateTensor->name : name + "_state";
  static const char* const kGate[4] = {"input_gate", "forget_gate", "cell_gate", "output_gate"};
  auto curState = state, curCell = cell;
  for (std::int32_t step = 0; step < batch * time; ++step) {
    std::string bt = "#";
    bt.append(std::to_string(step / time)).append(".").append(std::to_string(step % time));
    const std::string feature = inputName + "_feature" + bt;
    if (step % time == 0 && !timeMajor) stateName = (stateTensor ? stateTensor->name : name) + "_state#" + std::to_string(step / time);
    // The four gates (input, forget, cell, output) are separate tensors that live until the
    // cell and output updates use them, as in Vela's graph.
    std::int32_t gates[4];
    for (int g = 0; g < 4; ++g) {
      const std::string gate = kGate[g] + bt;
      const auto* wi = input(op, static_cast<std::size_t>(1 + g));
      const auto* wr = input(op, static_cast<std::size_t>(5 + g));
      const auto fromInput = newFm(gate + "_in", cellShape, 16);
      const auto fromState = newFm(gate + "_rec", cellShape, 16);
      gates[g] = newFm(gate, cellShape, 16);
      // Each step reads its slice of the input sequence in place (Vela merges its
      // SplitSliceRead into the fully connected layer as a read offset).
      auto& fi = emitSimple(NpuOpType::FullyConnected, gate + ":" + feature + "_fc", oi, ifm >= 0 ? ifm : xin, fromInput);
      fi.ifmShape = Shape4{1, 1, 1, nIn};
      if (wi) fi.weights = weightsOf(wi, WeightKind::FullyConnected, nCell, 1, 1, nIn, key | std::uint64_t(1 + g));
      auto& fr = emitSimple(NpuOpType::FullyConnected, gate + ":" + stateName + "_fc", oi, curState, fromState);
      if (wr) fr.weights = weightsOf(wr, WeightKind::FullyConnected, nCell, 1, 1, nOut, key | std::uint64_t(5 + g));
      auto& add = emitSimple(NpuOpType::Add, gate + "_add", oi, fromInput, gates[g], fromState);
      add.activation = Activation::Lut;
      add.ifmBits = add.ifm2Bits = 16;
    }
    // Operands in Vela's order: cell x forget, cell gate x input gate, tanh(cell) x output.
    const std::string cs = "cell_state" + bt, os = "output_state" + bt;
    const auto forgotten = newFm(cs + "_cf", cellShape, 16);
    emitSimple(NpuOpType::Mul, cs + "_cf_mul", oi, curCell, forgotten, gates[1]);
    const auto added = newFm(cs + "_ci", cellShape, 16);
    emitSimple(NpuOpType::Mul, cs + "_ci_mul", oi, gates[2], added, gates[0]);
    const auto newCell = stored(cs, cell);
    emitSimple(NpuOpType::Add, cs + "_add", oi, forgotten, newCell, added);
    const auto squashed = newFm(os + "_tanh", cellShape, 16);
    auto& th = emitSimple(NpuOpType::AvgPool, os + "_tanh", oi, newCell, squashed);
    th.activation = Activation::Lut;
    const auto newState = stored(os + "_mul_tens0", state);
    emitSimple(NpuOpType::Mul, os + "_mul", oi, squashed, newState, gates[3]);
    auto& w = emitSimple(NpuOpType::AvgPool, outName + bt, oi, newState, ofm);
    w.ofmShape = fmAt(newState).shape;
    curState = newState;
    curCell = newCell;
    stateName = os + "_mul_tens0";
  }
  countNpuOperators(18 * batch * time);
  return true;
}

}  // namespace inferscope::estimate::detail
