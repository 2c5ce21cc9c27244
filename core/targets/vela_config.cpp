#include "core/targets/vela_config.h"

#include <cmath>

#include "core/targets/number_parse.h"

namespace inferscope::targets {

int axiDataWidthBits(TargetFamily f) {
  switch (f) {
    case TargetFamily::EthosU55: return 64;
    case TargetFamily::EthosU65: return 128;
    case TargetFamily::EthosU85: return 128;
    default: return 0;
  }
}

std::int64_t maxAddressOffset(TargetFamily f) {
  return f == TargetFamily::EthosU55 ? (std::int64_t(1) << 32) : (std::int64_t(1) << 40);
}

namespace {

std::string joinNames(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s.empty() ? "none" : s;
}

std::string areaChoices() { return "Sram, Dram, OnChipFlash, OffChipFlash"; }

// One key looked up through a section's `inherit` chain, as Vela's _read_config does: the parent's
// value first, the section's own value overriding it.
struct Found {
  std::string value;
  SourceRef where;
};

class SectionReader {
 public:
  SectionReader(const IniFile& ini, std::string section) : ini_(ini), section_(std::move(section)) {}

  // The inherit chain of the section (nearest first), or an error for a missing section or a cycle.
  Result<std::vector<std::string>> chain() const {
    std::vector<std::string> seen = {section_};
    std::string cur = section_;
    while (true) {
      const auto* e = ini_.section(cur) ? ini_.entry(cur, "inherit") : nullptr;
      if (!e) break;
      auto parent = ini_.value(cur, "inherit");
      if (!parent) return parent.error();
      std::string next = **parent;
      auto where = ini_.fileName() + ":" + std::to_string(e->line) + ": inherit: ";
      for (const auto& s : seen)
        if (s == next) {
          std::string loop;
          for (const auto& x : seen) loop += x + " -> ";
          return makeError(ErrorCode::Config, where + "recursive inheritance " + loop + next +
                                                  " (a section may not inherit from itself)");
        }
      if (!ini_.section(next))
        return makeError(ErrorCode::Config, where + "section [" + next + "] (inherited by [" + cur +
                                                "]) was not found in the Vela config file");
      seen.push_back(next);
      cur = next;
    }
    return std::vector<std::string>(seen.begin() + 1, seen.end());
  }

  // ConfigParser's has_option() also sees [DEFAULT], so in Vela a key the section lacks but
  // [DEFAULT] has takes the DEFAULT value, overriding anything inherited. Otherwise the nearest
  // section of the inherit chain that has the key wins.
  Result<std::optional<Found>> get(std::string_view key) const {
    auto ch = chain();
    if (!ch) return ch.error();
    auto found = [&](const std::string& s, const IniEntry& e) -> Result<std::optional<Found>> {
      auto v = ini_.value(s, key);
      if (!v) return v.error();
      return std::optional<Found>(Found{**v, SourceRef{ini_.fileName(), e.line}});
    };
    if (const auto* e = ini_.section(section_)->find(key)) return found(section_, *e);
    if (const auto* e = ini_.defaults().find(key)) return found(section_, *e);
    for (const auto& s : *ch)
      if (const auto* e = ini_.section(s)->find(key)) return found(s, *e);
    return std::optional<Found>{};
  }

  Status readDouble(std::string_view key, double& out, bool positive) const {
    auto f = get(key);
    if (!f) return f.error();
    if (!*f) return Ok{};
    auto v = parsePythonFloat((*f)->value);
    if (!v || !std::isfinite(*v) || (positive ? *v <= 0 : *v < 0))
      return bad(**f, key, std::string(positive ? "a number greater than 0" : "a number >= 0") +
                               " (e.g. 500e6 or 0.125)");
    out = *v;
    return Ok{};
  }

  Status readInt(std::string_view key, std::int64_t& out, std::int64_t min) const {
    auto f = get(key);
    if (!f) return f.error();
    if (!*f) return Ok{};
    auto v = parsePythonInt((*f)->value);
    if (!v || *v < min) return bad(**f, key, "an integer >= " + std::to_string(min));
    out = *v;
    return Ok{};
  }

