// Vela-like compilation estimates for Ethos-U: the figures Vela prints after compiling a model
// (cycles, inference time, memory used, bandwidth; per layer and in total), without running Vela.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/estimate/arch.h"
#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::estimate {

// The host CPU that runs the operators left off the NPU (for the CPU-fallback estimate).
struct CpuCore {
  std::string name = "cortex-m55";
  double clockHz = 400e6;
};

struct EthosUConfig {
  Accelerator accelerator = Accelerator::U55_128;
  MemorySystem memory;             // resolved system config + memory mode
  std::string systemConfig;        // names, for reports
  std::string memoryMode;
  CpuCore cpu;
};

// One row of Vela's per-layer report (one scheduled NPU operation).
struct LayerRow {
  std::string tfliteOperator;  // the original operator type, e.g. "CONV_2D"
  std::string nngOperator;     // Vela's NNG operation, e.g. "Conv2DBias"
  std::int64_t sramUsage = 0;  // bytes of SRAM in use while it runs
  double peakPercent = 0;      // sramUsage / total SRAM used
  double opCycles = 0;         // max(NPU, access cycles)
  double networkPercentCycles = 0;
  double npuCycles = 0;
  double sramAccessCycles = 0, dramAccessCycles = 0, onChipFlashAccessCycles = 0, offChipFlashAccessCycles = 0;
  std::int64_t macs = 0;
  double networkPercentMacs = 0;
  double utilPercent = 0;      // MACs / (op cycles x peak MACs per cycle)
  std::string name;
  std::int32_t sourceOp = -1;  // TFLite operator index in subgraph 0
  std::int32_t segment = 0;    // NPU subgraph
};

// Cycles of an operator left on the CPU: a coarse estimate, not a Vela figure.
struct CpuOpEstimate {
  std::int32_t op = -1;
  std::string type;
  std::int64_t macs = 0;
  std::int64_t elements = 0;
  double cycles = 0;
  std::string basis;  // how the figure was obtained ("0.5 cycles/MAC (CMSIS-NN int8)")
};

// A feature map's or weight buffer's time in memory (for lifetime charts; addresses come from
// firstFitAddresses in memory.h).
struct TensorLifetime {
  std::string name;
  std::int32_t start = 0, end = 0;  // time indices (inclusive), two per execution step
  std::int64_t size = 0;
  bool sram = true;
};

struct Estimate {
  std::string accelerator, systemConfig, memoryMode;
  double clockHz = 0;
  std::int32_t npuOperators = 0, cpuOperators = 0, npuSegments = 0;
  // Vela's network summary.
  double npuCycles = 0, sramAccessCycles = 0, dramAccessCycles = 0, onChipFlashAccessCycles = 0,
         offChipFlashAccessCycles = 0, totalCycles = 0;
  double inferenceTimeMs = 0, inferencesPerSecond = 0;
  std::int64_t macs = 0;
  double sramUsedKiB = 0, dramUsedKiB = 0, onChipFlashUsedKiB = 0, offChipFlashUsedKiB = 0;
  std::array<double, kMemAreaCount> readBytes{}, writeBytes{};  // per inference (batch)
  std::int64_t originalWeightBytes = 0, encodedWeightBytes = 0;
  std::vector<LayerRow> layers;
  // SRAM in use after each execution step, and the feature maps' placement.
  std::vector<std::int64_t> sramTimeline;
  std::vector<TensorLifetime> lifetimes;
  // Beyond Vela: the CPU part.
  std::vector<CpuOpEstimate> cpuOps;
  double cpuCyclesEstimate = 0, cpuTimeMs = 0;
  double totalTimeWithCpuMs = 0;  // NPU time + CPU estimate
  std::vector<std::string> notes;  // approximations that apply to this model
};

// Helper threads an estimate of this model shares its weight sizing with (0 for most small
// models). Starting them early (util::startHelpers), e.g. before the compatibility check, lets
// them be running when the estimate needs them.
int helpersWanted(const model::Model& m);

// Estimates the model with the given NPU placement of subgraph 0's operators (from the
// compatibility check). Progress is reported per NPU operation; cancelling gives ErrorCode::Cancelled.
Result<Estimate> estimateEthosU(const model::Model& m, const std::vector<bool>& onNpu, const EthosUConfig& config,
                                const Progress& progress = {});

// The Vela configuration the yardstick used: "ethos-u55-128" etc. with its system config and
// memory mode from MLIA's vela.ini.
Result<EthosUConfig> velaReferenceConfig(const std::string& acceleratorName);

}  // namespace inferscope::estimate
