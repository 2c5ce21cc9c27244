#include "core/targets/profile.h"

#include <filesystem>

namespace inferscope::targets {

std::string TargetProfile::acceleratorConfigName() const {
  return isEthosU() ? target + "-" + std::to_string(mac) : std::string();
}

double TargetProfile::coreClockHz() const {
  if (isEthosU()) return systemConfig.coreClockHz;
  if (family == TargetFamily::CortexM) return cpuClock;
  return 0;
}

std::int64_t TargetProfile::portsUsed(MemoryArea a) const {
  // ports_used is a Vela 4 (Ethos-U85) key; earlier accelerators have one port per memory.
  if (family != TargetFamily::EthosU85) return 1;
  return systemConfig.settings(a).portsUsed.value_or(1);
}

double TargetProfile::bytesPerCycle(MemoryArea a) const {
  if (!isEthosU()) return 0;
  return axiPortWidthBits() / 8.0 * systemConfig.settings(a).clockScale * static_cast<double>(portsUsed(a));
}

std::int64_t TargetProfile::arenaCacheSize() const {
  return memoryMode.arenaCacheSize.value_or(maxAddressOffset(family));
}

bool TargetProfile::spillingEnabled() const {
  return isEthosU() && cacheArea() == MemoryArea::Sram && memoryMode.cacheMemArea != memoryMode.arenaMemArea;
}

std::optional<double> defaultCortexMClock(std::string_view core) {
  // Clocks of shipping parts built on each core: Cortex-M55 at 400 MHz (the high-performance core of
  // Alif's Ensemble E7), Cortex-M85 at 480 MHz (Renesas RA8M1).
  if (core == "cortex-m55") return 400e6;
  if (core == "cortex-m85") return 480e6;
  return std::nullopt;
}

std::string TargetProfile::hostCpu() const {
  if (family == TargetFamily::CortexM) return target;
  if (!isEthosU()) return {};
  if (hostCpuCore) return *hostCpuCore;
  return family == TargetFamily::EthosU85 ? "cortex-m85" : "cortex-m55";
}

double TargetProfile::hostCpuClockHz() const {
  if (family == TargetFamily::CortexM) return cpuClock;
  if (!isEthosU()) return 0;
  return hostCpuClock.value_or(systemConfig.coreClockHz);
}

std::string velaConfigPathFor(const TargetProfile& p) {
  namespace fs = std::filesystem;
  if (p.configPath.empty()) return {};
  fs::path cfg(p.configPath);
  if (cfg.is_relative() && !p.sourcePath.empty()) cfg = fs::path(p.sourcePath).parent_path() / cfg;
  return cfg.lexically_normal().string();
}

Status resolveVelaSettings(TargetProfile& p, std::string* failedKey) {
  auto fail = [&](const char* key, Error e) -> Status {
    if (failedKey) *failedKey = key;
    return e;
  };
  if (!p.isEthosU()) {
    p.vela.reset();
    p.systemConfig = {};
    p.memoryMode = {};
    p.notes.clear();
    return Ok{};
  }
  std::shared_ptr<const VelaConfig> vela;
  auto path = velaConfigPathFor(p);
  if (path.empty()) {
    vela = VelaConfig::builtin();
  } else if (p.vela && !p.vela->isBuiltin() && p.vela->fileName() == path) {
    vela = p.vela;  // already loaded
  } else {
    auto loaded = VelaConfig::load(path);
    if (!loaded) {
      auto e = loaded.error();
      if (e.code == ErrorCode::Io) e.message = "config = \"" + p.configPath + "\": " + e.message;
      return fail("config", e);
    }
    vela = std::make_shared<const VelaConfig>(std::move(*loaded));
  }
  auto sys = vela->systemConfig(p.systemConfigName, p.family);
  if (!sys) return fail("system_config", sys.error());
  auto mode = vela->memoryMode(p.memoryModeName, p.family);
  if (!mode) return fail("memory_mode", mode.error());
  std::vector<std::string> notes;
  if (auto st = applyVelaMemoryRules(*sys, *mode, p.family, &notes); !st) return fail("memory_mode", st.error());
  p.vela = std::move(vela);
  p.systemConfig = std::move(*sys);
  p.memoryMode = std::move(*mode);
  p.notes = std::move(notes);
  return Ok{};
}

}  // namespace inferscope::targets
