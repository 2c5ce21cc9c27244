#include "core/compat/vela_graph.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

// The option fields Vela 3.10's reader deserializes, per operator type, in its order. When an
// operator has no options table Vela reports all of them missing; types absent here read none.
const std::map<BuiltinOp, const char*>& optionFieldTable() {
  using B = BuiltinOp;
  static const std::map<BuiltinOp, const char*> table = {
#include "core/compat/vela_option_fields.inc"
  };
  return table;
}

// The comma-separated option fields Vela reads for an operator type ("" when none).
std::string_view optionFieldList(BuiltinOp code) {
  const auto& t = optionFieldTable();
  auto it = t.find(code);
  return it == t.end() ? std::string_view{} : std::string_view(it->second);
}

bool hasField(std::string_view list, std::string_view name) {
  while (!list.empty()) {
    const auto c = list.find(',');
    if (list.substr(0, c) == name) return true;
    if (c == std::string_view::npos) break;
    list.remove_prefix(c + 1);
  }
  return false;
}

std::vector<std::string_view> splitFields(std::string_view v) {
  std::vector<std::string_view> out;
  while (!v.empty()) {
    auto c = v.find(',');
    out.push_back(v.substr(0, c));
    if (c == std::string_view::npos) break;
    v.remove_prefix(c + 1);
  }
  return out;
}

template <class T>
T readLe(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Element i of a constant tensor as an integer; nullopt for non-integer types.
std::optional<std::int64_t> intAt(const model::Tensor& t, std::size_t i) {
  const auto* d = t.data.data();
  auto n = t.data.size();
  auto at = [&](std::size_t w) { return (i + 1) * w <= n ? d + i * w : nullptr; };
  switch (t.dtype) {
    case DType::INT8: if (auto* p = at(1)) return readLe<std::int8_t>(p); break;
    case DType::UINT8: case DType::BOOL: if (auto* p = at(1)) return readLe<std::uint8_t>(p); break;
    case DType::INT16: if (auto* p = at(2)) return readLe<std::int16_t>(p); break;
    case DType::UINT16: if (auto* p = at(2)) return readLe<std::uint16_t>(p); break;
    case DType::INT32: if (auto* p = at(4)) return readLe<std::int32_t>(p); break;
    case DType::UINT32: if (auto* p = at(4)) return readLe<std::uint32_t>(p); break;
    case DType::INT64: if (auto* p = at(8)) return readLe<std::int64_t>(p); break;
    case DType::UINT64: if (auto* p = at(8)) return static_cast<std::int64_t>(readLe<std::uint64_t>(p)); break;
    default: break;
  }
  return std::nullopt;
}

// Operators whose weights and bias Vela's reader re-lays out (into clones of those tensors).
bool weightsRelaidOut(BuiltinOp code) {
  return code == BuiltinOp::CONV_2D || code == BuiltinOp::DEPTHWISE_CONV_2D || code == BuiltinOp::TRANSPOSE_CONV ||
         code == BuiltinOp::FULLY_CONNECTED;
}

}  // namespace

bool velaKnowsCode(BuiltinOp code) {
  auto c = static_cast<std::int32_t>(code);
  return c >= 0 && c <= 161 && c != 127;
}

std::vector<std::string_view> velaOptionFields(BuiltinOp code) { return splitFields(optionFieldList(code)); }

