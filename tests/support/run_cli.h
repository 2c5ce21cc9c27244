// Running inferscope-cli from tests and capturing what it prints.
#pragma once

#include <string>
#include <vector>

namespace inferscope::testdata {

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the CLI built with the tests (INFERSCOPE_CLI) with `args`; no shell is involved. With
// `stdoutPath`, standard output goes to that file (e.g. /dev/full) and `out` stays empty.
CliRun runCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
              const std::string& stdoutPath = {});

}  // namespace inferscope::testdata
