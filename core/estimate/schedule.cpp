#include "core/estimate/schedule.h"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <mutex>
#include <thread>
#include <tuple>
#include <utility>
#include <unordered_map>

#include "core/estimate/estimate.h"
#include "core/estimate/weight_encoding.h"
#include "core/util/workers.h"

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
// slices) as Vela does. Safe to call from several threads (the parallel first pass).
class Encoder {
 public:
  explicit Encoder(const Arch& arch) : arch_(arch) { options_.sampleCache = &samples_; }

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
    Key k{w.shareKey, w.tensor, layout.ofmBlockDepth, slices};
    {
      std::lock_guard lock(mutex_);
      if (auto it = cache_.find(k); it != cache_.end()) return it->second;
    }
    Result<EncodedWeightSizes> r = EncodedWeightSizes{};
    if (!w.synthetic.empty()) {
      layout.source = WeightSourceOrder::Ohwi;
      r = encodedWeightSize(std::span<const std::int16_t>(w.synthetic), layout, options_);
    } else if (w.tensor && (w.tensor->dtype == model::DType::INT8 || w.tensor->dtype == model::DType::UINT8)) {
      const auto* t = w.tensor;
      const std::int32_t zp =
          t->quant && !t->quant->zeroPoint.empty() ? static_cast<std::int32_t>(t->quant->zeroPoint[0]) : 0;
      const bool dwAsConv = w.kind == WeightKind::Conv && t->shape.size() == 4 && t->shape[0] == 1 && w.i == 1 && w.o > 1;
      const auto n = std::min<std::size_t>(t->data.size(), static_cast<std::size_t>(w.o) * w.h * w.w * w.i);
      if (dwAsConv || t->dtype == model::DType::UINT8 || zp != 0) {
        // Depthwise weights used as a convolution, uint8 or zero-point weights: an int16 copy
        // without the zero point (in OHWI for the first two), kept for the run so that its
        // address identifies it in the sample cache.
        layout.source = dwAsConv || t->dtype == model::DType::UINT8 ? WeightSourceOrder::Ohwi : WeightSourceOrder::Auto;
        r = encodedWeightSize(std::span<const std::int16_t>(converted(k, op, zp, dwAsConv)), layout, options_);
      } else {
        r = encodedWeightSize(std::span<const std::int8_t>(reinterpret_cast<const std::int8_t*>(t->data.data()), n),
                              layout, options_);
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
    if (r) {
      std::lock_guard lock(mutex_);
      cache_.emplace(k, *r);
    }
    return r;
  }

 private:
  // The int16 values of a tensor that is not plain int8 OHWI (made once per run).
  struct Key;
  const std::vector<std::int16_t>& converted(const Key& k, const NpuOp& op, std::int32_t zp, bool dwAsConv) {
    std::lock_guard lock(mutex_);
    auto [it, fresh] = converted_.try_emplace({k.share, k.tensor});
    if (!fresh) return it->second;
    const auto& w = *op.weights;
    const auto* t = w.tensor;
    auto& v = it->second;
    v.assign(static_cast<std::size_t>(w.o) * w.h * w.w * w.i, 0);
    const auto* d = t->data.data();
    const auto n = std::min<std::size_t>(v.size(), t->data.size());
    for (std::size_t idx = 0; idx < n; ++idx) {
      const std::int32_t raw = t->dtype == model::DType::UINT8 ? d[idx] : static_cast<std::int8_t>(d[idx]);
      std::size_t dst = idx;
      if (dwAsConv) {  // [1, H, W, O] -> [O, H, W, 1]
        const auto o = idx % static_cast<std::size_t>(w.o), hw = idx / static_cast<std::size_t>(w.o);
        dst = o * static_cast<std::size_t>(w.h * w.w) + hw;
      }
      v[dst] = static_cast<std::int16_t>(raw - zp);
    }
    return v;
  }

  // The weights (an operator's share key and its TFLite tensor: together, not mixed into one
  // number, which let two operators' weights collide), the block depth and the depth slices.
  struct Key {
    std::uint64_t share;
    const model::Tensor* tensor;
    std::int32_t block;
    std::vector<std::int32_t> slices;
    bool operator<(const Key& o) const {
      return std::tie(share, tensor, block, slices) < std::tie(o.share, o.tensor, o.block, o.slices);
    }
  };
  const Arch& arch_;
  WeightSampleCache samples_;
  EncodeOptions options_;
  std::mutex mutex_;
  std::map<Key, EncodedWeightSizes> cache_;
  std::map<std::pair<std::uint64_t, const model::Tensor*>, std::vector<std::int16_t>> converted_;  // stable addresses
};

// The block search of the flat-th operation.
BlockQuery scheduleQuery(const ScheduleInput& in, const NpuOp& op, std::size_t flat) {
  const auto& g = *in.graph;
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
  if (in.cascades && in.cascades->inCascade(flat)) {  // a cascaded op's block is searched for its stripe
    query.ofm = in.cascades->stripe[flat];
    query.ifm = in.cascades->stripeInput[flat];
    if (query.ifm2) {
      query.ifm2->h = std::min(query.ifm.h, query.ifm2->h);
      query.ifm2->w = std::min(query.ifm.w, query.ifm2->w);
    }
  }
  return query;
}

// Threads for sizing `weights` weights: one more per kWeightsPerThread, at most 4 and the
// hardware's. On the 2-CPU development VM a helper costs ~0.2-0.35 ms (creating the thread, waking
// the other virtual CPU, and the exit), and the two virtual CPUs gain only ~30% over one on this
// work. Measured with the runs interleaved with other models' checks, as bench_cli_process runs
// them (back-to-back runs of one model favour threads): with a helper started before the
// compatibility check, dtln (0.4 M weights) and person_detect (0.3 M) ran ~0.1 ms slower on two
// threads than on one, MobileNet-v2 (3.5 M) 0.3 ms faster than with the helper started here.
constexpr std::int64_t kWeightsPerThread = 1000000;

int threadsFor(std::int64_t weights) {
  const std::int64_t wanted = std::min<std::int64_t>(4, 1 + weights / kWeightsPerThread);
  // (hardware_concurrency reads /sys: asked only when more than one thread would do.)
  if (wanted <= 1) return 1;
  return static_cast<int>(std::clamp<std::int64_t>(wanted, 1, std::max(1u, std::thread::hardware_concurrency())));
}

// First pass: every operation's block config and the unsliced encoding of its weights, shared out
// over threads when there are enough weights (the scheduling pass after it is sequential: each
// operation's buffering depends on the one before). Operations with the most weights go first, so
// that the threads finish together.
Result<std::vector<BlockConfig>> firstPass(const ScheduleInput& in, const std::vector<const NpuOp*>& ops,
                                           Encoder& encoder, const Progress& progress) {
  auto weightCount = [&](std::size_t k) {
    const auto& w = ops[k]->weights;
    return w ? std::int64_t(w->o) * w->h * w->w * w->i : 0;
  };
  std::vector<std::size_t> jobs(ops.size());
  std::int64_t weights = 0;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    jobs[k] = k;
    weights += weightCount(k);
  }
  std::stable_sort(jobs.begin(), jobs.end(), [&](std::size_t a, std::size_t b) { return weightCount(a) > weightCount(b); });
  const std::size_t withWeights = static_cast<std::size_t>(
      std::count_if(jobs.begin(), jobs.end(), [&](std::size_t k) { return weightCount(k) > 0; }));
  const int threads = static_cast<int>(std::min<std::int64_t>(threadsFor(weights), std::max<std::size_t>(withWeights, 1)));
  std::vector<BlockConfig> configs(ops.size());
  std::vector<char> found(ops.size(), 0);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  auto work = [&](bool reports) {
    for (std::size_t j = next++; j < jobs.size() && !stop; j = next++) {
      const std::size_t k = jobs[j];
      auto cfg = findBlockConfig(*in.arch, scheduleQuery(in, *ops[k], k));
      if (!cfg) continue;  // reported below, in operation order
      configs[k] = *cfg;
      found[k] = 1;
      if (ops[k]->weights) (void)encoder.encode(*ops[k], configs[k], {});  // errors come back in the second pass
      if (reports && !progress.report(0.5 * double(j + 1) / double(jobs.size()))) stop = true;
    }
  };
  const auto caller = std::this_thread::get_id();
  util::shareWork(threads - 1, [&] { work(std::this_thread::get_id() == caller); });
  if (stop) return makeError(ErrorCode::Cancelled, "estimate cancelled");
  for (std::size_t k = 0; k < ops.size(); ++k)
    if (!found[k])
      return makeError(ErrorCode::Unsupported, "no valid block configuration for NPU operation '" + ops[k]->name +
                                                   "' (" + nngName(ops[k]->type) + ")");
  return configs;
}

}  // namespace

