#include "core/estimate/schedule.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/estimate/weight_encoding.h"

namespace inferscope::estimate {
namespace {

constexpr int kOfmSplitDepth = 16;

std::int32_t roundDown(std::int32_t v, std::int32_t q) { return v / q * q; }
std::int32_t roundUp(std::int32_t v, std::int32_t q) { return (v + q - 1) / q * q; }

WeightOpKind kindOf(WeightKind k) {
  switch (k) {
    case WeightKind::Conv: return WeightOpKind::Conv;
    case WeightKind::Depthwise: return WeightOpKind::Depthwise;
    case WeightKind::FullyConnected: return WeightOpKind::FullyConnected;
    case WeightKind::TransposeConv: return WeightOpKind::TransposeConv;
  }
  return WeightOpKind::Conv;
}

// Encodes an operation's weights for the given depth slices, caching by (weights, block depth,
// slices) as Vela does.
class Encoder {
 public:
  explicit Encoder(const Arch& arch) : arch_(arch) {}

  Result<EncodedWeightSizes> encode(const NpuOp& op, const BlockConfig& cfg, const std::vector<std::int32_t>& slices) {
    const auto& w = *op.weights;
    WeightLayout layout;
    layout.kind = kindOf(w.kind);
    layout.ofmDepth = w.o;
    layout.kernelHeight = w.h;
    layout.kernelWidth = w.w;
    layout.ifmDepth = w.i;
    layout.ifmBits = op.ifmBits == 16 ? 16 : 8;
    layout.dilationX = std::min(op.kernel.dilationX, 2);
    layout.dilationY = std::min(op.kernel.dilationY, 2);
    layout.ofmBlockDepth = std::max(cfg.ofmBlock.c, 1);
    layout.ofmUblockDepth = arch_.ofmUblock.c >= 8 ? 8 : arch_.ofmUblock.c;
    layout.cores = arch_.cores;
    layout.depthSlices = slices;
    std::uint64_t key = w.shareKey ^ (std::uint64_t(reinterpret_cast<std::uintptr_t>(w.tensor)) << 1);
    Key k{key, layout.ofmBlockDepth, slices};
    if (auto it = cache_.find(k); it != cache_.end()) return it->second;
    Result<EncodedWeightSizes> r = EncodedWeightSizes{};
    if (!w.synthetic.empty()) {
      layout.source = WeightSourceOrder::Ohwi;
      r = encodedWeightSize(std::span<const std::int16_t>(w.synthetic), layout);
    } else if (w.tensor && (w.tensor->dtype == model::DType::INT8 || w.tensor->dtype == model::DType::UINT8)) {
      const auto* t = w.tensor;
      std::int32_t zp = t->quant && !t->quant->zeroPoint.empty() ? static_cast<std::int32_t>(t->quant->zeroPoint[0]) : 0;
      bool dwAsConv = w.kind == WeightKind::Conv && t->shape.size() == 4 && t->shape[0] == 1 && w.i == 1 && w.o > 1;
      if (dwAsConv || t->dtype == model::DType::UINT8) {
        // Re-order into OHWI int16 ourselves (depthwise weights used as a convolution, uint8).
        std::vector<std::int16_t> v(static_cast<std::size_t>(w.o) * w.h * w.w * w.i);
        const auto* d = t->data.data();
        auto n = std::min<std::size_t>(v.size(), t->data.size());
        for (std::size_t idx = 0; idx < n; ++idx) {
          std::int32_t raw = t->dtype == model::DType::UINT8 ? d[idx] : static_cast<std::int8_t>(d[idx]);
          std::size_t dst = idx;
          if (dwAsConv) {  // [1, H, W, O] -> [O, H, W, 1]
            auto o = idx % static_cast<std::size_t>(w.o), hw = idx / static_cast<std::size_t>(w.o);
            dst = o * static_cast<std::size_t>(w.h * w.w) + hw;
          }
          v[dst] = static_cast<std::int16_t>(raw - zp);
        }
        layout.source = WeightSourceOrder::Ohwi;
        r = encodedWeightSize(std::span<const std::int16_t>(v), layout);
      } else {
        auto span = std::span<const std::int8_t>(reinterpret_cast<const std::int8_t*>(t->data.data()),
                                                 std::min<std::size_t>(t->data.size(), static_cast<std::size_t>(w.o) * w.h * w.w * w.i));
        if (zp != 0) {
          std::vector<std::int16_t> v(span.begin(), span.end());
          for (auto& x : v) x = static_cast<std::int16_t>(x - zp);
          layout.source = WeightSourceOrder::Auto;
          r = encodedWeightSize(std::span<const std::int16_t>(v), layout);
        } else {
          r = encodedWeightSize(span, layout);
        }
      }
    } else {
      // Weights that are not constant int8 (should not reach the NPU): size them as raw bytes.
      EncodedWeightSizes s;
      s.weightStreamBytes = (w.originalBytes + 15) / 16 * 16;
      s.scaleBytes = (10 * std::int64_t(w.o) + 15) / 16 * 16;
      s.totalBytes = s.weightStreamBytes + s.scaleBytes;
      s.sliceBytes = {s.totalBytes};
      s.doubleBufferSizes = {s.totalBytes, 0};
      r = s;
    }
    if (r) cache_.emplace(k, *r);
    return r;
  }

