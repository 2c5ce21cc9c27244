// InferScope's built-in Vela configuration: the system configs and memory modes of the vela.ini that
// MLIA ships (the same sections and values), kept as data tables and turned into .ini text at start-up
// so that the built-in and user files go through one reader and one resolver.
#include <mutex>
#include <sstream>

#include "core/targets/vela_config.h"

namespace inferscope::targets {

namespace {

struct AreaFacts {
  const char* area;        // "Sram", "Dram", "OffChipFlash"
  const char* clockScale;  // as a decimal string, written verbatim
  int portsUsed;           // 0: not given (Ethos-U55/U65 configs)
  int burstLength, readLatency, writeLatency, maxReads, maxWrites;
};

struct SystemFacts {
  const char* name;
  const char* summary;  // bandwidths: core_clock x clock_scale x port width (x ports)
  const char* coreClock;
  AreaFacts axi0, axi1;
};

// Ethos-U55 ports are 64 bits wide, Ethos-U65 and Ethos-U85 ports 128 bits.
constexpr SystemFacts kSystems[] = {
    {"Ethos_U55_Deep_Embedded", "Ethos-U55, 200 MHz: SRAM 1.6 GB/s, off-chip flash 0.1 GB/s", "200e6",
     {"Sram", "1.0", 0, 32, 32, 32, 8, 8}, {"OffChipFlash", "0.0625", 0, 128, 64, 64, 2, 2}},
    {"Ethos_U55_High_End_Embedded", "Ethos-U55, 500 MHz: SRAM 4 GB/s, off-chip flash 0.5 GB/s", "500e6",
     {"Sram", "1.0", 0, 32, 32, 32, 4, 4}, {"OffChipFlash", "0.125", 0, 128, 64, 64, 2, 2}},
    {"Ethos_U65_Embedded", "Ethos-U65, 500 MHz: SRAM 8 GB/s, off-chip flash 0.5 GB/s", "500e6",
     {"Sram", "1.0", 0, 32, 32, 32, 8, 8}, {"OffChipFlash", "0.0625", 0, 128, 64, 64, 2, 2}},
    {"Ethos_U65_Mid_End", "Ethos-U65, 500 MHz: SRAM 8 GB/s, DRAM 3.75 GB/s", "500e6",
     {"Sram", "1.0", 0, 32, 32, 32, 8, 8}, {"Dram", "0.46875", 0, 128, 500, 250, 12, 6}},
    {"Ethos_U65_High_End", "Ethos-U65, 1 GHz: SRAM 16 GB/s, DRAM 3.75 GB/s", "1e9",
     {"Sram", "1.0", 0, 32, 32, 32, 16, 16}, {"Dram", "0.234375", 0, 128, 500, 250, 24, 12}},
    {"Ethos_U65_Client_Server", "Ethos-U65, 1 GHz: SRAM 16 GB/s, DRAM 12 GB/s", "1e9",
     {"Sram", "1.0", 0, 32, 32, 32, 16, 16}, {"Dram", "0.75", 0, 128, 500, 250, 24, 12}},
    {"Ethos_U85_SYS_Flash_Low", "Ethos-U85, 200 MHz: 2 SRAM ports 6.4 GB/s, off-chip flash 0.2 GB/s", "200e6",
     {"Sram", "1.0", 2, 64, 8, 8, 8, 8}, {"OffChipFlash", "0.0625", 1, 128, 32, 0, 2, 0}},
    {"Ethos_U85_SYS_Flash_High", "Ethos-U85, 500 MHz: 2 SRAM ports 16 GB/s, off-chip flash 0.5 GB/s", "500e6",
     {"Sram", "1.0", 2, 64, 32, 32, 8, 8}, {"OffChipFlash", "0.0625", 1, 128, 64, 0, 2, 0}},
    {"Ethos_U85_SYS_DRAM_Low", "Ethos-U85, 500 MHz: 2 SRAM ports 16 GB/s, 1 DRAM port 3.75 GB/s", "500e6",
     {"Sram", "1.0", 2, 64, 16, 16, 8, 8}, {"Dram", "0.46875", 1, 128, 500, 250, 24, 12}},
    {"Ethos_U85_SYS_DRAM_Mid", "Ethos-U85, 1 GHz: 2 SRAM ports 32 GB/s, 1 DRAM port 12 GB/s", "1e9",
     {"Sram", "1.0", 2, 64, 32, 32, 8, 8}, {"Dram", "0.75", 1, 128, 500, 250, 64, 32}},
    {"Ethos_U85_SYS_DRAM_High", "Ethos-U85, 1 GHz: 4 SRAM ports 64 GB/s, 2 DRAM ports 24 GB/s", "1e9",
     {"Sram", "1.0", 4, 64, 32, 32, 8, 8}, {"Dram", "0.75", 2, 128, 500, 250, 64, 32}},
};

struct ModeFacts {
  const char* name;
  const char* summary;
  const char* inherit;  // nullptr: none
  const char *constArea, *arenaArea, *cacheArea;  // nullptr: inherited
  long arenaCacheSize;  // -1: not given
};

constexpr ModeFacts kModes[] = {
    {"Sram_Only", "everything in the SRAM on AXI0", nullptr, "Axi0", "Axi0", "Axi0", -1},
    {"Shared_Sram", "arena in SRAM shared with the CPU, read-only constants on AXI1", nullptr, "Axi1", "Axi0",
     "Axi0", -1},
    {"Dedicated_Sram", "SRAM for the NPU only, used as a 384 KiB cache for the arena on AXI1", nullptr, "Axi1",
     "Axi1", "Axi0", 393216},
    {"Dedicated_Sram_256KB", "Dedicated_Sram with a 256 KiB cache", "Memory_Mode.Dedicated_Sram", nullptr,
     nullptr, nullptr, 262144},
    {"Dedicated_Sram_384KB", "Dedicated_Sram with a 384 KiB cache", "Memory_Mode.Dedicated_Sram", nullptr,
     nullptr, nullptr, 393216},
    {"Dedicated_Sram_512KB", "Dedicated_Sram with a 512 KiB cache", "Memory_Mode.Dedicated_Sram", nullptr,
     nullptr, nullptr, 524288},
};

void writeArea(std::ostringstream& os, const AreaFacts& a) {
  std::string p = std::string(a.area) + "_";
  os << p << "clock_scale = " << a.clockScale << "\n";
  if (a.portsUsed) os << p << "ports_used = " << a.portsUsed << "\n";
  os << p << "burst_length = " << a.burstLength << "\n"
     << p << "read_latency = " << a.readLatency << "\n"
     << p << "write_latency = " << a.writeLatency << "\n"
     << p << "max_reads = " << a.maxReads << "\n"
     << p << "max_writes = " << a.maxWrites << "\n";
}

std::string builtinText() {
  std::ostringstream os;
  os << "; InferScope built-in Vela configuration (the system configs and memory modes MLIA ships)\n";
  for (const auto& s : kSystems) {
    os << "\n; " << s.summary << "\n[" << kSystemConfigPrefix << s.name << "]\n"
       << "core_clock = " << s.coreClock << "\naxi0_port = " << s.axi0.area << "\naxi1_port = " << s.axi1.area
       << "\n";
    writeArea(os, s.axi0);
    writeArea(os, s.axi1);
  }
  for (const auto& m : kModes) {
    os << "\n; " << m.summary << "\n[" << kMemoryModePrefix << m.name << "]\n";
    if (m.inherit) os << "inherit = " << m.inherit << "\n";
    if (m.constArea) os << "const_mem_area = " << m.constArea << "\n";
    if (m.arenaArea) os << "arena_mem_area = " << m.arenaArea << "\n";
    if (m.cacheArea) os << "cache_mem_area = " << m.cacheArea << "\n";
    if (m.arenaCacheSize >= 0) os << "arena_cache_size = " << m.arenaCacheSize << "\n";
  }
  return os.str();
}

}  // namespace

std::shared_ptr<const VelaConfig> VelaConfig::builtin() {
  static std::once_flag once;
  static std::shared_ptr<const VelaConfig> config;
  std::call_once(once, [] {
    auto parsed = VelaConfig::parse(builtinText(), "built-in vela.ini");
    // The text is generated from the tables above; failing to parse it is a programming error that
    // the unit tests catch. An empty configuration keeps callers safe if it ever happened.
    VelaConfig c = parsed ? std::move(*parsed) : VelaConfig{};
    c.builtin_ = true;
    config = std::make_shared<const VelaConfig>(std::move(c));
  });
  return config;
}

}  // namespace inferscope::targets
