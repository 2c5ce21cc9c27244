// Brick reorder (research notes 3.3): OFM blocks, IFM blocks, sub-kernels of at most 8x8 (less
// with dilation), then OFM/IFM micro-blocks, zero-padding every out-of-range index.
#include "core/estimate/weight_reorder.h"

#include <algorithm>

namespace inferscope::estimate {
namespace {

std::int32_t subkernelElements(const BrickShape& s, std::int32_t subH, std::int32_t subW) {
  std::int32_t e = subH * subW;
  if (s.traversal == BlockTraversal::PartKernelFirst) {
    const std::int32_t m = s.ifmBits == 16 ? 2 : 4;
    e = (e + m - 1) / m * m;
  } else if (s.traversal == BlockTraversal::Depthwise) {
    e = (e + 3) / 4 * 4;
  }
  return e;
}

// Kernel elements (padded) summed over the sub-kernels.
std::int64_t kernelElements(const BrickShape& s) {
  std::int64_t elems = 0;
  for (std::int32_t y = 0; y < s.kernelHeight; y += s.decompHeight)
    for (std::int32_t x = 0; x < s.kernelWidth; x += s.decompWidth)
      elems += subkernelElements(s, std::min(s.kernelHeight - y, s.decompHeight),
                                 std::min(s.kernelWidth - x, s.decompWidth));
  return elems;
}

// IFM values per (OFM, kernel element) in IFM block `ib`.
std::int64_t ifmValues(const BrickShape& s, std::int32_t ib) {
  if (s.traversal == BlockTraversal::Depthwise) return 1;
  const std::int32_t ibd = s.ifmBlockDepth();
  const std::int32_t depth =
      s.traversal == BlockTraversal::PartKernelFirst ? std::min(ibd, s.ifmDepth - ib * ibd) : ibd;
  return std::int64_t(depth + s.ifmUblockDepth - 1) / s.ifmUblockDepth * s.ifmUblockDepth;
}

// OFM micro-blocks in OFM block `b` (the last block may be clipped).
std::int64_t ofmUblocks(const BrickShape& s, std::int32_t b) {
  const std::int32_t cobd = std::min(s.ofmBlockDepth, s.ofmDepth - b * s.ofmBlockDepth);
  return (cobd + s.ofmUblockDepth - 1) / s.ofmUblockDepth;
}

template <class Load>
std::int64_t reorderImpl(const BrickShape& s, std::int64_t unitBegin, std::int64_t unitEnd, std::int16_t* out,
                         std::int64_t so, std::int64_t sh, std::int64_t sw, std::int64_t si, Load load) {
  const bool depthwise = s.traversal == BlockTraversal::Depthwise;
  const bool partKernel = s.traversal == BlockTraversal::PartKernelFirst;
  const std::int32_t O = s.ofmDepth, I = s.ifmDepth, H = s.kernelHeight, W = s.kernelWidth;
  const std::int32_t obd = s.ofmBlockDepth, oub = s.ofmUblockDepth, iub = s.ifmUblockDepth;
  const std::int32_t ibd = s.ifmBlockDepth();
  const std::int32_t ifmInner = depthwise ? 1 : iub;  // IFM values per (OFM, element) in a ublock
  std::int16_t* p = out;

  // Emits one OFM micro-block x IFM micro-block brick for kernel position (wy, wx), or zeros.
  auto emitUblock = [&](std::int32_t ofm0, std::int32_t ifm0, std::int32_t wy, std::int32_t wx, bool rowValid) {
    const std::int32_t nO = rowValid ? std::clamp(O - ofm0, 0, oub) : 0;
    const std::int32_t nI = std::clamp(I - ifm0, 0, ifmInner);
    const std::int64_t offset = std::int64_t(wy) * sh + std::int64_t(wx) * sw + std::int64_t(ifm0) * si;
    for (std::int32_t oz = 0; oz < oub; ++oz) {
      if (oz < nO && nI > 0) {
        const std::int64_t rowOffset = offset + std::int64_t(ofm0 + oz) * so;
        std::int32_t iz = 0;
        for (; iz < nI; ++iz) p[iz] = load(rowOffset + std::int64_t(iz) * si);
        for (; iz < ifmInner; ++iz) p[iz] = 0;
      } else {
        for (std::int32_t iz = 0; iz < ifmInner; ++iz) p[iz] = 0;
      }
      p += ifmInner;
    }
  };

  const std::int32_t ifmBlocks = s.ifmBlockCount();
  for (std::int64_t unit = unitBegin; unit < unitEnd; ++unit) {
    const auto block = static_cast<std::int32_t>(unit / ifmBlocks);
    const std::int32_t obz = block * obd;
    const std::int32_t cobd = std::min(obd, O - obz);
    {
      const std::int32_t ibz = static_cast<std::int32_t>(unit % ifmBlocks) * ibd;
      const std::int32_t cibd = depthwise ? iub : partKernel ? std::min(ibd, I - ibz) : ibd;
      for (std::int32_t sy = 0; sy < H; sy += s.decompHeight) {
        const std::int32_t subH = std::min(H - sy, s.decompHeight);
        for (std::int32_t sx = 0; sx < W; sx += s.decompWidth) {
          const std::int32_t subW = std::min(W - sx, s.decompWidth);
          const std::int32_t elems = subkernelElements(s, subH, subW);
          if (partKernel) {
            for (std::int32_t iu = 0; iu < cibd; iu += iub)
              for (std::int32_t ou = 0; ou < cobd; ou += oub)
                for (std::int32_t e = 0; e < elems; ++e) {
                  const std::int32_t kx = e % subW, ky = e / subW;
                  emitUblock(obz + ou, ibz + iu, sy + ky, sx + kx, ky < subH);
                }
          } else {
            for (std::int32_t ou = 0; ou < cobd; ou += oub)
              for (std::int32_t e = 0; e < elems; ++e) {
                const std::int32_t kx = e % subW, ky = e / subW;
                for (std::int32_t iu = 0; iu < cibd; iu += iub)
                  emitUblock(obz + ou, ibz + iu, sy + ky, sx + kx, ky < subH);
              }
          }
        }
      }
    }
  }
  return p - out;
}

}  // namespace

std::int64_t brickLength(const BrickShape& s, std::int64_t unitBegin, std::int64_t unitEnd) {
  if (s.ofmDepth <= 0 || unitEnd <= unitBegin) return 0;
  const std::int64_t perUblock = kernelElements(s) * s.ofmUblockDepth;
  const std::int32_t ifmBlocks = s.ifmBlockCount();
  const std::int32_t blocks = s.blockCount();
  const std::int64_t fullBlockUblocks = ofmUblocks(s, 0);
  std::int64_t ifmFull = 0;  // IFM values over all IFM blocks of one OFM block
  for (std::int32_t ib = 0; ib < ifmBlocks; ++ib) ifmFull += ifmValues(s, ib);
  // Units of whole OFM blocks in the middle are counted per block, the ends one by one.
  std::int64_t total = 0;
  std::int64_t u = unitBegin;
  for (; u < unitEnd && u % ifmBlocks != 0; ++u)
    total += ofmUblocks(s, static_cast<std::int32_t>(u / ifmBlocks)) * ifmValues(s, static_cast<std::int32_t>(u % ifmBlocks));
  for (; u + ifmBlocks <= unitEnd; u += ifmBlocks) {
    const auto b = static_cast<std::int32_t>(u / ifmBlocks);
    total += (b + 1 < blocks ? fullBlockUblocks : ofmUblocks(s, b)) * ifmFull;
  }
  for (; u < unitEnd; ++u)
    total += ofmUblocks(s, static_cast<std::int32_t>(u / ifmBlocks)) * ifmValues(s, static_cast<std::int32_t>(u % ifmBlocks));
  return total * perUblock;
}

std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::int8_t>& w, std::int64_t unitBegin,
                           std::int64_t unitEnd, std::int16_t* out) {
  const std::int8_t* base = w.base;
  return reorderImpl(s, unitBegin, unitEnd, out, w.so, w.sh, w.sw, w.si,
                     [base](std::int64_t off) { return static_cast<std::int16_t>(base[off]); });
}

std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::int16_t>& w, std::int64_t unitBegin,
                           std::int64_t unitEnd, std::int16_t* out) {
  const std::int16_t* base = w.base;
  return reorderImpl(s, unitBegin, unitEnd, out, w.so, w.sh, w.sw, w.si,
                     [base](std::int64_t off) { return base[off]; });
}

std::int64_t reorderBricks(const BrickShape& s, const WeightView<std::uint8_t>& w, std::int16_t zeroPoint,
                           std::int64_t unitBegin, std::int64_t unitEnd, std::int16_t* out) {
  const std::uint8_t* base = w.base;
  return reorderImpl(s, unitBegin, unitEnd, out, w.so, w.sh, w.sw, w.si, [base, zeroPoint](std::int64_t off) {
    return static_cast<std::int16_t>(static_cast<std::int16_t>(base[off]) - zeroPoint);
  });
}

}  // namespace inferscope::estimate
