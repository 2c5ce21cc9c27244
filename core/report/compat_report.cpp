// The compatibility section of the check report, as JSON and text.
#include <cstdio>

#include "core/report/check.h"
#include "core/util/text.h"

namespace inferscope::report {

namespace {

using compat::CompatReport;

std::string kindName(compat::CheckKind k) {
  switch (k) {
    case compat::CheckKind::EthosU: return "ethos-u";
    case compat::CheckKind::CortexA: return "cortex-a";
    case compat::CheckKind::Tosa: return "tosa";
    case compat::CheckKind::CortexM: return "cortex-m";
  }
  return "ethos-u";
}

std::string location(const compat::OpCompat& o) {
  return std::to_string(o.subgraph) + ":" + std::to_string(o.index);
}

std::string label(const compat::OpCompat& o) {
  std::string t = o.type == "CUSTOM" && !o.customCode.empty() ? "CUSTOM '" + o.customCode + "'" : o.type;
  return t + " '" + o.name + "'";
}

std::string percent(int part, int whole) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
  return b;
}

json::Value constraintJson(const compat::Reason& r) {
  json::Value v = json::Object{};
  v.set("kind", std::string(compat::reasonKindName(r.kind)));
  v.set("id", r.id);
  v.set("rule", r.rule.view());
  v.set("detail", r.detail);
  if (!r.hint.empty()) v.set("hint", r.hint.view());
  v.set("primary", r.primary);
  return v;
}

json::Value strings(const std::vector<std::string>& v) {
  json::Value a = json::Array{};
  for (const auto& s : v) a.push(s);
  return a;
}

}  // namespace

CheckSection compatibilitySection(const CompatReport& r) {
  CheckSection s;
  s.key = "compatibility";
  json::Value j = json::Object{};
  j.set("target_kind", kindName(r.kind));
  j.set("checker", r.checker);
  json::Value ops = json::Array{};
  for (std::size_t i = 0; i < r.ops.size(); ++i) {
    const auto& o = r.ops[i];
    json::Value e = json::Object{};
    e.set("subgraph", o.subgraph);
    e.set("index", o.index);
    e.set("type", o.type);
    if (!o.customCode.empty()) e.set("custom_code", o.customCode);
    e.set("name", o.name);
    e.set("placement", o.placement);
    e.set("reasons", strings(o.reasons));
    if (!o.advice.empty()) e.set("advice", strings(o.advice));
    if (!o.counted) e.set("counted", false);
    if (!o.note.empty()) e.set("note", o.note);
    if (r.ethosU) {
      const auto* eo = r.ethosU->find(o.subgraph, o.index);
      if (eo && !eo->reasons.empty()) {
        json::Value c = json::Array{};
        for (const auto& reason : eo->reasons) c.push(constraintJson(reason));
        e.set("constraints", c);
      }
    }
    if (r.cortexA && i < r.cortexA->ops.size()) {
      e.set("activation", r.cortexA->ops[i].activation);
      e.set("cortex_a_compatible", std::string(compat::cortexAVerdictText(r.cortexA->ops[i].verdict)));
    }
    ops.push(e);
  }
  j.set("operators", ops);
  j.set("total_operators", r.totalOperators);
  j.set("cpu_operators", r.offTargetOperators);
  if (r.kind != compat::CheckKind::EthosU) {
    j.set("compatible_operators", r.totalOperators - r.offTargetOperators);
    j.set("not_compatible_operators", r.offTargetOperators);
  }
  j.set("fully_compatible", r.fullyOnTarget());

  std::string text = "Compatibility (" + r.checker + "):\n";
  if (r.ethosU) {
    const auto& e = *r.ethosU;
    j.set("npu_operators", e.npuOps);
    j.set("folded_operators", e.foldedOps);
    j.set("removed_operators", e.unreachableOps);
    j.set("npu_partitions", static_cast<int>(e.segments.size()));
    j.set("transitions", e.transitions);
    json::Value parts = json::Array{};
    for (const auto& seg : e.segments) {
      json::Value p = json::Object{};
      p.set("subgraph", seg.subgraph);
      json::Value idx = json::Array{};
      for (auto x : seg.ops) idx.push(x);
      p.set("operators", idx);
      parts.push(p);
    }
    j.set("partitions", parts);
    if (!e.notes.empty()) j.set("notes", strings(e.notes));
    auto resolver = compat::tflmOpResolver(e);
    json::Value res = json::Array{};
    for (const auto& en : resolver.entries) {
      json::Value x = json::Object{};
      x.set("operator", en.op);
      x.set("custom", en.custom);
      x.set("method", en.method);
      x.set("count", en.count);
      x.set("registrable", en.registrable);
      res.push(x);
    }
    j.set("tflm_op_resolver", res);
    text += "  Operators: " + std::to_string(r.totalOperators) + "   NPU: " + std::to_string(e.npuOps) +
            "   CPU: " + std::to_string(e.cpuOps) + " (" + percent(e.cpuOps, r.totalOperators) + ")" +
            "   NPU partitions: " + std::to_string(e.segments.size()) +
            "   CPU/NPU transitions: " + std::to_string(e.transitions) + "\n";
    if (e.foldedOps || e.unreachableOps)
      text += "  Folded at compile time: " + std::to_string(e.foldedOps) +
              "   Removed (unused): " + std::to_string(e.unreachableOps) + "\n";
    for (const auto& n : e.notes) text += "  Note: " + n + "\n";
  } else {
    text += "  Operators: " + std::to_string(r.totalOperators) +
            "   compatible: " + std::to_string(r.totalOperators - r.offTargetOperators) +
            "   not compatible: " + std::to_string(r.offTargetOperators) + "\n";
  }
  s.json = std::move(j);

  bool ethos = r.kind == compat::CheckKind::EthosU;
  text::Table t({"#", "Location", "Type", "Name", ethos ? "Placement" : "Compatibility", "Reason"},
                {text::Table::Align::Right});
  for (std::size_t i = 0; i < r.ops.size(); ++i) {
    const auto& o = r.ops[i];
    std::string why = o.reasons.empty() ? o.note : o.reasons.front();
    t.addRow({std::to_string(i + 1), location(o),
              o.type == "CUSTOM" && !o.customCode.empty() ? "CUSTOM:" + o.customCode : o.type, o.name, o.placement,
              why});
  }
  text += "\n" + t.render(40, "  ");

  std::string off;
  for (const auto& o : r.ops) {
    if (o.onTarget || !o.counted) continue;
    off += "  [" + location(o) + "] " + label(o) + "\n";
    for (const auto& reason : o.reasons) off += "      - " + reason + "\n";
    for (const auto& a : o.advice) off += "      -> " + a + "\n";
  }
  if (!off.empty()) text += "\n" + std::string(ethos ? "Operators on the CPU" : "Operators not compatible") + ":\n" + off;
  s.text = std::move(text);
  return s;
}

}  // namespace inferscope::report
