#include "core/compat/cortex_a.h"

#include <algorithm>

#include "core/compat/data.h"

namespace inferscope::compat {

std::string_view cortexAVerdictText(CortexAVerdict v) {
  switch (v) {
    case CortexAVerdict::Compatible: return "Compatible";
    case CortexAVerdict::OperatorNotSupported: return "Operator not supported";
    case CortexAVerdict::ActivationNotSupported: return "Activation not supported";
  }
  return "Compatible";
}

std::string CortexAOp::reason(std::string_view backend) const {
  std::string what = type == "CUSTOM" ? "custom operator '" + customCode + "'" : type;
  switch (verdict) {
    case CortexAVerdict::Compatible: return {};
    case CortexAVerdict::OperatorNotSupported:
      return "Operator not supported: the " + std::string(backend) + " has no " + what +
             "; it falls back to the TensorFlow Lite runtime";
    case CortexAVerdict::ActivationNotSupported: {
      std::string list;
      for (std::size_t i = 0; i < supportedActivations.size(); ++i) list += (i ? ", " : "") + supportedActivations[i];
      return "Activation not supported: " + what + " with fused " + activation + " (supported: " + list + ")";
    }
  }
  return {};
}

std::vector<std::string> armnnDelegateVersions() {
  std::vector<std::string> out;
  for (const auto& [k, v] : data::armnnDelegate()["versions"].asObject()) out.push_back(k);
  return out;
}

std::string defaultArmnnDelegateVersion() { return data::armnnDelegate()["default_version"].asString(); }

Result<CortexAReport> checkCortexA(const model::Model& m, std::string_view version) {
  const auto& table = data::armnnDelegate();
  const auto& v = table["versions"][version];
  if (!v.isObject()) {
    std::string known;
    for (const auto& k : armnnDelegateVersions()) known += (known.empty() ? "" : ", ") + k;
    return makeError(ErrorCode::Config, "unknown Arm NN TFLite delegate version '" + std::string(version) +
                                            "' (known: " + known + ")");
  }
  CortexAReport r;
  r.backend = table["backend"].asString();
  r.version = std::string(version);
  for (std::size_t s = 0; s < m.subgraphs.size(); ++s) {
    const auto& sg = m.subgraphs[s];
    for (std::size_t i = 0; i < sg.operators.size(); ++i) {
      const auto& op = sg.operators[i];
      CortexAOp o;
      o.subgraph = static_cast<std::int32_t>(s);
      o.index = static_cast<std::int32_t>(i);
      bool custom = op.code == model::BuiltinOp::CUSTOM;
      o.type = custom ? "CUSTOM" : std::string(model::builtinOpName(op.code));
      if (custom)
        if (const auto* oc = m.opcode(op)) o.customCode = oc->customCode;
      if (!op.outputs.empty())
        if (const auto* t = sg.tensor(op.outputs[0])) o.name = t->name;
      auto act = op.options.getEnum("fused_activation_function");
      o.activation = act.empty() ? "NONE" : std::string(act);
      const auto& entry = custom ? v["custom_ops"][o.customCode] : v["builtin_ops"][o.type];
      if (!entry.isObject()) {
        o.verdict = CortexAVerdict::OperatorNotSupported;
      } else if (entry.contains("supported_fused_activations")) {
        const auto& acts = entry["supported_fused_activations"].asArray();
        bool ok = std::any_of(acts.begin(), acts.end(), [&](const json::Value& a) { return a.asString() == o.activation; });
        if (!ok) {
          o.verdict = CortexAVerdict::ActivationNotSupported;
          for (const auto& a : acts) o.supportedActivations.push_back(a.asString());
        }
      }
      if (o.compatible()) ++r.compatibleOps;
      else ++r.incompatibleOps;
      r.ops.push_back(std::move(o));
    }
  }
  return r;
}

}  // namespace inferscope::compat
