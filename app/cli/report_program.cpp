#include "report_program.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

extern char** environ;

namespace inferscope::cli {

namespace fs = std::filesystem;

namespace {
constexpr const char* kProgram = "inferscope-report";

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}
}  // namespace

Result<std::string> findReportProgram() {
  if (const char* env = std::getenv("INFERSCOPE_REPORT"); env && *env) {
    if (executable(env)) return std::string(env);
    return makeError(ErrorCode::Io,
                     std::string("INFERSCOPE_REPORT names '") + env + "', which is not an executable file");
  }
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  fs::path beside;
  if (!ec) {
    beside = self.parent_path() / kProgram;
    if (executable(beside)) return beside.string();
  }
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (dir.empty()) continue;
      auto candidate = fs::path(dir) / kProgram;
      if (executable(candidate)) return candidate.string();
    }
  }
  return makeError(ErrorCode::Io,
                   std::string("PDF reports need the '") + kProgram + "' program (built with the GUI, -DINFERSCOPE_BUILD_GUI=ON), " +
                       "which is neither next to inferscope-cli" + (beside.empty() ? "" : " (" + beside.string() + ")") +
                       " nor on PATH; set INFERSCOPE_REPORT to its path");
}

Result<int> runProgram(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = 0;
  if (int rc = posix_spawn(&pid, program.c_str(), nullptr, nullptr, cargv.data(), environ); rc != 0)
    return makeError(ErrorCode::Io, "cannot run '" + program + "': " + std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return makeError(ErrorCode::Io, "waiting for '" + program + "' failed: " + std::strerror(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace inferscope::cli
