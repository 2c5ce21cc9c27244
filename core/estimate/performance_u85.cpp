// Ethos-U85 approximation of Vela 4's cycle model. See performance_u85.h.
#include "core/estimate/performance_u85.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace inferscope::estimate {

namespace {

int divUp(int v, int q) { return (v + q - 1) / q; }

Shape4 minShape(const Shape4& a, const Shape4& b) {
  return Shape4{std::min(a.n, b.n), std::min(a.h, b.h), std::min(a.w, b.w), std::min(a.c, b.c)};
}
Shape4 divUpShape(const Shape4& a, const Shape4& b) {
  return Shape4{divUp(a.n, std::max(b.n, 1)), divUp(a.h, b.h), divUp(a.w, b.w), divUp(a.c, b.c)};
}
Shape4 roundUpShape(const Shape4& a, const Shape4& q) {
  auto r = [](int v, int m) { return ((v + m - 1) / m) * m; };
  return Shape4{r(a.n, q.n), r(a.h, q.h), r(a.w, q.w), r(a.c, q.c)};
}

bool macOp(BlockType t) { return t != BlockType::ElementWise && t != BlockType::Dma; }

// Vela 4's EstimateMemoryTransfer: bytes of `elements` scaled by burst efficiency.
double transfer(const Arch& a, bool isRead, MemArea area, TensorFormat f, int bits, const Shape4& block,
                const Shape4& shape, double elements) {
  if (elements == 0) return 0;
  int burst = 8;
  if (f == TensorFormat::NHCWB16) {
    const int zStride = shape.w * bits * 16 / 8;
    burst = zStride == block.c ? bits * block.c * block.w : 16 * bits * block.w;
  } else {
    const int xStride = shape.c * bits / 8;
    if (isRead)
      burst = xStride == block.c ? bits * block.c * block.w : bits * block.c;
    else
      burst = (block.c <= 16 && xStride == block.c) ? bits * block.c * block.w
                                                    : std::min({64 * 8, 16 * bits, block.c * bits});
  }
  const double maxBurst = double(a.mem.timing(area).burstLength);
  const double burstBytes = std::max(1.0, std::min(maxBurst, double(burst / 8)));
  return std::floor(elements * bits / 8) * maxBurst / burstBytes;
}

double ifmBlockCycles(const Arch& a, const PerfQuery& q) {
  double worst = 0;
  const Shape4* shapes[2] = {&q.ifm, q.ifm2 ? &*q.ifm2 : nullptr};
  const MemArea areas[2] = {q.ifmArea, q.ifm2Area};
  const TensorFormat fmts[2] = {q.ifmFormat, q.ifm2Format};
  for (int i = 0; i < 2; ++i) {
    if (!shapes[i]) continue;
    const double elems = double(minShape(*shapes[i], q.config.ifmBlock).elements());
    const auto& t = a.mem.timing(areas[i]);
    const double c = double(t.readLatency) +
                     std::floor(transfer(a, true, areas[i], fmts[i], q.ifmBits, q.config.ifmBlock, *shapes[i], elems) /
                                t.bandwidth);
    worst = std::max(worst, c);
  }
  return worst;
}

double ofmBlockCycles(const Arch& a, const PerfQuery& q) {
  const double elems = double(minShape(q.ofm, q.config.ofmBlock).elements());
  const auto& t = a.mem.timing(q.ofmArea);
  return double(t.writeLatency) +
         std::floor(transfer(a, false, q.ofmArea, q.ofmFormat, q.ofmBits, q.config.ofmBlock, q.ofm, elems) /
                    t.bandwidth);
}

// AO cycles per element (Vela 4 GetOutputCyclesPerElement / EstimateAOCyclesPerElement for an op
// that runs alone): the output rate by result width, bounded by a fused activation's rate.
double aoCyclesPerElement(const Arch& a, const PerfQuery& q) {
  const auto& u = a.u85;
  const bool binaryEw = q.type == BlockType::ElementWise && q.ifm2.has_value();
  int idx;
  if (q.ofmBits == 64)
    idx = 3;
  else if (binaryEw && q.ifmBits == 32)
    idx = q.ofmBits == 32 ? 5 : 4;
  else if (q.ofmBits == 32)
    idx = 2;
  else if (q.ofmBits == 16)
    idx = 1;
  else
    idx = 0;
  double out = u.outputCycles[idx];
  if (q.activation != Activation::None) out = std::max(out, u.activationCycles[0]);
  return out;
}

double macCyclesPerBlock(const Arch& a, const PerfQuery& q) {
  const Shape4 ifmBlock = minShape(q.ifm, q.config.ifmBlock);
  const Shape4 ofmBlock = minShape(q.ofm, q.config.ofmBlock);
  const Shape4 ub = q.config.ofmUblock.c > 0 ? q.config.ofmUblock : a.ofmUblock;
  const Shape4 nub = divUpShape(Shape4{1, ofmBlock.h, ofmBlock.w, ofmBlock.c}, ub);
  const std::int64_t nubWH = std::int64_t(nub.h) * nub.w;
  const bool acc48 = q.config.acc == AccumulatorType::Acc40;
  const std::int64_t wb = 32 * ub.c / (8 * a.cores);
  const auto [limH, limW] = a.subKernelLimits(q.type);
  const bool conv = q.type == BlockType::ConvolutionMxN;
  const bool partKernel = conv && q.config.partKernel;
  const std::int64_t ifmDeep = divUp(ifmBlock.c, 8);
  double total = 0;
  for (int x = 0; x < q.kernel.w; x += limW) {
    for (int y = 0; y < q.kernel.h; y += limH) {
      const std::int64_t e = std::int64_t(std::min(q.kernel.h - y, limH)) * std::min(q.kernel.w - x, limW);
      std::int64_t steps = 0, cycles = 0;
      if (q.type == BlockType::Pooling) {
        steps = 1;
        cycles = std::max<std::int64_t>(4, e) * nub.elements() * (q.ifmBits / 2);
      } else if (q.type == BlockType::ConvolutionDepthWise) {
        steps = (e + 3) / 4;
        cycles = 4 * nubWH * (q.ifmBits / 8);
        cycles = std::max(wb, cycles) * steps * nub.c;
      } else if (!partKernel) {
        steps = e;
        cycles = std::max(wb, std::int64_t(ifmBlock.c / 8) * nubWH) * steps * nub.c * (q.ifmBits / 8);
      } else {
        const int divider = q.ifmBits == 16 ? 2 : 4;
        steps = (e + divider - 1) / divider;
        cycles = std::max(wb, 4 * nubWH) * steps * nub.c * ifmDeep;
      }
      std::int64_t delay = 0;
      const std::int64_t d = (acc48 && a.macs <= 128) ? 3 : 2;
      if (nubWH == 1) {
        if (nub.c == 1)
          delay = d * steps;
        else if (steps > 1)
          delay = d * (steps - 1) * nub.c;
      }
      if (partKernel) delay *= ifmDeep;
      total += double(cycles + delay);
    }
  }
  if (conv || q.type == BlockType::VectorProduct || q.type == BlockType::ReduceSum)
    total *= double(divUp(q.ifm.c, std::max(ifmBlock.c, 1)));
  return total;
}

}  // namespace

