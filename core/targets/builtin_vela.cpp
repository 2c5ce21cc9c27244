// InferScope's built-in Vela configuration: the system configs and memory modes of the vela.ini that
// MLIA ships (the same sections and values), kept as data tables and turned into the sections an
// .ini reader would produce, so that the built-in and user files go through one resolver.
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

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

// The sections as an .ini file with this layout would hold them, line numbers included: a heading
// comment, then per section a blank line, a comment and the header, one key per line. (Built in
// code rather than written out and parsed again: that took ~0.5 M instructions of every CLI run.)
class SectionWriter {
 public:
  void section(std::string_view prefix, std::string_view name) {
    line_ += 3;  // blank line, summary comment, header
    IniSection s;
    s.name.reserve(prefix.size() + name.size());
    s.name.append(prefix).append(name);
    s.line = line_;
    sections_.push_back(std::move(s));
  }
  void key(std::string_view prefix, std::string_view key, std::string value) {
    IniEntry e;
    e.key = toLowerAscii(std::string(prefix).append(key));  // as the reader stores keys
    e.value = std::move(value);
    e.line = ++line_;
    sections_.back().entries.push_back(std::move(e));
  }
  void area(const AreaFacts& a) {
    const std::string p = std::string(a.area) + "_";
    key(p, "clock_scale", a.clockScale);
    if (a.portsUsed) key(p, "ports_used", std::to_string(a.portsUsed));
    key(p, "burst_length", std::to_string(a.burstLength));
    key(p, "read_latency", std::to_string(a.readLatency));
    key(p, "write_latency", std::to_string(a.writeLatency));
    key(p, "max_reads", std::to_string(a.maxReads));
    key(p, "max_writes", std::to_string(a.maxWrites));
  }
  std::vector<IniSection> take() { return std::move(sections_); }

 private:
  int line_ = 1;  // the heading comment
  std::vector<IniSection> sections_;
};

std::vector<IniSection> builtinSections() {
  SectionWriter w;
  for (const auto& s : kSystems) {
    w.section(kSystemConfigPrefix, s.name);
    w.key("", "core_clock", s.coreClock);
    w.key("", "axi0_port", s.axi0.area);
    w.key("", "axi1_port", s.axi1.area);
    w.area(s.axi0);
    w.area(s.axi1);
  }
  for (const auto& m : kModes) {
    w.section(kMemoryModePrefix, m.name);
    if (m.inherit) w.key("", "inherit", m.inherit);
    if (m.constArea) w.key("", "const_mem_area", m.constArea);
    if (m.arenaArea) w.key("", "arena_mem_area", m.arenaArea);
    if (m.cacheArea) w.key("", "cache_mem_area", m.cacheArea);
    if (m.arenaCacheSize >= 0) w.key("", "arena_cache_size", std::to_string(m.arenaCacheSize));
  }
  return w.take();
}

}  // namespace

std::shared_ptr<const VelaConfig> VelaConfig::builtin() {
  static std::once_flag once;
  static std::shared_ptr<const VelaConfig> config;
  std::call_once(once, [] {
    VelaConfig c;
    c.ini_ = IniFile::fromSections("built-in vela.ini", builtinSections());
    c.builtin_ = true;
    config = std::make_shared<const VelaConfig>(std::move(c));
  });
  return config;
}

}  // namespace inferscope::targets