const Roles& rolesOf(BuiltinOp code) {
  static const Roles none{};
  static const Roles ifm{{0}, -1, -1};
  static const Roles ifmIfm2{{0, 1}, -1, -1};
  static const Roles conv{{0}, 1, 2};
  static const Roles tconv{{2}, 1, 3};
  static const Roles concat{{1, 2}, -1, -1};
  static const Roles split{{1}, -1, -1};
  static const Roles ifmWeights{{0}, 1, -1};
  switch (code) {
    case BuiltinOp::CONV_2D: case BuiltinOp::DEPTHWISE_CONV_2D: case BuiltinOp::FULLY_CONNECTED:
      return conv;
    case BuiltinOp::TRANSPOSE_CONV:
      return tconv;
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: case BuiltinOp::MAXIMUM:
    case BuiltinOp::MINIMUM: case BuiltinOp::SQUARED_DIFFERENCE: case BuiltinOp::PRELU:
    case BuiltinOp::TRANSPOSE: case BuiltinOp::ATAN2:
      return ifmIfm2;
    case BuiltinOp::CONCATENATION:
      return concat;
    case BuiltinOp::SPLIT:
      return split;
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM: case BuiltinOp::LSTM: case BuiltinOp::RNN:
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_RNN: case BuiltinOp::BIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::BIDIRECTIONAL_SEQUENCE_RNN:
      return ifmWeights;
    case BuiltinOp::ABS: case BuiltinOp::ARG_MAX: case BuiltinOp::AVERAGE_POOL_2D: case BuiltinOp::DEQUANTIZE:
    case BuiltinOp::EXP: case BuiltinOp::EXPAND_DIMS: case BuiltinOp::HARD_SWISH: case BuiltinOp::LEAKY_RELU:
    case BuiltinOp::MAX_POOL_2D: case BuiltinOp::MEAN: case BuiltinOp::PACK: case BuiltinOp::PAD:
    case BuiltinOp::QUANTIZE: case BuiltinOp::RELU: case BuiltinOp::RELU_0_TO_1: case BuiltinOp::RELU6:
    case BuiltinOp::RELU_N1_TO_1: case BuiltinOp::RESHAPE: case BuiltinOp::RESIZE_BILINEAR:
    case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: case BuiltinOp::RSQRT: case BuiltinOp::SHAPE:
    case BuiltinOp::LOGISTIC: case BuiltinOp::SIGN: case BuiltinOp::SLICE: case BuiltinOp::SOFTMAX:
    case BuiltinOp::SPLIT_V: case BuiltinOp::SQUEEZE: case BuiltinOp::STRIDED_SLICE: case BuiltinOp::TANH:
    case BuiltinOp::UNPACK:
      return ifm;
    default:
      return none;
  }
}

bool VTensor::isQuantized() const {
  if (!t || !t->quant || t->quant->scale.empty() || t->quant->zeroPoint.empty()) return false;
  switch (dtype) {
    case DType::INT4: case DType::INT8: case DType::INT16: case DType::INT32: case DType::INT64:
    case DType::UINT8: case DType::UINT16: case DType::UINT32: case DType::UINT64:
      return true;
    default:
      return false;
  }
}

bool VTensor::perAxis() const {
  const auto* q = quant();
  return q && (q->scale.size() > 1 || q->zeroPoint.size() > 1 || q->min.size() > 1 || q->max.size() > 1);
}

std::int64_t VTensor::elements() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::vector<std::int64_t> VTensor::ints() const {
  if (foldedValues) return *foldedValues;
  if (!t || !hasValues || t->data.empty()) return {};
  const auto& s = t->shape;
  std::size_t n = 1;
  for (auto d : s) n *= static_cast<std::size_t>(std::max(d, 0));
  std::vector<std::int64_t> out;
  out.reserve(n);
  auto get = [&](std::size_t i) { return intAt(*t, i); };
  if (layout == Layout::Hwio && s.size() == 4) {
    // source [O, H, W, I] -> [H, W, I, O]
    auto O = static_cast<std::size_t>(s[0]), H = static_cast<std::size_t>(s[1]),
         W = static_cast<std::size_t>(s[2]), I = static_cast<std::size_t>(s[3]);
    for (std::size_t h = 0; h < H; ++h)
      for (std::size_t w = 0; w < W; ++w)
        for (std::size_t i = 0; i < I; ++i)
          for (std::size_t o = 0; o < O; ++o) {
            auto v = get(((o * H + h) * W + w) * I + i);
            if (!v) return {};
            out.push_back(*v);
          }
    return out;
  }
  if (layout == Layout::InOut && s.size() == 2) {
    auto O = static_cast<std::size_t>(s[0]), I = static_cast<std::size_t>(s[1]);
    for (std::size_t i = 0; i < I; ++i)
      for (std::size_t o = 0; o < O; ++o) {
        auto v = get(o * I + i);
        if (!v) return {};
        out.push_back(*v);
      }
    return out;
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto v = get(i);
    if (!v) return {};
    out.push_back(*v);
  }
  return out;
}

