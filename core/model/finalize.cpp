#include "core/model/finalize.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace inferscope::model {
namespace {

constexpr std::int64_t kMaxElements = std::int64_t(1) << 48;  // far beyond any real tensor

bool mulOv(std::int64_t a, std::int64_t b, std::int64_t& r) { return __builtin_mul_overflow(a, b, &r); }
bool addOv(std::int64_t a, std::int64_t b, std::int64_t& r) { return __builtin_add_overflow(a, b, &r); }

std::string tensorWhere(std::uint32_t si, std::int32_t ti, const Tensor& t) {
  return "tensor " + std::to_string(ti) + " '" + t.name + "' in subgraph " + std::to_string(si);
}

std::string opWhere(const Model& m, std::uint32_t si, std::size_t oi) {
  const auto& op = m.subgraphs[si].operators[oi];
  return "operator " + std::to_string(oi) + " (" + m.opTypeName(op) + ") in subgraph " + std::to_string(si);
}

Status checkTensor(const Model& m, std::uint32_t si, std::int32_t ti, const Tensor& t) {
  if (t.buffer >= m.buffers.size() && !(t.buffer == 0 && m.buffers.empty()))
    return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " refers to buffer " + std::to_string(t.buffer) +
                                             ", but the model has " + std::to_string(m.buffers.size()) + " buffers");
  if (t.shape.size() > 32)
    return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " has rank " + std::to_string(t.shape.size()) +
                                             " (at most 32 is accepted)");
  std::int64_t n = 1;
  for (auto d : t.shape) {
    if (d < 0)
      return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " has a negative dimension " +
                                               std::to_string(d) + " in shape [" + shapeText(t.shape) + "]");
    if (mulOv(n, d, n) || n > kMaxElements)
      return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " has an absurd shape " + shapeText(t.shape) +
                                               " (more than 2^48 elements)");
  }
  if (!isKnown(t.dtype))
    return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " has an unknown type code " +
                                             std::to_string(static_cast<int>(t.dtype)));
  if (t.isConstant() && !t.sparsity && dtypeBits(t.dtype) >= 8) {
    auto need = t.byteSize();
    if (static_cast<std::int64_t>(t.data.size()) < need)
      return makeError(ErrorCode::Invalid, tensorWhere(si, ti, t) + " has " + std::to_string(t.data.size()) +
                                               " bytes of data, but its shape " + shapeText(t.shape) + " of " +
                                               std::string(dtypeName(t.dtype)) + " needs " + std::to_string(need));
  }
  // quantized_dimension is not checked against the rank: converters write axis 3 on rank-1
  // biases (person_detect does), and TFLite ignores it there.
  return Ok{};
}

// `what()` names the list in the error (built only then: the check runs for every operator).
template <class What>
Status checkIndexList(const std::vector<std::int32_t>& list, std::size_t count, bool allowOmitted, What what) {
  for (auto i : list) {
    if (allowOmitted && i == -1) continue;
    if (i < 0 || static_cast<std::size_t>(i) >= count)
      return makeError(ErrorCode::Invalid, what() + " refers to tensor " + std::to_string(i) + ", but there are " +
                                               std::to_string(count) + " tensors");
  }
  return Ok{};
}

std::int64_t dim(const Tensor* t, std::size_t i) {
  return t && i < t->shape.size() ? t->shape[i] : 0;
}
std::int64_t dimFromEnd(const Tensor* t, std::size_t i) {
  return t && i < t->shape.size() ? t->shape[t->shape.size() - 1 - i] : 0;
}
const Tensor* input(const Subgraph& sg, const Operator& op, std::size_t i) {
  return i < op.inputs.size() ? sg.tensor(op.inputs[i]) : nullptr;
}
const Tensor* output(const Subgraph& sg, const Operator& op, std::size_t i) {
  return i < op.outputs.size() ? sg.tensor(op.outputs[i]) : nullptr;
}

// Multiplies all factors; nullopt on overflow.
std::optional<std::int64_t> product(std::initializer_list<std::int64_t> f) {
  std::int64_t r = 1;
  for (auto x : f)
    if (mulOv(r, std::max<std::int64_t>(x, 0), r)) return std::nullopt;
  return r;
}

