// Accelerator constants and Vela's built-in memory systems. See arch.h.
#include "core/estimate/arch.h"

#include <string>

namespace inferscope::estimate {

namespace {

struct AccelInfo {
  Accelerator accel;
  const char* name;
};
constexpr AccelInfo kAccels[] = {
    {Accelerator::U55_32, "ethos-u55-32"},     {Accelerator::U55_64, "ethos-u55-64"},
    {Accelerator::U55_128, "ethos-u55-128"},   {Accelerator::U55_256, "ethos-u55-256"},
    {Accelerator::U65_256, "ethos-u65-256"},   {Accelerator::U65_512, "ethos-u65-512"},
    {Accelerator::U85_128, "ethos-u85-128"},   {Accelerator::U85_256, "ethos-u85-256"},
    {Accelerator::U85_512, "ethos-u85-512"},   {Accelerator::U85_1024, "ethos-u85-1024"},
    {Accelerator::U85_2048, "ethos-u85-2048"},
};

// One memory type of a system config in vela.ini.
struct IniMemory {
  MemArea area;
  double clockScale;
  std::int64_t burst, readLatency, writeLatency;
  std::int64_t ports, maxReads, maxWrites;
};
struct IniSystem {
  const char* name;
  double coreClock;
  IniMemory axi0, axi1;
};

// The system configs of the vela.ini MLIA ships (/work/shared/reference/mlia/vela.ini).
constexpr IniSystem kSystems[] = {
    {"Ethos_U55_Deep_Embedded", 200e6,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 8, 8},
     {MemArea::OffChipFlash, 0.0625, 128, 64, 64, 1, 2, 2}},
    {"Ethos_U55_High_End_Embedded", 500e6,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 4, 4},
     {MemArea::OffChipFlash, 0.125, 128, 64, 64, 1, 2, 2}},
    {"Ethos_U65_Embedded", 500e6,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 8, 8},
     {MemArea::OffChipFlash, 0.0625, 128, 64, 64, 1, 2, 2}},
    {"Ethos_U65_Mid_End", 500e6,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 8, 8},
     {MemArea::Dram, 0.46875, 128, 500, 250, 1, 12, 6}},
    {"Ethos_U65_High_End", 1e9,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 16, 16},
     {MemArea::Dram, 0.234375, 128, 500, 250, 1, 24, 12}},
    {"Ethos_U65_Client_Server", 1e9,
     {MemArea::Sram, 1.0, 32, 32, 32, 1, 16, 16},
     {MemArea::Dram, 0.75, 128, 500, 250, 1, 24, 12}},
    {"Ethos_U85_SYS_Flash_Low", 200e6,
     {MemArea::Sram, 1.0, 64, 8, 8, 2, 8, 8},
     {MemArea::OffChipFlash, 0.0625, 128, 32, 0, 1, 2, 0}},
    {"Ethos_U85_SYS_Flash_High", 500e6,
     {MemArea::Sram, 1.0, 64, 32, 32, 2, 8, 8},
     {MemArea::OffChipFlash, 0.0625, 128, 64, 0, 1, 2, 0}},
    {"Ethos_U85_SYS_DRAM_Low", 500e6,
     {MemArea::Sram, 1.0, 64, 16, 16, 2, 8, 8},
     {MemArea::Dram, 0.46875, 128, 500, 250, 1, 24, 12}},
    {"Ethos_U85_SYS_DRAM_Mid", 1e9,
     {MemArea::Sram, 1.0, 64, 32, 32, 2, 8, 8},
     {MemArea::Dram, 0.75, 128, 500, 250, 1, 64, 32}},
    {"Ethos_U85_SYS_DRAM_High", 1e9,
     {MemArea::Sram, 1.0, 64, 32, 32, 4, 8, 8},
     {MemArea::Dram, 0.75, 128, 500, 250, 2, 64, 32}},
};

struct IniMode {
  const char* name;
  int constPort, arenaPort, cachePort;  // 0 = AXI0, 1 = AXI1
  std::int64_t arenaCacheSize;          // -1: the accelerator's maximum address offset
};
constexpr IniMode kModes[] = {
    {"Sram_Only", 0, 0, 0, -1},
    {"Shared_Sram", 1, 0, 0, -1},
    {"Dedicated_Sram", 1, 1, 0, 393216},
    {"Dedicated_Sram_256KB", 1, 1, 0, 262144},
    {"Dedicated_Sram_384KB", 1, 1, 0, 393216},
    {"Dedicated_Sram_512KB", 1, 1, 0, 524288},
};

