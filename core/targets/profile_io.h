// Reading and writing target profiles as TOML files that MLIA reads too.
#pragma once

#include <string>
#include <string_view>

#include "core/targets/profile.h"
#include "core/util/result.h"

namespace inferscope::targets {

// Parses a profile in either MLIA format and resolves its Vela settings. `path` names the file in
// messages, gives the profile its default name (the stem) and anchors a relative `config` path.
// Errors name the file, line and column, the key, and the allowed values.
Result<TargetProfile> parseProfile(std::string_view text, const std::string& path);
Result<TargetProfile> loadProfile(const std::string& path);

// The TOML text for a profile. A profile loaded from a file keeps that file's text: only the values
// that changed are rewritten in place, keys it lacks are added and keys that no longer apply are
// removed, so unknown keys, comments and layout survive. Built-ins get a fresh, commented file.
Result<std::string> renderProfile(const TargetProfile& p);

// Writes renderProfile(p) to `path` atomically and returns the profile as now stored there
// (sourcePath/sourceText updated; a relative `config` path is rewritten so it still points at the
// same file from the new location).
Result<TargetProfile> saveProfile(const TargetProfile& p, const std::string& path);

}  // namespace inferscope::targets