VGraph buildGraph(const model::Model& m, std::int32_t subgraph) {
  VGraph g;
  g.model = &m;
  g.subgraphIndex = subgraph;
  const auto& sg = m.subgraphs[static_cast<std::size_t>(subgraph)];
  g.sg = &sg;
  const auto nt = sg.tensors.size();
  // Room for the re-laid-out weight and bias clones (conv-like and fully connected operators) and
  // the virtual outputs: one allocation for all of them, no larger than needed (a large graph's
  // tensors are a good part of a check's memory).
  std::size_t extra = 0;
  for (const auto& op : sg.operators) {
    if (op.code == BuiltinOp::ASSIGN_VARIABLE || op.code == BuiltinOp::CALL_ONCE) extra += 1;
    if (weightsRelaidOut(op.code)) extra += 2;
  }
  g.tensors.reserve(nt + extra);
  g.tensors.resize(nt);
  std::vector<bool> isInput(nt, false);
  for (auto t : sg.inputs)
    if (t >= 0 && static_cast<std::size_t>(t) < nt) isInput[static_cast<std::size_t>(t)] = true;
  for (std::size_t i = 0; i < nt; ++i) {
    const auto& t = sg.tensors[i];
    auto& v = g.tensors[i];
    v.t = &t;
    v.source = static_cast<std::int32_t>(i);
    v.name = t.name;
    v.shape = Dims(t.shape.begin(), t.shape.end());
    v.dtype = t.dtype;
    v.hasValues = t.isConstant();
    auto p = i < sg.facts.producer.size() ? sg.facts.producer[i] : -1;
    if (p >= 0) {
      v.producer = Producer::Op;
      v.producerOp = p;
    } else if (isInput[i]) {
      v.producer = v.hasValues ? Producer::Const : Producer::Placeholder;
    } else {
      v.producer = t.isVariable ? Producer::Placeholder : Producer::Const;
    }
  }

  auto clone = [&](std::int32_t src, Layout layout) {
    VTensor c = g.tensors[static_cast<std::size_t>(src)];
    c.name = g.names.emplace_back(std::string(c.name) + "_reshape");
    c.producer = Producer::Const;
    c.producerOp = -1;
    const auto& s = c.t->shape;
    if (layout == Layout::Hwio && s.size() == 4) {
      c.shape = {s[1], s[2], s[3], s[0]};
    } else if (layout == Layout::InOut && s.size() == 2) {
      c.shape = {s[1], s[0]};
    } else if (layout == Layout::Flat) {
      std::int32_t n = 1;
      for (auto d : s) n *= d;
      c.shape = {n};
    } else {
      layout = Layout::Plain;
    }
    c.layout = layout;
    g.tensors.push_back(std::move(c));
    return static_cast<std::int32_t>(g.tensors.size() - 1);
  };

  std::vector<std::int32_t> virtualOutputs;
  g.ops.resize(sg.operators.size());
  for (std::size_t oi = 0; oi < sg.operators.size(); ++oi) {
    const auto& op = sg.operators[oi];
    auto& v = g.ops[oi];
    v.index = static_cast<std::int32_t>(oi);
    v.op = &op;
    v.code = op.code;
    v.known = velaKnowsCode(op.code);
    v.type = op.code == BuiltinOp::CUSTOM ? std::string_view("CUSTOM") : model::builtinOpName(op.code);
    v.intermediates = static_cast<std::int32_t>(op.intermediates.size());
    auto valid = [&](std::int32_t t) { return t >= 0 && static_cast<std::size_t>(t) < nt ? t : -1; };
    for (auto t : op.inputs) v.inputs.push_back(valid(t));
    for (auto t : op.outputs) v.outputs.push_back(valid(t));
    v.name = "unknown_op_name";
    if (!v.outputs.empty() && v.outputs[0] >= 0) v.name = g.tensors[static_cast<std::size_t>(v.outputs[0])].name;

    if (op.code == BuiltinOp::ASSIGN_VARIABLE || op.code == BuiltinOp::CALL_ONCE) {
      // Vela gives these a virtual scalar int8 output so that traversals from the outputs reach them.
      v.name = g.names.emplace_back((op.code == BuiltinOp::ASSIGN_VARIABLE ? "AssignVariable_" : "CallOnce_") +
                                    std::to_string(oi));
      VTensor vt;
      vt.name = v.name;
      vt.dtype = DType::INT8;
      vt.producer = Producer::Op;
      vt.producerOp = v.index;
      g.tensors.push_back(std::move(vt));
      auto id = static_cast<std::int32_t>(g.tensors.size() - 1);
      v.outputs = {id};
      virtualOutputs.push_back(id);
    }

    // Weights and bias re-layout, as the reader does for conv-like and fully connected operators.
    if (weightsRelaidOut(op.code)) {
      auto w = v.in(1);
      if (w >= 0 && g.tensors[static_cast<std::size_t>(w)].hasValues)
        v.inputs[1] = clone(w, op.code == BuiltinOp::FULLY_CONNECTED ? Layout::InOut : Layout::Hwio);
      const auto& roles = rolesOf(op.code);
      if (static_cast<int>(v.inputs.size()) <= roles.bias) v.inputs.push_back(-1);
      auto b = v.inputs.empty() ? -1 : v.inputs.back();
      if (b >= 0 && g.tensors[static_cast<std::size_t>(b)].hasValues) v.inputs.back() = clone(b, Layout::Flat);
    }

    // Options Vela could not read (the field list is split only then).
    const std::string_view fieldList = optionFieldList(op.code);
    if (!fieldList.empty() && op.options.empty()) {
      v.missingAttrs = velaOptionFields(op.code);
      if (op.code == BuiltinOp::RESHAPE && v.inputs.size() > 1) v.missingAttrs.clear();
    } else if (op.code == BuiltinOp::CONCAT_EMBEDDINGS) {
      v.missingAttrs = {"embedding_dim_per_channel", "num_columns_per_channel"};
    } else if (op.code == BuiltinOp::BUCKETIZE) {
      v.missingAttrs = {"boundaries"};
    }
    if (hasField(fieldList, "fused_activation_function") && !op.options.empty()) {
      auto a = op.options.getEnum("fused_activation_function");
      if (!a.empty() && a != "NONE") v.activation = std::string(a);
    }
  }

  for (auto t : sg.outputs) {
    if (t < 0 || static_cast<std::size_t>(t) >= nt) continue;
    bool seen = false;
    for (auto r : g.roots) seen = seen || r == t;
    if (!seen) g.roots.push_back(t);
  }
  for (auto t : virtualOutputs) g.roots.push_back(t);
  return g;
}

