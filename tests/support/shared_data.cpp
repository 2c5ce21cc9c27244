#include "support/shared_data.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace inferscope::testdata {

std::filesystem::path sharedDir() {
  namespace fs = std::filesystem;
  fs::path p = std::getenv("INFERSCOPE_SHARED") ? fs::path(std::getenv("INFERSCOPE_SHARED"))
                                                 : fs::path(INFERSCOPE_SHARED_DIR);
  std::error_code ec;
  if (fs::is_directory(p / "models", ec)) return fs::weakly_canonical(p, ec);
  return {};
}

std::vector<std::filesystem::path> sharedModels() {
  std::vector<std::filesystem::path> out;
  auto dir = sharedDir();
  if (dir.empty()) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "models"))
    if (e.is_regular_file() && e.path().extension() == ".tflite") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::filesystem::path tempDir() {
  static std::atomic<int> n{0};
  auto p = std::filesystem::temp_directory_path() /
           ("inferscope-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace inferscope::testdata