 private:
  struct Key {
    std::uint64_t w;
    std::int32_t block;
    std::vector<std::int32_t> slices;
    bool operator<(const Key& o) const {
      if (w != o.w) return w < o.w;
      if (block != o.block) return block < o.block;
      return slices < o.slices;
    }
  };
  const Arch& arch_;
  std::map<Key, EncodedWeightSizes> cache_;
};

bool needsDma(const Arch& arch) {
  auto src = arch.mem.constArea;
  return (src == MemArea::Dram || src == MemArea::OffChipFlash) && src != arch.mem.cacheArea;
}

}  // namespace

Result<std::vector<ScheduledOp>> scheduleOps(const ScheduleInput& in, const Progress& progress) {
  const auto& arch = *in.arch;
  const auto& g = *in.graph;
  Encoder encoder(arch);
  std::vector<ScheduledOp> out;
  std::size_t total = 0;
  for (const auto& s : g.segments) total += s.ops.size();
  out.reserve(total);
  std::size_t flat = 0;
  for (std::size_t si = 0; si < g.segments.size(); ++si) {
    double prevSlackCycles = 0;
    double prevSlackMemory = 0;
    bool first = true;
    for (const auto& op : g.segments[si].ops) {
      if (flat % 64 == 0 && !progress.report(total ? double(flat) / double(total) : 1.0))
        return makeError(ErrorCode::Cancelled, "estimate cancelled");
      ScheduledOp so;
      so.op = &op;
      so.segment = static_cast<std::int32_t>(si);
      so.time = in.opTime[flat];
      auto cfg = findBlockConfig(arch, op);
      if (!cfg)
        return makeError(ErrorCode::Unsupported, "no valid block configuration for NPU operation '" + op.name + "' (" +
                                                     nngName(op.type) + ")");
      so.config = *cfg;
      auto areaOf = [&](std::int32_t fmIndex) {
        if (fmIndex >= 0 && g.featureMaps[static_cast<std::size_t>(fmIndex)].constant) return arch.mem.constArea;
        return fmIndex >= 0 ? in.fmArea[static_cast<std::size_t>(fmIndex)] : arch.mem.arenaArea;
      };
      auto formatOf = [&](std::int32_t fmIndex) {
        return fmIndex >= 0 ? g.featureMaps[static_cast<std::size_t>(fmIndex)].format : TensorFormat::NHWC;
      };
      so.memory.ifm = areaOf(op.ifm);
      so.memory.ifm2 = op.ifm2Constant ? arch.mem.constArea : areaOf(op.ifm2);
      so.memory.ofm = areaOf(op.ofm);
      so.memory.ifmFormat = formatOf(op.ifm);
      so.memory.ifm2Format = formatOf(op.ifm2);
      so.memory.ofmFormat = formatOf(op.ofm);

      std::int64_t usage = so.time < static_cast<std::int32_t>(in.refUsage.size()) ? in.refUsage[static_cast<std::size_t>(so.time)] : 0;
      double slackMemory = double(in.stagingLimit) - double(usage);
      double ownSlack = -1;
      if (op.weights) {
        auto full = encoder.encode(op, so.config, {});
        if (!full) return full.error();
        so.weights.source = arch.mem.constArea;
        so.weights.encodedBytes = full->totalBytes;
        so.weights.fullEncodedBytes = full->totalBytes;
        so.biasCopyBytes = (10 * std::int64_t(op.weights->biasChannels) + 15) / 16 * 16;
        so.encodedTotalBytes = full->totalBytes;
        bool fc = op.type == NpuOpType::FullyConnected;
        if (!fc && needsDma(arch)) {
          EncodedWeightSizes enc = *full;
          std::vector<std::int32_t> slices = {0, op.ofmShape.c};
          const std::int32_t depth = op.ofmShape.c;
          double bufferLimit = slackMemory;
          double fullTransfer = mem2memCycles(arch, arch.mem.constArea, arch.mem.cacheArea, full->totalBytes);
          double halfLimit = std::floor(bufferLimit / 2);
          double prebufferBytes = fullTransfer > prevSlackCycles
                                      ? std::min(prevSlackCycles / fullTransfer * double(full->totalBytes), halfLimit)
                                      : std::min(double(full->totalBytes), halfLimit);
          double ratio = full->totalBytes ? prebufferBytes / double(full->totalBytes) : 1.0;
          if (prebufferBytes < double(full->totalBytes)) {
            // Split the weights into depth slices streamed while the op computes.
            std::int32_t blockDepth = std::max(so.config.ofmBlock.c, 1);
            std::int32_t prebufferDepth =
                std::max(kOfmSplitDepth, roundDown(static_cast<std::int32_t>(depth * ratio), kOfmSplitDepth));
            double preCycles = double(opCyclesForDepth(arch, op, so.config, so.memory, prebufferDepth));
            double bufferingDepthD = depth * (preCycles / fullTransfer);
            std::int32_t bufferingDepth = roundUp(static_cast<std::int32_t>(std::ceil(bufferingDepthD)), blockDepth);
            double bufferingBytes = double(bufferingDepth) / depth * double(full->totalBytes);
            if (bufferingBytes > halfLimit)
              bufferingDepth = static_cast<std::int32_t>(halfLimit / double(full->totalBytes) * depth);
            for (int guard = 0; guard < 32; ++guard) {
              bufferingDepth = bufferingDepth > blockDepth ? roundDown(bufferingDepth, blockDepth)
                                                           : roundDown(bufferingDepth, kOfmSplitDepth);
              bufferingDepth = std::max(bufferingDepth, kOfmSplitDepth);
              slices = {0};
              if (prebufferDepth < depth)
                for (std::int32_t d = prebufferDepth; d < depth; d += bufferingDepth) slices.push_back(d);
              slices.push_back(depth);
              auto e = encoder.encode(op, so.config, slices);
              if (!e) return e.error();
              enc = *e;
              auto db = enc.doubleBufferSizes[0] + enc.doubleBufferSizes[1];
              if (double(db) <= bufferLimit || prebufferDepth == kOfmSplitDepth) break;
              if (bufferingDepth > prebufferDepth) bufferingDepth = roundUp(bufferingDepth / 2, kOfmSplitDepth);
              else prebufferDepth = roundUp(prebufferDepth / 2, kOfmSplitDepth);
            }
            ownSlack = double(opCyclesForDepth(arch, op, so.config, so.memory, slices[slices.size() - 1] - slices[slices.size() - 2]));
          }
          std::int64_t maxRange = 0;
          for (auto b : enc.sliceBytes) maxRange = std::max(maxRange, b);
          std::int64_t bufferSize = std::min(enc.totalBytes, maxRange > 0 ? maxRange : enc.totalBytes);
          if (double(bufferSize) <= bufferLimit) {
            auto db = enc.doubleBufferSizes[0] + enc.doubleBufferSizes[1];
            bool dbl = double(db) <= bufferLimit && bufferSize < enc.totalBytes;
            so.weights.buffered = true;
            so.weightDmas = static_cast<std::int32_t>(slices.size()) - 1;
            so.weights.doubleBuffered = dbl;
            so.weights.encodedBytes = enc.totalBytes;
            so.weights.firstTransferBytes = enc.sliceBytes.empty() ? enc.totalBytes : enc.sliceBytes.front();
            so.encodedTotalBytes = enc.totalBytes;
            so.weightBufferBytes[0] = dbl ? enc.doubleBufferSizes[0] : bufferSize;
            so.weightBufferBytes[1] = dbl ? enc.doubleBufferSizes[1] : 0;
            so.preBuffer = !first && double(db) < prevSlackMemory;
            slackMemory -= double(dbl ? enc.doubleBufferSizes[slices.size() % 2] : bufferSize);
          }
        }
      }
      so.perf = estimateOp(arch, op, so.config, so.memory, so.weights, DmaSlack{prevSlackCycles, ownSlack});
      prevSlackCycles = ownSlack >= 0 ? ownSlack : double(so.perf.computeCycles);
      prevSlackMemory = slackMemory;
      first = false;
      out.push_back(std::move(so));
      ++flat;
    }
  }
  return out;
}

}  // namespace inferscope::estimate