Status computeFacts(const Model& m, std::uint32_t si, Subgraph& sg) {
  auto& f = sg.facts;
  const auto nt = static_cast<std::int32_t>(sg.tensors.size());
  const auto no = static_cast<std::int32_t>(sg.operators.size());
  f = GraphFacts{};
  f.producer.assign(static_cast<std::size_t>(nt), -1);
  std::vector<std::int32_t> counts(static_cast<std::size_t>(nt) + 1, 0);
  for (std::int32_t oi = 0; oi < no; ++oi) {
    const auto& op = sg.operators[static_cast<std::size_t>(oi)];
    for (auto t : op.outputs) {
      if (t < 0) continue;
      auto& p = f.producer[static_cast<std::size_t>(t)];
      if (p >= 0 && p != oi)
        return makeError(ErrorCode::Invalid, "tensor " + std::to_string(t) + " '" + sg.tensors[static_cast<std::size_t>(t)].name +
                                                 "' in subgraph " + std::to_string(si) + " is written by two operators (" +
                                                 std::to_string(p) + " and " + std::to_string(oi) + ")");
      p = oi;
    }
    for (auto t : op.inputs)
      if (t >= 0) ++counts[static_cast<std::size_t>(t) + 1];
  }
  f.consumerOffsets.assign(static_cast<std::size_t>(nt) + 1, 0);
  for (std::int32_t t = 0; t < nt; ++t)
    f.consumerOffsets[static_cast<std::size_t>(t) + 1] = f.consumerOffsets[static_cast<std::size_t>(t)] + counts[static_cast<std::size_t>(t) + 1];
  f.consumerList.assign(static_cast<std::size_t>(f.consumerOffsets.back()), 0);
  {
    std::vector<std::int32_t> fill(f.consumerOffsets.begin(), f.consumerOffsets.end() - 1);
    for (std::int32_t oi = 0; oi < no; ++oi)
      for (auto t : sg.operators[static_cast<std::size_t>(oi)].inputs)
        if (t >= 0) f.consumerList[static_cast<std::size_t>(fill[static_cast<std::size_t>(t)]++)] = oi;
  }

  // Execution order: the stored order when it is already topological (as TFLite runs it),
  // otherwise Kahn's algorithm preferring lower operator indices.
  bool storedOk = true;
  for (std::int32_t oi = 0; oi < no && storedOk; ++oi)
    for (auto t : sg.operators[static_cast<std::size_t>(oi)].inputs)
      if (t >= 0 && f.producer[static_cast<std::size_t>(t)] >= oi) storedOk = false;
  f.topoOrder.reserve(static_cast<std::size_t>(no));
  if (storedOk) {
    for (std::int32_t oi = 0; oi < no; ++oi) f.topoOrder.push_back(oi);
  } else {
    std::vector<std::int32_t> indeg(static_cast<std::size_t>(no), 0);
    for (std::int32_t oi = 0; oi < no; ++oi)
      for (auto t : sg.operators[static_cast<std::size_t>(oi)].inputs)
        if (t >= 0 && f.producer[static_cast<std::size_t>(t)] >= 0) ++indeg[static_cast<std::size_t>(oi)];
    std::priority_queue<std::int32_t, std::vector<std::int32_t>, std::greater<>> ready;
    for (std::int32_t oi = 0; oi < no; ++oi)
      if (indeg[static_cast<std::size_t>(oi)] == 0) ready.push(oi);
    while (!ready.empty()) {
      auto oi = ready.top();
      ready.pop();
      f.topoOrder.push_back(oi);
      for (auto t : sg.operators[static_cast<std::size_t>(oi)].outputs) {
        if (t < 0) continue;
        for (auto c : f.consumers(t))
          if (--indeg[static_cast<std::size_t>(c)] == 0) ready.push(c);
      }
    }
    if (static_cast<std::int32_t>(f.topoOrder.size()) != no) {
      std::string ops;
      int shown = 0;
      for (std::int32_t oi = 0; oi < no && shown < 5; ++oi) {
        if (indeg[static_cast<std::size_t>(oi)] > 0) {
          ops += (shown ? ", " : "") + std::to_string(oi) + " (" + m.opTypeName(sg.operators[static_cast<std::size_t>(oi)]) + ")";
          ++shown;
        }
      }
      return makeError(ErrorCode::Invalid, "the graph of subgraph " + std::to_string(si) +
                                               " has a cycle; operators on it include " + ops);
    }
  }
  f.topoPosition.assign(static_cast<std::size_t>(no), 0);
  for (std::int32_t p = 0; p < no; ++p) f.topoPosition[static_cast<std::size_t>(f.topoOrder[static_cast<std::size_t>(p)])] = p;

  // Lifetimes in execution positions.
  f.lifetime.assign(static_cast<std::size_t>(nt), Lifetime{});
  for (std::int32_t t = 0; t < nt; ++t) {
    auto& lt = f.lifetime[static_cast<std::size_t>(t)];
    auto p = f.producer[static_cast<std::size_t>(t)];
    if (p >= 0) lt.first = lt.last = f.topoPosition[static_cast<std::size_t>(p)];
    for (auto c : f.consumers(t)) {
      auto pos = f.topoPosition[static_cast<std::size_t>(c)];
      if (lt.first < 0 || pos < lt.first) lt.first = pos;
      lt.last = std::max(lt.last, pos);
    }
  }
  for (auto t : sg.inputs)
    if (t >= 0) f.lifetime[static_cast<std::size_t>(t)].first = 0;
  for (auto t : sg.outputs)
    if (t >= 0) {
      auto& lt = f.lifetime[static_cast<std::size_t>(t)];
      lt.last = std::max(no - 1, 0);
      if (lt.first < 0) lt.first = 0;
    }

  f.macs.assign(static_cast<std::size_t>(no), 0);
  f.elementOps.assign(static_cast<std::size_t>(no), 0);
  for (std::int32_t oi = 0; oi < no; ++oi) {
    const auto& op = sg.operators[static_cast<std::size_t>(oi)];
    auto macs = operatorMacs(sg, op);
    if (!macs) return makeError(ErrorCode::Overflow, opWhere(m, si, static_cast<std::size_t>(oi)) + ": " + macs.error().message);
    f.macs[static_cast<std::size_t>(oi)] = *macs;
    if (addOv(f.totalMacs, *macs, f.totalMacs))
      return makeError(ErrorCode::Overflow, "the total MAC count of subgraph " + std::to_string(si) + " overflows 64 bits");
    std::int64_t e = 0;
    for (auto t : op.outputs)
      if (const auto* out = sg.tensor(t)) e += out->numElements();  // each < 2^48: no overflow
    f.elementOps[static_cast<std::size_t>(oi)] = e;
  }
  for (const auto& t : sg.tensors) {
    if (t.isConstant()) {
      f.parameterCount += t.numElements();
      f.weightBytes += static_cast<std::int64_t>(t.data.size());
    } else {
      f.activationBytes += t.byteSize();
    }
  }
  return Ok{};
}

}  // namespace

