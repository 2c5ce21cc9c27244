// Locating ../shared (reference models and Vela figures) for tests that need it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace inferscope::testdata {

// The shared directory, or empty when it is absent (INFERSCOPE_SHARED overrides the default).
std::filesystem::path sharedDir();
// Every .tflite under shared/models, sorted.
std::vector<std::filesystem::path> sharedModels();
std::string readFile(const std::filesystem::path& p);
std::filesystem::path tempDir();  // a fresh directory per call

}  // namespace inferscope::testdata

// Skips the current test, saying why, when ../shared is not there.
#define INFERSCOPE_REQUIRE_SHARED()                                                             \
  do {                                                                                          \
    if (::inferscope::testdata::sharedDir().empty())                                              \
      GTEST_SKIP() << "../shared is absent (reference models and Vela figures); set "           \
                      "INFERSCOPE_SHARED to its path to run this test";                         \
  } while (0)
