#include "core/compat/advice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/compat/data.h"

namespace inferscope::compat {

std::string Advice::message() const {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) s += (i ? "\n" : "") + lines[i];
  return s;
}

namespace {

std::string plural(int n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string oneLine(std::string_view s) {
  std::string r;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !r.empty()) r += ' ';
    space = false;
    r += c;
  }
  return r;
}

std::string opLabel(const std::string& type, const std::string& customCode, const std::string& name) {
  std::string t = type == "CUSTOM" && !customCode.empty() ? "CUSTOM '" + customCode + "'" : type;
  return t + (name.empty() ? "" : " '" + name + "'");
}

}  // namespace

std::vector<Advice> adviseEthosU(const EthosUReport& r, const AdviceContext& ctx) {
  std::vector<Advice> out;
  // MLIA's advice, word for word.
  std::set<std::string> cpuOnlyTypes;
  for (const auto& op : r.ops)
    if (op.onCpu() && op.disposition == Disposition::Runs && op.primaryReason() &&
        op.primaryReason()->kind == ReasonKind::CpuOnly)
      cpuOnlyTypes.insert(op.type);
  if (!cpuOnlyTypes.empty()) {
    std::string list;
    for (const auto& t : cpuOnlyTypes) list += (list.empty() ? "" : ",") + t;
    int n = static_cast<int>(cpuOnlyTypes.size());
    out.push_back({"ethos-u.cpu-only", "compatibility", "warning",
                   {"You have at least " + plural(n, "operator") + " that is CPU only: " + list + ".",
                    "Using operators that are supported by the NPU will improve performance."}});
  }
  if (r.cpuOps > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f", r.cpuRatio() * 100.0);
    out.push_back({"ethos-u.unsupported", "compatibility", "warning",
                   {"You have " + std::string(pct) + "% of operators that cannot be placed on the NPU.",
                    "For better performance, please review the reasons reported in the table, and adjust the model "
                    "accordingly where possible."}});
  } else {
    out.push_back({"ethos-u.all-supported", "compatibility", "info",
                   {"You don't have any unsupported operators, your model will run completely on NPU.",
                    "Check the estimated performance by running the following command: ",
                    "inferscope-cli check " + ctx.modelPath + " --target-profile " + ctx.profileName +
                        " --performance"}});
  }

  // What would move the CPU operators to the NPU, grouped by the constraint they fail first.
  struct Group {
    const Reason* reason = nullptr;
    std::vector<const EthosUOp*> ops;
  };
  // Keyed by the rule id, and for CPU-only operators by their type too (views into the report).
  using Key = std::pair<std::string_view, std::string_view>;
  std::map<Key, Group> groups;
  std::vector<Key> order;
  for (const auto& op : r.ops) {
    if (!op.onCpu() || op.disposition != Disposition::Runs || !op.primaryReason()) continue;
    const auto* pr = op.primaryReason();
    Key key{pr->id, pr->id == "cpu_only" ? std::string_view(op.type) : std::string_view()};
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) {
      it->second.reason = pr;
      order.push_back(key);
    }
    it->second.ops.push_back(&op);
  }
  for (const auto& key : order) {
    const auto& g = groups[key];
    int n = static_cast<int>(g.ops.size());
    Advice a{"ethos-u.fix." + std::string(g.reason->id), "compatibility", "warning", {}};
    if (g.reason->kind == ReasonKind::CpuOnly) {
      a.lines.push_back(plural(n, g.ops.front()->type + " operator") + (n == 1 ? " runs" : " run") +
                        " on the CPU: the NPU has no " + g.ops.front()->type + ".");
      a.lines.push_back("To use the NPU instead: " + g.reason->hint + ".");
    } else {
      a.lines.push_back(plural(n, "operator") + (n == 1 ? " stays" : " stay") + " on the CPU because of: " +
                        oneLine(g.reason->rule));
      if (!g.reason->hint.empty()) a.lines.push_back("To place " + std::string(n == 1 ? "it" : "them") +
                                                     " on the NPU: " + g.reason->hint + ".");
    }
    for (int i = 0; i < n && i < 5; ++i) {
      const auto* op = g.ops[static_cast<std::size_t>(i)];
      const auto* pr = op->primaryReason();
      a.lines.push_back("  - " + opLabel(op->type, op->customCode, op->name) +
                        (pr->detail.empty() ? "" : ": " + oneLine(pr->detail)));
    }
    if (n > 5) a.lines.push_back("  - ... and " + std::to_string(n - 5) + " more");
    out.push_back(std::move(a));
  }

  // Partitions.
  if (r.segments.size() > 1) {
    out.push_back({"ethos-u.partitions", "performance", "warning",
                   {"The NPU work splits into " + std::to_string(r.segments.size()) + " partitions with " +
                        std::to_string(r.transitions) + " CPU/NPU transitions.",
                    "Every transition hands tensors between the CPU and the NPU and restarts the NPU; moving the CPU "
                    "operators between partitions to the NPU merges them."}});
  }

  // TensorFlow Lite Micro op resolver.
  auto resolver = tflmOpResolver(r);
  if (!resolver.entries.empty()) {
    Advice a{"tflm.op-resolver", "deployment", "info", {}};
    a.lines.push_back("Register these operators in the TensorFlow Lite Micro op resolver of the Vela-compiled model:");
    // One line each (as getline splits: no empty line after a final newline).
    const std::string code = resolver.code();
    for (std::size_t at = 0; at < code.size();) {
      std::size_t end = code.find('\n', at);
      if (end == std::string::npos) end = code.size();
      a.lines.push_back("  " + code.substr(at, end - at));
      at = end + 1;
    }
    std::vector<std::string> missing;
    for (const auto& e : resolver.entries)
      if (!e.registrable) missing.push_back(e.op);
    if (!missing.empty()) {
      a.severity = "warning";
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      a.lines.push_back("TensorFlow Lite Micro has no kernel for: " + list +
                        "; the model cannot run on the device until they are replaced or implemented.");
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Advice> adviseCortexA(const CortexAReport& r, const AdviceContext&) {
  std::vector<Advice> out;
  const std::string disclaimer =
      "Note that the provided compatibility information is general. At runtime individual operators in the given "
      "model might fall back to the TensorFlow Lite reference or might produce errors based on the specific "
      "parameters.";
  if (r.fullyCompatible()) {
    out.push_back({"cortex-a.compatible", "compatibility", "info",
                   {"Model is fully compatible with " + r.backendInfo() + " for Cortex-A.", disclaimer}});
    return out;
  }
  std::set<std::string> unsupported;
  std::map<std::string, std::pair<std::set<std::string>, std::vector<std::string>>> badAct;
  for (const auto& op : r.ops) {
    auto label = op.type == "CUSTOM" ? "CUSTOM - '" + op.customCode + "'" : op.type;
    if (op.verdict == CortexAVerdict::OperatorNotSupported) unsupported.insert(label);
    if (op.verdict == CortexAVerdict::ActivationNotSupported) {
      auto& e = badAct[label];
      e.first.insert(op.activation);
      e.second = op.supportedActivations;
    }
  }
  if (!unsupported.empty()) {
    Advice a{"cortex-a.unsupported", "compatibility", "warning",
             {"The following operators are not supported by " + r.backendInfo() +
              " and will fall back to the TensorFlow Lite runtime:"}};
    for (const auto& u : unsupported) a.lines.push_back(" - " + u);
    out.push_back(std::move(a));
  }
  if (!badAct.empty()) {
    Advice a{"cortex-a.activations", "compatibility", "warning",
             {"The fused activation functions of the following operators are not supported by " + r.backendInfo() +
              ". Please consider using one of the supported activation functions instead:"}};
    for (const auto& [op, e] : badAct) {
      std::string used, supported;
      for (const auto& u : e.first) used += (used.empty() ? "" : ", ") + u;
      for (const auto& s : e.second) supported += (supported.empty() ? "" : ", ") + s;
      a.lines.push_back(" - " + op);
      a.lines.push_back("   - Used unsupported: {" + used + "}");
      a.lines.push_back("   - Supported: {" + supported + "}");
    }
    out.push_back(std::move(a));
  }
  out.push_back({"cortex-a.review", "compatibility", "info",
                 {"Please, refer to the full table of operators above for more information.", disclaimer}});
  return out;
}

std::vector<Advice> adviseTosa(const TosaReport& r, const AdviceContext&) {
  if (r.fullyCompatible()) return {{"tosa.compatible", "compatibility", "info", {"Model is fully TOSA compatible."}}};
  Advice a{"tosa.incompatible", "compatibility", "warning",
           {"Some operators in the model are not TOSA compatible. Please, refer to the operators table for more "
            "information."}};
  std::map<std::string, int> types;
  for (const auto& op : r.ops)
    if (!op.compatible) ++types[op.type == "CUSTOM" ? "CUSTOM '" + op.customCode + "'" : op.type];
  for (const auto& [t, n] : types) a.lines.push_back(" - " + t + " (" + plural(n, "operator") + ")");
  return {a};
}

}  // namespace inferscope::compat
