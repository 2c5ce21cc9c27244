#include "core/targets/fields.h"

#include <charconv>
#include <cmath>
#include <filesystem>

#include "core/targets/builtin_profiles.h"
#include "core/targets/number_parse.h"

namespace inferscope::targets {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

std::vector<std::string> macStrings(TargetFamily f) {
  std::vector<std::string> out;
  for (int m : macChoices(f)) out.push_back(std::to_string(m));
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

std::optional<std::string> checkClock(std::string_view key, std::string_view value) {
  auto v = parseFrequency(value);
  if (!v || !std::isfinite(*v) || *v <= 0 || *v > 1e12)
    return std::string(key) + " must be a clock greater than 0, in Hz or with a unit, e.g. 400e6 or 400 MHz";
  return std::nullopt;
}

const std::vector<std::string> kAllKeys = {
    std::string(field::kName),         std::string(field::kDescription),  std::string(field::kTarget),
    std::string(field::kMac),          std::string(field::kSystemConfig), std::string(field::kMemoryMode),
    std::string(field::kConfig),       std::string(field::kHostCpu),      std::string(field::kHostCpuClock),
    std::string(field::kDelegateVersion), std::string(field::kCoreClock)};

}  // namespace

std::string formatClock(double hz) {
  if (std::floor(hz) == hz && std::fabs(hz) < 1e15) return std::to_string(static_cast<long long>(hz));
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, hz);
  return std::string(buf, r.ptr);
}

std::vector<FieldSpec> profileFields(TargetFamily f) {
  std::vector<FieldSpec> out = {
      {std::string(field::kName), "Name", FieldKind::Text, {}, "Profile name", false},
      {std::string(field::kDescription), "Description", FieldKind::Text, {}, "Free text", true},
      {std::string(field::kTarget), "Target", FieldKind::Choice, targetChoices(), "Target family", false},
  };
  if (isEthosU(f)) {
    auto vela = VelaConfig::builtin();
    out.push_back({std::string(field::kMac), "MACs", FieldKind::Choice, macStrings(f), "MACs per cycle", false});
    out.push_back({std::string(field::kSystemConfig), "System config", FieldKind::Choice, vela->systemConfigNames(),
                   "A System_Config section of the Vela configuration", false});
    out.push_back({std::string(field::kMemoryMode), "Memory mode", FieldKind::Choice, vela->memoryModeNames(),
                   "A Memory_Mode section of the Vela configuration", false});
    out.push_back({std::string(field::kConfig), "Vela config file", FieldKind::Path, {},
                   "A Vela .ini file, relative to the profile; empty for the built-in configuration", true});
    out.push_back({std::string(field::kHostCpu), "Host CPU", FieldKind::Choice, cortexMCores(),
                   "Cortex-M core running the CPU-placed operators; empty for the default", true});
    out.push_back({std::string(field::kHostCpuClock), "Host CPU clock", FieldKind::Clock, {},
                   "Hz; empty for the NPU's core clock", true});
  } else if (f == TargetFamily::CortexA) {
    out.push_back({std::string(field::kDelegateVersion), "Arm NN delegate", FieldKind::Choice,
                   armnnDelegateVersions(), "Arm NN TensorFlow Lite delegate version", false});
  } else if (f == TargetFamily::CortexM) {
    out.push_back({std::string(field::kCoreClock), "Core clock", FieldKind::Clock, {}, "Hz", false});
  }
  return out;
}

std::vector<FieldSpec> profileFields(const TargetProfile& p) {
  auto out = profileFields(p.family);
  if (p.vela)
    for (auto& f : out) {
      if (f.key == field::kSystemConfig) f.choices = p.vela->systemConfigNames();
      if (f.key == field::kMemoryMode) f.choices = p.vela->memoryModeNames();
    }
  return out;
}

std::optional<std::string> validateField(TargetFamily f, std::string_view key, std::string_view value) {
  if (key == field::kName) {
    if (value.empty()) return "name must not be empty";
    return std::nullopt;
  }
  if (key == field::kDescription) return std::nullopt;
  if (key == field::kTarget) {
    if (!familyFromTarget(value)) return "target must be one of " + join(targetChoices());
    return std::nullopt;
  }
  bool npu = isEthosU(f);
  auto notFor = [&] { return std::string(key) + " does not apply to " + std::string(familyTarget(f)) + " profiles"; };
  if (key == field::kMac) {
    if (!npu) return notFor();
    if (!contains(macStrings(f), value)) return "mac must be one of " + join(macStrings(f));
    return std::nullopt;
  }
  if (key == field::kSystemConfig || key == field::kMemoryMode) {
    if (!npu) return notFor();
    if (value.empty()) return std::string(key) + " must not be empty";
    return std::nullopt;
  }
  if (key == field::kConfig) {
    if (!npu) return notFor();
    if (!value.empty() && std::filesystem::path(std::string(value)).extension() != ".ini")
      return "config must name a Vela .ini file";
    return std::nullopt;
  }
  if (key == field::kHostCpu) {
    if (!npu) return notFor();
    if (!value.empty() && !contains(cortexMCores(), value)) return "host_cpu must be one of " + join(cortexMCores());
    return std::nullopt;
  }
  if (key == field::kHostCpuClock) {
    if (!npu) return notFor();
    return value.empty() ? std::nullopt : checkClock(key, value);
  }
  if (key == field::kDelegateVersion) {
    if (f != TargetFamily::CortexA) return notFor();
    if (!contains(armnnDelegateVersions(), value)) return "version must be one of " + join(armnnDelegateVersions());
    return std::nullopt;
  }
  if (key == field::kCoreClock) {
    if (f != TargetFamily::CortexM) return notFor();
    return checkClock(key, value);
  }
  return "unknown field '" + std::string(key) + "' (one of " + join(kAllKeys) + ")";
}