CycleCost u85CycleCost(const Arch& a, const PerfQuery& q) {
  CycleCost c;
  if (q.type == BlockType::Dma) return c;
  if (macOp(q.type)) {
    const Shape4 ofmBlock = minShape(q.ofm, q.config.ofmBlock);
    const Shape4 ub = q.config.ofmUblock.c > 0 ? q.config.ofmUblock : a.ofmUblock;
    const Shape4 blk{1, ofmBlock.h, ofmBlock.w, ofmBlock.c};
    const double ublocksPerBlock = double(divUpShape(blk, ub).elements());
    const double numBlocks = double(divUpShape(q.ofm, ub).elements()) / ublocksPerBlock;
    const double aoPerElem = aoCyclesPerElement(a, q);
    const double aoCompute = std::ceil(aoPerElem * double(ofmBlock.elements()));
    double bias = 0;
    if ((q.type == BlockType::ConvolutionMxN || q.type == BlockType::ConvolutionDepthWise ||
         q.type == BlockType::VectorProduct) &&
        q.constDepth > 0)
      bias = 10.0 * ofmBlock.c * double(a.mem.timing(q.constArea).readLatency) / 256.0;
    const double ao = std::max(aoCompute, bias);
    const double mac = macCyclesPerBlock(a, q);
    const double ifmC = ifmBlockCycles(a, q), ofmC = ofmBlockCycles(a, q);
    const double minMem = numBlocks > 1 ? std::abs(ofmC - ifmC) : 0.0;
    const double cmd = (minMem + mac + ao) / 4.0;
    const double bMac = std::max(mac, cmd), bAo = std::max(ao, cmd);
    double total;
    if (bMac > bAo)
      total = std::floor(bMac * numBlocks) + bAo;
    else
      total = bAo * numBlocks + bMac;
    total += ofmC + ifmC;  // a standalone op is both first and last of its chain
    c.cycles = std::int64_t(total);
    c.macs = q.kernel.elementsWH() * q.ofm.elements();
    if (q.type != BlockType::ConvolutionDepthWise && q.type != BlockType::Pooling) c.macs *= q.ifm.c;
    return c;
  }
  // Elementwise.
  const Shape4 ofm = roundUpShape(q.ofm, a.storageRounding(q.ofmFormat));
  const double elems = double(ofm.elements());
  const double aoPerElem = aoCyclesPerElement(a, q);
  const double ao = std::ceil(aoPerElem * elems);
  const double blockElems = std::max<double>(1.0, double(q.config.ofmBlock.elements()));
  const double blockCycles = std::max(ofmBlockCycles(a, q), ifmBlockCycles(a, q));
  const double cmdPerElem = (blockCycles / blockElems + aoPerElem) / 4.0;
  const double cmd = std::ceil(cmdPerElem * elems);
  c.cycles = std::int64_t(std::max(cmd, ao));
  return c;
}

