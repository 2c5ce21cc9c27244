// Vela 3.10's brick reorder of OHWI weights into the order the mlw encoder sees
// (research notes, section 3.3). Used by weight_encoding.cpp; exposed for tests.
#pragma once

#include <cstdint>
#include <span>

namespace inferscope::estimate {

enum class BlockTraversal : std::uint8_t { DepthFirst, PartKernelFirst, Depthwise };

// Everything the reorder needs about one encoder call (one depth slice of one core).
struct BrickShape {
  std::int32_t ofmDepth = 0, kernelHeight = 1, kernelWidth = 1, ifmDepth = 0;  // O, H, W, I
  std::int32_t ofmBlockDepth = 16;
  std::int32_t ofmUblockDepth = 8;
  std::int32_t ifmUblockDepth = 8;
  std::int32_t ifmBits = 8;
  std::int32_t decompHeight = 8, decompWidth = 8;  // 8 / dilation
  BlockTraversal traversal = BlockTraversal::DepthFirst;

  std::int32_t ifmBlockDepth() const {
    return traversal == BlockTraversal::PartKernelFirst || ifmBits == 16 ? 16 : 32;
  }
  std::int32_t blockCount() const { return ofmDepth <= 0 ? 0 : (ofmDepth + ofmBlockDepth - 1) / ofmBlockDepth; }
  // IFM blocks per OFM block (1 for depthwise).
  std::int32_t ifmBlockCount() const {
    return traversal == BlockTraversal::Depthwise ? 1 : (ifmDepth + ifmBlockDepth() - 1) / ifmBlockDepth();
  }
  // The stream is a sequence of units, one per (OFM block, IFM block) pair in that nesting.
  std::int64_t unitCount() const { return std::int64_t(blockCount()) * ifmBlockCount(); }
};

// Where element (o, h, w, i) of the encoder's OHWI volume lives: base + o*so + h*sh + w*sw + i*si
// (strides in elements, may be negative; H/W flips are expressed by base and negative strides).
template <class T>
struct WeightView {
  const T* base = nullptr;
  std::int64_t so = 0, sh = 0, sw = 0, si = 0;
};

// Number of values the reorder emits for units [unitBegin, unitEnd) (padding included).
std::int64_t brickLength(const BrickShape& s, std::int64_t unitBegin, std::int64_t unitEnd);
inline std::int64_t brickLength(const BrickShape& s) { return brickLength(s, 0, s.unitCount()); }

// Writes the values of units [unitBegin, unitEnd) to `out`, which must hold
// brickLength(s, unitBegin, unitEnd) values. Returns the number written.
std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::int8_t>& w, std::int64_t unitBegin,
                           std::int64_t unitEnd, std::int16_t* out);
std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::int16_t>& w, std::int64_t unitBegin,
                           std::int64_t unitEnd, std::int16_t* out);
std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::uint8_t>& w, std::int16_t zeroPoint,
                           std::int64_t unitBegin, std::int64_t unitEnd, std::int16_t* out);

}  // namespace inferscope::estimate
