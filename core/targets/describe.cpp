#include "core/targets/describe.h"

#include <algorithm>
#include <sstream>

#include "core/targets/fields.h"
#include "core/util/text.h"

namespace inferscope::targets {

namespace {

json::Value sourceJson(const SourceRef& s) {
  if (!s.known()) return "built-in";
  json::Value v = json::Object{};
  v.set("file", s.file);
  v.set("line", s.line);
  return v;
}

json::Value stringsJson(const std::vector<std::string>& v) {
  json::Value a = json::Array{};
  for (const auto& s : v) a.push(s);
  return a;
}

double bandwidth(const SystemConfig& s, MemoryArea a, TargetFamily f) {
  const auto& m = s.settings(a);
  double ports = f == TargetFamily::EthosU85 ? static_cast<double>(m.portsUsed.value_or(1)) : 1.0;
  return axiDataWidthBits(f) / 8.0 * m.clockScale * ports;
}

std::string gbps(double bytesPerSecond) { return text::fixed(bytesPerSecond / 1e9, 2) + " GB/s"; }

// Two aligned columns: label and value.
class KeyValues {
 public:
  void addRow(std::vector<std::string> row) { rows_.push_back({std::move(row[0]), std::move(row[1])}); }
  std::string render(const std::string& indent) const {
    std::size_t w = 0;
    for (const auto& r : rows_) w = std::max(w, r.first.size());
    std::string out;
    for (const auto& r : rows_) out += indent + r.first + std::string(w - r.first.size() + 2, ' ') + r.second + "\n";
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> rows_;
};

std::string mhz(double hz) { return text::fixed(hz / 1e6, hz >= 1e6 ? 0 : 3) + " MHz"; }

}  // namespace

json::Value systemConfigJson(const SystemConfig& s, TargetFamily family) {
  json::Value v = json::Object{};
  v.set("name", s.name);
  v.set("core_clock_hz", s.coreClockHz);
  v.set("axi0_port", std::string(memoryAreaName(s.axi0)));
  v.set("axi1_port", std::string(memoryAreaName(s.axi1)));
  if (axiDataWidthBits(family)) v.set("axi_port_width_bits", axiDataWidthBits(family));
  json::Value areas = json::Object{};
  for (auto a : kAllMemoryAreas) {
    const auto& m = s.settings(a);
    json::Value e = json::Object{};
    e.set("on_port", s.axi0 == a ? json::Value("Axi0") : s.axi1 == a ? json::Value("Axi1") : json::Value(nullptr));
    e.set("clock_scale", m.clockScale);
    e.set("memory_clock_hz", s.memoryClockHz(a));
    e.set("burst_length_bytes", m.burstLength);
    e.set("read_latency_cycles", m.readLatency);
    e.set("write_latency_cycles", m.writeLatency);
    e.set("ports_used", m.portsUsed ? json::Value(*m.portsUsed) : json::Value(nullptr));
    e.set("max_reads", m.maxReads ? json::Value(*m.maxReads) : json::Value(nullptr));
    e.set("max_writes", m.maxWrites ? json::Value(*m.maxWrites) : json::Value(nullptr));
    if (axiDataWidthBits(family)) {
      e.set("bandwidth_bytes_per_cycle", bandwidth(s, a, family));
      e.set("bandwidth_bytes_per_second", bandwidth(s, a, family) * s.coreClockHz);
    }
    areas.set(memoryAreaName(a), e);
  }
  v.set("memory", areas);
  v.set("inherits", stringsJson(s.inherits));
  v.set("source", sourceJson(s.source));
  return v;
}

json::Value memoryModeJson(const MemoryMode& m, TargetFamily family) {
  json::Value v = json::Object{};
  v.set("name", m.name);
  v.set("const_mem_area", std::string(axiPortName(m.constMemArea)));
  v.set("arena_mem_area", std::string(axiPortName(m.arenaMemArea)));
  v.set("cache_mem_area", std::string(axiPortName(m.cacheMemArea)));
  v.set("arena_cache_size", m.arenaCacheSize ? json::Value(*m.arenaCacheSize) : json::Value(nullptr));
  v.set("arena_cache_size_effective", m.arenaCacheSize.value_or(maxAddressOffset(family)));
  v.set("inherits", stringsJson(m.inherits));
  v.set("source", sourceJson(m.source));
  return v;
}

json::Value profileJson(const TargetProfile& p) {
  json::Value v = json::Object{};
  v.set("name", p.name);
  v.set("target", p.target);
  v.set("family", std::string(familyDisplayName(p.family)));
  if (!p.description.empty()) v.set("description", p.description);
  v.set("format", p.format == ProfileFormat::Mlia ? "mlia" : "mlia-ethos-u");
  v.set("source", p.sourcePath.empty() ? json::Value("built-in") : json::Value(p.sourcePath));
  if (p.isEthosU()) {
    v.set("accelerator_config", p.acceleratorConfigName());
    v.set("mac", p.mac);
    v.set("vela_config", p.vela ? p.vela->fileName() : std::string());
    v.set("system_config", systemConfigJson(p.systemConfig, p.family));
    v.set("memory_mode", memoryModeJson(p.memoryMode, p.family));
    json::Value placement = json::Object{};
    placement.set("const", std::string(memoryAreaName(p.constArea())));
    placement.set("arena", std::string(memoryAreaName(p.arenaArea())));
    placement.set("cache", std::string(memoryAreaName(p.cacheArea())));
    placement.set("spilling", p.spillingEnabled());
    v.set("memory_placement", placement);
    json::Value host = json::Object{};
    host.set("core", p.hostCpu());
    host.set("clock_hz", p.hostCpuClockHz());
    v.set("host_cpu", host);
  } else if (p.family == TargetFamily::CortexA) {
    json::Value b = json::Object{};
    b.set("armnn-tflite-delegate", json::Object{{"version", p.armnnDelegateVersion}});
    v.set("backend", b);
  } else if (p.family == TargetFamily::CortexM) {
    v.set("core_clock_hz", p.cpuClock);
  }
  v.set("notes", stringsJson(p.notes));
  v.set("warnings", stringsJson(p.warnings));
  return v;
}

std::string profileText(const TargetProfile& p) {
  std::ostringstream os;
  os << "Target profile: " << p.name << "\n";
  KeyValues t;
  t.addRow({"Target", p.target + " (" + std::string(familyDisplayName(p.family)) + ")"});
  if (!p.description.empty()) t.addRow({"Description", p.description});
  t.addRow({"Source", p.sourcePath.empty() ? "built-in" : p.sourcePath});
  if (p.isEthosU()) {
    const auto& s = p.systemConfig;
    const auto& m = p.memoryMode;
    t.addRow({"Accelerator", p.acceleratorConfigName()});
    t.addRow({"Vela config", p.vela ? p.vela->fileName() : ""});
    t.addRow({"System config", s.name + "  (" + s.source.describe() + ")"});
    t.addRow({"  Core clock", mhz(s.coreClockHz)});
    t.addRow({"  AXI0 / AXI1", std::string(memoryAreaName(s.axi0)) + " / " + std::string(memoryAreaName(s.axi1)) +
                                   "  (" + std::to_string(p.axiPortWidthBits()) + "-bit ports)"});
    t.addRow({"Memory mode", m.name + "  (" + m.source.describe() + ")" +
                                 (m.inherits.empty() ? "" : ", inherits " + m.inherits.front())});
    t.addRow({"  Constants", std::string(axiPortName(m.constMemArea)) + " = " + std::string(memoryAreaName(p.constArea()))});
    t.addRow({"  Arena", std::string(axiPortName(m.arenaMemArea)) + " = " + std::string(memoryAreaName(p.arenaArea()))});
    t.addRow({"  Cache", std::string(axiPortName(m.cacheMemArea)) + " = " + std::string(memoryAreaName(p.cacheArea())) +
                             (p.spillingEnabled() ? " (spilling)" : "")});
    t.addRow({"  Arena cache size", text::withSeparators(p.arenaCacheSize()) + " bytes" +
                                        (m.arenaCacheSize ? "" : " (default: the address space)")});
    t.addRow({"Host CPU", p.hostCpu() + " at " + mhz(p.hostCpuClockHz())});
  } else if (p.family == TargetFamily::CortexA) {
    t.addRow({"Arm NN delegate", p.armnnDelegateVersion});
  } else if (p.family == TargetFamily::CortexM) {
    t.addRow({"Core clock", mhz(p.cpuClock)});
  }
  os << t.render("  ");
  if (p.isEthosU()) {
    const auto& s = p.systemConfig;
    text::Table areas({"Memory", "Port", "Clock scale", "Clock", "Burst (B)", "Read lat", "Write lat", "Ports",
                       "Max reads", "Max writes", "Bytes/cycle", "Bandwidth"},
                      {text::Table::Align::Left, text::Table::Align::Left, text::Table::Align::Right,
                       text::Table::Align::Right, text::Table::Align::Right, text::Table::Align::Right,
                       text::Table::Align::Right, text::Table::Align::Right, text::Table::Align::Right,
                       text::Table::Align::Right, text::Table::Align::Right, text::Table::Align::Right});
    auto opt = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    for (auto a : kAllMemoryAreas) {
      if (!s.isOnPort(a)) continue;
      const auto& m = s.settings(a);
      areas.addRow({std::string(memoryAreaName(a)), s.axi0 == a ? (s.axi1 == a ? "Axi0+Axi1" : "Axi0") : "Axi1",
                    text::fixed(m.clockScale, 6), mhz(s.memoryClockHz(a)), std::to_string(m.burstLength),
                    std::to_string(m.readLatency), std::to_string(m.writeLatency), opt(m.portsUsed), opt(m.maxReads),
                    opt(m.maxWrites), text::fixed(p.bytesPerCycle(a), 2), gbps(p.bytesPerSecond(a))});
    }
    os << "\n  Memory areas on the AXI ports:\n" << areas.render(48, "  ");
  }
  for (const auto& n : p.notes) os << "note: " << n << "\n";
  for (const auto& w : p.warnings) os << "warning: " << w << "\n";
  return os.str();
}

json::Value velaConfigJson(const VelaConfig& c, TargetFamily family) {
  json::Value v = json::Object{};
  v.set("file", c.fileName());
  v.set("resolved_for", std::string(familyTarget(family)));
  json::Value sys = json::Array{}, modes = json::Array{};
  for (const auto& name : c.systemConfigNames()) {
    auto s = c.systemConfig(name, family);
    if (s) sys.push(systemConfigJson(*s, family));
    else sys.push(json::Object{{"name", name}, {"error", s.error().message}});
  }
  for (const auto& name : c.memoryModeNames()) {
    auto m = c.memoryMode(name, family);
    if (m) modes.push(memoryModeJson(*m, family));
    else modes.push(json::Object{{"name", name}, {"error", m.error().message}});
  }
  v.set("system_configs", sys);
  v.set("memory_modes", modes);
  return v;
}

std::string velaConfigText(const VelaConfig& c, TargetFamily family) {
  std::ostringstream os;
  os << "Vela configuration: " << c.fileName() << " (resolved for " << familyTarget(family) << ", "
     << axiDataWidthBits(family) << "-bit AXI ports)\n\nSystem configs:\n";
  text::Table sys({"Name", "Core clock", "AXI0", "AXI1", "AXI0 GB/s", "AXI1 GB/s", "Line"});
  for (const auto& name : c.systemConfigNames()) {
    auto s = c.systemConfig(name, family);
    if (!s) {
      sys.addRow({name, "error: " + s.error().message, "", "", "", "", ""});
      continue;
    }
    auto bw = [&](MemoryArea a) { return text::fixed(bandwidth(*s, a, family) * s->coreClockHz / 1e9, 2); };
    sys.addRow({name, mhz(s->coreClockHz), std::string(memoryAreaName(s->axi0)), std::string(memoryAreaName(s->axi1)),
                bw(s->axi0), bw(s->axi1), std::to_string(s->source.line)});
  }
  os << sys.render(80, "  ") << "\nMemory modes:\n";
  text::Table modes({"Name", "Const", "Arena", "Cache", "Arena cache size", "Inherits", "Line"});
  for (const auto& name : c.memoryModeNames()) {
    auto m = c.memoryMode(name, family);
    if (!m) {
      modes.addRow({name, "error: " + m.error().message, "", "", "", "", ""});
      continue;
    }
    modes.addRow({name, std::string(axiPortName(m->constMemArea)), std::string(axiPortName(m->arenaMemArea)),
                  std::string(axiPortName(m->cacheMemArea)),
                  m->arenaCacheSize ? text::withSeparators(*m->arenaCacheSize) : "-",
                  m->inherits.empty() ? "-" : m->inherits.front(), std::to_string(m->source.line)});
  }
  os << modes.render(80, "  ");
  return os.str();
}

}  // namespace inferscope::targets