Result<std::int64_t> operatorMacs(const Subgraph& sg, const Operator& op) {
  const auto* in0 = input(sg, op, 0);
  const auto* w = input(sg, op, 1);
  const auto* out = output(sg, op, 0);
  const std::int64_t outElems = out ? out->numElements() : 0;
  std::optional<std::int64_t> r = 0;
  switch (op.code) {
    case BuiltinOp::CONV_2D:  // filter [O, KH, KW, I/groups]
      r = product({outElems, dim(w, 1), dim(w, 2), dim(w, 3)});
      break;
    case BuiltinOp::DEPTHWISE_CONV_2D:  // filter [1, KH, KW, O]
      r = product({outElems, dim(w, 1), dim(w, 2)});
      break;
    case BuiltinOp::FULLY_CONNECTED:  // weights [units, K]
      r = product({outElems, dimFromEnd(w, 0)});
      break;
    case BuiltinOp::TRANSPOSE_CONV: {  // inputs: output_shape, weights [O, KH, KW, I], input
      const auto* x = input(sg, op, 2);
      r = product({x ? x->numElements() : 0, dim(w, 0), dim(w, 1), dim(w, 2)});
      break;
    }
    case BuiltinOp::CONV_3D:  // filter [KD, KH, KW, I, O]
      r = product({outElems, dim(w, 0), dim(w, 1), dim(w, 2), dim(w, 3)});
      break;
    case BuiltinOp::CONV_3D_TRANSPOSE: {  // inputs: output_shape, filter [KD, KH, KW, O, I], input
      const auto* x = input(sg, op, 2);
      r = product({x ? x->numElements() : 0, dim(w, 0), dim(w, 1), dim(w, 2), dim(w, 3)});
      break;
    }
    case BuiltinOp::BATCH_MATMUL: {
      bool adjX = op.options.getBool("adj_x");
      r = product({outElems, adjX ? dimFromEnd(in0, 1) : dimFromEnd(in0, 0)});
      break;
    }
    case BuiltinOp::LSTM:
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::BIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::SVDF:
    case BuiltinOp::RNN:
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_RNN:
    case BuiltinOp::BIDIRECTIONAL_SEQUENCE_RNN: {
      // Every time step multiplies the input and the state by each constant weight matrix once.
      std::int64_t features = dimFromEnd(in0, 0);
      std::int64_t steps = features > 0 && in0 ? in0->numElements() / features : 0;
      std::int64_t weights = 0;
      for (std::size_t i = 1; i < op.inputs.size(); ++i) {
        const auto* t = input(sg, op, i);
        if (t && t->isConstant() && t->shape.size() == 2) weights += t->numElements();
      }
      r = product({steps, weights});
      break;
    }
    default:
      break;
  }
  if (!r) return makeError(ErrorCode::Overflow, "the MAC count overflows 64 bits");
  return *r;
}

