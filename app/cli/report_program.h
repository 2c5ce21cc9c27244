// Running inferscope-report (the Qt program that renders PDF reports) from the CLI, so the CLI
// itself never links or loads Qt. The program is looked up next to inferscope-cli first (the build
// tree and an installed bin/ both put them side by side), then on PATH; INFERSCOPE_REPORT names it
// explicitly.
#pragma once

#include <string>
#include <vector>

#include "core/util/result.h"

namespace inferscope::cli {

// The inferscope-report executable to run, or an error saying where it was looked for.
Result<std::string> findReportProgram();

// Runs `program` with `args` (no shell), its stdout and stderr going to ours, and waits for it.
// Returns its exit status (128 + signal when killed).
Result<int> runProgram(const std::string& program, const std::vector<std::string>& args);

}  // namespace inferscope::cli