std::string pyList(std::span<const std::int32_t> v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

std::string pyList64(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

std::string npArray(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += " ";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

std::string pyDtype(DType t) {
  switch (t) {
    case DType::FLOAT32: return "float32";
    case DType::FLOAT16: return "float16";
    case DType::FLOAT64: return "float64";
    case DType::INT4: return "int4";
    case DType::INT8: return "int8";
    case DType::INT16: return "int16";
    case DType::INT32: return "int32";
    case DType::INT64: return "int64";
    case DType::UINT8: return "uint8";
    case DType::UINT16: return "uint16";
    case DType::UINT32: return "uint32";
    case DType::UINT64: return "uint64";
    case DType::BOOL: return "bool";
    case DType::STRING: return "string";
    case DType::RESOURCE: return "resource";
    case DType::VARIANT: return "variant";
    case DType::COMPLEX64: return "complex64";
    case DType::COMPLEX128: return "complex128";
    default: {
      std::string s(model::dtypeName(t));
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    }
  }
}

std::string pyFloat(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::isnan(v)) return "nan";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  // Shortest text that reads back the same, as Python's repr prints it.
  for (int p = 1; p <= 17; ++p) {
    char t[40];
    std::snprintf(t, sizeof t, "%.*g", p, v);
    if (std::strtod(t, nullptr) == v) {
      std::string s(t);
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return s;
    }
  }
  return buf;
}

}  // namespace inferscope::compat::vela