Status finalizeModel(Model& m) {
  if (m.subgraphs.empty()) return makeError(ErrorCode::Invalid, "the model has no subgraphs");
  for (auto b : m.metadataBuffer)
    if (b < 0 || static_cast<std::size_t>(b) >= m.buffers.size())
      return makeError(ErrorCode::Invalid, "metadata_buffer refers to buffer " + std::to_string(b) +
                                               ", but the model has " + std::to_string(m.buffers.size()) + " buffers");
  for (const auto& md : m.metadata)
    if (md.buffer >= m.buffers.size())
      return makeError(ErrorCode::Invalid, "metadata '" + md.name + "' refers to buffer " + std::to_string(md.buffer) +
                                               ", but the model has " + std::to_string(m.buffers.size()) + " buffers");
  for (const auto& s : m.signatures) {
    if (s.subgraphIndex >= m.subgraphs.size())
      return makeError(ErrorCode::Invalid, "signature '" + s.key + "' refers to subgraph " +
                                               std::to_string(s.subgraphIndex) + ", but the model has " +
                                               std::to_string(m.subgraphs.size()));
    const auto n = m.subgraphs[s.subgraphIndex].tensors.size();
    for (const auto* list : {&s.inputs, &s.outputs})
      for (const auto& e : *list)
        if (e.tensorIndex >= n)
          return makeError(ErrorCode::Invalid, "signature '" + s.key + "' maps '" + e.name + "' to tensor " +
                                                   std::to_string(e.tensorIndex) + ", but its subgraph has " +
                                                   std::to_string(n) + " tensors");
  }
  for (std::uint32_t si = 0; si < m.subgraphs.size(); ++si) {
    auto& sg = m.subgraphs[si];
    const std::string where = "subgraph " + std::to_string(si);
    for (std::int32_t ti = 0; ti < static_cast<std::int32_t>(sg.tensors.size()); ++ti)
      if (auto s = checkTensor(m, si, ti, sg.tensors[static_cast<std::size_t>(ti)]); !s) return s;
    if (auto s = checkIndexList(sg.inputs, sg.tensors.size(), false, [&] { return where + " inputs"; }); !s) return s;
    if (auto s = checkIndexList(sg.outputs, sg.tensors.size(), false, [&] { return where + " outputs"; }); !s) return s;
    for (std::size_t oi = 0; oi < sg.operators.size(); ++oi) {
      const auto& op = sg.operators[oi];
      if (op.opcodeIndex >= m.opcodes.size())
        return makeError(ErrorCode::Invalid, "operator " + std::to_string(oi) + " in " + where + " uses operator code " +
                                                 std::to_string(op.opcodeIndex) + ", but the model has " +
                                                 std::to_string(m.opcodes.size()));
      auto w = [&](const char* list) { return [&m, si, oi, list] { return opWhere(m, si, oi) + list; }; };
      if (auto s = checkIndexList(op.inputs, sg.tensors.size(), true, w(" input")); !s) return s;
      if (auto s = checkIndexList(op.outputs, sg.tensors.size(), true, w(" output")); !s) return s;
      if (auto s = checkIndexList(op.intermediates, sg.tensors.size(), true, w(" intermediate")); !s) return s;
    }
    if (auto s = computeFacts(m, si, sg); !s) return s;
  }
  return Ok{};
}

}  // namespace inferscope::model