int helpersWanted(const model::Model& m) {
  if (m.subgraphs.empty()) return 0;
  // Constant 8-bit inputs of the operators whose weights Vela encodes (a float model's int8
  // tensors feed DEQUANTIZE and are not counted).
  const auto& sg = m.subgraphs[0];
  std::int64_t weights = 0;
  for (const auto& op : sg.operators) {
    using model::BuiltinOp;
    if (op.code != BuiltinOp::CONV_2D && op.code != BuiltinOp::DEPTHWISE_CONV_2D &&
        op.code != BuiltinOp::FULLY_CONNECTED && op.code != BuiltinOp::TRANSPOSE_CONV &&
        op.code != BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM)
      continue;
    for (auto ti : op.inputs) {
      if (ti < 0 || static_cast<std::size_t>(ti) >= sg.tensors.size()) continue;
      const auto& t = sg.tensors[static_cast<std::size_t>(ti)];
      if (t.isConstant() && (t.dtype == model::DType::INT8 || t.dtype == model::DType::UINT8))
        weights += static_cast<std::int64_t>(t.data.size());
    }
  }
  return threadsFor(weights) - 1;
}

Result<std::vector<ScheduledOp>> scheduleOps(const ScheduleInput& in, const Progress& progress) {
  const auto& arch = *in.arch;
  const auto& g = *in.graph;
  Encoder encoder(arch);
  std::vector<const NpuOp*> ops;
  for (const auto& s : g.segments)
    for (const auto& op : s.ops) ops.push_back(&op);
  auto configs = firstPass(in, ops, encoder, progress);
  if (!configs) return configs.error();
  std::vector<ScheduledOp> out;
  const std::size_t total = ops.size();
  out.reserve(total);
  std::size_t flat = 0;
  for (std::size_t si = 0; si < g.segments.size(); ++si) {
    double prevSlackCycles = 0;
    double prevSlackMemory = 0;
    bool first = true;
    for (const auto& op : g.segments[si].ops) {
      if (flat % 64 == 0 && !progress.report(0.5 + 0.5 * (total ? double(flat) / double(total) : 1.0)))
        return makeError(ErrorCode::Cancelled, "estimate cancelled");
      ScheduledOp so;
      so.op = &op;
      so.segment = static_cast<std::int32_t>(si);
      so.time = in.opTime[flat];
      const bool cascaded = in.cascades && in.cascades->inCascade(flat);
      so.config = (*configs)[flat];
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
          es.scaleBytes = r->scaleBytes;
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
