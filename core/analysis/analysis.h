// One analysis run: a model against a target profile, giving the compatibility check and, for
// Ethos-U targets, the Vela-like performance estimate of the NPU placement it found. Shared by
// the CLI (`check`), the GUI (background jobs) and the reports.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/compat/compat.h"
#include "core/compat/ethos_u.h"
#include "core/estimate/estimate.h"
#include "core/model/ir.h"
#include "core/targets/profile.h"
#include "core/util/result.h"

namespace inferscope::analysis {

struct Options {
  // The compatibility report with its per-operator view. For performance alone the check still
  // runs (the estimate needs the placement), without that view: compat->ops stays empty.
  bool compatibility = true;
  bool performance = true;
  // Every failing constraint of each CPU operator (the compatibility views and exports list them),
  // or only the primary one when nothing shows more (faster on models with many CPU operators).
  bool allReasons = true;
};

struct Analysis {
  model::ModelPtr model;
  std::string modelPath;
  targets::TargetProfile profile;
  std::optional<compat::CompatReport> compat;     // any target family
  std::shared_ptr<const compat::EthosUReport> ethosU;  // Ethos-U targets: compat->ethosU itself
  std::optional<estimate::Estimate> performance;  // Ethos-U targets, when asked for
};

// Runs the requested analyses. Progress covers the whole run; cancelling returns
// ErrorCode::Cancelled. Performance for a profile that is not Ethos-U is an error naming it.
Result<Analysis> analyze(model::ModelPtr model, const std::string& modelPath, const targets::TargetProfile& profile,
                         const Options& options = {}, const Progress& progress = {});

}  // namespace inferscope::analysis
