// Encoded weight sizes (research notes, section 3): slices x cores, scale streams, brick reorder,
// mlw size model; exact or extrapolated from a spread sample of OFM blocks.
#include "core/estimate/weight_encoding.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <type_traits>
#include <mutex>
#include <unordered_map>

#include "core/estimate/mlw_size.h"
#include "core/estimate/weight_sampling.h"
#include "core/estimate/weight_source.h"

namespace inferscope::estimate {
namespace {

constexpr std::int64_t round16(std::int64_t x) { return (x + 15) / 16 * 16; }

struct Workspace {
  MlwSizer sizer;
  std::vector<std::int16_t> stream;
  std::vector<double> proxies;
  std::uint64_t memoGeneration = 0;
};

// Bumped by clearWeightSizeMemo: every thread's size model forgets its streams on its next use
// (helper threads live on between estimates).
std::atomic<std::uint64_t> memoGeneration{0};

Workspace& workspace() {
  thread_local Workspace ws;
  if (const auto g = memoGeneration.load(std::memory_order_relaxed); g != ws.memoGeneration) {
    ws.sizer.clearMemo();
    ws.memoGeneration = g;
  }
  return ws;
}

using detail::Source;

// Everything the sampler needs to read one encoder call's bricks.
template <class T>
struct CallContext {
  const BrickShape* shape;
  const Source<T>* source;
};

template <class T>
std::int64_t writeUnits(const void* context, std::int64_t u0, std::int64_t u1, std::int16_t* out) {
  const auto* c = static_cast<const CallContext<T>*>(context);
  return detail::reorder(*c->shape, *c->source, u0, u1, out);
}

template <class T>
void writeProxies(const void* context, const ProxyModel& model, std::span<double> out) {
  const auto* c = static_cast<const CallContext<T>*>(context);
  detail::unitProxies(*c->shape, *c->source, model, out);
}

// Whether a stream of `total` values in `units` units is sampled rather than encoded.
bool sampled(std::int64_t total, std::int64_t units, const EncodeOptions& opt) {
  switch (opt.mode) {
    case EncodeMode::Exact: return false;
    case EncodeMode::Auto:
      // Sampling needs enough bricks to spread over; a stream of a few big bricks is encoded.
      return total > std::max(opt.exactLimit, 2 * opt.sampleBudget) && units >= opt.minSampleUnits;
    case EncodeMode::Sampled: return total > 2 * opt.sampleBudget;
  }
  return false;
}

// What sizing the parts of a whole stream needs: the sample's rates.
struct WholeStream {
  StreamRates rates;
};

}  // namespace

struct WeightSampleCache::Impl {
  struct Key {
    const void* data;
    std::int32_t dims[12];
    bool operator==(const Key& o) const { return data == o.data && std::equal(dims, dims + 12, o.dims); }
  };
  struct Hash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = reinterpret_cast<std::uintptr_t>(k.data) * 0x9e3779b97f4a7c15ull;
      for (std::int32_t d : k.dims) h = (h ^ static_cast<std::uint32_t>(d)) * 0x100000001b3ull;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  std::mutex mutex;
  std::unordered_map<Key, WholeStream, Hash> streams;

  static Key key(const void* data, const WeightLayout& l, int elementBytes, int zeroPoint, int core) {
    return Key{data,
               {int(l.kind), l.ofmDepth, l.kernelHeight, l.kernelWidth, l.ifmDepth, l.ifmBits,
                l.dilationX * 16 + l.dilationY, l.ofmBlockDepth, l.ofmUblockDepth * 16 + l.cores,
                int(l.source), elementBytes * 1024 + zeroPoint, core}};
  }
  bool find(const Key& k, WholeStream& out) {
    std::lock_guard lock(mutex);
    auto it = streams.find(k);
    if (it == streams.end()) return false;
    out = it->second;
    return true;
  }
  void put(const Key& k, const WholeStream& w) {
    std::lock_guard lock(mutex);
    streams.emplace(k, w);
  }
};

WeightSampleCache::WeightSampleCache() : impl_(std::make_unique<Impl>()) {}
WeightSampleCache::~WeightSampleCache() = default;
std::size_t WeightSampleCache::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->streams.size();
}

