// Serializing the IR back to a valid .tflite file.
#pragma once

#include <string>

#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::model {

struct WriteOptions {
  // Store buffer data after the flatbuffer, by offset, as TFLite does for models over 2 GiB.
  // Chosen automatically when the buffers would not fit in a flatbuffer.
  bool buffersByOffset = false;
};

Result<std::string> serializeModel(const Model& model, const WriteOptions& options = {});
// Serializes and writes atomically.
Status saveModel(const Model& model, const std::string& path, const WriteOptions& options = {});

}  // namespace inferscope::model
