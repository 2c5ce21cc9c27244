// Target comparison: one model analysed against several Ethos-U profiles (e.g. every built-in),
// with the headline figures side by side: inference time (NPU and the CPU estimate), SRAM, flash
// and DRAM used, and the NPU/CPU split of the operators.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/util/json.h"

namespace inferscope::report {

struct TargetFigures {
  std::string profile;      // profile name ("ethos-u55-128")
  std::string accelerator;  // "ethos-u55-128"
  std::string systemConfig, memoryMode;
  double clockHz = 0;
  double npuTimeMs = 0;     // Vela-comparable inference time
  double cpuTimeMs = 0;     // CPU-fallback estimate
  double totalTimeMs = 0;   // both
  double inferencesPerSecond = 0;
  double sramKiB = 0, flashKiB = 0, dramKiB = 0;  // flash: on-chip + off-chip
  double totalCycles = 0;
  std::int64_t macs = 0;
  int npuOperators = 0, cpuOperators = 0;
  std::string error;  // why this profile has no figures (empty when it has)
  bool ok() const { return error.empty(); }
};

TargetFigures targetFigures(const analysis::Analysis& a);

// The Ethos-U built-in profile names, in the built-ins' order.
std::vector<std::string> ethosUBuiltinProfiles();

// Analyses `model` for each profile in turn. A profile that fails gets a row with its error; the
// whole comparison fails only when cancelled (ErrorCode::Cancelled).
Result<std::vector<TargetFigures>> compareTargets(const model::ModelPtr& model, const std::string& modelPath,
                                                  const std::vector<targets::TargetProfile>& profiles,
                                                  const Progress& progress = {});

std::string comparisonCsv(const std::vector<TargetFigures>& rows);
json::Value comparisonJson(const std::vector<TargetFigures>& rows);

}  // namespace inferscope::report