namespace {

// Bytes of one encoder call (one slice of one core). Sets `exact` to false when sampled. With
// `whole`, keeps what the sample says for sizing parts of this stream.
template <class T>
std::int64_t streamBytes(const BrickShape& s, const Source<T>& src, const EncodeOptions& opt, bool& exact,
                         WholeStream* whole = nullptr) {
  Workspace& ws = workspace();
  const std::int64_t units = s.unitCount();
  const std::int64_t total = brickLength(s, 0, units);
  if (total == 0) return 0;
  if (sampled(total, units, opt)) {
    std::int64_t histogram[512];
    const std::span<std::int64_t, 512> hist(histogram);
    // The palette is chosen on thresholds (zero runs, palette coverage, at most 32 values); a
    // histogram read from part of the weights is only trusted away from them, else it is read
    // from 8x more weights, up to all of them.
    const std::int64_t real = std::int64_t(s.ofmDepth) * s.kernelHeight * s.kernelWidth * s.ifmDepth;
    std::int64_t read = opt.histogramValues;
    for (;;) {
      const std::int64_t sampled = detail::valueHistogram(s, src, total, read, hist);
      if (sampled >= real || !detail::nearPaletteThreshold(hist, sampled, real)) break;
      // Few distinct values (clustered or constant weights): only all of them tell whether they
      // fit a 32-entry palette.
      const auto distinct = std::count_if(histogram, histogram + 512, [](std::int64_t c) { return c > 0; });
      read = read > real / 8 || distinct <= 33 ? real : read * 8;
    }
    // Sparse streams carry few bits per value: sample more values (up to 8x) to see as many
    // non-zeros as a dense stream would.
    const double density = 1.0 - double(histogram[256]) / double(total);
    SamplePlan plan;
    plan.budget = static_cast<std::int64_t>(double(opt.sampleBudget) * std::clamp(1.0 / std::max(density, 1e-3), 1.0, 8.0));
    plan.group = opt.sampleGroup;
    const CallContext<T> context{&s, &src};
    const UnitWriter writer{&context, &writeUnits<T>, opt.ratioEstimate ? &writeProxies<T> : nullptr};
    for (int attempt = 0; attempt < 2 && total > 2 * plan.budget; ++attempt) {
      const SampleResult r = sampledSectionBits(s, writer, plan, histogram, ws.sizer, ws.stream, ws.proxies,
                                                whole ? &whole->rates : nullptr);
      if (r.oneSection || attempt == 1) {
        exact = false;
        return MlwSizer::bytesFromBits(r.bits);
      }
      // Palette restarts: the sections depend on longer stretches; sample 4x more, in 4x longer runs.
      plan.budget *= 4;
      plan.group *= 4;
    }
  }
  if (ws.stream.size() < static_cast<std::size_t>(total)) ws.stream.resize(static_cast<std::size_t>(total));
  detail::reorder(s, src, 0, units, ws.stream.data());
  return ws.sizer.encodedBytes(std::span<const std::int16_t>(ws.stream.data(), static_cast<std::size_t>(total)));
}

Status validate(const WeightLayout& l, std::size_t count) {
  auto bad = [](std::string m) { return Status(makeError(ErrorCode::Invalid, "weight encoding: " + std::move(m))); };
  if (l.ofmDepth <= 0 || l.kernelHeight <= 0 || l.kernelWidth <= 0 || l.ifmDepth <= 0)
    return bad("dimensions must be positive");
  const std::int64_t n = std::int64_t(l.ofmDepth) * l.kernelHeight * l.kernelWidth * l.ifmDepth;
  if (n > (std::int64_t(1) << 31) / 8)
    return Status(makeError(ErrorCode::Overflow, "weight encoding: tensor too large"));
  if (static_cast<std::size_t>(n) != count)
    return bad("expected " + std::to_string(n) + " values, got " + std::to_string(count));
  if (l.kind == WeightOpKind::Depthwise && l.ifmDepth != 1) return bad("depthwise weights need I = 1");
  if (l.source == WeightSourceOrder::DepthwiseHwo && l.ifmDepth != 1)
    return bad("depthwise-ordered weights need I = 1");
  if (l.kind == WeightOpKind::FullyConnected && (l.kernelHeight != 1 || l.kernelWidth != 1))
    return bad("fully connected weights need H = W = 1");
  if (l.ifmBits != 8 && l.ifmBits != 16) return bad("IFM bit width must be 8 or 16");
  if (l.dilationX < 1 || l.dilationX > 8 || l.dilationY < 1 || l.dilationY > 8)
    return bad("dilation must be 1..8 (Vela lowers larger ones)");
  if (l.ofmBlockDepth < 1 || l.ofmUblockDepth < 1 || l.cores < 1 || l.cores > 8)
    return bad("block depth, micro-block depth and core count must be positive");
  if (!l.depthSlices.empty()) {
    if (l.depthSlices.front() != 0) return bad("depth slices must start at 0");
    for (std::size_t i = 1; i < l.depthSlices.size(); ++i)
      if (l.depthSlices[i] <= l.depthSlices[i - 1] || l.depthSlices[i] > l.ofmDepth)
        return bad("depth slices must increase and stay within the OFM depth");
  }
  return Ok{};
}

template <class T>
Result<EncodedWeightSizes> encodeImpl(const T* data, std::size_t count, std::int16_t zeroPoint, const WeightLayout& l,
                                      const EncodeOptions& opt) {
  if (auto st = validate(l, count); !st) return st.error();
  if constexpr (!std::is_same_v<T, std::int8_t>) {
    for (std::size_t i = 0; i < count; ++i) {
      const int v = int(data[i]) - zeroPoint;
      if (v < -255 || v > 255)
        return makeError(ErrorCode::Unsupported, "weight encoding: value " + std::to_string(v) +
                                                     " at index " + std::to_string(i) + " is outside [-255, 255]");
    }
  }
  const std::int32_t O = l.ofmDepth, H = l.kernelHeight, W = l.kernelWidth, I = l.ifmDepth;

  // Element strides of the encoder's OHWI volume in the caller's buffer.
  Source<T> src;
  src.zeroPoint = zeroPoint;
  src.view.base = data;
  const bool hwo = l.source == WeightSourceOrder::DepthwiseHwo ||
                   (l.source == WeightSourceOrder::Auto && l.kind == WeightOpKind::Depthwise);
  if (hwo) {
    src.view = {data, 1, std::int64_t(W) * O, O, 0};  // [1, H, W, O]
  } else {
    src.view = {data, std::int64_t(H) * W * I, std::int64_t(W) * I, I, 1};
  }
  if (l.kind == WeightOpKind::TransposeConv) {  // Vela flips the kernel in H and W
    src.view.base += (H - 1) * src.view.sh + (W - 1) * src.view.sw;
    src.view.sh = -src.view.sh;
    src.view.sw = -src.view.sw;
  }

  EncodedWeightSizes r;
  r.traversal = chooseTraversal(l);
  BrickShape shape;
  shape.kernelHeight = H;
  shape.kernelWidth = W;
  shape.ifmDepth = I;
  shape.ofmUblockDepth = l.ofmUblockDepth;
  shape.ifmBits = l.ifmBits;
  shape.decompHeight = 8 / l.dilationY;
  shape.decompWidth = 8 / l.dilationX;
  shape.traversal = r.traversal;

  std::vector<std::int32_t> slices = l.depthSlices;
  if (slices.empty()) slices.push_back(0);
  if (slices.back() != O) slices.push_back(O);
  const std::int32_t cores = std::min(l.cores, O);
  // A tensor cut into depth slices: each slice is an encoder call of its own, but sampling each
  // would cost as much as sampling the whole stream once per slice. The whole stream of each core
  // is sampled once, and when it is sampled its slices (from opt.partLimit weights on) are sized
  // from its rates: encoding short slices exactly took most of the weight-buffering pass.
  const bool parts = slices.size() > 2;
  std::vector<WholeStream> whole(parts ? static_cast<std::size_t>(cores) : 0);
  std::vector<char> wholeDone(whole.size(), 0);
  WeightSampleCache::Impl* cache = opt.sampleCache ? &opt.sampleCache->impl() : nullptr;
  auto cacheKey = [&](std::int32_t core) {
    return WeightSampleCache::Impl::key(data, l, int(sizeof(T)), zeroPoint, core);
  };
  // Whether a sampled stream's rates can size the stream `s`: a part whose last OFM block ends in a
  // partial micro-block can only borrow them if that block is the same one (else its padding share
  // differs). With several cores, each core's stream holds every cores-th OFM channel of the same
  // tensor: core 0's sampled stream lends its rates to the other cores' streams (sized like parts)
  // instead of each core sampling its own.
  auto lends = [](const WholeStream& w, const BrickShape& s) {
    const auto pad = paddedBlockDepth(s);
    return w.rates.valid && (pad == 0 || pad == w.rates.paddedBlockDepth);
  };
  for (std::size_t idx = 0; idx + 1 < slices.size(); ++idx) {
    const std::int32_t a = slices[idx], b = slices[idx + 1];
    std::int64_t sliceTotal = 0;
    WholeStream firstCore;  // core 0's stream of this slice, when it was sampled
    for (std::int32_t core = 0; core < cores; ++core) {
      const std::int32_t coreBlockDepth = (l.ofmBlockDepth + l.cores - 1 - core) / l.cores;
      if (coreBlockDepth == 0) continue;
      const std::int32_t channels = b - a > core ? (b - a - core + l.cores - 1) / l.cores : 0;
      const std::int64_t scales = round16(std::int64_t(10) * channels);
      std::int64_t weights = 0;
      if (channels > 0) {
        BrickShape s = shape;
        s.ofmDepth = channels;
        s.ofmBlockDepth = coreBlockDepth;
        Source<T> coreSrc = src;
        coreSrc.view.base += std::int64_t(a + core) * src.view.so;
        coreSrc.view.so = src.view.so * l.cores;
        const std::int64_t padded = brickLength(s);
        r.paddedWeights += padded;
        WholeStream* part = nullptr;
        BrickShape wholeShape = s;  // this core's whole stream
        wholeShape.ofmDepth = (O - core + l.cores - 1) / l.cores;
        const bool borrow = parts && padded >= opt.partLimit &&
                            sampled(brickLength(wholeShape), wholeShape.unitCount(), opt);
        if (borrow && core > 0 && wholeDone[0] && lends(whole[0], s)) {
          part = &whole[0];
        } else if (borrow) {
          WholeStream& w = whole[static_cast<std::size_t>(core)];
          if (!wholeDone[static_cast<std::size_t>(core)] && cache && cache->find(cacheKey(core), w))
            wholeDone[static_cast<std::size_t>(core)] = 1;
          if (!wholeDone[static_cast<std::size_t>(core)]) {
            wholeDone[static_cast<std::size_t>(core)] = 1;
            Source<T> wholeSrc = src;
            wholeSrc.view.base += std::int64_t(core) * src.view.so;
            wholeSrc.view.so = src.view.so * l.cores;
            bool wholeExact = true;
            streamBytes(wholeShape, wholeSrc, opt, wholeExact, &w);
            if (cache && w.rates.valid) cache->put(cacheKey(core), w);
          }
          if (lends(w, s)) part = &w;
        }
        if (!part && !parts && core > 0 && lends(firstCore, s)) part = &firstCore;
        if (part) {
          const CallContext<T> context{&s, &coreSrc};
          const UnitWriter writer{&context, &writeUnits<T>, opt.ratioEstimate ? &writeProxies<T> : nullptr};
          weights = MlwSizer::bytesFromBits(partSectionBits(s, writer, part->rates, workspace().proxies));
          r.exact = false;
        } else if (!parts && (cache || (core == 0 && cores > 1))) {
          // The whole stream of this core: keep its sample for later slicings and the other cores.
          WholeStream w;
          weights = streamBytes(s, coreSrc, opt, r.exact, &w);
          if (cache && w.rates.valid) cache->put(cacheKey(core), w);
          if (core == 0) firstCore = w;
        } else {
          weights = streamBytes(s, coreSrc, opt, r.exact);
        }
      }
      r.scaleBytes += scales;
      r.weightStreamBytes += weights;
      sliceTotal += scales + weights;
    }
    r.sliceBytes.push_back(sliceTotal);
    r.doubleBufferSizes[idx % 2] = std::max(r.doubleBufferSizes[idx % 2], sliceTotal);
  }
  r.totalBytes = r.scaleBytes + r.weightStreamBytes;
  return r;
}

}  // namespace

