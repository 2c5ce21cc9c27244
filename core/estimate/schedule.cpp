#include "core/estimate/schedule.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/estimate/weight_encoding.h"

namespace inferscope::estimate {
namespace {

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

  Result<EncodedWeightSizes> encode(const NpuOp& op, const BlockConfig& cfg, std::vector<std::int32_t> slices) {
    const auto& w = *op.weights;
    if (slices.size() == 2 && slices[0] == 0 && slices[1] == w.o) slices.clear();  // one slice: the whole tensor
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
      // Vela searches the block for the whole tensors when the operation writes part of its OFM
      // (pad, concatenation) or reads part of its IFM (slices): its ifm/ofm_shapes hold the
      // tensors and the read/write shapes the parts; the cycles then follow the parts.
      auto query = blockQueryFor(op);
      if (op.ofm >= 0) {
        const auto& full = g.featureMaps[static_cast<std::size_t>(op.ofm)].shape;
        if (full.elements() > op.ofmShape.elements()) query.ofm = full;
      }
      if (op.ifm >= 0) {
        const auto& full = g.featureMaps[static_cast<std::size_t>(op.ifm)].shape;
        if (full.elements() > op.ifmShape.elements()) query.ifm = full;
      }
      const bool cascaded = in.cascades && in.cascades->inCascade(flat);
      if (cascaded) {  // a cascaded op's block is searched for its stripe (create_scheduler_info)
        query.ofm = in.cascades->stripe[flat];
        query.ifm = in.cascades->stripeInput[flat];
        if (query.ifm2) {
          query.ifm2->h = std::min(query.ifm.h, query.ifm2->h);
          query.ifm2->w = std::min(query.ifm.w, query.ifm2->w);
        }
      }
      auto cfg = findBlockConfig(arch, query);
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
      // Vela plans buffering while every feature map is still in the arena, and estimates the
      // row after the feature maps that fit have moved to fast storage.
      OpMemory planning = so.memory;
      auto planArea = [&](std::int32_t f, MemArea current) {
        if (f < 0 || g.featureMaps[static_cast<std::size_t>(f)].constant) return current;
        return arch.mem.arenaArea;
      };
      planning.ifm = planArea(op.ifm, so.memory.ifm);
      if (!op.ifm2Constant) planning.ifm2 = planArea(op.ifm2, so.memory.ifm2);
      planning.ofm = planArea(op.ofm, so.memory.ofm);
      double ownSlack = -1;
      double nextSlackCycles = 0;
      std::int64_t nextSlackMemory = in.stagingLimit - usage;
      if (op.weights) {
        auto full = encoder.encode(op, so.config, {});
        if (!full) return full.error();
        so.biasCopyBytes = (10 * std::int64_t(op.weights->biasChannels) + 15) / 16 * 16;
        Error encodeError;
        auto encodeFn = [&](const std::vector<int>& slices) {
          EncodedSlices es;
          auto r = encoder.encode(op, so.config, std::vector<std::int32_t>(slices.begin(), slices.end()));
          if (!r) {
            encodeError = r.error();
            return es;
          }
          es.totalBytes = r->totalBytes;
          es.doubleBufferSizes = r->doubleBufferSizes;
          es.firstSliceBytes = r->sliceBytes.empty() ? r->totalBytes : r->sliceBytes.front();
          return es;
        };
        WeightBufferingInput wi;
        wi.source = arch.mem.constArea;
        wi.previousSlackCycles = first ? 0 : prevSlackCycles;
        wi.previousSlackMemory = first ? 0 : static_cast<std::int64_t>(prevSlackMemory);
        wi.stagingLimitBytes = in.stagingLimit;
        wi.memoryInUse = usage;
        wi.cascaded = cascaded;
        auto plan = planWeightBuffering(arch, op, so.config, planning, wi, encodeFn);
        if (!encodeError.message.empty()) return encodeError;
        so.weights = plan.placement(arch.mem.constArea);
        so.encodedTotalBytes = plan.encoded.totalBytes ? plan.encoded.totalBytes : full->totalBytes;
        if (plan.buffered) {
          so.weightDmas = static_cast<std::int32_t>(plan.depthSlices.size()) - 1;
          so.weightBufferBytes[0] = plan.doubleBuffered ? plan.encoded.doubleBufferSizes[0] : plan.bufferBytes;
          so.weightBufferBytes[1] = plan.doubleBuffered ? plan.encoded.doubleBufferSizes[1] : 0;
          so.preBuffer = plan.preBuffer;
        }
        ownSlack = plan.slackBufferingCycles;
        nextSlackCycles = plan.slackBufferingCycles;
        nextSlackMemory = plan.slackBufferingMemory;
      } else {
        nextSlackCycles = double(opCyclesForDepth(arch, op, so.config, planning, op.ofmShape.c));
      }
      so.perf = estimateOp(arch, op, so.config, so.memory, so.weights, DmaSlack{first ? 0 : prevSlackCycles, ownSlack});
      prevSlackCycles = nextSlackCycles;
      prevSlackMemory = double(nextSlackMemory);
      first = false;
      out.push_back(std::move(so));
      ++flat;
    }
  }
  return out;
}

}  // namespace inferscope::estimate
