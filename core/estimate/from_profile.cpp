#include "core/estimate/from_profile.h"

namespace inferscope::estimate {
namespace {
MemArea areaOf(targets::MemoryArea a) {
  switch (a) {
    case targets::MemoryArea::Sram: return MemArea::Sram;
    case targets::MemoryArea::Dram: return MemArea::Dram;
    case targets::MemoryArea::OnChipFlash: return MemArea::OnChipFlash;
    case targets::MemoryArea::OffChipFlash: return MemArea::OffChipFlash;
  }
  return MemArea::Sram;
}
}  // namespace

Result<EthosUConfig> configFromProfile(const targets::TargetProfile& p) {
  if (!p.isEthosU())
    return makeError(ErrorCode::Config, "profile '" + p.name + "' is not an Ethos-U target: no NPU estimate");
  auto acc = acceleratorFromName(p.acceleratorConfigName());
  if (!acc) return makeError(ErrorCode::Config, "profile '" + p.name + "': unknown accelerator '" + p.acceleratorConfigName() + "'");
  EthosUConfig c;
  c.accelerator = *acc;
  c.systemConfig = p.systemConfigName;
  c.memoryMode = p.memoryModeName;
  auto& m = c.memory;
  m.coreClockHz = p.coreClockHz();
  for (auto a : targets::kAllMemoryAreas) {
    const auto& s = p.systemConfig.settings(a);
    auto& t = m.timing(areaOf(a));
    t.bandwidth = p.bytesPerCycle(a);
    t.clockScale = s.clockScale;
    t.burstLength = s.burstLength;
    t.readLatency = s.readLatency;
    t.writeLatency = s.writeLatency;
    t.portsUsed = p.portsUsed(a);
    t.maxReads = s.maxReads.value_or(0);
    t.maxWrites = s.maxWrites.value_or(0);
  }
  m.constArea = areaOf(p.constArea());
  m.arenaArea = areaOf(p.arenaArea());
  m.cacheArea = areaOf(p.cacheArea());
  m.arenaCacheSize = p.arenaCacheSize();
  c.cpu.name = p.hostCpuCore.value_or(isU85(*acc) ? "cortex-m85" : "cortex-m55");
  c.cpu.clockHz = p.hostCpuClock.value_or(m.coreClockHz);
  return c;
}

}  // namespace inferscope::estimate