BlockTraversal chooseTraversal(const WeightLayout& l) {
  if (l.kind == WeightOpKind::Depthwise) return BlockTraversal::Depthwise;
  if (l.kind == WeightOpKind::FullyConnected) return BlockTraversal::DepthFirst;
  // Conv and transpose conv (Vela's ConvolutionMxN): the traversal with the better utilisation.
  const double I = l.ifmDepth;
  const std::int64_t kernel = std::int64_t(l.kernelHeight) * l.kernelWidth;
  auto roundUp = [](std::int64_t x, std::int64_t m) { return (x + m - 1) / m * m; };
  const double depthUtil = I / double(roundUp(l.ifmDepth, l.ifmBits == 8 ? 32 : 16));
  const double partKernelUtil = (I / double(roundUp(l.ifmDepth, 8))) *
                                (double(kernel) / double(roundUp(kernel, l.ifmBits == 8 ? 4 : 2)));
  return partKernelUtil >= depthUtil || l.ifmDepth <= 8 ? BlockTraversal::PartKernelFirst
                                                         : BlockTraversal::DepthFirst;
}

Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::int8_t> weights, const WeightLayout& layout,
                                             const EncodeOptions& options) {
  return encodeImpl(weights.data(), weights.size(), 0, layout, options);
}

Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::int16_t> weights, const WeightLayout& layout,
                                             const EncodeOptions& options) {
  return encodeImpl(weights.data(), weights.size(), 0, layout, options);
}

Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::uint8_t> weights, std::int32_t zeroPoint,
                                             const WeightLayout& layout, const EncodeOptions& options) {
  if (zeroPoint < 0 || zeroPoint > 255)
    return makeError(ErrorCode::Invalid, "weight encoding: uint8 zero point outside [0, 255]");
  return encodeImpl(weights.data(), weights.size(), static_cast<std::int16_t>(zeroPoint), layout, options);
}

