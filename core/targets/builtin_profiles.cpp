#include "core/targets/builtin_profiles.h"

#include <filesystem>

#include "core/targets/profile_io.h"

namespace inferscope::targets {

namespace {

struct BuiltinFacts {
  const char* name;
  const char* target;
  int mac;
  const char* memoryMode;
  const char* systemConfig;
  const char* description;
};

// MLIA's built-in profiles (ethos-u55-128/256, ethos-u65-256/512, ethos-u85-*, cortex-a, tosa) with
// their values. MLIA accepts 32 and 64 MACs for Ethos-U55 too and Vela has those accelerator
// configurations; their profiles use the same system config and memory mode as MLIA's other U55
// profiles. Cortex-M profiles are InferScope's, for the cost of operators left on the CPU.
constexpr BuiltinFacts kBuiltins[] = {
    {"ethos-u55-32", "ethos-u55", 32, "Shared_Sram", "Ethos_U55_High_End_Embedded",
     "Ethos-U55 with 32 MACs, Shared SRAM, High-End Embedded system"},
    {"ethos-u55-64", "ethos-u55", 64, "Shared_Sram", "Ethos_U55_High_End_Embedded",
     "Ethos-U55 with 64 MACs, Shared SRAM, High-End Embedded system"},
    {"ethos-u55-128", "ethos-u55", 128, "Shared_Sram", "Ethos_U55_High_End_Embedded",
     "Ethos-U55 with 128 MACs, Shared SRAM, High-End Embedded system"},
    {"ethos-u55-256", "ethos-u55", 256, "Shared_Sram", "Ethos_U55_High_End_Embedded",
     "Ethos-U55 with 256 MACs, Shared SRAM, High-End Embedded system"},
    {"ethos-u65-256", "ethos-u65", 256, "Dedicated_Sram", "Ethos_U65_High_End",
     "Ethos-U65 with 256 MACs, Dedicated SRAM, High-End system"},
    {"ethos-u65-512", "ethos-u65", 512, "Dedicated_Sram", "Ethos_U65_High_End",
     "Ethos-U65 with 512 MACs, Dedicated SRAM, High-End system"},
    {"ethos-u85-128", "ethos-u85", 128, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Low",
     "Ethos-U85 with 128 MACs, Dedicated SRAM, system DRAM (low)"},
    {"ethos-u85-256", "ethos-u85", 256, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Mid",
     "Ethos-U85 with 256 MACs, Dedicated SRAM, system DRAM (mid)"},
    {"ethos-u85-512", "ethos-u85", 512, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Mid",
     "Ethos-U85 with 512 MACs, Dedicated SRAM, system DRAM (mid)"},
    {"ethos-u85-1024", "ethos-u85", 1024, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_High",
     "Ethos-U85 with 1024 MACs, Dedicated SRAM, system DRAM (high)"},
    {"ethos-u85-2048", "ethos-u85", 2048, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_High",
     "Ethos-U85 with 2048 MACs, Dedicated SRAM, system DRAM (high)"},
    {"cortex-a", "cortex-a", 0, nullptr, nullptr, "Cortex-A with the Arm NN TensorFlow Lite delegate 23.05"},
    {"tosa", "tosa", 0, nullptr, nullptr, "TOSA specification (base inference profile)"},
    {"cortex-m55", "cortex-m55", 0, nullptr, nullptr, "Cortex-M55 CPU at 400 MHz"},
    {"cortex-m85", "cortex-m85", 0, nullptr, nullptr, "Cortex-M85 CPU at 480 MHz"},
};

}  // namespace

const std::vector<std::string>& builtinProfileNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& b : kBuiltins) v.emplace_back(b.name);
    return v;
  }();
  return names;
}

bool isBuiltinProfile(std::string_view name) {
  for (const auto& b : kBuiltins)
    if (name == b.name) return true;
  return false;
}

Result<TargetProfile> builtinProfile(std::string_view name) {
  for (const auto& b : kBuiltins) {
    if (name != b.name) continue;
    TargetProfile p;
    p.name = b.name;
    p.builtinName = b.name;
    p.description = b.description;
    p.target = b.target;
    p.family = *familyFromTarget(b.target);
    p.format = ProfileFormat::Mlia;
    if (p.isEthosU()) {
      p.mac = b.mac;
      p.memoryModeName = b.memoryMode;
      p.systemConfigName = b.systemConfig;
    } else if (p.family == TargetFamily::CortexA) {
      p.armnnDelegateVersion = armnnDelegateVersions().back();
    } else if (p.family == TargetFamily::CortexM) {
      p.cpuClock = defaultCortexMClock(p.target).value_or(0);
    }
    if (auto st = resolveVelaSettings(p); !st) return st.error();
    return p;
  }
  std::string names;
  for (const auto& n : builtinProfileNames()) names += (names.empty() ? "" : ", ") + n;
  return makeError(ErrorCode::Config, "unknown built-in target profile '" + std::string(name) +
                                          "' (one of " + names + ")");
}

std::optional<std::string> originBuiltin(const TargetProfile& p) {
  if (!p.builtinName.empty() && isBuiltinProfile(p.builtinName)) return p.builtinName;
  if (isBuiltinProfile(p.name)) return p.name;
  if (p.isEthosU() && isBuiltinProfile(p.acceleratorConfigName())) return p.acceleratorConfigName();
  if (isBuiltinProfile(p.target)) return p.target;
  if (p.isEthosU())  // same accelerator family, another MAC count: the family's first built-in
    for (const auto& b : kBuiltins)
      if (p.target == b.target) return std::string(b.name);
  return std::nullopt;
}

Result<TargetProfile> resolveProfile(std::string_view nameOrPath) {
  std::string s(nameOrPath);
  if (isBuiltinProfile(s)) return builtinProfile(s);
  std::error_code ec;
  if (std::filesystem::is_regular_file(s, ec)) return loadProfile(s);
  std::string names;
  for (const auto& n : builtinProfileNames()) names += (names.empty() ? "" : ", ") + n;
  if (std::filesystem::path(s).extension() == ".toml" || s.find('/') != std::string::npos)
    return makeError(ErrorCode::Io, s + ": no such target profile file");
  return makeError(ErrorCode::Config, "unknown target profile '" + s + "': neither a built-in (" + names +
                                          ") nor a .toml file");
}

}  // namespace inferscope::targets
