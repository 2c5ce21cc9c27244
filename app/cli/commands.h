// The subcommands of inferscope-cli. Each lives in its own cmd_*.cpp.
#pragma once

#include <string>
#include <vector>

namespace inferscope::cli {

struct Command {
  const char* name;
  const char* summary;
  const char* usage;
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& commands();

int runInspect(const std::vector<std::string>& args);
int runTargets(const std::vector<std::string>& args);
int runCheck(const std::vector<std::string>& args);

// Writes text to a file ("-" = stdout) atomically; prints an error and returns false on failure.
bool writeOutput(const std::string& path, const std::string& text);

}  // namespace inferscope::cli
