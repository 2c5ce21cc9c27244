#include "core/compat/compat.h"

#include <algorithm>

#include "core/compat/data.h"

namespace inferscope::compat {

const OpCompat* CompatReport::find(std::int32_t subgraph, std::int32_t index) const {
  auto it = std::lower_bound(ops.begin(), ops.end(), std::pair{subgraph, index}, [](const OpCompat& o, auto key) {
    return std::pair{o.subgraph, o.index} < key;
  });
  return it != ops.end() && it->subgraph == subgraph && it->index == index ? &*it : nullptr;
}

Result<EthosUTarget> ethosUTarget(const targets::TargetProfile& p) {
  EthosUTarget t;
  switch (p.family) {
    case targets::TargetFamily::EthosU55: t.family = EthosUFamily::U55; break;
    case targets::TargetFamily::EthosU65: t.family = EthosUFamily::U65; break;
    case targets::TargetFamily::EthosU85: t.family = EthosUFamily::U85; break;
    default:
      return makeError(ErrorCode::Config, "profile '" + p.name + "' is not an Ethos-U target");
  }
  t.macs = p.mac;
  return t;
}

namespace {

// The operator's identity fields, common to every target's report.
template <class TargetOp>
OpCompat identityOf(const TargetOp& op) {
  OpCompat o;
  o.subgraph = op.subgraph;
  o.index = op.index;
  o.type = op.type;
  o.customCode = op.customCode;
  o.name = op.name;
  return o;
}

OpCompat fromEthosUOp(const EthosUOp& op) {
  OpCompat o = identityOf(op);
  o.onTarget = op.placement == Placement::Npu;
  o.placement = std::string(placementName(op.placement));
  o.reasons.reserve(op.reasons.size());
  for (const auto& reason : op.reasons) {
    auto t = reason.text();
    if (reason.kind == ReasonKind::Semantic && reason.primary) t.insert(0, "Unsupported TensorFlow Lite semantics: ");
    o.reasons.push_back(std::move(t));
  }
  o.advice.reserve(op.advice.size());
  for (const auto& a : op.advice) o.advice.push_back(a.str());
  o.counted = op.disposition == Disposition::Runs;
  if (op.disposition == Disposition::Folded) o.note = "folded into a constant at compile time (no CPU or NPU work)";
  if (op.disposition == Disposition::Unreachable) o.note = "no subgraph output depends on it: Vela drops it";
  return o;
}

CompatReport fromEthosU(EthosUReport r, const AdviceContext& ctx, bool operators) {
  CompatReport out;
  out.kind = CheckKind::EthosU;
  out.checker = r.rulesVersion;
  if (operators) {
    out.ops.reserve(r.ops.size());
    for (const auto& op : r.ops) out.ops.push_back(fromEthosUOp(op));
  }
  out.totalOperators = r.totalOps;
  out.offTargetOperators = r.cpuOps;
  out.advice = adviseEthosU(r, ctx);
  out.ethosU = std::make_shared<const EthosUReport>(std::move(r));
  return out;
}

CompatReport fromCortexA(CortexAReport r, const AdviceContext& ctx) {
  CompatReport out;
  out.kind = CheckKind::CortexA;
  out.checker = r.backendInfo();
  for (const auto& op : r.ops) {
    OpCompat o = identityOf(op);
    o.onTarget = op.compatible();
    o.placement = o.onTarget ? "compatible" : "not compatible";
    if (!o.onTarget) o.reasons.push_back(op.reason(r.backendInfo()));
    if (op.verdict == CortexAVerdict::ActivationNotSupported)
      o.advice.push_back("use one of the supported fused activations, or apply " + op.activation +
                         " as a separate operator");
    out.ops.push_back(std::move(o));
  }
  out.totalOperators = static_cast<int>(r.ops.size());
  out.offTargetOperators = r.incompatibleOps;
  out.advice = adviseCortexA(r, ctx);
  out.cortexA = std::move(r);
  return out;
}

CompatReport fromTosa(TosaReport r, const AdviceContext& ctx) {
  CompatReport out;
  out.kind = CheckKind::Tosa;
  out.checker = "TFLite-to-TOSA legalization";
  for (const auto& op : r.ops) {
    OpCompat o = identityOf(op);
    o.onTarget = op.compatible;
    o.placement = o.onTarget ? "compatible" : "not compatible";
    o.reasons = op.reasons;
    out.ops.push_back(std::move(o));
  }
  out.totalOperators = static_cast<int>(r.ops.size());
  out.offTargetOperators = r.incompatibleOps;
  out.advice = adviseTosa(r, ctx);
  out.tosa = std::move(r);
  return out;
}

// Cortex-M: everything runs on the CPU under TensorFlow Lite Micro; an operator is compatible when
// TFLM can register a kernel for it.
CompatReport fromCortexM(const model::Model& m) {
  CompatReport out;
  out.kind = CheckKind::CortexM;
  out.checker = "TensorFlow Lite Micro op resolver";
  auto resolver = tflmOpResolver(m);
  for (std::size_t s = 0; s < m.subgraphs.size(); ++s) {
    const auto& sg = m.subgraphs[s];
    for (std::size_t i = 0; i < sg.operators.size(); ++i) {
      const auto& op = sg.operators[i];
      OpCompat o;
      o.subgraph = static_cast<std::int32_t>(s);
      o.index = static_cast<std::int32_t>(i);
      bool custom = op.code == model::BuiltinOp::CUSTOM;
      o.type = custom ? "CUSTOM" : std::string(model::builtinOpName(op.code));
      if (custom)
        if (const auto* oc = m.opcode(op)) o.customCode = oc->customCode;
      if (!op.outputs.empty())
        if (const auto* t = sg.tensor(op.outputs[0])) o.name = t->name;
      auto key = custom ? o.customCode : o.type;
      for (const auto& e : resolver.entries)
        if (e.op == key && e.custom == custom) o.onTarget = e.registrable;
      o.placement = o.onTarget ? "compatible" : "not compatible";
      if (!o.onTarget) o.reasons.push_back("TensorFlow Lite Micro has no kernel for " + key);
      ++out.totalOperators;
      if (!o.onTarget) ++out.offTargetOperators;
      out.ops.push_back(std::move(o));
    }
  }
  Advice a{"tflm.op-resolver", "deployment", out.offTargetOperators ? "warning" : "info",
           {"Register these operators in the TensorFlow Lite Micro op resolver:"}};
  std::string code = resolver.code();
  for (std::size_t p = 0, e; p < code.size(); p = e + 1) {
    e = code.find('\n', p);
    if (e == std::string::npos) e = code.size();
    a.lines.push_back("  " + code.substr(p, e - p));
  }
  if (out.offTargetOperators)
    a.lines.push_back(std::to_string(out.offTargetOperators) + " operators have no TensorFlow Lite Micro kernel.");
  out.advice.push_back(std::move(a));
  return out;
}

}  // namespace

Result<CompatReport> checkCompatibility(const model::Model& m, const targets::TargetProfile& profile,
                                        const CheckOptions& options) {
  AdviceContext ctx;
  ctx.modelPath = options.modelPath.empty() ? "MODEL" : options.modelPath;
  ctx.profileName = profile.name;
  CompatReport out;
  switch (profile.family) {
    case targets::TargetFamily::EthosU55: case targets::TargetFamily::EthosU65: case targets::TargetFamily::EthosU85: {
      auto t = ethosUTarget(profile);
      if (!t) return t.error();
      out = fromEthosU(checkEthosU(m, *t, options.ethosUReasons), ctx, options.operators);
      break;
    }
    case targets::TargetFamily::CortexA: {
      auto version = profile.armnnDelegateVersion.empty() ? defaultArmnnDelegateVersion() : profile.armnnDelegateVersion;
      auto r = checkCortexA(m, version);
      if (!r) return r.error();
      out = fromCortexA(std::move(*r), ctx);
      break;
    }
    case targets::TargetFamily::Tosa:
      out = fromTosa(checkTosa(m), ctx);
      break;
    case targets::TargetFamily::CortexM:
      out = fromCortexM(m);
      break;
  }
  out.profileName = profile.name;
  out.target = profile.target;
  return out;
}

}  // namespace inferscope::compat
