// Reading .tflite files into the IR. Every failure is an Error naming the problem.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/model/ir.h"
#include "core/util/fileio.h"
#include "core/util/result.h"

namespace inferscope::model {

struct LoadLimits {
  std::uint64_t maxFileBytes = std::uint64_t(1) << 40;  // 1 TiB
  std::uint32_t maxDepth = 64;                          // FlatBuffers nesting
  std::uint32_t maxTensorsPerSubgraph = 10'000'000;
  std::uint32_t maxOperatorsPerSubgraph = 10'000'000;
};

Result<ModelPtr> loadModel(const std::string& path, const LoadLimits& limits = {});
// Loads from bytes already in memory (or a mapping); the model keeps `bytes` alive.
Result<ModelPtr> loadModel(std::shared_ptr<const FileBytes> bytes, const LoadLimits& limits = {});

}  // namespace inferscope::model
