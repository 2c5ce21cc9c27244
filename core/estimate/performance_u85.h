// Ethos-U85 cycle and access model (internal to performance.cpp).
//
// APPROXIMATION. Vela 3.10 has no Ethos-U85; this follows the structure of Vela 4.x's public
// EthosU85Performance (regor): MAC cycles per OFM block from micro-block counts and kernel steps,
// output-unit (AO) cycles from per-element rates by OFM width, a command-issue limit from the IFM/OFM
// block transfer cycles, and elementwise ops bounded by AO and command issue. The op is assumed to
// run alone (first and last of its chain). Block configs come from the approximate U85 search in
// block_config.cpp, so figures are indicative, not Vela 4's exact numbers.
#pragma once

#include "core/estimate/performance.h"

namespace inferscope::estimate {

CycleCost u85CycleCost(const Arch& arch, const PerfQuery& q);
ElementAccess u85ElementAccess(const Arch& arch, const PerfQuery& q);

}  // namespace inferscope::estimate
