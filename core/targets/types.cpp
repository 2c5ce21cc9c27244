#include "core/targets/types.h"

namespace inferscope::targets {

std::string_view familyTarget(TargetFamily f) {
  switch (f) {
    case TargetFamily::EthosU55: return "ethos-u55";
    case TargetFamily::EthosU65: return "ethos-u65";
    case TargetFamily::EthosU85: return "ethos-u85";
    case TargetFamily::CortexA: return "cortex-a";
    case TargetFamily::Tosa: return "tosa";
    case TargetFamily::CortexM: return "cortex-m";
  }
  return "";
}

std::optional<TargetFamily> familyFromTarget(std::string_view target) {
  for (auto f : allFamilies())
    if (f != TargetFamily::CortexM && familyTarget(f) == target) return f;
  for (const auto& core : cortexMCores())
    if (core == target) return TargetFamily::CortexM;
  return std::nullopt;
}

std::string_view familyDisplayName(TargetFamily f) {
  switch (f) {
    case TargetFamily::EthosU55: return "Ethos-U55";
    case TargetFamily::EthosU65: return "Ethos-U65";
    case TargetFamily::EthosU85: return "Ethos-U85";
    case TargetFamily::CortexA: return "Cortex-A";
    case TargetFamily::Tosa: return "TOSA";
    case TargetFamily::CortexM: return "Cortex-M";
  }
  return "";
}

const std::vector<std::string>& cortexMCores() {
  static const std::vector<std::string> cores = {"cortex-m55", "cortex-m85"};
  return cores;
}

const std::vector<TargetFamily>& allFamilies() {
  static const std::vector<TargetFamily> all = {TargetFamily::EthosU55, TargetFamily::EthosU65,
                                                TargetFamily::EthosU85, TargetFamily::CortexA,
                                                TargetFamily::Tosa,     TargetFamily::CortexM};
  return all;
}

std::vector<std::string> targetChoices() {
  std::vector<std::string> out;
  for (auto f : allFamilies()) {
    if (f == TargetFamily::CortexM) out.insert(out.end(), cortexMCores().begin(), cortexMCores().end());
    else out.emplace_back(familyTarget(f));
  }
  return out;
}

bool isEthosU(TargetFamily f) {
  return f == TargetFamily::EthosU55 || f == TargetFamily::EthosU65 || f == TargetFamily::EthosU85;
}

bool isCortexM(TargetFamily f) { return f == TargetFamily::CortexM; }

const std::vector<int>& macChoices(TargetFamily f) {
  static const std::vector<int> u55 = {32, 64, 128, 256}, u65 = {256, 512},
                                 u85 = {128, 256, 512, 1024, 2048}, none;
  switch (f) {
    case TargetFamily::EthosU55: return u55;
    case TargetFamily::EthosU65: return u65;
    case TargetFamily::EthosU85: return u85;
    default: return none;
  }
}

const std::vector<std::string>& armnnDelegateVersions() {
  static const std::vector<std::string> v = {"22.08", "22.11", "23.05"};
  return v;
}

std::string_view memoryAreaName(MemoryArea a) {
  switch (a) {
    case MemoryArea::Sram: return "Sram";
    case MemoryArea::Dram: return "Dram";
    case MemoryArea::OnChipFlash: return "OnChipFlash";
    case MemoryArea::OffChipFlash: return "OffChipFlash";
  }
  return "";
}

std::optional<MemoryArea> memoryAreaFromName(std::string_view s) {
  for (auto a : kAllMemoryAreas)
    if (memoryAreaName(a) == s) return a;
  return std::nullopt;
}

std::string_view memoryAreaDisplayName(MemoryArea a) {
  switch (a) {
    case MemoryArea::Sram: return "SRAM";
    case MemoryArea::Dram: return "DRAM";
    case MemoryArea::OnChipFlash: return "On-chip flash";
    case MemoryArea::OffChipFlash: return "Off-chip flash";
  }
  return "";
}

std::string_view axiPortName(AxiPort p) { return p == AxiPort::Axi0 ? "Axi0" : "Axi1"; }

std::optional<AxiPort> axiPortFromName(std::string_view s) {
  if (s == "Axi0") return AxiPort::Axi0;
  if (s == "Axi1") return AxiPort::Axi1;
  return std::nullopt;
}

std::string SourceRef::describe() const {
  if (file.empty()) return "built-in";
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

}  // namespace inferscope::targets