std::int64_t maxAddressOffsetOf(Accelerator a) {
  return isU55(a) ? (std::int64_t(1) << 32) : (std::int64_t(1) << 40);
}

void setU55U65Config(Arch& a) {
  using A = Accelerator;
  switch (a.accel) {
    case A::U65_512:
    case A::U65_256:
    case A::U55_256:
      a.macs = 256;
      a.cores = a.accel == A::U65_512 ? 2 : 1;
      a.ofmUblock = {1, 2, 2, 8};
      a.ifmUblock = {1, 2, 2, 8};
      a.shramBanks = 48;
      a.shramGranules = {8, 8, 8, 8, 16, 8, 16, 20};
      a.elementwiseUnits = 8;
      break;
    case A::U55_128:
      a.macs = 128;
      a.ofmUblock = {1, 1, 2, 8};
      a.ifmUblock = {1, 1, 2, 8};
      a.shramBanks = 24;
      a.shramGranules = {4, 4, 4, 4, 8, 4, 8, 12};
      a.elementwiseUnits = 4;
      break;
    case A::U55_64:
      a.macs = 64;
      a.ofmUblock = {1, 1, 1, 8};
      a.ifmUblock = {1, 1, 1, 8};
      a.shramBanks = 16;
      a.shramGranules = {2, 2, 2, 2, 4, 4, 4, 8};
      a.elementwiseUnits = 2;
      break;
    case A::U55_32:
      a.macs = 32;
      a.ofmUblock = {1, 1, 1, 4};
      a.ifmUblock = {1, 1, 1, 8};
      a.shramBanks = 16;
      a.shramGranules = {2, 2, 2, 2, 4, 4, 4, 4};
      a.elementwiseUnits = 1;
      break;
    default:
      break;
  }
  switch (a.accel) {
    case A::U55_32:
      a.outputCyclesPerElem = {2.0, 3.0, 3.0, 3.0, 4.0, 6.0, 1.0, 2.0};
      a.activationCyclesPerElem = {1.0, 1.0, 0.0};
      break;
    case A::U55_64:
      a.outputCyclesPerElem = {1.0, 1.5, 1.5, 1.5, 2.0, 3.0, 0.5, 1.0};
      a.activationCyclesPerElem = {1.0, 1.0, 0.0};
      break;
    case A::U55_128:
      a.outputCyclesPerElem = {0.75, 1.25, 0.75, 0.75, 1.0, 1.5, 0.25, 0.5};
      a.activationCyclesPerElem = {1.0, 0.5, 0.0};
      break;
    case A::U55_256:
    case A::U65_256:
      a.outputCyclesPerElem = {0.625, 1.125, 0.5, 0.375, 0.5, 0.75, 0.125, 0.25};
      a.activationCyclesPerElem = {1.0, 0.25, 0.0};
      break;
    default:  // U65_512
      a.outputCyclesPerElem = {0.3125, 0.5625, 0.25, 0.1875, 0.25, 0.375, 0.0625, 0.125};
      a.activationCyclesPerElem = {0.5, 0.125, 0.0};
      break;
  }
}

