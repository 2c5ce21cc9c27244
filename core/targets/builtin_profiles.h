// The built-in target profiles (MLIA's names and values, plus Cortex-M CPU profiles) and the lookup
// every CLI command and the GUI use to turn a name or a file into a profile.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/targets/profile.h"
#include "core/util/result.h"

namespace inferscope::targets {

// ethos-u55-32/64/128/256, ethos-u65-256/512, ethos-u85-128/256/512/1024/2048, cortex-a, tosa,
// cortex-m55, cortex-m85.
const std::vector<std::string>& builtinProfileNames();
bool isBuiltinProfile(std::string_view name);
Result<TargetProfile> builtinProfile(std::string_view name);

// The built-in a profile was made from: its builtinName, else a built-in with the same name, else
// the built-in with the same accelerator (Ethos-U) or target; nullopt when nothing matches.
std::optional<std::string> originBuiltin(const TargetProfile& p);

// A built-in name, or the path of a .toml profile file.
Result<TargetProfile> resolveProfile(std::string_view nameOrPath);

}  // namespace inferscope::targets
