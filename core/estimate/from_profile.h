// The estimator's configuration from a target profile (core/targets).
#pragma once

#include "core/estimate/estimate.h"
#include "core/targets/profile.h"

namespace inferscope::estimate {

// Fails for profiles that are not Ethos-U.
Result<EthosUConfig> configFromProfile(const targets::TargetProfile& profile);

}  // namespace inferscope::estimate
