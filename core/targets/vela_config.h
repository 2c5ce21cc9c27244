// Vela configuration files (.ini): System_Config.* and Memory_Mode.* sections, resolved the way
// Vela's ArchitectureFeatures does it (initial values, `inherit` chains, "internal-default", and the
// checks and adjustments Vela applies to the chosen pair).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/targets/ini.h"
#include "core/targets/types.h"
#include "core/util/result.h"

namespace inferscope::targets {

// Vela's name for "use the built-in defaults" for --system-config and --memory-mode.
inline constexpr std::string_view kInternalDefault = "internal-default";
inline constexpr std::string_view kSystemConfigPrefix = "System_Config.";
inline constexpr std::string_view kMemoryModePrefix = "Memory_Mode.";

// Bus width of one AXI port: 64 bits on Ethos-U55, 128 bits on Ethos-U65 (Vela 3.x
// ArchitectureFeatures) and 128 bits per port on Ethos-U85 (the bandwidths Vela 4's vela.ini states
// for every U85 system config equal core_clock x clock_scale x ports_used x 16 bytes).
int axiDataWidthBits(TargetFamily f);
// Largest address an AXI port reaches: 2^32 on Ethos-U55, 2^40 on Ethos-U65 (Vela 3.x) and on
// Ethos-U85, whose AXI interfaces are 40-bit too. Bounds and defaults arena_cache_size.
std::int64_t maxAddressOffset(TargetFamily f);

class VelaConfig {
 public:
  static Result<VelaConfig> parse(std::string_view text, std::string fileName);
  static Result<VelaConfig> load(const std::string& path);
  // InferScope's built-in configuration: every system config and memory mode of the vela.ini MLIA
  // ships, compiled in (core/targets/builtin_vela.cpp).
  static std::shared_ptr<const VelaConfig> builtin();

  bool isBuiltin() const { return builtin_; }
  const std::string& fileName() const { return ini_.fileName(); }
  const IniFile& ini() const { return ini_; }

  // Section names without their prefix, in file order.
  std::vector<std::string> systemConfigNames() const;
  std::vector<std::string> memoryModeNames() const;
  bool hasSystemConfig(std::string_view name) const;
  bool hasMemoryMode(std::string_view name) const;

  // Resolves one section as Vela reads it for an accelerator of `family`: only the memory types on
  // AXI0/AXI1 read their per-memory keys; missing keys keep Vela's initial values (core_clock 1,
  // both ports Sram, clock scale 1.0, burst length 1, latencies 0). "internal-default" gives Vela's
  // built-in values when the file has no section of that name.
  Result<SystemConfig> systemConfig(std::string_view name, TargetFamily family) const;
  Result<MemoryMode> memoryMode(std::string_view name, TargetFamily family) const;

 private:
  IniFile ini_;
  bool builtin_ = false;
};

// What Vela does once it has both: when constants, arena and cache all sit on one port whose memory
// is SRAM, the constants move to the other port, which becomes OnChipFlash with SRAM's timing (a
// note says so); then const_mem_area must be Dram/OnChipFlash/OffChipFlash, arena_mem_area Sram or
// Dram, cache_mem_area Sram, and 0 <= arena_cache_size <= the maximum address offset.
Status applyVelaMemoryRules(SystemConfig& sys, MemoryMode& mode, TargetFamily family,
                            std::vector<std::string>* notes);

}  // namespace inferscope::targets