ElementAccess u85ElementAccess(const Arch& a, const PerfQuery& q) {
  ElementAccess acc;
  const Shape4 ifmRound = a.storageRounding(q.ifmFormat);
  if (q.type == BlockType::Dma) return acc;
  if (macOp(q.type)) {
    const Shape4 ifmBlock = minShape(q.ifm, q.config.ifmBlock);
    const Shape4 ofmBlock = minShape(q.ofm, q.config.ofmBlock);
    Shape4 blocks = divUpShape(q.ofm, ofmBlock);
    std::int64_t ofmBlockDepth = ofmBlock.c;
    const bool perChannel = q.type == BlockType::ConvolutionDepthWise || q.type == BlockType::Pooling;
    if (perChannel) {
      blocks.c = 1;
      ofmBlockDepth = q.ifm.c;
    }
    const auto [limH, limW] = a.subKernelLimits(q.type);
    const std::int64_t subkernels = std::int64_t(divUp(q.kernel.w, limW)) * divUp(q.kernel.h, limH);
    const std::int64_t ifmFetch =
        roundUpShape(ifmBlock, ifmRound).elementsWH() * roundUpShape(q.ifm, ifmRound).c;
    acc.ifmRead[0] = ifmFetch * subkernels * blocks.elements();
    if (q.type == BlockType::ConvolutionMxN || q.type == BlockType::ConvolutionDepthWise ||
        q.type == BlockType::VectorProduct) {
      std::int64_t kernelRead = q.kernel.elementsWH();
      if (q.type != BlockType::ConvolutionDepthWise) kernelRead *= q.ifm.c;
      acc.constRead[0] = kernelRead * ofmBlockDepth * blocks.elements();
      acc.constRead[1] = q.ofm.c;
      acc.weightsRefetch = blocks.elementsWH();
    }
  } else {
    bool encodedScalar = false;
    const Shape4* shapes[2] = {&q.ifm, q.ifm2 ? &*q.ifm2 : nullptr};
    for (int i = 0; i < 2; ++i) {
      if (!shapes[i]) continue;
      if (shapes[i]->elements() > 1 || encodedScalar)
        acc.ifmRead[i] = roundUpShape(*shapes[i], ifmRound).elements();
      else
        encodedScalar = true;
    }
  }
  acc.ofmWrite = roundUpShape(q.ofm, a.storageRounding(q.ofmFormat)).elements();
  return acc;
}

}  // namespace inferscope::estimate
