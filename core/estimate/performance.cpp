// Per-operation performance model (Vela 3.10 npu_performance.py semantics). See performance.h.
#include "core/estimate/performance.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/estimate/performance_u85.h"

namespace inferscope::estimate {

namespace {

int divUp(int v, int q) { return (v + q - 1) / q; }
std::int64_t roundUp64(std::int64_t v, std::int64_t q) { return ((v + q - 1) / q) * q; }

Shape4 minShape(const Shape4& a, const Shape4& b) {
  return Shape4{std::min(a.n, b.n), std::min(a.h, b.h), std::min(a.w, b.w), std::min(a.c, b.c)};
}
Shape4 roundUpShape(const Shape4& a, const Shape4& q) {
  auto r = [](int v, int m) { return ((v + m - 1) / m) * m; };
  return Shape4{r(a.n, q.n), r(a.h, q.h), r(a.w, q.w), r(a.c, q.c)};
}
std::int64_t divUpElements(const Shape4& a, const Shape4& b) {
  return std::int64_t(divUp(a.n, b.n)) * divUp(a.h, b.h) * divUp(a.w, b.w) * divUp(a.c, b.c);
}

bool macBlock(BlockType t) {
  return t == BlockType::ConvolutionMxN || t == BlockType::ConvolutionDepthWise || t == BlockType::VectorProduct ||
         t == BlockType::Pooling || t == BlockType::ReduceSum;
}

double latency(const Arch& a, MemArea m, bool read) {
  const auto& t = a.mem.timing(m);
  return double(read ? t.readLatency : t.writeLatency);
}

// Storage bytes of a feature map (NHCWB16 rounds depth to 16), rounded to 16 bytes.
std::int64_t storageBytes(const Shape4& s, TensorFormat f, int bits) {
  const std::int64_t c = f == TensorFormat::NHCWB16 ? roundUp64(s.c, 16) : s.c;
  return roundUp64(std::int64_t(s.n) * s.h * s.w * c * bits / 8, 16);
}

// Vela's _estimate_conv_cycles.
double convCycles(const Arch& a, const PerfQuery& q) {
  const Shape4 ifmBlock = minShape(q.ifm, q.config.ifmBlock);
  Shape4 ofmBlock = minShape(q.ofm, q.config.ofmBlock);
  Shape4 ublock = a.ofmUblock;
  if (a.ofmUblock.h == 2 &&
      (q.type == BlockType::ConvolutionMxN || q.type == BlockType::ConvolutionDepthWise ||
       q.type == BlockType::VectorProduct) &&
      q.ofm.h == 1 && q.ofm.w % 2 == 0 && q.kernel.h == 1) {
    ublock = Shape4{1, 1, 4, a.ofmUblock.c};
    ofmBlock.h = 1;
  }
  const int ux = divUp(ofmBlock.w, ublock.w), uy = divUp(ofmBlock.h, ublock.h);
  const std::int64_t uxy = std::int64_t(ux) * uy;
  const std::int64_t uz = divUp(ofmBlock.c, ublock.c);
  const bool acc40 = q.config.acc == AccumulatorType::Acc40;
  const auto [limH, limW] = a.subKernelLimits(q.type);
  const int nsy = divUp(q.kernel.h, limH), nsx = divUp(q.kernel.w, limW);
  const std::int64_t wb = 32 * ublock.c / 8;
  const bool partKernelConv = q.type == BlockType::ConvolutionMxN && q.config.partKernel;
  const std::int64_t ifmUblocksDeep = divUp(ifmBlock.c, 8);

  double dpu = 0;
  for (int iy = 0; iy < nsy; ++iy) {
    const int sy = std::min(q.kernel.h - iy * limH, limH);
    for (int ix = 0; ix < nsx; ++ix) {
      const int sx = std::min(q.kernel.w - ix * limW, limW);
      const std::int64_t elems = std::int64_t(sx) * sy;
      std::int64_t steps = 0, cycles = 0;
      if (q.type == BlockType::Pooling) {
        steps = 1;
        cycles = std::max<std::int64_t>(4, elems) * uxy * uz;
        if (q.ifmBits == 16 && !a.isU55_32()) cycles *= 2;
      } else if (q.type == BlockType::ConvolutionDepthWise) {
        cycles = 4 * uxy;
        if (q.ifmBits == 16) cycles *= 2;
        steps = (elems + 3) / 4;
        cycles = std::max(wb, cycles) * steps * uz;
      } else if (!partKernelConv) {  // depth-first conv, vector product, reduce sum
        steps = elems;
        cycles = std::max(wb, 4 * uxy) * steps * uz;
      } else {
        const int divider = q.ifmBits == 16 ? 2 : 4;
        steps = (elems + divider - 1) / divider;
        cycles = std::max(wb, 4 * uxy) * (steps * ifmUblocksDeep * uz);
      }
      std::int64_t delay = 0;
      if (a.isU55_32()) {
        const std::int64_t d = acc40 ? 7 : 3;
        if (ux == 1 && uy == 1) {
          if (uz == 1)
            delay = d * steps;
          else if (steps > 1)
            delay = d * (steps - 1) * uz;
        }
        if ((ux == 1 || uy == 1) && uz > 1 && acc40) delay += d * uz;
      } else {
        const std::int64_t d =
            (acc40 && (a.accel == Accelerator::U55_64 || a.accel == Accelerator::U55_128)) ? 3 : 2;
        if (ux == 1 && uy == 1) {
          if (uz == 1)
            delay = d * steps;
          else if (steps > 1)
            delay = d * (steps - 1) * uz;
        }
      }
      if (partKernelConv) delay *= ifmUblocksDeep;
      dpu += double(cycles) + double(delay);
    }
  }
  if (q.type == BlockType::ConvolutionMxN || q.type == BlockType::VectorProduct || q.type == BlockType::ReduceSum)
    dpu *= double(divUp(q.ifm.c, ifmBlock.c));
  dpu /= double(a.cores);

  const double numOfmBlocks = double(divUpElements(q.ofm, ofmBlock));
  double out = std::ceil(outputCyclesPerElement(a, q) * double(ofmBlock.elements()));
  if (q.constDepth > 0) {
    const double bias = 10.0 * ofmBlock.c * latency(a, q.constArea, true) / 256.0;
    out = std::max(out, bias);
  }
  const auto [ifmBlk, ofmBlk] = minimumMemoryCycles(a, q);
  const double cmd = (ifmBlk + ofmBlk + out + dpu) / 4.0;
  dpu = std::max(dpu, cmd);
  out = std::max(out, cmd);
  return dpu > out ? dpu * numOfmBlocks + out : out * numOfmBlocks + dpu;
}

}  // namespace

PerfQuery makePerfQuery(const NpuOp& op, const BlockConfig& config, const OpMemory& mem, MemArea constArea) {
  PerfQuery q;
  q.opType = op.type;
  q.type = blockTypeOf(op.type);
  q.activation = op.activation;
  q.ifm = op.ifmShape;
  q.ifmFormat = mem.ifmFormat;
  q.ifmArea = mem.ifm;
  q.ifmBits = op.ifmBits;
  if (op.ifm2 >= 0 || op.ifm2Constant) {
    q.ifm2 = op.ifm2Shape;
    q.ifm2Format = mem.ifm2Format;
    q.ifm2Area = mem.ifm2;
    q.ifm2Bits = op.ifm2Bits;
  }
  q.ofm = op.ofmShape;
  q.ofmFormat = mem.ofmFormat;
  q.ofmArea = mem.ofm;
  q.ofmBits = op.ofmBits;
  if (op.weights) q.constDepth = op.ofmShape.c;
  q.constArea = constArea;
  q.kernel = op.kernel;
  q.config = config;
  return q;
}

double scaledTransfer(const Arch& a, bool isRead, MemArea area, TensorFormat format, int bits, const Shape4& block,
                      const Shape4& shape, double toTransfer) {
  if (toTransfer == 0) return 0;
  double burst = 8;
  if (format == TensorFormat::NHCWB16) {
    const double zStride = double(bits) * 16 * shape.w / 8;  // +C stride
    if (zStride == block.c)
      burst = double(bits) * block.c * block.w;
    else if (isRead)
      burst = 16.0 * bits * block.w;
    else
      burst = 16.0 * bits * block.w * a.cores;
  } else {
    const double xStride = double(bits) / 8;  // +Z stride (element size)
    if (isRead) {
      burst = xStride == block.c ? double(bits) * block.c * block.w : double(bits) * block.c;
    } else {
      if (block.c <= 16 && xStride == block.c)
        burst = double(bits) * block.c * block.w;
      else
        burst = std::min({64.0 * 8, 16.0 * bits * a.cores, double(block.c) * bits});
    }
  }
  const double maxBurst = double(a.mem.timing(area).burstLength);
  burst = std::min(maxBurst, std::floor(burst / 8));
  if (burst <= 0) burst = 1;
  return toTransfer * (maxBurst / burst);
}

std::pair<double, double> minimumMemoryCycles(const Arch& a, const PerfQuery& q) {
  const double ifmElems = double(minShape(q.ifm, q.config.ifmBlock).elements());
  const double ifmCycles =
      latency(a, q.ifmArea, true) +
      scaledTransfer(a, true, q.ifmArea, q.ifmFormat, q.ifmBits, q.config.ifmBlock, q.ifm, ifmElems) /
          a.mem.bandwidth(q.ifmArea);
  const double ofmElems = double(minShape(q.ofm, q.config.ofmBlock).elements());
  const double ofmCycles =
      latency(a, q.ofmArea, false) +
      scaledTransfer(a, false, q.ofmArea, q.ofmFormat, q.ofmBits, q.config.ofmBlock, q.ofm, ofmElems) /
          a.mem.bandwidth(q.ofmArea);
  return {ifmCycles, ofmCycles};
}

double outputCyclesPerElement(const Arch& a, const PerfQuery& q) {
  const bool ew = q.type == BlockType::ElementWise;
  int outIdx;
  if (ew && q.ifmBits == 32)
    outIdx = q.ifm2 ? 0 : 1;  // (sic) Vela's index choice for 32-bit elementwise
  else if (q.opType == NpuOpType::Mul && q.ofmBits == 32)
    outIdx = 2;
  else if (q.opType == NpuOpType::Mul || (macBlock(q.type) && q.config.acc == AccumulatorType::Acc40))
    outIdx = 3;
  else if (q.opType == NpuOpType::Add || q.opType == NpuOpType::Sub)
    outIdx = 5;
  else if (q.opType == NpuOpType::MaxPool)
    outIdx = 6;
  else
    outIdx = 7;
  int actIdx = 2;
  if (q.activation == Activation::Lut)
    actIdx = 0;
  else if (q.activation == Activation::Relu || q.activation == Activation::Relu6 ||
           q.activation == Activation::ReluN1To1)
    actIdx = 1;
  double perElem = std::max(a.outputCyclesPerElem[outIdx], a.activationCyclesPerElem[actIdx]);
  if (ew) {
    const double blockElems = double(q.config.ofmBlock.elements());
    const auto [ifmBlk, ofmBlk] = minimumMemoryCycles(a, q);
    double cmd = ifmBlk + ofmBlk;
    cmd = (cmd + perElem * blockElems) / 4.0;
    perElem = std::max(perElem, cmd / blockElems);
  }
  return perElem;
}

namespace {
// Degenerate shapes (a zero dimension) cost nothing rather than dividing by zero.
bool degenerate(const PerfQuery& q) {
  auto empty = [](const Shape4& s) { return s.n <= 0 || s.h <= 0 || s.w <= 0 || s.c <= 0; };
  return empty(q.ifm) || empty(q.ofm) || (q.ifm2 && empty(*q.ifm2)) || empty(q.config.ofmBlock) ||
         empty(q.config.ifmBlock) || q.kernel.w <= 0 || q.kernel.h <= 0;
}
}  // namespace

CycleCost measureCycleCost(const Arch& a, const PerfQuery& q) {
  if (degenerate(q)) return {};
  if (isU85(a.accel)) return u85CycleCost(a, q);
  CycleCost c;
  if (macBlock(q.type)) {
    if (q.type == BlockType::ConvolutionDepthWise || q.type == BlockType::Pooling)
      c.macs = q.kernel.elementsWH() * q.ofm.elements();
    else
      c.macs = q.kernel.elementsWH() * q.ifm.c * q.ofm.elements();
    c.cycles = std::int64_t(convCycles(a, q));
  } else if (q.type == BlockType::ElementWise) {
    const Shape4 ofm = roundUpShape(q.ofm, a.storageRounding(q.ofmFormat));
    c.cycles = std::int64_t(std::ceil(outputCyclesPerElement(a, q) * double(ofm.elements())));
  }
  return c;
}

ElementAccess measureElementAccess(const Arch& a, const PerfQuery& q) {
  if (degenerate(q)) return {};
  if (isU85(a.accel)) return u85ElementAccess(a, q);
  ElementAccess acc;
  const Shape4 ifmRound = a.storageRounding(q.ifmFormat);
  if (macBlock(q.type)) {
    const Shape4 ifmBlock = minShape(q.ifm, q.config.ifmBlock);
    const Shape4 ofmBlock = minShape(q.ofm, q.config.ofmBlock);
    Shape4 blocks{divUp(q.ofm.n, ofmBlock.n), divUp(q.ofm.h, ofmBlock.h), divUp(q.ofm.w, ofmBlock.w),
                  divUp(q.ofm.c, ofmBlock.c)};
    std::int64_t ofmBlockDepth = ofmBlock.c;
    const bool perChannel = q.type == BlockType::ConvolutionDepthWise || q.type == BlockType::Pooling;
    if (perChannel) {
      blocks.c = 1;
      ofmBlockDepth = q.ifm.c;
    }
    // Vela divides kernel width by the height limit and vice versa (both 8 or both 1).
    const auto [limH, limW] = a.subKernelLimits(q.type);
    const std::int64_t subkernels = std::int64_t(divUp(q.kernel.w, limH)) * divUp(q.kernel.h, limW);
    const std::int64_t blockCount = blocks.elements();
    const std::int64_t ifmFetch =
        roundUpShape(ifmBlock, ifmRound).elementsWH() * roundUpShape(q.ifm, ifmRound).c;
    const std::int64_t kernelRead = perChannel ? q.kernel.elementsWH() : q.kernel.elementsWH() * q.ifm.c;
    acc.ifmRead[0] = ifmFetch * subkernels * blockCount;
    if (q.type != BlockType::Pooling && q.type != BlockType::ReduceSum) {
      acc.constRead[0] = kernelRead * ofmBlockDepth * blockCount;
      acc.constRead[1] = q.ofm.c;
      acc.weightsRefetch = blocks.elementsWH();
    }
  } else if (q.type == BlockType::ElementWise) {
    const std::int64_t ofmRounded = roundUpShape(q.ofm, ifmRound).elements();
    if (q.ifm.elements() == 1) {
      if (q.ifmBits > 8) acc.ifmRead[0] = roundUpShape(q.ifm, ifmRound).elements();
      if (q.ifm2) acc.ifmRead[1] = ofmRounded;
    } else {
      acc.ifmRead[0] = ofmRounded;
      if (q.ifm2) {
        if (q.ifm2->elements() > 1)
          acc.ifmRead[1] = ofmRounded;
        else if (q.ifm2Bits > 8)
          acc.ifmRead[1] = roundUpShape(*q.ifm2, ifmRound).elements();
      }
    }
  } else {
    return acc;  // DMA: no NPU access
  }
  acc.ofmWrite = roundUpShape(q.ofm, a.storageRounding(q.ofmFormat)).elements();
  return acc;
}

double mem2memCycles(const Arch& a, MemArea from, MemArea to, std::int64_t bytes) {
  const double fromCycles = std::floor(double(bytes) / a.mem.bandwidth(from)) + latency(a, from, true);
  const double toCycles = std::floor(double(bytes) / a.mem.bandwidth(to));
  return std::max(fromCycles, toCycles);
}

double mem2shramCycles(const Arch& a, MemArea from, std::int64_t bytes) {
  const double fromCycles = std::floor(double(bytes) / a.mem.bandwidth(from)) + latency(a, from, true);
  const double toCycles = std::floor(double(bytes) / a.shramBandwidth());
  return std::max(fromCycles, toCycles);
}

std::int64_t opCyclesForDepth(const Arch& a, const NpuOp& op, const BlockConfig& config, const OpMemory& mem,
                              int ofmDepth) {
  PerfQuery q = makePerfQuery(op, config, mem, a.mem.cacheArea);
  q.ofm.c = ofmDepth;
  return measureCycleCost(a, q).cycles;
}

OpPerformance estimateOp(const Arch& a, const NpuOp& op, const BlockConfig& config, const OpMemory& mem,
                         const WeightPlacement& w, const DmaSlack& slack) {
  OpPerformance r;
  const bool hasWeights = op.weights.has_value() && w.encodedBytes > 0;
  const bool buffered = hasWeights && w.buffered;
  const MemArea constArea = buffered ? a.mem.cacheArea : w.source;
  const PerfQuery q = makePerfQuery(op, config, mem, constArea);

  const CycleCost cost = measureCycleCost(a, q);
  r.macs = cost.macs;
  r.computeCycles = cost.cycles;
  r.npuCycles = double(cost.cycles);
  r.access = measureElementAccess(a, q);
  const ElementAccess& acc = r.access;

  std::array<double, kMemAreaCount> scaled{};
  auto idx = [](MemArea m) { return static_cast<int>(m); };
  const double prevSlack = slack.previousSlackCycles;

  // LUT transfer from permanent storage into the SHRAM LUT area.
  double dma = 0;
  if (op.lutBytes > 0) {
    dma += mem2shramCycles(a, a.mem.constArea, op.lutBytes);
    r.readBytes[idx(a.mem.constArea)] += op.lutBytes;
  }
  // Memcpy between areas.
  if (op.type == NpuOpType::Memcpy && mem.ifm != mem.ofm) {
    const std::int64_t bytes = storageBytes(op.ifmShape, mem.ifmFormat, op.ifmBits);
    dma += mem2memCycles(a, mem.ifm, mem.ofm, bytes);
    r.readBytes[idx(mem.ifm)] += double(bytes);
    r.writeBytes[idx(mem.ofm)] += double(bytes);
  }
  r.dmaCycles = dma;

  if (buffered) {
    const std::int64_t first = w.firstTransferBytes > 0 ? w.firstTransferBytes : w.encodedBytes;
    const std::int64_t full = w.fullEncodedBytes > 0 ? w.fullEncodedBytes : w.encodedBytes;
    r.readBytes[idx(w.source)] += double(w.encodedBytes);
    r.writeBytes[idx(a.mem.cacheArea)] += double(w.encodedBytes);
    r.firstTransferCycles = mem2memCycles(a, w.source, a.mem.cacheArea, first);
    r.fullTransferCycles = w.cascaded ? 0.0 : mem2memCycles(a, w.source, a.mem.cacheArea, full);
    const double own = slack.ownSlackCycles >= 0 ? slack.ownSlackCycles : double(cost.cycles);
    if (w.doubleBuffered)
      r.npuCycles = std::max(r.fullTransferCycles - prevSlack + own,
                             double(cost.cycles) + std::max(r.firstTransferCycles - prevSlack, 0.0));
    else
      r.npuCycles = double(cost.cycles) + r.fullTransferCycles - std::min(r.firstTransferCycles, prevSlack);
    r.npuCycles += dma;
  } else {
    r.npuCycles += std::max(dma - prevSlack, 0.0);
  }

  // OFM write.
  {
    const double bw = double(acc.ofmWrite) * (op.ofmBits / 8.0);
    r.writeBytes[idx(q.ofmArea)] += bw;
    scaled[idx(q.ofmArea)] +=
        scaledTransfer(a, false, q.ofmArea, q.ofmFormat, q.ofmBits, config.ofmBlock, q.ofm, bw);
  }
  // IFM read.
  {
    const double bw = double(acc.ifmRead[0]) * (op.ifmBits / 8.0);
    r.readBytes[idx(q.ifmArea)] += bw;
    scaled[idx(q.ifmArea)] += scaledTransfer(a, true, q.ifmArea, q.ifmFormat, q.ifmBits, config.ifmBlock, q.ifm, bw);
  }
  if (q.ifm2) {
    const double bw = double(acc.ifmRead[1]) * (q.ifm2Bits / 8.0);
    r.readBytes[idx(q.ifm2Area)] += bw;
    scaled[idx(q.ifm2Area)] +=
        scaledTransfer(a, true, q.ifm2Area, q.ifm2Format, q.ifm2Bits, config.ifmBlock, *q.ifm2, bw);
  }
  // Weights and scales, read at the compression ratio of the encoded stream.
  if (hasWeights) {
    // Vela's encoded scale tensor has element_size_bytes = 10 (one 10-byte entry per channel).
    const int biasBytes = w.biasBytes > 0 ? w.biasBytes : 10;
    std::int64_t orig = w.originalElements;
    if (orig <= 0) orig = std::int64_t(op.weights->o) * op.weights->h * op.weights->w * op.weights->i;
    if (acc.constRead[0] > 0 && orig > 0) {
      const double encodedApprox = double(w.encodedBytes) - double(acc.constRead[1] * biasBytes);
      const double bw = double(acc.constRead[0]) * (encodedApprox / double(orig));
      r.readBytes[idx(constArea)] += bw;
      if (!buffered) scaled[idx(constArea)] += bw;
    }
    if (acc.constRead[1] > 0) {
      const double bw = double(acc.constRead[1] * biasBytes);
      r.readBytes[idx(constArea)] += bw;
      if (!buffered) scaled[idx(constArea)] += bw;
    }
  }

  r.totalCycles = r.npuCycles;
  for (int m = 0; m < kMemAreaCount; ++m) {
    r.accessCycles[m] = scaled[m] > 0 ? scaled[m] / a.mem.memory[m].bandwidth : 0.0;
    r.totalCycles = std::max(r.totalCycles, r.accessCycles[m]);
  }
  return r;
}

WeightPlacement WeightBufferingPlan::placement(MemArea source) const {
  WeightPlacement w;
  w.source = source;
  w.buffered = buffered;
  w.doubleBuffered = doubleBuffered;
  w.encodedBytes = encoded.totalBytes;
  w.fullEncodedBytes = fullEncodedBytes;
  w.firstTransferBytes = encoded.firstSliceBytes;
  w.scaleBytes = encoded.scaleBytes;
  w.cascaded = cascaded;
  return w;
}

WeightBufferingPlan planWeightBuffering(const Arch& a, const NpuOp& op, const BlockConfig& config,
                                        const OpMemory& mem, const WeightBufferingInput& in,
                                        const WeightEncodeFn& encode) {
  WeightBufferingPlan plan;
  plan.cascaded = in.cascaded;
  const int depth = op.ofmShape.c;
  const int split = a.ofmSplitDepth;
  auto roundDownF = [](double v, double q) { return std::floor(v / q) * q; };
  auto roundUpF = [](double v, double q) { return std::floor((v + q - 1) / q) * q; };
  auto roundUpI = [](std::int64_t v, std::int64_t q) { return ((v + q - 1) / q) * q; };

  plan.slackBufferingCycles = double(opCyclesForDepth(a, op, config, mem, depth));
  plan.slackBufferingMemory = in.stagingLimitBytes - in.memoryInUse;
  plan.depthSlices = {0, depth};
  if (!op.weights) return plan;
  std::int64_t limit = plan.slackBufferingMemory;
  if (in.evictedFmBytes > 0 && double(limit) / double(in.evictedFmBytes) >= 1.5) limit -= in.evictedFmBytes;

  const EncodedSlices full = encode(plan.depthSlices);
  plan.encoded = full;
  plan.fullEncodedBytes = full.totalBytes;
  const bool needsDma = (in.source == MemArea::Dram || in.source == MemArea::OffChipFlash) &&
                        a.mem.constArea != a.mem.cacheArea;
  if (op.type == NpuOpType::FullyConnected || !needsDma || full.totalBytes <= 0) return plan;

  EncodedSlices enc = full;
  std::vector<int> slices = plan.depthSlices;
  if (!in.cascaded) {
    const double fullTransfer = mem2memCycles(a, in.source, a.mem.cacheArea, full.totalBytes);
    plan.fullTransferCycles = fullTransfer;
    const double halfLimit = double(limit / 2);
    const double fullBytes = double(full.totalBytes);
    double prebufferBytes;
    if (fullTransfer > in.previousSlackCycles)
      prebufferBytes = std::min(in.previousSlackCycles / fullTransfer * fullBytes, halfLimit);
    else
      prebufferBytes = std::min(fullBytes, halfLimit);
    const double prebufferRatio = prebufferBytes / fullBytes;
    if (prebufferBytes < fullBytes) {
      const int blockDepth = config.ofmBlock.c;
      int prebufferDepth = int(std::max(16.0, roundDownF(depth * prebufferRatio, split)));
      const double preCycles = double(opCyclesForDepth(a, op, config, mem, prebufferDepth));
      double buffering = depth * (preCycles / fullTransfer);
      buffering = roundUpF(buffering, blockDepth);
      if ((buffering / depth) * fullBytes > halfLimit) buffering = (halfLimit / fullBytes) * depth;
      int bufferingDepth = 0;
      while (true) {
        buffering = buffering > blockDepth ? roundDownF(buffering, blockDepth) : roundDownF(buffering, split);
        bufferingDepth = int(std::max(buffering, double(split)));
        buffering = bufferingDepth;
        slices = {0};
        if (prebufferDepth < depth)
          for (int d = prebufferDepth; d < depth; d += bufferingDepth) slices.push_back(d);
        slices.push_back(depth);
        enc = encode(slices);
        if (enc.doubleBufferSizes[0] + enc.doubleBufferSizes[1] <= limit || prebufferDepth == split) break;
        if (bufferingDepth > prebufferDepth)
          buffering = double(roundUpI(bufferingDepth / 2, split));
        else
          prebufferDepth = int(roundUpI(prebufferDepth / 2, split));
      }
      const int tail = slices[slices.size() - 1] - slices[slices.size() - 2];
      plan.slackBufferingCycles = double(opCyclesForDepth(a, op, config, mem, tail));
    }
  }
  std::int64_t bufferSize = std::min(enc.totalBytes, std::max(enc.doubleBufferSizes[0], enc.doubleBufferSizes[1]));
  if (bufferSize <= limit) {
    const std::int64_t doubleSize = enc.doubleBufferSizes[0] + enc.doubleBufferSizes[1];
    plan.buffered = true;
    plan.doubleBuffered = doubleSize <= limit && bufferSize < enc.totalBytes;
    plan.bufferBytes = plan.doubleBuffered ? doubleSize : enc.doubleBufferSizes[0];
    const int buffers = plan.doubleBuffered ? 2 : 1;
    const std::int64_t lastUsed = enc.doubleBufferSizes[std::size_t(slices.size() % buffers)];
    if (!in.cascaded) plan.preBuffer = doubleSize < in.previousSlackMemory;
    plan.slackBufferingMemory -= lastUsed;
    plan.depthSlices = slices;
    plan.encoded = enc;
  } else {
    plan.depthSlices = {0, depth};
    plan.encoded = full;
  }
  return plan;
}

}  // namespace inferscope::estimate
