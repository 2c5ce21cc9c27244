// Block-config search. See block_config.h.
#include "core/estimate/block_config.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>
#include <utility>

namespace inferscope::estimate {

namespace {

int roundUp(int v, int q) { return q <= 0 ? v : ((v + q - 1) / q) * q; }
int divUp(int v, int q) { return q <= 0 ? v : (v + q - 1) / q; }
std::int64_t divUp64(std::int64_t v, std::int64_t q) { return (v + q - 1) / q; }

enum class EwUsage { No, Full, Scalar };

int accBitsOf(AccumulatorType t) {
  switch (t) {
    case AccumulatorType::Acc16: return 16;
    case AccumulatorType::Acc32: return 32;
    case AccumulatorType::Acc40: return 40;
  }
  return 32;
}

ShramElement accElement(AccumulatorType t) {
  switch (t) {
    case AccumulatorType::Acc16: return ShramElement::Acc16;
    case AccumulatorType::Acc40: return ShramElement::Acc40;
    default: return ShramElement::Acc32;
  }
}

int ifmGranule(const Arch& a, int bits, bool elementwise) {
  if (bits == 32) return a.shramGranule(ShramElement::Ifm32);
  if (bits == 16) return a.shramGranule(elementwise ? ShramElement::Ifm16Elementwise : ShramElement::Ifm16);
  return a.shramGranule(elementwise ? ShramElement::Ifm8Elementwise : ShramElement::Ifm8);
}

int upscaleOf(Resampling r) { return r == Resampling::None ? 1 : 2; }
int nearestOf(Resampling r) { return r == Resampling::Nearest ? 1 : 0; }

// Vela's _required_size: IFM extent needed for `value` outputs.
int requiredSize(int value, int stride, int border, int upscale, int nearest) {
  const double v = double((value - 1) * stride + border + nearest) / double(upscale);
  return int(std::ceil(v));
}

// Vela's _get_ifm_blocksize: IFM block for an OFM block, sub-kernel limited, ublock rounded.
Shape4 ifmBlockSize(const Shape4& ofmBlock, const Kernel& k, const Shape4& ublock, const Shape4& subMax,
                    int upscale, int nearest) {
  const int h = requiredSize(ofmBlock.h, k.strideY, std::min(k.dilatedH(), subMax.h), upscale, nearest);
  const int w = requiredSize(ofmBlock.w, k.strideX, std::min(k.dilatedW(), subMax.w), upscale, nearest);
  return Shape4{1, roundUp(h, ublock.h), roundUp(w, ublock.w), ofmBlock.c};
}

// Vela's _try_block_config: SHRAM bank layout for an IFM/OFM block, or nullopt.
std::optional<ShramLayout> tryLayout(const Arch& a, EwUsage ew, const Shape4& ofmBlock, const Shape4& ifmBlock,
                                     int ifmBits, int ifmGran, int accBits, int accGran, int lutBanks) {
  const std::int64_t ifmBytes =
      std::int64_t(ifmBlock.w) * ifmBlock.h * roundUp(ifmBlock.c * ifmBits / 8, 8);
  int ifmBanks = int(divUp64(ifmBytes, a.shramBankBytes)) * 2;
  ifmBanks = roundUp(ifmBanks, ifmGran);
  const int lutStart = a.shramTotalBanks() - lutBanks;
  int ifmEnd = a.shramReservedOutputBanks + ifmBanks;
  const int ifm2Start = ifmEnd;
  int accStart = lutStart;
  if (ew == EwUsage::No) {
    const std::int64_t accBytes =
        (std::int64_t(ofmBlock.w) * ofmBlock.h * roundUp(ofmBlock.c, 8) * accBits) / 8;
    int accBanks = int(divUp64(accBytes, a.shramBankBytes)) * 2;
    accBanks = roundUp(accBanks, accGran);
    accStart -= accBanks;
  } else {
    const int ifm2Banks = ew == EwUsage::Full ? ifmBanks : 0;
    if (ifm2Start + ifm2Banks > accStart) return std::nullopt;
    ifmEnd = accStart;
  }
  if (ifmEnd > accStart) return std::nullopt;
  ShramLayout l;
  l.ibStart = a.shramReservedOutputBanks;
  l.ibStart2 = ifm2Start;
  l.ibEnd = ifmEnd;
  l.abStart = accStart;
  l.lutStart = lutStart;
  return l;
}

int ifmBlockDepth(const Arch& a, const Shape4& ifm, int ifmBits, bool partKernel) {
  if (ifmBits == 16) return roundUp(std::min(ifm.c, 16), 4);
  return roundUp(std::min(ifm.c, partKernel ? 16 : 32), a.ifmUblock.c);
}

// Vela's fit_block_for_ofm: the Conv1D optimisation on 2-high micro-blocks.
Shape4 fitBlockForOfm(const Arch& a, const Shape4& ofm, const Kernel& k, const Shape4& block) {
  if (ofm.h == 1 && k.h == 1 && a.ofmUblock.h == 2)
    return Shape4{1, std::min(block.h, ofm.h), block.w, block.c};
  return block;
}

Shape4 minShape(const Shape4& a, const Shape4& b) {
  return Shape4{std::min(a.n, b.n), std::min(a.h, b.h), std::min(a.w, b.w), std::min(a.c, b.c)};
}

EwUsage ewUsageOf(const BlockQuery& q) {
  if (q.type != BlockType::ElementWise) return EwUsage::No;
  return q.usesScalar ? EwUsage::Scalar : EwUsage::Full;
}

AccumulatorType accTypeOf(const BlockQuery& q) {
  return (q.acc40 && q.ifmBits == 16 && q.type != BlockType::Pooling) ? AccumulatorType::Acc40
                                                                       : AccumulatorType::Acc32;
}

// ---- Ethos-U85 approximation -------------------------------------------------------------------

enum U85Op : unsigned {
  kConv = 1u << 0, kDw = 1u << 1, kVp = 1u << 2, kPool = 1u << 3, kRs = 1u << 4, kEw = 1u << 5,
  kRmm = 1u << 6, kArg = 1u << 7, kResize = 1u << 8, kMm = 1u << 9,
};

unsigned u85OpOf(BlockType t) {
  switch (t) {
    case BlockType::ConvolutionMxN: return kConv;
    case BlockType::ConvolutionDepthWise: return kDw;
    case BlockType::VectorProduct: return kVp;
    case BlockType::Pooling: return kPool;
    case BlockType::ReduceSum: return kRs;
    case BlockType::ElementWise: return kEw;
    case BlockType::Dma: return kEw;
  }
  return kEw;
}

// Which operations each micro-block supports per IFM width (regor's uBlockToOpTable), by MACs.
unsigned u85UblockMask(int macs, int ublockIndex, int ifmBits) {
  const int bitIdx = std::min(ifmBits / 16, 2);
  const unsigned convish8 = kConv | kMm | kVp | kRs | kEw | kResize;
  const unsigned convish16 = kConv | kMm | kVp | kDw | kPool | kRs | kEw | kRmm | kArg | kResize;
  const unsigned wide32 = kRs | kEw | kRmm | kResize;
  const unsigned poolish8 = kDw | kPool | kEw | kRmm | kArg | kResize;
  const unsigned deep16 = kConv | kVp | kEw | kResize;  // conv only for depth-first 1x1 kernels
  const unsigned all = kConv | kDw | kVp | kPool | kRs | kEw | kRmm | kArg | kResize | kMm;
  const unsigned mac = kConv | kMm | kVp | kEw;
  const unsigned general = kConv | kVp | kDw | kPool | kRs | kEw | kRmm | kArg | kResize;
  switch (macs) {
    case 128: {
      const unsigned t[2][3] = {{convish8, convish16, wide32}, {poolish8, deep16, kEw | kResize}};
      return t[ublockIndex][bitIdx];
    }
    case 256: {
      const unsigned t[3][3] = {
          {poolish8, deep16, kEw | kResize}, {convish8, convish16, wide32}, {convish8, convish16, wide32}};
      return t[ublockIndex][bitIdx];
    }
    case 512: {
      const unsigned t[3] = {all, all, wide32};
      return t[bitIdx];
    }
    default: {  // 1024, 2048: ublocks 0 and 1 are MAC-only, 2 is general
      if (ublockIndex < 2) return bitIdx == 2 ? kEw : mac;
      return bitIdx == 2 ? wide32 : general;
    }
  }
}

// Vela 4's kernel-first choice (regor ChooseKernelFirst, dense weights).
bool u85PartKernel(const Shape4& ifm, const Kernel& k) {
  const int e = int(k.elementsWH());
  const int rnd = (e / 5) * 5 + std::max(e % 5, 2);
  const double kernelFirst = double(ifm.c) / roundUp(ifm.c, 16) * (double(e) / rnd);
  const double depthFirst = double(ifm.c) / roundUp(ifm.c, 64);
  return kernelFirst >= depthFirst;
}

Shape4 u85Ublock(const Arch& a, const BlockQuery& q, bool partKernel) {
  const unsigned op = u85OpOf(q.type);
  const bool depthFirst1x1 = q.kernel.w == 1 && q.kernel.h == 1 && !partKernel;
  std::int64_t bestWaste = std::numeric_limits<std::int64_t>::max();
  Shape4 best = a.u85.ofmUblocks[0];
  for (int i = 0; i < a.u85.ofmUblockCount; ++i) {
    const Shape4& u = a.u85.ofmUblocks[i];
    if (!(u85UblockMask(a.macs, i, q.ifmBits) & op)) continue;
    if (op == kConv && ((a.macs == 128 && u.h == 1 && u.w == 1 && u.c == 16) ||
                        (a.macs == 256 && u.h == 1 && u.w == 2 && u.c == 16)) &&
        !depthFirst1x1)
      continue;
    const std::int64_t padded = std::int64_t(roundUp(q.ofm.h, u.h)) * roundUp(q.ofm.w, u.w) *
                                roundUp(q.ofm.c, u.c) * std::max(q.ofm.n, 1);
    const std::int64_t waste = padded - q.ofm.elements();
    if (waste < bestWaste) {
      bestWaste = waste;
      best = u;
    }
  }
  return best;
}

std::optional<BlockConfig> findU85(const Arch& a, const BlockQuery& q0) {
  BlockQuery q = q0;
  if (q.ifm2 && q.ifm2->elements() > q.ifm.elements()) q.ifm = *q.ifm2;
  const bool ew = q.type == BlockType::ElementWise || q.type == BlockType::Dma;
  const bool dw = q.type == BlockType::ConvolutionDepthWise;
  const bool equalDepth = ew || dw || q.type == BlockType::Pooling;
  BlockConfig cfg;
  cfg.approximate = true;
  cfg.acc = accTypeOf(q);
  cfg.partKernel = q.type == BlockType::ConvolutionMxN && u85PartKernel(q.ifm, q.kernel);
  const Shape4 ub = u85Ublock(a, q, cfg.partKernel);
  cfg.ofmUblock = ub;
  const int accBits = cfg.acc == AccumulatorType::Acc40 ? 64 : 32;
  const std::int64_t accElements = a.u85.accRamBytes * 8 / accBits;
  const std::int64_t ibElements = a.u85.ifmRamBytes * 8 / std::max(q.ifmBits, 8);
  const std::int64_t obElements = a.u85.obRamBytes * 8 / std::max(q.ifmBits, 8);
  const int upscale = upscaleOf(q.resampling), nearest = nearestOf(q.resampling);
  int ifmDepth;
  if (q.ifmBits == 16)
    ifmDepth = roundUp(std::min(q.ifm.c, cfg.partKernel ? 8 : 32), 8);
  else
    ifmDepth = roundUp(std::min(q.ifm.c, cfg.partKernel ? 16 : 64), 8);
  const int repeats = divUp(q.kernel.dilatedW(), 8) * divUp(q.kernel.dilatedH(), 8);
  const std::int64_t weightWH = (q.type == BlockType::ConvolutionMxN || dw) ? q.kernel.dilatedW() * q.kernel.dilatedH() : 0;
  const int hMax = roundUp(std::min(q.ofm.h, a.ofmBlockMax.h), ub.h);
  const int wMax = roundUp(std::min(q.ofm.w, a.ofmBlockMax.w), ub.w);
  const int cStep = std::max(ub.c, 16);
  const int cMax = roundUp(std::min(q.ofm.c, a.ofmBlockMax.c), cStep);
  double bestCost = std::numeric_limits<double>::infinity();
  const double ofmElems = double(q.ofm.elements());
  for (int c = cStep; c <= cMax; c += cStep) {
    for (int h = ub.h; h <= hMax; h += ub.h) {
      for (int w = ub.w; w <= wMax; w += ub.w) {
        const Shape4 ofmBlock{1, h, w, c};
        Shape4 ifmBlock = ifmBlockSize(ofmBlock, q.kernel, a.ifmUblock, a.subKernelMax, upscale, nearest);
        if (!equalDepth) ifmBlock.c = ifmDepth;
        if (ew) {
          if (std::int64_t(h) * w * c > obElements) continue;
        } else {
          if (std::int64_t(h) * w * c > accElements) continue;
          if (std::min<std::int64_t>(ifmBlock.elements(), q.ifm.elements()) > ibElements) continue;
        }
        const double bh = double(q.ofm.h) / h, bw = double(q.ofm.w) / w, bc = double(q.ofm.c) / c;
        const double fullWH = double(divUp(q.ofm.h, h)) * divUp(q.ofm.w, w);
        double cost;
        if (ew) {
          cost = std::max(ofmElems / (double(h) * w * c), 1.0);
        } else {
          double weightFetch = double(weightWH) * q.ifm.c * fullWH;
          if (!dw) weightFetch *= c * bc;
          double ifmFetch = double(ifmBlock.w) * ifmBlock.h * q.ifm.c * repeats * (bw * bh);
          if (!equalDepth) ifmFetch *= divUp(q.ofm.c, c);
          cost = (ifmFetch + weightFetch) / ofmElems;
        }
        if (cost < bestCost) {
          bestCost = cost;
          cfg.ofmBlock = ofmBlock;
          cfg.ifmBlock = ifmBlock;
        }
      }
    }
  }
  if (!std::isfinite(bestCost)) return std::nullopt;
  return cfg;
}

}  // namespace

bool choosePartKernel(const Shape4& ifm, int ifmBits, const Kernel& kernel) {
  if (ifm.c <= 8) return true;
  const double k = double(kernel.elementsWH());
  const double depthUtil = double(ifm.c) / roundUp(ifm.c, ifmBits == 8 ? 32 : 16);
  const double partUtil =
      double(ifm.c) * k / (double(roundUp(ifm.c, 8)) * roundUp(int(k), ifmBits == 8 ? 4 : 2));
  return partUtil > depthUtil;
}

BlockQuery blockQueryFor(const NpuOp& op) {
  BlockQuery q;
  q.type = blockTypeOf(op.type);
  q.ofm = op.ofmShape;
  q.ifm = op.ifmShape;
  if (op.ifm2 >= 0 || op.ifm2Constant) q.ifm2 = op.ifm2Shape;
  q.usesScalar = op.scalarOperand || op.ifm2Scalar;
  q.ifmBits = op.ifmBits;
  q.kernel = op.kernel;
  q.lutBanks = (op.activation == Activation::Lut || op.lutBytes > 0) ? 2 : 0;
  q.acc40 = op.acc40;
  q.resampling = op.resampling;
  return q;
}

std::pair<int, int> ifmAreaRequired(const Shape4& ofm, const Kernel& k, Resampling r) {
  const int up = upscaleOf(r), nn = nearestOf(r);
  const int h = requiredSize(ofm.h, k.strideY, k.dilatedH(), up, nn);
  const int w = requiredSize(ofm.w, k.strideX, k.dilatedW(), up, nn);
  return {w, h};
}

std::optional<BlockConfig> findBlockConfig(const Arch& a, const BlockQuery& q0) {
  if (isU85(a.accel)) return findU85(a, q0);
  BlockQuery q = q0;
  // Elementwise larger-volume correction.
  if (q.ifm2 && q.ifm2->elements() > q.ifm.elements()) q.ifm = *q.ifm2;
  const EwUsage ew = ewUsageOf(q);
  const bool pooling = q.type == BlockType::Pooling;
  const bool depthwise = q.type == BlockType::ConvolutionDepthWise;
  const bool equalDepth = ew != EwUsage::No || pooling || depthwise;
  const bool convolution = q.type == BlockType::ConvolutionMxN || depthwise;

  BlockConfig cfg;
  cfg.ofmUblock = a.ofmUblock;
  cfg.partKernel = convolution && choosePartKernel(q.ifm, q.ifmBits, q.kernel);
  cfg.acc = accTypeOf(q);
  const int accGran = a.shramGranule(accElement(cfg.acc));
  const int accBits = accBitsOf(cfg.acc);
  const int ifmGran = ifmGranule(a, q.ifmBits, ew != EwUsage::No);
  const int lutBanks = std::max(q.lutBanks, a.shramReservedEndBanks);
  const int upscale = upscaleOf(q.resampling), nearest = nearestOf(q.resampling);

  const int ifmRepeats = divUp(q.kernel.dilatedW(), a.subKernelMax.w) * divUp(q.kernel.dilatedH(), a.subKernelMax.h);
  const int ifmDepth = ifmBlockDepth(a, q.ifm, q.ifmBits, cfg.partKernel);
  const std::int64_t weightFetchWH = convolution ? std::int64_t(q.kernel.dilatedW()) * q.kernel.dilatedH() : 0;

  Shape4 space = minShape(q.ofm, a.ofmBlockMax);
  space.h = roundUp(space.h, a.ofmUblock.h);
  space.w = roundUp(space.w, a.ofmUblock.w);
  space.c = roundUp(space.c, a.ofmUblock.c);

  double bestCost = std::numeric_limits<double>::infinity();
  double bestCoverage = std::numeric_limits<double>::infinity();
  bool found = false;
  const double ofmElements = double(q.ofm.elements());
  const double ifmElements = double(q.ifm.elements());
  int depth = std::max(a.ofmUblock.c, std::min(space.c, a.ofmSplitDepth));
  if (depth < q.ofm.c) depth = roundUp(depth, a.ofmSplitDepth);

  // Blocks that did not fit, keyed (height, width) as Vela records them: it stores the transposed
  // key, so a later (h, w) = (this w, this h) is skipped.
  const int keyDim = std::max(space.h, space.w) + 1;
  std::vector<char> wontFit(static_cast<std::size_t>(keyDim) * static_cast<std::size_t>(keyDim));
  while (depth <= space.c) {
    std::fill(wontFit.begin(), wontFit.end(), 0);
    // The IFM and accumulator buffers only grow with the block's height and width, so a block
    // that does not fit tells that every block at least as high and as wide does not either:
    // those are known to fail without laying them out (Vela tries them; the result is the same).
    int failWidth = space.w + 1;  // the narrowest width that failed at this or a lower height
    for (int height = a.ofmUblock.h; height <= space.h; height += a.ofmUblock.h) {
      for (int width = a.ofmUblock.w; width <= space.w; width += a.ofmUblock.w) {
        if (wontFit[static_cast<std::size_t>(height) * keyDim + width]) continue;
        Shape4 ofmBlock{1, height, width, depth};
        std::optional<ShramLayout> layout;
        Shape4 ifmBlock;
        if (width < failWidth) {
          ifmBlock = ifmBlockSize(ofmBlock, q.kernel, a.ofmUblock, a.subKernelMax, upscale, nearest);
          if (!equalDepth) ifmBlock.c = ifmDepth;
          ofmBlock = fitBlockForOfm(a, q.ofm, q.kernel, ofmBlock);
          layout = tryLayout(a, ew, ofmBlock, ifmBlock, q.ifmBits, ifmGran, accBits, accGran, lutBanks);
        }
        if (!layout) {
          failWidth = std::min(failWidth, width);
          if (width < keyDim && height < keyDim) wontFit[static_cast<std::size_t>(width) * keyDim + height] = 1;
          continue;
        }
        // Costs in Vela's evaluation order (floating point, so equal costs compare equal).
        const double fullH = divUp(q.ofm.h, ofmBlock.h), fullW = divUp(q.ofm.w, ofmBlock.w);
        const double fullD = divUp(q.ofm.c, ofmBlock.c);
        const double blocksH = double(q.ofm.h) / ofmBlock.h, blocksW = double(q.ofm.w) / ofmBlock.w;
        const double blocksD = double(q.ofm.c) / ofmBlock.c;
        double weightFetch = double(weightFetchWH * q.ifm.c) * (fullW * fullH);
        if (!depthwise) weightFetch *= double(ofmBlock.c) * blocksD;
        double ifmFetch = double(std::int64_t(ifmBlock.w) * ifmBlock.h * q.ifm.c * ifmRepeats) * (blocksW * blocksH);
        if (!equalDepth) ifmFetch *= fullD;
        double cost;
        if (q.type == BlockType::ElementWise)
          cost = std::max(ofmElements / double(std::int64_t(height) * width * depth), 1.0);
        else
          cost = (ifmFetch + weightFetch) / ofmElements;
        if (ifmElements < double(ifmBlock.elements() * 2)) cost = cost / 2;

        if (cost <= bestCost) {
          bool choose = false;
          if (cost == bestCost) {
            const Shape4 cov = minShape(q.ifm, ifmBlock);
            const double coverage = double(q.ifm.elementsWH()) / double(cov.elementsWH());
            if (coverage <= bestCoverage && height <= 4 && width <= 4) {
              bestCoverage = coverage;
              choose = true;
            }
          } else {
            bestCoverage = std::numeric_limits<double>::infinity();
            choose = true;
          }
          if (choose) {
            found = true;
            bestCost = cost;
            cfg.layout = *layout;
            cfg.ifmBlock = ifmBlock;
            cfg.ofmBlock = Shape4{1, height, width, depth};
          }
        }
      }
    }
    depth += a.ofmUblock.c;
    if (depth < q.ofm.c) depth = roundUp(depth, a.ofmSplitDepth);
  }
  if (!found) return std::nullopt;
  return cfg;
}

std::optional<BlockConfig> findBlockConfig(const Arch& a, const NpuOp& op) {
  return findBlockConfig(a, blockQueryFor(op));
}

std::optional<BlockConfig> tryBlockConfig(const Arch& a, const BlockQuery& q0, const Shape4& block,
                                          bool partKernel) {
  if (isU85(a.accel)) return std::nullopt;
  const int dims[3][3] = {{block.h, a.ofmBlockMax.h, a.ofmUblock.h},
                          {block.w, a.ofmBlockMax.w, a.ofmUblock.w},
                          {block.c, a.ofmBlockMax.c, a.ofmUblock.c}};
  for (const auto& d : dims)
    if (d[0] <= 0 || d[0] > d[1] || d[0] % d[2] != 0) return std::nullopt;
  BlockQuery q = q0;
  if (q.ifm2 && q.ifm2->elements() > q.ifm.elements()) q.ifm = *q.ifm2;
  const EwUsage ew = ewUsageOf(q);
  const bool equalDepth =
      ew != EwUsage::No || q.type == BlockType::Pooling || q.type == BlockType::ConvolutionDepthWise;
  BlockConfig cfg;
  cfg.ofmUblock = a.ofmUblock;
  cfg.partKernel = partKernel;
  cfg.acc = accTypeOf(q);
  const int accGran = a.shramGranule(accElement(cfg.acc));
  const int ifmGran = ifmGranule(a, q.ifmBits, ew != EwUsage::No);
  const int lutBanks = std::max(q.lutBanks, a.shramReservedEndBanks);
  Shape4 ifmBlock = ifmBlockSize(block, q.kernel, a.ofmUblock, a.subKernelMax, upscaleOf(q.resampling),
                                 nearestOf(q.resampling));
  if (!equalDepth) ifmBlock.c = ifmBlockDepth(a, q.ifm, q.ifmBits, partKernel);
  const Shape4 fitted = fitBlockForOfm(a, q.ofm, q.kernel, block);
  auto layout = tryLayout(a, ew, fitted, ifmBlock, q.ifmBits, ifmGran, accBitsOf(cfg.acc), accGran, lutBanks);
  if (!layout) return std::nullopt;
  cfg.layout = *layout;
  cfg.ifmBlock = ifmBlock;
  cfg.ofmBlock = Shape4{1, block.h, block.w, block.c};
  return cfg;
}

}  // namespace inferscope::estimate