// Ethos-U85 facts from Vela 4.x (regor ethos_u85.cpp accelerator table and EthosU85PerfInfo, the
// six-entry output-rate version that matches EthosU85Performance::GetOutputCyclesPerElement).
void setU85Config(Arch& a) {
  using A = Accelerator;
  auto& u = a.u85;
  auto s = [](int h, int w, int c) { return Shape4{1, h, w, c}; };
  switch (a.accel) {
    case A::U85_128:
      a.macs = 128, a.cores = 1;
      u.ofmUblocks = {s(1, 2, 8), s(1, 1, 16), Shape4{}};
      u.ofmUblockCount = 2;
      a.ifmUblock = s(1, 2, 8);
      u.ifmRamBytes = 8192, u.accRamBytes = 8192, u.cbRamBytes = 2048, u.obRamBytes = 768;
      u.numAxiSramLog2 = 1, u.numAxiExtLog2 = 0;
      u.channelReadBuffers = {64, 64, 128, 128, 104, 16};
      u.outputCycles = {0.5, 0.5, 0.5, 1.0, 1.0, 1.0};
      u.activationCycles = {0.5, 1.0};
      break;
    case A::U85_256:
      a.macs = 256, a.cores = 1;
      u.ofmUblocks = {s(1, 2, 16), s(1, 4, 8), s(2, 2, 8)};
      u.ofmUblockCount = 3;
      a.ifmUblock = s(2, 2, 8);
      u.ifmRamBytes = 16384, u.accRamBytes = 16384, u.cbRamBytes = 2048, u.obRamBytes = 1536;
      u.numAxiSramLog2 = 1, u.numAxiExtLog2 = 0;
      u.channelReadBuffers = {104, 104, 128, 128, 128, 16};
      u.outputCycles = {0.25, 0.25, 0.25, 0.5, 0.5, 0.5};
      u.activationCycles = {0.25, 0.5};
      break;
    case A::U85_512:
      a.macs = 512, a.cores = 2;
      u.ofmUblocks = {s(2, 2, 16), s(1, 4, 16), Shape4{}};
      u.ofmUblockCount = 2;
      a.ifmUblock = s(2, 2, 16);
      u.ifmRamBytes = 16384, u.accRamBytes = 32768, u.cbRamBytes = 4096, u.obRamBytes = 3072;
      u.numAxiSramLog2 = 1, u.numAxiExtLog2 = 0;
      u.channelReadBuffers = {128, 128, 256, 256, 128, 16};
      u.outputCycles = {0.125, 0.125, 0.25, 0.5, 0.25, 0.25};
      u.activationCycles = {0.125, 0.25};
      break;
    case A::U85_1024:
      a.macs = 1024, a.cores = 4;
      u.ofmUblocks = {s(2, 2, 32), s(1, 4, 32), s(2, 4, 16)};
      u.ofmUblockCount = 3;
      a.ifmUblock = s(4, 2, 16);
      u.ifmRamBytes = 16384, u.accRamBytes = 65536, u.cbRamBytes = 4096, u.obRamBytes = 6144;
      u.numAxiSramLog2 = 1, u.numAxiExtLog2 = 1;
      u.channelReadBuffers = {256, 256, 416, 208, 256, 16};
      u.outputCycles = {0.0625, 0.125, 0.25, 0.5, 0.125, 0.25};
      u.activationCycles = {0.0625, 0.125};
      break;
    default:  // U85_2048
      a.macs = 2048, a.cores = 4;
      u.ofmUblocks = {s(2, 2, 64), s(1, 4, 64), s(4, 4, 16)};
      u.ofmUblockCount = 3;
      a.ifmUblock = s(4, 4, 16);
      u.ifmRamBytes = 32768, u.accRamBytes = 131072, u.cbRamBytes = 8192, u.obRamBytes = 12288;
      u.numAxiSramLog2 = 2, u.numAxiExtLog2 = 1;
      u.channelReadBuffers = {256, 256, 512, 256, 256, 16};
      u.outputCycles = {0.03125, 0.0625, 0.125, 0.25, 0.0625, 0.125};
      u.activationCycles = {0.03125, 0.0625};
      break;
  }
  a.ofmUblock = u.ofmUblocks[0];
  a.ofmBlockMax = Shape4{1, 128, 128, 1024};  // regor: _ofmBlockMax(128, 128, 1024) as (w, h, c)
  // The Vela 3 style tables (used by shared code paths only) mirror the U85 rates: 32-bit results
  // for the 32-bit indices, 8-bit for the rest.
  a.outputCyclesPerElem = {u.outputCycles[5], u.outputCycles[5], u.outputCycles[2], u.outputCycles[1],
                           u.outputCycles[0], u.outputCycles[0], u.outputCycles[0], u.outputCycles[0]};
  a.activationCyclesPerElem = {u.activationCycles[0], u.activationCycles[0], 0.0};
  // No SHRAM on U85: internal RAMs replace it; keep the fields neutral.
  a.shramBanks = 0;
  a.shramGranules = {};
  a.elementwiseUnits = a.macs / 32;
}

}  // namespace

const char* acceleratorName(Accelerator a) {
  for (const auto& i : kAccels)
    if (i.accel == a) return i.name;
  return "?";
}

std::optional<Accelerator> acceleratorFromName(std::string_view name) {
  for (const auto& i : kAccels)
    if (name == i.name) return i.accel;
  return std::nullopt;
}

