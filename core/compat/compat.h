// The compatibility check for any target profile, as one uniform per-operator view (for the GUI
// overlay, tables and reports), with the target-specific report kept alongside.
//
//   auto r = compat::checkCompatibility(model, profile);   // Ethos-U, Cortex-A, TOSA or Cortex-M
//   if (const auto* op = r->find(subgraph, index)) { op->onTarget, op->placement, op->reasons ... }
//
// Safe to call from a worker thread: it only reads the model and the profile.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/compat/advice.h"
#include "core/compat/cortex_a.h"
#include "core/compat/ethos_u.h"
#include "core/compat/tosa.h"
#include "core/model/ir.h"
#include "core/targets/profile.h"
#include "core/util/result.h"

namespace inferscope::compat {

enum class CheckKind {
  EthosU,   // NPU placement, Vela's rules
  CortexA,  // Arm NN TFLite delegate
  Tosa,     // TFLite-to-TOSA legalization
  CortexM,  // TFLite Micro's op resolver (everything runs on the CPU)
};

// One operator, whatever the target.
struct OpCompat {
  std::int32_t subgraph = 0;
  std::int32_t index = 0;
  std::string type;        // "CONV_2D"; "CUSTOM" for custom operators
  std::string customCode;  // for CUSTOM
  std::string name;        // the first output tensor's name
  bool onTarget = true;    // NPU / compatible
  // "NPU" / "CPU" for Ethos-U; "compatible" / "not compatible" for the others.
  std::string placement;
  std::vector<std::string> reasons;  // readable, the primary one first
  std::vector<std::string> advice;   // changes that would move it onto the target
  std::string note;                  // e.g. "folded into a constant at compile time"
  bool counted = true;               // false for operators Vela folds or drops
};

struct CompatReport {
  CheckKind kind = CheckKind::EthosU;
  std::string profileName;  // "ethos-u55-128"
  std::string target;       // "ethos-u55", "cortex-a", "tosa", "cortex-m55"
  std::string checker;      // "Vela 3.10", "Arm NN TensorFlow Lite Delegate 23.05", ...
  std::vector<OpCompat> ops;  // every operator of every subgraph, subgraph-major, index order
  int totalOperators = 0;     // counted operators
  int offTargetOperators = 0; // CPU-placed (Ethos-U) / not compatible (others)
  std::vector<Advice> advice;

  std::shared_ptr<const EthosUReport> ethosU;  // shared with analysis::Analysis::ethosU
  std::optional<CortexAReport> cortexA;
  std::optional<TosaReport> tosa;

  const OpCompat* find(std::int32_t subgraph, std::int32_t index) const;
  bool fullyOnTarget() const { return offTargetOperators == 0; }
};

struct CheckOptions {
  std::string modelPath;  // used in advice texts ("inferscope-cli check MODEL ...")
  // The uniform per-operator view (CompatReport::ops). Without it an Ethos-U report still has its
  // counts, advice and EthosUReport (every operator, placement and reason); ops stays empty.
  bool operators = true;
  // Ethos-U: every failing constraint of a CPU operator, or only the primary one (enough for the
  // placement, the estimate and the advice; see ReasonDepth).
  ReasonDepth ethosUReasons = ReasonDepth::All;
};

// Fails only for a profile it cannot check against (e.g. an unknown delegate version).
Result<CompatReport> checkCompatibility(const model::Model& m, const targets::TargetProfile& profile,
                                        const CheckOptions& options = {});

// The Ethos-U target of a profile (accelerator family and MAC count); fails for other families.
Result<EthosUTarget> ethosUTarget(const targets::TargetProfile& profile);

}  // namespace inferscope::compat
