// Target-profile vocabulary: target families, Vela memory areas and AXI ports, and the resolved
// system configuration and memory mode of a Vela configuration file.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inferscope::targets {

// CortexM profiles describe a Cortex-M CPU (cortex-m55, cortex-m85) used to cost CPU fallback.
enum class TargetFamily { EthosU55, EthosU65, EthosU85, CortexA, Tosa, CortexM };

// The `target` value for a family ("ethos-u55", "cortex-a", ...). For CortexM there is one target per
// core (see cortexMCores()); familyTarget returns "cortex-m".
std::string_view familyTarget(TargetFamily f);
// Maps every valid `target` string (including "cortex-m55" / "cortex-m85") to its family.
std::optional<TargetFamily> familyFromTarget(std::string_view target);
// Human-readable: "Ethos-U55", "Cortex-A", "TOSA", "Cortex-M".
std::string_view familyDisplayName(TargetFamily f);
// Cortex-M cores InferScope has CPU profiles for: "cortex-m55", "cortex-m85".
const std::vector<std::string>& cortexMCores();
const std::vector<TargetFamily>& allFamilies();
// Every valid `target` string, in a stable order (for error messages and choice lists).
std::vector<std::string> targetChoices();

bool isEthosU(TargetFamily f);
bool isCortexM(TargetFamily f);
// Valid MAC counts per Ethos-U family (empty for other families).
const std::vector<int>& macChoices(TargetFamily f);
// Arm NN TFLite delegate versions MLIA knows for Cortex-A.
const std::vector<std::string>& armnnDelegateVersions();

// Vela's MemArea values that a system config can put on an AXI port.
enum class MemoryArea { Sram = 0, Dram = 1, OnChipFlash = 2, OffChipFlash = 3 };
inline constexpr std::size_t kMemoryAreaCount = 4;
inline constexpr std::array<MemoryArea, kMemoryAreaCount> kAllMemoryAreas = {
    MemoryArea::Sram, MemoryArea::Dram, MemoryArea::OnChipFlash, MemoryArea::OffChipFlash};
// The spelling in .ini files ("Sram", "OffChipFlash"), which is also the key prefix.
std::string_view memoryAreaName(MemoryArea a);
std::optional<MemoryArea> memoryAreaFromName(std::string_view s);
// "SRAM", "Off-chip flash"
std::string_view memoryAreaDisplayName(MemoryArea a);

enum class AxiPort { Axi0 = 0, Axi1 = 1 };
std::string_view axiPortName(AxiPort p);  // "Axi0"
std::optional<AxiPort> axiPortFromName(std::string_view s);

// Where a value was defined: a file and a 1-based line (0 when built in / unknown).
struct SourceRef {
  std::string file;
  int line = 0;
  bool known() const { return !file.empty(); }
  std::string describe() const;  // "file:line" or "built-in"
  bool operator==(const SourceRef&) const = default;
};

// Per memory type settings of a system config, as Vela reads them. Vela 3.x reads clock scale,
// burst length and latencies only for the two memory types on AXI0/AXI1 and leaves every other one at
// its initial value (1.0, 1, 0, 0). Vela 4.x added ports_used / max_reads / max_writes; when a file
// does not give them they stay unset here and the accessors below say what is assumed.
struct MemorySettings {
  double clockScale = 1.0;
  std::int64_t burstLength = 1;     // bytes
  std::int64_t readLatency = 0;     // cycles of the memory clock
  std::int64_t writeLatency = 0;
  std::optional<std::int64_t> portsUsed;
  std::optional<std::int64_t> maxReads;   // max outstanding read transactions
  std::optional<std::int64_t> maxWrites;  // max outstanding write transactions

  bool operator==(const MemorySettings&) const = default;
};

struct SystemConfig {
  std::string name;          // without the "System_Config." prefix
  double coreClockHz = 1.0;  // Vela's initial value when core_clock is absent
  MemoryArea axi0 = MemoryArea::Sram;
  MemoryArea axi1 = MemoryArea::Sram;
  std::array<MemorySettings, kMemoryAreaCount> memory{};
  std::vector<std::string> inherits;  // sections this one inherits from, nearest first
  SourceRef source;

  const MemorySettings& settings(MemoryArea a) const { return memory[static_cast<std::size_t>(a)]; }
  MemorySettings& settings(MemoryArea a) { return memory[static_cast<std::size_t>(a)]; }
  MemoryArea areaOn(AxiPort p) const { return p == AxiPort::Axi0 ? axi0 : axi1; }
  bool isOnPort(MemoryArea a) const { return axi0 == a || axi1 == a; }
  // Memory clock in Hz: core clock x clock scale.
  double memoryClockHz(MemoryArea a) const { return coreClockHz * settings(a).clockScale; }

  bool operator==(const SystemConfig&) const = default;
};

struct MemoryMode {
  std::string name;  // without the "Memory_Mode." prefix
  AxiPort constMemArea = AxiPort::Axi0;  // weights and other constants
  AxiPort arenaMemArea = AxiPort::Axi0;  // the feature-map arena
  AxiPort cacheMemArea = AxiPort::Axi0;  // the fast-storage cache (spilling)
  // Absent: Vela uses the accelerator's maximum address offset (see TargetProfile::arenaCacheSize()).
  std::optional<std::int64_t> arenaCacheSize;
  std::vector<std::string> inherits;
  SourceRef source;

  bool operator==(const MemoryMode&) const = default;
};

}  // namespace inferscope::targets