bool isU55(Accelerator a) {
  return a == Accelerator::U55_32 || a == Accelerator::U55_64 || a == Accelerator::U55_128 ||
         a == Accelerator::U55_256;
}
bool isU65(Accelerator a) { return a == Accelerator::U65_256 || a == Accelerator::U65_512; }
bool isU85(Accelerator a) { return !isU55(a) && !isU65(a); }

int axiDataWidthBits(Accelerator a) { return isU55(a) ? 64 : 128; }

const char* memAreaName(MemArea a) {
  switch (a) {
    case MemArea::Sram: return "Sram";
    case MemArea::Dram: return "Dram";
    case MemArea::OnChipFlash: return "OnChipFlash";
    case MemArea::OffChipFlash: return "OffChipFlash";
  }
  return "?";
}

Result<MemorySystem> vela(Accelerator accel, std::string_view systemConfig, std::string_view memoryMode) {
  const IniSystem* sys = nullptr;
  for (const auto& s : kSystems)
    if (systemConfig == s.name) sys = &s;
  if (!sys)
    return makeError(ErrorCode::Config, "unknown Vela system config '" + std::string(systemConfig) + "'");
  const IniMode* mode = nullptr;
  for (const auto& m : kModes)
    if (memoryMode == m.name) mode = &m;
  if (!mode)
    return makeError(ErrorCode::Config, "unknown Vela memory mode '" + std::string(memoryMode) + "'");

  MemorySystem ms;
  ms.coreClockHz = sys->coreClock;
  const double portBytes = axiDataWidthBits(accel) / 8.0;
  // Vela initialises every area to clock scale 1, burst 1, latency 0 and reads only the two ports.
  for (auto& t : ms.memory) {
    t = MemoryTiming{};
    t.bandwidth = portBytes;
  }
  MemArea ports[2] = {sys->axi0.area, sys->axi1.area};
  for (const IniMemory* m : {&sys->axi0, &sys->axi1}) {
    MemoryTiming& t = ms.timing(m->area);
    t.clockScale = m->clockScale;
    t.burstLength = m->burst;
    t.readLatency = m->readLatency;
    t.writeLatency = m->writeLatency;
    t.portsUsed = isU85(accel) ? m->ports : 1;
    t.maxReads = m->maxReads;
    t.maxWrites = m->maxWrites;
    t.bandwidth = portBytes * m->clockScale * double(t.portsUsed);
  }
  int constPort = mode->constPort, arenaPort = mode->arenaPort, cachePort = mode->cachePort;
  // Vela: constants cannot live in SRAM; when all three areas share the SRAM port, constants move
  // to an OnChipFlash area on the other port with SRAM's characteristics.
  if (ports[constPort] == MemArea::Sram && constPort == arenaPort && arenaPort == cachePort) {
    const MemoryTiming sram = ms.timing(MemArea::Sram);
    constPort = constPort == 0 ? 1 : 0;
    ports[constPort] = MemArea::OnChipFlash;
    ms.timing(MemArea::OnChipFlash) = sram;
  }
  ms.constArea = ports[constPort];
  ms.arenaArea = ports[arenaPort];
  ms.cacheArea = ports[cachePort];
  ms.arenaCacheSize = mode->arenaCacheSize >= 0 ? mode->arenaCacheSize : maxAddressOffsetOf(accel);
  if (ms.cacheArea != MemArea::Sram)
    return makeError(ErrorCode::Config, "cache_mem_area must be Sram");
  return ms;
}

std::pair<int, int> Arch::subKernelLimits(BlockType t) const {
  switch (t) {
    case BlockType::VectorProduct:
    case BlockType::ElementWise:
    case BlockType::Dma:
      return {1, 1};
    default:
      return {8, 8};
  }
}

Shape4 Arch::storageRounding(TensorFormat f) const {
  return f == TensorFormat::NHCWB16 ? Shape4{1, 1, 1, 16} : Shape4{1, 1, 1, 1};
}

Arch makeArch(Accelerator accel, MemorySystem mem) {
  Arch a;
  a.accel = accel;
  a.mem = mem;
  if (isU85(accel)) {
    setU85Config(a);
  } else {
    setU55U65Config(a);
  }
  a.shramReservedEndBanks = a.shramBanks > 16 ? 2 : 0;
  const bool u65 = isU65(accel);
  a.maxOutstandingDma = (u65 || isU85(accel)) ? 2 : 1;
  a.axiDataWidth = axiDataWidthBits(accel);
  a.maxAddressOffset = maxAddressOffsetOf(accel);
  return a;
}

}  // namespace inferscope::estimate
