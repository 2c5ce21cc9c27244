// A target profile: what InferScope analyses a model against. Mirrors MLIA's profile files (both the
// MLIA 0.9.x format and the mlia-ethos-u plugin format) and adds Cortex-M CPU profiles. For Ethos-U
// targets the profile names a system config and a memory mode of a Vela configuration file; both are
// kept resolved here, so estimators read clocks, bandwidths and memory placement directly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/targets/types.h"
#include "core/targets/vela_config.h"
#include "core/util/result.h"

namespace inferscope::targets {

enum class ProfileFormat {
  Mlia,        // MLIA 0.9.x: target, mac, memory_mode, system_config, config at the top level
  MliaEthosU,  // mlia-ethos-u plugin: profile_name, target_type, description, [[components]], [config]
};

struct TargetProfile {
  // Identity
  std::string name;         // built-in name, profile_name, or the file's stem
  std::string description;  // optional
  TargetFamily family = TargetFamily::EthosU55;
  std::string target;       // MLIA's target string: "ethos-u55", "cortex-a", "tosa", "cortex-m55", ...
  ProfileFormat format = ProfileFormat::Mlia;

  // Ethos-U
  int mac = 0;
  std::string systemConfigName;
  std::string memoryModeName;
  std::string configPath;  // the `config` value as written; empty = the built-in Vela configuration
  std::shared_ptr<const VelaConfig> vela;  // the configuration the names were resolved in
  SystemConfig systemConfig;               // resolved, after Vela's memory rules
  MemoryMode memoryMode;                   // resolved
  std::vector<std::string> notes;          // adjustments Vela makes to this pair (see applyVelaMemoryRules)
  // The Cortex-M core that runs the operators left on the CPU, and its clock. Unset: cortex-m55 for
  // Ethos-U55/U65 and cortex-m85 for Ethos-U85 (as in Arm's Corstone-300 and Corstone-320 reference
  // systems), clocked like the NPU (the system config's core_clock).
  std::optional<std::string> hostCpuCore;
  std::optional<double> hostCpuClock;

  // Cortex-A: the Arm NN TFLite delegate version ([backend.armnn-tflite-delegate] version).
  std::string armnnDelegateVersion;

  // Cortex-M CPU profiles: core clock in Hz.
  double cpuClock = 0;

  // Provenance
  std::string sourcePath;   // the file it was loaded from; empty for built-ins
  std::string sourceText;   // that file's text, so saving keeps unknown keys, comments and layout
  std::string builtinName;  // the built-in it is, or was created from
  std::vector<std::string> warnings;  // unknown keys and other things that do not stop loading

  // --- Accessors for estimators
  bool isEthosU() const { return targets::isEthosU(family); }
  // Vela's --accelerator-config: "ethos-u55-128"; empty for other families.
  std::string acceleratorConfigName() const;
  int axiPortWidthBits() const { return axiDataWidthBits(family); }
  // NPU clock (Ethos-U) or CPU clock (Cortex-M) in Hz; 0 for Cortex-A and TOSA.
  double coreClockHz() const;
  // Memory clock of an area in Hz (core clock x clock scale).
  double memoryClockHz(MemoryArea a) const { return systemConfig.memoryClockHz(a); }
  // Peak bandwidth of a memory area in bytes per NPU cycle, as Vela computes it: port width / 8 x
  // clock scale, times the number of ports on Ethos-U85 (ports_used, 1 when not given).
  double bytesPerCycle(MemoryArea a) const;
  double bytesPerSecond(MemoryArea a) const { return bytesPerCycle(a) * coreClockHz(); }
  std::int64_t portsUsed(MemoryArea a) const;
  // Where constants (weights), the feature-map arena and the cache live.
  MemoryArea constArea() const { return systemConfig.areaOn(memoryMode.constMemArea); }
  MemoryArea arenaArea() const { return systemConfig.areaOn(memoryMode.arenaMemArea); }
  MemoryArea cacheArea() const { return systemConfig.areaOn(memoryMode.cacheMemArea); }
  // The arena cache size in bytes: the memory mode's value, or the maximum address offset.
  std::int64_t arenaCacheSize() const;
  // Vela's is_spilling_enabled: the cache is SRAM on a different port than the arena.
  bool spillingEnabled() const;
  std::string hostCpu() const;         // Cortex-M core for CPU fallback ("cortex-m55"), empty if none
  double hostCpuClockHz() const;       // its clock
};

// Resolves systemConfigName / memoryModeName of an Ethos-U profile in the Vela configuration named
// by configPath (relative paths are taken from the profile file's directory; empty = built-in), and
// applies Vela's memory rules. Clears them for other families. On failure `failedKey` (if given) is
// set to the profile key at fault: "config", "system_config" or "memory_mode".
Status resolveVelaSettings(TargetProfile& p, std::string* failedKey = nullptr);

// Where `config` points for this profile: an absolute path, or empty for the built-in configuration.
std::string velaConfigPathFor(const TargetProfile& p);

// The default clock of a Cortex-M core for CPU profiles.
std::optional<double> defaultCortexMClock(std::string_view core);

}  // namespace inferscope::targets
