#include "core/estimate/cpu_cost.h"

#include <charconv>
#include <string_view>
#include <system_error>

namespace inferscope::estimate {
namespace {

using model::BuiltinOp;
using model::DType;

// Cycles per multiply-accumulate or per output element, by kernel family. The Cortex-M55 and
// M85 figures assume Helium (MVE) CMSIS-NN kernels for int8/int16 and TFLM's scalar reference
// kernels for float; M4/M7/M33 assume the DSP-extension CMSIS-NN kernels. They are rounded
// figures from CMSIS-NN's published kernel throughput, good to a factor of about two.
struct CoreRates {
  double int8Mac, int8DwMac, int16Mac, floatMac;
  double int8Elem, floatElem, heavyElem;  // elementwise; transcendental/softmax per element
};

CoreRates ratesFor(const std::string& core) {
  if (core == "cortex-m85") return {0.28, 0.45, 0.55, 4.0, 0.6, 2.5, 12};
  if (core == "cortex-m55") return {0.4, 0.6, 0.8, 6.0, 0.8, 3.5, 16};
  if (core == "cortex-m7") return {0.9, 1.4, 1.6, 4.0, 1.5, 3.0, 20};
  return {1.5, 2.2, 2.5, 8.0, 2.0, 5.0, 30};  // cortex-m4 / m33 and unknown cores
}

// "<rate> <what>", the rate as printf's "%.2g" (std::to_chars with a precision is specified as
// printf's conversion). A model has few distinct rates: the last few texts are kept per thread.
std::string basisText(double rate, std::string_view what) {
  struct Entry {
    double rate = -1;
    char text[24] = {};
    std::size_t length = 0;
  };
  thread_local Entry recent[4];
  thread_local unsigned next = 0;
  const Entry* hit = nullptr;
  for (const Entry& e : recent)
    if (e.length > 0 && e.rate == rate) hit = &e;
  if (!hit) {
    Entry& e = recent[next++ % 4];
    auto [end, ec] = std::to_chars(e.text, e.text + sizeof e.text, rate, std::chars_format::general, 2);
    e.length = ec == std::errc() ? static_cast<std::size_t>(end - e.text) : 0;
    e.rate = rate;
    hit = &e;
  }
  std::string out;
  out.reserve(hit->length + 1 + what.size());
  out.append(hit->text, hit->length);
  out += ' ';
  out.append(what);
  return out;
}

}  // namespace

CpuOpEstimate cpuOperatorCost(const model::Model& m, const model::Subgraph& sg, std::int32_t oi, const CpuCore& cpu) {
  const auto& op = sg.operators[static_cast<std::size_t>(oi)];
  CpuOpEstimate c;
  c.op = oi;
  c.type = m.opTypeName(op);
  c.macs = sg.facts.macs[static_cast<std::size_t>(oi)];
  c.elements = sg.facts.elementOps[static_cast<std::size_t>(oi)];
  const auto r = ratesFor(cpu.name);
  const auto* in = op.inputs.empty() ? nullptr : sg.tensor(op.inputs[0]);
  const DType dt = in ? in->dtype : DType::INT8;
  const bool isFloat = model::isFloat(dt);
  const bool is16 = dt == DType::INT16;
  switch (op.code) {
    case BuiltinOp::CONV_2D:
    case BuiltinOp::FULLY_CONNECTED:
    case BuiltinOp::TRANSPOSE_CONV:
    case BuiltinOp::BATCH_MATMUL:
    case BuiltinOp::CONV_3D:
    case BuiltinOp::LSTM:
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::SVDF: {
      double rate = isFloat ? r.floatMac : is16 ? r.int16Mac : r.int8Mac;
      c.cycles = double(c.macs) * rate + double(c.elements) * r.int8Elem;
      c.basis = basisText(rate, isFloat ? "cycles/MAC (float reference kernel)" : "cycles/MAC (CMSIS-NN)");
      break;
    }
    case BuiltinOp::DEPTHWISE_CONV_2D: {
      double rate = isFloat ? r.floatMac : is16 ? r.int16Mac : r.int8DwMac;
      c.cycles = double(c.macs) * rate + double(c.elements) * r.int8Elem;
      c.basis = basisText(rate, "cycles/MAC (depthwise)");
      break;
    }
    case BuiltinOp::SOFTMAX:
    case BuiltinOp::LOG_SOFTMAX:
    case BuiltinOp::EXP:
    case BuiltinOp::LOGISTIC:
    case BuiltinOp::TANH:
    case BuiltinOp::GELU:
    case BuiltinOp::RSQRT:
    case BuiltinOp::SQRT:
    case BuiltinOp::LOG: {
      c.cycles = double(c.elements) * r.heavyElem * (isFloat ? 1.5 : 1.0);
      c.basis = basisText(r.heavyElem, "cycles/element (transcendental)");
      break;
    }
    case BuiltinOp::AVERAGE_POOL_2D:
    case BuiltinOp::MAX_POOL_2D: {
      double taps = double(op.options.getInt("filter_width", 1) * op.options.getInt("filter_height", 1));
      double rate = (isFloat ? r.floatElem : r.int8Elem) * std::max(taps, 1.0) * 0.5;
      c.cycles = double(c.elements) * rate;
      c.basis = basisText(rate, "cycles/output (pooling)");
      break;
    }
    case BuiltinOp::CUSTOM: {
      c.cycles = double(c.elements) * r.heavyElem;
      c.basis = basisText(r.heavyElem, "cycles/output (custom operator: unknown kernel)");
      break;
    }
    default: {
      // Elementwise and data movement: proportional to the elements touched.
      std::int64_t touched = c.elements;
      for (auto t : op.inputs)
        if (const auto* x = sg.tensor(t); x && !x->isConstant()) touched = std::max(touched, x->numElements());
      double rate = isFloat ? r.floatElem : r.int8Elem;
      c.cycles = double(touched) * rate;
      c.basis = basisText(rate, "cycles/element");
      break;
    }
  }
  c.cycles += 200;  // kernel call overhead in the interpreter
  return c;
}

}  // namespace inferscope::estimate
