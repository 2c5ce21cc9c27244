#include "core/compat/tosa.h"

#include <algorithm>

#include "core/compat/data.h"

namespace inferscope::compat {

using model::DType;

std::string tosaTypeClass(const model::Tensor& t) {
  bool quant = t.quant && !t.quant->scale.empty();
  switch (t.dtype) {
    case DType::FLOAT32: case DType::FLOAT16: case DType::BFLOAT16: return "float";
    case DType::INT8: case DType::UINT8: return quant ? "quant8" : (t.dtype == DType::INT8 ? "int8" : "UINT8");
    case DType::INT16: return quant ? "quant16" : "int16";
    case DType::INT32: return "int32";
    case DType::BOOL: return "bool";
    case DType::COMPLEX64: return "complex";
    default: return std::string(model::dtypeName(t.dtype));
  }
}

namespace {
bool anyTosaType(const std::string& c) {
  return c == "float" || c == "quant8" || c == "quant16" || c == "int8" || c == "int16" || c == "int32" || c == "bool";
}
}  // namespace

TosaReport checkTosa(const model::Model& m) {
  TosaReport r;
  const auto& ops = data::tosaLegalization()["ops"];
  for (std::size_t s = 0; s < m.subgraphs.size(); ++s) {
    const auto& sg = m.subgraphs[s];
    for (std::size_t i = 0; i < sg.operators.size(); ++i) {
      const auto& op = sg.operators[i];
      TosaOp o;
      o.subgraph = static_cast<std::int32_t>(s);
      o.index = static_cast<std::int32_t>(i);
      o.type = op.code == model::BuiltinOp::CUSTOM ? "CUSTOM" : std::string(model::builtinOpName(op.code));
      if (op.code == model::BuiltinOp::CUSTOM)
        if (const auto* oc = m.opcode(op)) o.customCode = oc->customCode;
      if (!op.outputs.empty())
        if (const auto* t = sg.tensor(op.outputs[0])) o.name = t->name;
      const auto& entry = ops[o.type];
      if (o.type == "CUSTOM") {
        o.compatible = false;
        o.reasons.push_back("custom operator '" + o.customCode +
                            "' legalizes to a TOSA CUSTOM operator, which only a backend implementing it can run");
      } else if (entry.isNull()) {
        o.compatible = false;
        o.reasons.push_back("TensorFlow's TFLite-to-TOSA legalization has no conversion for " + o.type);
      } else {
        std::vector<std::string> allowed;
        bool any = entry.isString() && entry.asString() == "*";
        for (const auto& a : entry.asArray()) allowed.push_back(a.asString());
        auto check = [&](std::int32_t ti, const char* role) {
          const auto* t = sg.tensor(ti);
          if (!t || t->isConstant()) return;
          auto c = tosaTypeClass(*t);
          bool ok = any ? anyTosaType(c) : std::find(allowed.begin(), allowed.end(), c) != allowed.end();
          if (ok) return;
          std::string list;
          if (any) list = "float, quant8, quant16, int8, int16, int32, bool";
          else
            for (std::size_t k = 0; k < allowed.size(); ++k) list += (k ? ", " : "") + allowed[k];
          o.reasons.push_back(std::string(role) + " '" + t->name + "' is " + c + ", which the TOSA legalization of " +
                              o.type + " does not handle (it handles: " + list + ")");
        };
        for (auto t : op.inputs) check(t, "Input");
        for (auto t : op.outputs) check(t, "Output");
        o.compatible = o.reasons.empty();
      }
      if (o.compatible) ++r.compatibleOps;
      else ++r.incompatibleOps;
      r.ops.push_back(std::move(o));
    }
  }
  return r;
}

}  // namespace inferscope::compat