  Status readOptInt(std::string_view key, std::optional<std::int64_t>& out, std::int64_t min) const {
    std::int64_t v = 0;
    auto f = get(key);
    if (!f) return f.error();
    if (!*f) return Ok{};
    if (auto s = readInt(key, v, min); !s) return s;
    out = v;
    return Ok{};
  }

  template <class E, class Parse>
  Status readEnum(std::string_view key, E& out, Parse parse, const std::string& choices) const {
    auto f = get(key);
    if (!f) return f.error();
    if (!*f) return Ok{};
    auto v = parse((*f)->value);
    if (!v) return bad(**f, key, "one of " + choices);
    out = *v;
    return Ok{};
  }

 private:
  Error bad(const Found& f, std::string_view key, const std::string& expected) const {
    return makeError(ErrorCode::Config, f.where.describe() + ": [" + section_ + "] " + std::string(key) +
                                            " = '" + f.value + "': " + std::string(key) + " must be " +
                                            expected);
  }

  const IniFile& ini_;
  std::string section_;
};

// Vela's built-in values for "internal-default" (ArchitectureFeatures._set_default_sys_config and
// _set_default_mem_mode): the Ethos-U65 Client-Server system with Dedicated SRAM (384 KiB cache), or
// the Ethos-U55 High-End Embedded system with Shared SRAM.
SystemConfig internalDefaultSystem(TargetFamily f) {
  SystemConfig s;
  s.name = std::string(kInternalDefault);
  auto& sram = s.settings(MemoryArea::Sram);
  sram.clockScale = 1.0;
  sram.burstLength = 32;
  sram.readLatency = 32;
  sram.writeLatency = 32;
  s.axi0 = MemoryArea::Sram;
  if (f == TargetFamily::EthosU65) {
    s.coreClockHz = 1e9;
    s.axi1 = MemoryArea::Dram;
    auto& dram = s.settings(MemoryArea::Dram);
    dram.clockScale = 0.75;
    dram.burstLength = 128;
    dram.readLatency = 500;
    dram.writeLatency = 250;
  } else {
    s.coreClockHz = 500e6;
    s.axi1 = MemoryArea::OffChipFlash;
    auto& flash = s.settings(MemoryArea::OffChipFlash);
    flash.clockScale = 0.125;
    flash.burstLength = 128;
    flash.readLatency = 64;
    flash.writeLatency = 64;
  }
  return s;
}

MemoryMode internalDefaultMode(TargetFamily f) {
  MemoryMode m;
  m.name = std::string(kInternalDefault);
  m.constMemArea = AxiPort::Axi1;
  if (f == TargetFamily::EthosU65) {
    m.arenaMemArea = AxiPort::Axi1;
    m.cacheMemArea = AxiPort::Axi0;
    m.arenaCacheSize = 384 * 1024;
  } else {
    m.arenaMemArea = AxiPort::Axi0;
    m.cacheMemArea = AxiPort::Axi0;
  }
  return m;
}

}  // namespace

Result<VelaConfig> VelaConfig::parse(std::string_view text, std::string fileName) {
  auto ini = IniFile::parse(text, std::move(fileName));
  if (!ini) return ini.error();
  VelaConfig c;
  c.ini_ = std::move(*ini);
  return c;
}

Result<VelaConfig> VelaConfig::load(const std::string& path) {
  auto ini = IniFile::load(path);
  if (!ini) return ini.error();
  VelaConfig c;
  c.ini_ = std::move(*ini);
  return c;
}

std::vector<std::string> VelaConfig::systemConfigNames() const {
  std::vector<std::string> out;
  for (const auto& s : ini_.sections())
    if (s.name.rfind(kSystemConfigPrefix, 0) == 0) out.push_back(s.name.substr(kSystemConfigPrefix.size()));
  return out;
}

std::vector<std::string> VelaConfig::memoryModeNames() const {
  std::vector<std::string> out;
  for (const auto& s : ini_.sections())
    if (s.name.rfind(kMemoryModePrefix, 0) == 0) out.push_back(s.name.substr(kMemoryModePrefix.size()));
  return out;
}

bool VelaConfig::hasSystemConfig(std::string_view name) const {
  return ini_.section(std::string(kSystemConfigPrefix) + std::string(name)) != nullptr;
}

bool VelaConfig::hasMemoryMode(std::string_view name) const {
  return ini_.section(std::string(kMemoryModePrefix) + std::string(name)) != nullptr;
}

Result<SystemConfig> VelaConfig::systemConfig(std::string_view name, TargetFamily family) const {
  const std::string section = std::string(kSystemConfigPrefix) + std::string(name);
  const auto* sec = ini_.section(section);
  if (!sec) {
    if (name == kInternalDefault) {
      if (family == TargetFamily::EthosU85)
        return makeError(ErrorCode::Unsupported,
                         "system_config 'internal-default' has no known values for ethos-u85; name a "
                         "System_Config section instead (available: " + joinNames(systemConfigNames()) + ")");
      return internalDefaultSystem(family);
    }
    return makeError(ErrorCode::Config, "system_config '" + std::string(name) + "': section [" + section +
                                            "] not found in " + fileName() + " (available: " +
                                            joinNames(systemConfigNames()) + ")");
  }
  SectionReader r(ini_, section);
  SystemConfig s;
  s.name = std::string(name);
  s.source = SourceRef{fileName(), sec->line};
  auto ch = r.chain();
  if (!ch) return ch.error();
  s.inherits = *ch;
  if (auto st = r.readDouble("core_clock", s.coreClockHz, true); !st) return st.error();
  if (auto st = r.readEnum("axi0_port", s.axi0, memoryAreaFromName, areaChoices()); !st) return st.error();
  if (auto st = r.readEnum("axi1_port", s.axi1, memoryAreaFromName, areaChoices()); !st) return st.error();
  for (auto area : {s.axi0, s.axi1}) {
    auto prefix = std::string(memoryAreaName(area)) + "_";
    auto& m = s.settings(area);
    if (auto st = r.readDouble(prefix + "clock_scale", m.clockScale, true); !st) return st.error();
    if (auto st = r.readInt(prefix + "burst_length", m.burstLength, 1); !st) return st.error();
    if (auto st = r.readInt(prefix + "read_latency", m.readLatency, 0); !st) return st.error();
    if (auto st = r.readInt(prefix + "write_latency", m.writeLatency, 0); !st) return st.error();
    if (auto st = r.readOptInt(prefix + "ports_used", m.portsUsed, 1); !st) return st.error();
    if (auto st = r.readOptInt(prefix + "max_reads", m.maxReads, 0); !st) return st.error();
    if (auto st = r.readOptInt(prefix + "max_writes", m.maxWrites, 0); !st) return st.error();
  }
  return s;
}

Result<MemoryMode> VelaConfig::memoryMode(std::string_view name, TargetFamily family) const {
  const std::string section = std::string(kMemoryModePrefix) + std::string(name);
  const auto* sec = ini_.section(section);
  if (!sec) {
    if (name == kInternalDefault) {
      if (family == TargetFamily::EthosU85)
        return makeError(ErrorCode::Unsupported,
                         "memory_mode 'internal-default' has no known values for ethos-u85; name a "
                         "Memory_Mode section instead (available: " + joinNames(memoryModeNames()) + ")");
      return internalDefaultMode(family);
    }
    return makeError(ErrorCode::Config, "memory_mode '" + std::string(name) + "': section [" + section +
                                            "] not found in " + fileName() + " (available: " +
                                            joinNames(memoryModeNames()) + ")");
  }
  SectionReader r(ini_, section);
  MemoryMode m;
  m.name = std::string(name);
  m.source = SourceRef{fileName(), sec->line};
  auto ch = r.chain();
  if (!ch) return ch.error();
  m.inherits = *ch;
  if (auto st = r.readEnum("const_mem_area", m.constMemArea, axiPortFromName, "Axi0, Axi1"); !st) return st.error();
  if (auto st = r.readEnum("arena_mem_area", m.arenaMemArea, axiPortFromName, "Axi0, Axi1"); !st) return st.error();
  if (auto st = r.readEnum("cache_mem_area", m.cacheMemArea, axiPortFromName, "Axi0, Axi1"); !st) return st.error();
  auto cache = r.get("arena_cache_size");
  if (!cache) return cache.error();
  if (*cache) {
    std::int64_t v = 0;
    if (auto st = r.readInt("arena_cache_size", v, 0); !st) return st.error();
    m.arenaCacheSize = v;
  }
  return m;
}

Status applyVelaMemoryRules(SystemConfig& sys, MemoryMode& mode, TargetFamily family,
                            std::vector<std::string>* notes) {
  auto modeWhere = mode.source.describe() + ": [" + std::string(kMemoryModePrefix) + mode.name + "] ";
  if (sys.areaOn(mode.constMemArea) == MemoryArea::Sram && mode.constMemArea == mode.arenaMemArea &&
      mode.arenaMemArea == mode.cacheMemArea) {
    const auto sram = sys.settings(MemoryArea::Sram);
    if (mode.constMemArea == AxiPort::Axi0) {
      mode.constMemArea = AxiPort::Axi1;
      sys.axi1 = MemoryArea::OnChipFlash;
    } else {
      mode.constMemArea = AxiPort::Axi0;
      sys.axi0 = MemoryArea::OnChipFlash;
    }
    sys.settings(MemoryArea::OnChipFlash) = sram;
    if (notes)
      notes->push_back("const_mem_area moved from Sram to OnChipFlash on " +
                       std::string(axiPortName(mode.constMemArea)) +
                       ", with the same characteristics as Sram (as Vela does when constants, arena and "
                       "cache share one SRAM port)");
  }
  auto constArea = sys.areaOn(mode.constMemArea);
  if (constArea != MemoryArea::Dram && constArea != MemoryArea::OnChipFlash && constArea != MemoryArea::OffChipFlash)
    return makeError(ErrorCode::Config, modeWhere + "const_mem_area = " + std::string(axiPortName(mode.constMemArea)) +
                                            " maps to " + std::string(memoryAreaName(constArea)) + " in system config '" +
                                            sys.name + "': const_mem_area must be Dram, OnChipFlash or OffChipFlash");
  auto arenaArea = sys.areaOn(mode.arenaMemArea);
  if (arenaArea != MemoryArea::Sram && arenaArea != MemoryArea::Dram)
    return makeError(ErrorCode::Config, modeWhere + "arena_mem_area = " + std::string(axiPortName(mode.arenaMemArea)) +
                                            " maps to " + std::string(memoryAreaName(arenaArea)) + " in system config '" +
                                            sys.name + "': arena_mem_area must be Sram or Dram");
  auto cacheArea = sys.areaOn(mode.cacheMemArea);
  if (cacheArea != MemoryArea::Sram)
    return makeError(ErrorCode::Config, modeWhere + "cache_mem_area = " + std::string(axiPortName(mode.cacheMemArea)) +
                                            " maps to " + std::string(memoryAreaName(cacheArea)) + " in system config '" +
                                            sys.name + "': cache_mem_area must be Sram");
  if (mode.arenaCacheSize && *mode.arenaCacheSize > maxAddressOffset(family))
    return makeError(ErrorCode::Config, modeWhere + "arena_cache_size = " + std::to_string(*mode.arenaCacheSize) +
                                            ": arena_cache_size must be between 0 and " +
                                            std::to_string(maxAddressOffset(family)) + " for " +
                                            std::string(familyTarget(family)));
  return Ok{};
}

}  // namespace inferscope::targets
