// Reports of target profiles and Vela configurations: JSON documents and aligned text, used by
// `inferscope-cli targets show` and reusable by the GUI and report writers.
#pragma once

#include <string>

#include "core/targets/profile.h"
#include "core/util/json.h"

namespace inferscope::targets {

json::Value systemConfigJson(const SystemConfig& s, TargetFamily family);
json::Value memoryModeJson(const MemoryMode& m, TargetFamily family);
// Every resolved value of a profile, including its system config and memory mode in full.
json::Value profileJson(const TargetProfile& p);
std::string profileText(const TargetProfile& p);

// Every system config and memory mode of a Vela configuration, resolved for `family`; a section
// that does not resolve is listed with its error.
json::Value velaConfigJson(const VelaConfig& c, TargetFamily family);
std::string velaConfigText(const VelaConfig& c, TargetFamily family);

}  // namespace inferscope::targets
