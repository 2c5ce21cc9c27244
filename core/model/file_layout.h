// Where a .tflite file keeps what: read from the raw flatbuffer before it is verified, so that the
// loader can decide which pages of a mapped file to map up front.
#pragma once

#include <cstdint>
#include <span>

#include "core/util/fileio.h"

namespace inferscope::model {

// The data of every buffer of at least `minBytes` that only floating-point tensors (float32,
// float16, bfloat16, float64) use, as byte ranges of the file in file order. A check never reads
// these values (the NPU estimate reads 8- and 16-bit integer weights; float operators stay on the
// CPU, whose estimate needs shapes only). Every offset is bounds-checked: a malformed file gives
// fewer ranges or none, never a crash (the verifier reports it afterwards).
ByteRanges floatWeightRanges(std::span<const std::uint8_t> file, std::uint64_t minBytes);

}  // namespace inferscope::model
