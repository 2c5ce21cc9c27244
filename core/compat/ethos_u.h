// Ethos-U compatibility: which operators of a TFLite model the NPU runs and which fall back to the
// CPU, decided exactly as Vela places them (Vela 3.10 for Ethos-U55/U65; Vela 4.x's documented rules
// for Ethos-U85), with every failing constraint as a readable reason.
//
// Vela's pipeline, reproduced here per original TFLite operator of every subgraph:
//   1. its TFLite reader (weights re-laid out to HWIO / [in, out], biases flattened, missing options),
//   2. the TFLite semantic checks (every operator reachable from a subgraph output),
//   3. the early graph rewrites: QUANTIZE of a constant and SHAPE fold into constants, asymmetric
//      weights go to the CPU, "global" pools get stride 1,
//   4. the NPU supported-operator checks (the NPU-capable types, generic and per-type constraints).
// Nothing propagates afterwards: a CPU operator never drags its neighbours to the CPU.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ir.h"
#include "core/util/cheap_text.h"
#include "core/util/result.h"

namespace inferscope::compat {

enum class EthosUFamily { U55, U65, U85 };

// What the Ethos-U rules depend on: the accelerator family and its MAC count. Vela 3.10's placement
// is the same for every U55/U65 configuration; U85 follows Vela 4.x's rules.
struct EthosUTarget {
  EthosUFamily family = EthosUFamily::U55;
  int macs = 128;

  // "ethos-u55-128"
  std::string name() const;
  // Parses "ethos-u55-128", "ethos-u65-512", "ethos-u85-256" (an accelerator configuration name).
  static Result<EthosUTarget> parse(std::string_view acceleratorConfig);
};

enum class Placement { Npu, Cpu };
std::string_view placementName(Placement p);  // "NPU" / "CPU"

// Where a reason comes from; Vela prints each kind differently.
enum class ReasonKind {
  Semantic,           // "Unsupported TensorFlow Lite semantics for OP 'name'"
  Supported,          // "OP 'name' is not supported on the NPU"
  CpuOnly,            // "OP 'name' is a CPU only op"
  AsymmetricWeights,  // "Op <type> 'name' has asymmetric weights"
  Unreadable,         // Vela cannot read this operator code at all and stops with an error
};
std::string_view reasonKindName(ReasonKind k);  // "semantic", "supported", "cpu-only", ...

struct Reason {
  ReasonKind kind = ReasonKind::Supported;
  std::string_view id;  // stable rule id, e.g. "generic.quantization", "conv.stride" (static text)
  util::CheapText rule;  // the constraint in Vela's words (may span lines, as Vela prints it)
  std::string detail;    // what this operator has, e.g. "Op has stride WxH as: 4x4"
  util::CheapText hint;  // a change that would satisfy the rule; empty when there is none
  bool primary = false;  // the failure Vela reports (Vela stops at the first one)

  // rule and detail as one line: "Stride values ... [1, 3]: Op has stride WxH as: 4x4"
  std::string text() const;
};

// What happened to an operator besides its placement.
enum class Disposition {
  Runs,         // executed on its placement
  Folded,       // QUANTIZE of a constant / SHAPE: computed at compile time, neither CPU nor NPU work
  Unreachable,  // not reachable from any subgraph output: Vela drops it
};

struct EthosUOp {
  std::int32_t subgraph = 0;
  std::int32_t index = 0;   // operator index within its subgraph
  std::string type;         // "CONV_2D"; "CUSTOM" for custom operators (customCode names it)
  std::string customCode;   // for CUSTOM
  std::string name;         // Vela's operator name: the first output tensor's name
  Placement placement = Placement::Npu;
  Disposition disposition = Disposition::Runs;
  std::vector<Reason> reasons;  // failing constraints; the primary one first
  std::vector<util::CheapText> advice;  // what would move it to the NPU, when the rules say so

  bool onCpu() const { return placement == Placement::Cpu; }
  const Reason* primaryReason() const { return reasons.empty() ? nullptr : &reasons.front(); }
};

// A maximal run of NPU operators in execution order (Vela compiles each into one NPU subgraph,
// called from the CPU graph through one Ethos-U custom operator).
struct NpuSegment {
  std::int32_t subgraph = 0;
  std::vector<std::int32_t> ops;  // operator indices, in execution order
};

struct EthosUReport {
  EthosUTarget target;
  std::string rulesVersion;     // "Vela 3.10" or "Vela 4.5 (Ethos-U85, documented rules)"
  std::vector<EthosUOp> ops;    // every operator of every subgraph, subgraph-major, index order
  int totalOps = 0;             // counted operators: everything but folded and unreachable ones
  int npuOps = 0;               // original operators placed on the NPU
  int cpuOps = 0;               // original operators left on the CPU (Vela's "CPU operators")
  int foldedOps = 0;
  int unreachableOps = 0;
  std::vector<NpuSegment> segments;  // NPU partitions of every subgraph
  int transitions = 0;               // CPU<->NPU switches along the execution order
  std::vector<std::string> notes;    // model-level remarks (e.g. Vela would stop with an error)

  const EthosUOp* find(std::int32_t subgraph, std::int32_t index) const;
  double cpuRatio() const { return totalOps ? static_cast<double>(cpuOps) / totalOps : 0.0; }
};

// How many failing constraints to report per CPU operator: all of them (what else would have to
// change, for the compatibility views), or only the primary one, the failure Vela reports, which
// decides the placement alike and is all the estimate and the advice read. Primary is the faster.
enum class ReasonDepth { All, Primary };

// Checks every operator. Never fails: malformed operators are placed on the CPU with a reason.
EthosUReport checkEthosU(const model::Model& m, const EthosUTarget& target, ReasonDepth depth = ReasonDepth::All);

// Subgraph 0's placement by operator index (true = NPU), as estimate::lowerGraph takes it. Folded
// operators count as NPU (the lowering folds them itself); unreachable ones as NPU too.
std::vector<bool> npuPlacement(const EthosUReport& r);

}  // namespace inferscope::compat