std::optional<std::string> validateField(const TargetProfile& p, std::string_view key, std::string_view value) {
  if (auto e = validateField(p.family, key, value)) return e;
  if (key == field::kTarget && familyFromTarget(value) == TargetFamily::CortexM) return std::nullopt;
  if (key == field::kSystemConfig || key == field::kMemoryMode || key == field::kConfig || key == field::kMac) {
    TargetProfile trial = p;  // resolve the candidate to see whether Vela would accept it
    if (auto st = setField(trial, key, value); !st) return st.error().message;
  }
  return std::nullopt;
}

std::optional<std::string> getField(const TargetProfile& p, std::string_view key) {
  bool npu = p.isEthosU();
  if (key == field::kName) return p.name;
  if (key == field::kDescription) return p.description.empty() ? std::nullopt : std::optional(p.description);
  if (key == field::kTarget) return p.target;
  if (key == field::kMac) return npu ? std::optional(std::to_string(p.mac)) : std::nullopt;
  if (key == field::kSystemConfig) return npu ? std::optional(p.systemConfigName) : std::nullopt;
  if (key == field::kMemoryMode) return npu ? std::optional(p.memoryModeName) : std::nullopt;
  if (key == field::kConfig) return npu && !p.configPath.empty() ? std::optional(p.configPath) : std::nullopt;
  if (key == field::kHostCpu) return npu ? p.hostCpuCore : std::nullopt;
  if (key == field::kHostCpuClock)
    return npu && p.hostCpuClock ? std::optional(formatClock(*p.hostCpuClock)) : std::nullopt;
  if (key == field::kDelegateVersion)
    return p.family == TargetFamily::CortexA ? std::optional(p.armnnDelegateVersion) : std::nullopt;
  if (key == field::kCoreClock)
    return p.family == TargetFamily::CortexM ? std::optional(formatClock(p.cpuClock)) : std::nullopt;
  return std::nullopt;
}

Status setField(TargetProfile& p, std::string_view key, std::string_view value) {
  if (auto e = validateField(p.family, key, value)) return makeError(ErrorCode::Config, *e);
  TargetProfile q = p;
  const std::string v(value);
  if (key == field::kName) q.name = v;
  else if (key == field::kDescription) q.description = v;
  else if (key == field::kTarget) {
    auto family = *familyFromTarget(v);
    bool familyChanged = family != q.family, coreChanged = v != q.target;
    q.family = family;
    q.target = v;
    std::optional<TargetProfile> def;  // the built-in that fills what the new family needs
    TargetProfile probe;
    probe.family = family;
    probe.target = v;
    probe.mac = q.mac;
    if (auto origin = originBuiltin(probe)) {
      auto b = builtinProfile(*origin);
      if (b) def = std::move(*b);
    }
    if (isEthosU(family)) {
      if (!contains(macStrings(family), std::to_string(q.mac))) q.mac = def ? def->mac : macChoices(family).front();
      if (q.systemConfigName.empty() && def) q.systemConfigName = def->systemConfigName;
      if (q.memoryModeName.empty() && def) q.memoryModeName = def->memoryModeName;
    } else if (family == TargetFamily::CortexA && q.armnnDelegateVersion.empty()) {
      q.armnnDelegateVersion = armnnDelegateVersions().back();
    } else if (family == TargetFamily::CortexM && (familyChanged || coreChanged)) {
      q.cpuClock = defaultCortexMClock(v).value_or(0);
    }
  } else if (key == field::kMac) q.mac = std::stoi(v);
  else if (key == field::kSystemConfig) q.systemConfigName = v;
  else if (key == field::kMemoryMode) q.memoryModeName = v;
  else if (key == field::kConfig) q.configPath = v;
  else if (key == field::kHostCpu) q.hostCpuCore = v.empty() ? std::nullopt : std::optional(v);
  else if (key == field::kHostCpuClock)
    q.hostCpuClock = v.empty() ? std::nullopt : std::optional(*parseFrequency(v));
  else if (key == field::kDelegateVersion) q.armnnDelegateVersion = v;
  else if (key == field::kCoreClock) q.cpuClock = *parseFrequency(v);

  if (key == field::kTarget || key == field::kSystemConfig || key == field::kMemoryMode || key == field::kConfig) {
    if (auto st = resolveVelaSettings(q); !st) return st;
  }
  p = std::move(q);
  return Ok{};
}

std::vector<FieldDiff> diffProfiles(const TargetProfile& before, const TargetProfile& after) {
  std::vector<FieldDiff> out;
  for (const auto& key : kAllKeys) {
    auto a = getField(before, key), b = getField(after, key);
    if (a != b) out.push_back({key, a, b});
  }
  return out;
}

Result<std::vector<FieldDiff>> diffAgainstOrigin(const TargetProfile& p) {
  auto origin = originBuiltin(p);
  if (!origin)
    return makeError(ErrorCode::Config, "profile '" + p.name + "' (" + p.target + ") matches no built-in profile");
  auto base = builtinProfile(*origin);
  if (!base) return base.error();
  return diffProfiles(*base, p);
}

std::optional<std::string> unchangedBuiltin(const TargetProfile& p) {
  if (!p.sourcePath.empty() || p.builtinName.empty() || p.name != p.builtinName) return std::nullopt;
  auto d = diffAgainstOrigin(p);
  if (!d || !d->empty()) return std::nullopt;
  return p.builtinName;
}

}  // namespace inferscope::targets
