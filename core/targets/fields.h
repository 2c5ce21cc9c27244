// A target profile as key/value fields, for editors (the GUI profile editor) and scripts: which
// fields a family has, per-field validation as the user types, setting one field at a time, and a
// diff against another profile or the built-in the profile came from. Keys are the MLIA TOML keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/targets/profile.h"
#include "core/util/result.h"

namespace inferscope::targets {

namespace field {
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kTarget = "target";
inline constexpr std::string_view kMac = "mac";
inline constexpr std::string_view kSystemConfig = "system_config";
inline constexpr std::string_view kMemoryMode = "memory_mode";
inline constexpr std::string_view kConfig = "config";
inline constexpr std::string_view kHostCpu = "host_cpu";
inline constexpr std::string_view kHostCpuClock = "host_cpu_clock";
inline constexpr std::string_view kDelegateVersion = "backend.armnn-tflite-delegate.version";
inline constexpr std::string_view kCoreClock = "core_clock";
}  // namespace field

enum class FieldKind {
  Choice,  // one of `choices`
  Text,    // free text
  Path,    // a file path (the Vela .ini)
  Clock,   // a frequency in Hz: "400e6", "400000000"
};

struct FieldSpec {
  std::string key;
  std::string label;                  // "MACs", "System config"
  FieldKind kind = FieldKind::Text;
  std::vector<std::string> choices;   // for Choice fields
  std::string help;
  bool optional = false;              // may be left empty (then the default applies)
};

// The fields of a family, in display order. The profile overload fills the system config and
// memory mode choices from the profile's Vela configuration.
std::vector<FieldSpec> profileFields(TargetFamily family);
std::vector<FieldSpec> profileFields(const TargetProfile& p);

// nullopt when `value` is acceptable for `key`, else a message naming the allowed values, e.g.
// "mac must be one of 32, 64, 128, 256". The profile overload also checks system_config and
// memory_mode against the profile's Vela configuration and that a config file loads.
std::optional<std::string> validateField(TargetFamily family, std::string_view key, std::string_view value);
std::optional<std::string> validateField(const TargetProfile& p, std::string_view key, std::string_view value);

// A field's value as text; nullopt when it is not set or does not apply to the profile's family.
std::optional<std::string> getField(const TargetProfile& p, std::string_view key);

// Validates and sets one field, re-resolving the Vela settings when they depend on it. An empty
// value clears an optional field. Changing `target` keeps what still applies and fills the rest
// from the family's first built-in (e.g. mac 128 -> 256 when moving to ethos-u65). On error the
// profile is left unchanged.
Status setField(TargetProfile& p, std::string_view key, std::string_view value);

struct FieldDiff {
  std::string key;
  std::optional<std::string> before;  // nullopt: not set / not applicable
  std::optional<std::string> after;
};

// Fields whose values differ, in field order (the union of both families' fields).
std::vector<FieldDiff> diffProfiles(const TargetProfile& before, const TargetProfile& after);
// The diff from the built-in the profile came from (see originBuiltin) to the profile.
Result<std::vector<FieldDiff>> diffAgainstOrigin(const TargetProfile& p);
// The built-in's name when `p` is that built-in as it is (not saved anywhere, no field changed).
std::optional<std::string> unchangedBuiltin(const TargetProfile& p);

std::string formatClock(double hz);  // "400000000" for whole numbers

}  // namespace inferscope::targets