std::vector<Result<EncodedWeightSizes>> encodedWeightSizes(std::span<const WeightJob> jobs,
                                                           const EncodeOptions& options, int threads) {
  auto run = [&](const WeightJob& j) -> Result<EncodedWeightSizes> {
    if (!j.uint8.empty()) return encodedWeightSize(j.uint8, j.zeroPoint, j.layout, options);
    if (!j.int16.empty()) return encodedWeightSize(j.int16, j.layout, options);
    return encodedWeightSize(j.int8, j.layout, options);
  };
  std::vector<Result<EncodedWeightSizes>> out(jobs.size(), Result<EncodedWeightSizes>(EncodedWeightSizes{}));
  // Largest first, so that the threads finish together.
  std::vector<std::size_t> order(jobs.size());
  std::int64_t weights = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    order[i] = i;
    weights += std::int64_t(jobs[i].int8.size() + jobs[i].int16.size() + jobs[i].uint8.size());
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    auto size = [&](std::size_t i) { return jobs[i].int8.size() + jobs[i].int16.size() + jobs[i].uint8.size(); };
    return size(a) > size(b);
  });
  // A thread pays off from a few hundred thousand weights on (thread start-up is ~0.1 ms).
  int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  n = std::clamp(n, 1, 8);
  n = static_cast<int>(std::min<std::int64_t>({n, std::int64_t(jobs.size()), 1 + weights / 250000}));
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t k = next++; k < order.size(); k = next++) out[order[k]] = run(jobs[order[k]]);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return out;
}

std::int64_t mlwEncodedBytes(std::span<const std::int16_t> stream) {
  return workspace().sizer.encodedBytes(stream);
}

void clearWeightSizeMemo() {
  memoGeneration.fetch_add(1, std::memory_order_relaxed);
  workspace().sizer.clearMemo();
}

}  // namespace inferscope::estimate
