#include "core/report/compare.h"

#include "core/targets/builtin_profiles.h"
#include "core/util/csv.h"
#include "core/util/text.h"

namespace inferscope::report {

TargetFigures targetFigures(const analysis::Analysis& a) {
  TargetFigures f;
  f.profile = a.profile.name;
  f.accelerator = a.profile.acceleratorConfigName();
  f.systemConfig = a.profile.systemConfigName;
  f.memoryMode = a.profile.memoryModeName;
  if (!a.performance) {
    f.error = "no performance estimate";
    return f;
  }
  const auto& e = *a.performance;
  f.accelerator = e.accelerator;
  f.systemConfig = e.systemConfig;
  f.memoryMode = e.memoryMode;
  f.clockHz = e.clockHz;
  f.npuTimeMs = e.inferenceTimeMs;
  f.cpuTimeMs = e.cpuTimeMs;
  f.totalTimeMs = e.totalTimeWithCpuMs;
  f.inferencesPerSecond = e.totalTimeWithCpuMs > 0 ? 1000.0 / e.totalTimeWithCpuMs : 0;
  f.sramKiB = e.sramUsedKiB;
  f.flashKiB = e.onChipFlashUsedKiB + e.offChipFlashUsedKiB;
  f.dramKiB = e.dramUsedKiB;
  f.totalCycles = e.totalCycles;
  f.macs = e.macs;
  if (a.ethosU) {
    f.npuOperators = a.ethosU->npuOps;
    f.cpuOperators = a.ethosU->cpuOps;
  } else {
    f.npuOperators = e.npuOperators;
    f.cpuOperators = e.cpuOperators;
  }
  return f;
}

std::vector<std::string> ethosUBuiltinProfiles() {
  std::vector<std::string> out;
  for (const auto& n : targets::builtinProfileNames())
    if (n.rfind("ethos-u", 0) == 0) out.push_back(n);
  return out;
}

Result<std::vector<TargetFigures>> compareTargets(const model::ModelPtr& model, const std::string& modelPath,
                                                  const std::vector<targets::TargetProfile>& profiles,
                                                  const Progress& progress) {
  std::vector<TargetFigures> rows;
  const double n = profiles.empty() ? 1.0 : static_cast<double>(profiles.size());
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const auto& p = profiles[i];
    Progress sub{[&](double f) { return progress.report((static_cast<double>(i) + f) / n); }};
    auto a = analysis::analyze(model, modelPath, p, {}, sub);
    if (!a) {
      if (a.error().code == ErrorCode::Cancelled) return a.error();
      TargetFigures f;
      f.profile = p.name;
      f.accelerator = p.acceleratorConfigName();
      f.systemConfig = p.systemConfigName;
      f.memoryMode = p.memoryModeName;
      f.error = a.error().message;
      rows.push_back(std::move(f));
    } else {
      rows.push_back(targetFigures(*a));
    }
    if (!progress.report(static_cast<double>(i + 1) / n)) return makeError(ErrorCode::Cancelled, "comparison cancelled");
  }
  return rows;
}

std::string comparisonCsv(const std::vector<TargetFigures>& rows) {
  std::vector<csv::Row> out;
  out.push_back({"profile", "accelerator_configuration", "system_config", "memory_mode", "core_clock",
                 "inference_time_ms", "cpu_time_ms_estimate", "total_time_ms", "inferences_per_second",
                 "sram_memory_used_kib", "flash_memory_used_kib", "dram_memory_used_kib", "cycles_total", "nn_macs",
                 "npu_operators", "cpu_operators", "error"});
  for (const auto& r : rows) {
    if (!r.ok()) {
      out.push_back({r.profile, r.accelerator, r.systemConfig, r.memoryMode, "", "", "", "", "", "", "", "", "", "", "",
                     "", r.error});
      continue;
    }
    out.push_back({r.profile, r.accelerator, r.systemConfig, r.memoryMode, text::fixed(r.clockHz, 1),
                   text::fixed(r.npuTimeMs, 4), text::fixed(r.cpuTimeMs, 4), text::fixed(r.totalTimeMs, 4),
                   text::fixed(r.inferencesPerSecond, 2), text::fixed(r.sramKiB, 2), text::fixed(r.flashKiB, 2),
                   text::fixed(r.dramKiB, 2), text::fixed(r.totalCycles, 0), std::to_string(r.macs),
                   std::to_string(r.npuOperators), std::to_string(r.cpuOperators), ""});
  }
  return csv::write(out);
}

json::Value comparisonJson(const std::vector<TargetFigures>& rows) {
  json::Value arr = json::Array{};
  for (const auto& r : rows) {
    json::Value o = json::Object{};
    o.set("profile", r.profile);
    o.set("accelerator", r.accelerator);
    o.set("system_config", r.systemConfig);
    o.set("memory_mode", r.memoryMode);
    if (!r.ok()) {
      o.set("error", r.error);
    } else {
      o.set("clock_hz", r.clockHz);
      o.set("inference_time_ms", r.npuTimeMs);
      o.set("cpu_time_ms_estimate", r.cpuTimeMs);
      o.set("total_time_ms", r.totalTimeMs);
      o.set("inferences_per_second", r.inferencesPerSecond);
      o.set("sram_used_kib", r.sramKiB);
      o.set("flash_used_kib", r.flashKiB);
      o.set("dram_used_kib", r.dramKiB);
      o.set("total_cycles", r.totalCycles);
      o.set("macs", r.macs);
      o.set("npu_operators", r.npuOperators);
      o.set("cpu_operators", r.cpuOperators);
    }
    arr.push(o);
  }
  return arr;
}

}  // namespace inferscope::report
