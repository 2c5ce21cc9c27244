#include "core/estimate/cascade.h"

#include <algorithm>
#include <optional>

#include "core/estimate/block_config.h"

namespace inferscope::estimate {
namespace {

Shape4 withH(Shape4 s, int h) {
  s.h = h;
  return s;
}

std::int64_t roundUp(std::int64_t v, std::int64_t q) { return (v + q - 1) / q * q; }

// One NPU operation as Vela's scheduler sees it (SchedulerOperation).
struct View {
  const NpuOp* op = nullptr;
  Shape4 ifm, ofm;                       // whole feature maps
  int ifmElem = 1, ofmElem = 1;          // bytes per element
  std::int64_t ifmSize = 0, ofmSize = 0, ifm2Size = 0;  // storage bytes
  bool fullIfm = false, fullOfm = false;  // requires_full_ifm / requires_full_ofm
  bool binaryEw = false;
  bool reuseIfm = false;                  // ofm_can_reuse_ifm
  bool cascadable = false;                // every rule of _is_cascadable but the stripe height
  int next = -1;                          // the single dependant (local index), -1 otherwise
  std::int64_t weights = 0;               // weight buffer when cascaded
};

struct Stripes {
  std::vector<Shape4> stripe, input;
};

struct Built {
  std::vector<int> cascadeOf;  // local op -> index in cascades, -1
  std::vector<CascadePlan::Cascade> cascades;  // local indices
};

Shape4 stripeInputOf(const View& v, const Shape4& stripe) {
  if (stripe == v.ofm) return v.ifm;
  auto [w, h] = ifmAreaRequired(stripe, v.op->kernel, v.op->resampling);
  Shape4 in = v.ifm;
  in.h = std::min(h, v.ifm.h);
  in.w = std::min(w, v.ifm.w);
  return in;
}

// Vela's _estimate_sram_usage: the op's feature maps if all were in SRAM (non-local usage aside).
std::int64_t sramUsage(const View& v, const Shape4& stripe, const Shape4& input) {
  std::int64_t ifm2 = v.binaryEw ? 0 : v.ifm2Size;
  std::int64_t ifm = v.fullIfm ? v.ifmSize : input.elementsWH() * roundUp(input.c, 16) * input.n * v.ifmElem;
  std::int64_t ofm = v.reuseIfm ? 0 : v.fullOfm ? v.ofmSize : stripe.elementsWH() * roundUp(stripe.c, 16) * stripe.n * v.ofmElem;
  return ifm + ifm2 + ofm;
}

bool cascadable(const View& v, const Shape4& stripe) { return v.cascadable && stripe.h < v.ofm.h; }

std::int64_t rollingBytes(const View& producer, const Shape4& producerStripe, const Shape4& consumerInput) {
  return rollingBufferShape(producerStripe, consumerInput).elements() * producer.ofmElem;
}

// Vela's CascadeBuilder.build_cascades with spilling (Dedicated_Sram): starting from each
// cascadable op, follow single consumers while the next op's whole feature maps do not fit the
// limit and the accumulated rolling + weight buffers do.
Built buildSpilling(const std::vector<View>& views, int lo, int hi, const Stripes& ref,
                    const std::vector<std::int64_t>& weightBuf, std::int64_t limit) {
  Built b;
  b.cascadeOf.assign(views.size(), -1);
  for (int idx = lo; idx <= hi; ++idx) {
    const auto& first = views[static_cast<std::size_t>(idx)];
    if (!cascadable(first, ref.stripe[static_cast<std::size_t>(idx)])) continue;
    std::int64_t buffers = weightBuf[static_cast<std::size_t>(idx)];
    std::int64_t best = 0;
    int bestEnd = idx;
    int producer = idx;
    while (true) {
      int cur = views[static_cast<std::size_t>(producer)].next;
      if (cur < 0 || cur > hi || cur != producer + 1) break;
      const auto& pv = views[static_cast<std::size_t>(producer)];
      const auto& cv = views[static_cast<std::size_t>(cur)];
      const auto c = static_cast<std::size_t>(cur);
      if (!cascadable(cv, ref.stripe[c]) || pv.ofm != cv.ifm || cv.fullIfm || pv.fullOfm) break;
      buffers += rollingBytes(pv, ref.stripe[static_cast<std::size_t>(producer)], ref.input[c]) + weightBuf[c];
      std::int64_t uncascaded = sramUsage(cv, cv.ofm, cv.ifm);
      if (uncascaded < limit || buffers > limit) break;
      best = buffers;
      bestEnd = cur;
      producer = cur;
    }
    if (bestEnd > idx) {
      auto ci = static_cast<int>(b.cascades.size());
      b.cascades.push_back({idx, bestEnd, best, 0});
      for (int i = idx; i <= bestEnd; ++i) b.cascadeOf[static_cast<std::size_t>(i)] = ci;
      idx = bestEnd;
    }
  }
  return b;
}

// Vela's propose_schedule_striping: stripes back-propagated from the last op's stripe height.
Stripes proposeStriping(const std::vector<View>& views, int lo, int hi, int height, const Stripes& base) {
  Stripes s = base;
  bool forceEven = false;
  for (int i = lo; i <= hi; ++i) forceEven = forceEven || views[static_cast<std::size_t>(i)].op->resampling == Resampling::Nearest;
  Shape4 stripe = withH(views[static_cast<std::size_t>(hi)].ofm, height);
  for (int i = hi; i >= lo; --i) {
    const auto& v = views[static_cast<std::size_t>(i)];
    s.stripe[static_cast<std::size_t>(i)] = stripe;
    s.input[static_cast<std::size_t>(i)] = stripeInputOf(v, stripe);
    const int upscale = v.op->resampling == Resampling::None ? 1 : 2;
    const int h = stripe.h + (forceEven ? stripe.h % 2 : stripe.h % upscale);
    stripe = withH(v.ifm, h * v.op->kernel.strideY);
  }
  return s;
}

// Vela's optimize_sub_schedule for one cascade of the MIN schedule: taller stripes for the last op
// (then every op before it) while the cascades do not split and their buffers fit the limit.
std::optional<std::pair<Built, Stripes>> optimizeCascade(const std::vector<View>& views, const CascadePlan::Cascade& c,
                                                         const Stripes& minSched, std::int64_t limit) {
  std::vector<std::int64_t> weightBuf(views.size(), 0);
  for (int i = c.start; i <= c.end; ++i) weightBuf[static_cast<std::size_t>(i)] = views[static_cast<std::size_t>(i)].weights;
  // Memory live beside the sub-schedule: Vela's snapshot at the cascade's time minus the MIN
  // cascade's usage. When spilling, the snapshot holds only the MIN cascade's rolling buffers
  // (live ranges count them in SRAM even before they move there), so nothing is left beside it.
  const std::int64_t nonLocal = 0;
  const auto& last = views[static_cast<std::size_t>(c.end)];
  std::optional<std::pair<Built, Stripes>> best;
  std::size_t maxCascades = 0;
  bool firstIteration = true;
  for (int h = minSched.stripe[static_cast<std::size_t>(c.end)].h + 1; h <= last.ofm.h / 2; ++h) {
    auto prop = proposeStriping(views, c.start, c.end, h, minSched);
    auto built = buildSpilling(views, c.start, c.end, prop, weightBuf, limit);
    if (firstIteration) maxCascades = built.cascades.size();
    firstIteration = false;
    std::int64_t usage = 0;
    for (int i = c.start; i <= c.end; ++i) {
      auto ci = built.cascadeOf[static_cast<std::size_t>(i)];
      const auto& v = views[static_cast<std::size_t>(i)];
      usage = std::max(usage, ci >= 0 ? built.cascades[static_cast<std::size_t>(ci)].buffersBytes : v.ifmSize + v.ofmSize + nonLocal);
    }
    if (usage > limit || built.cascades.size() > maxCascades) break;
    bool done = built.cascades.empty();
    best.emplace(std::move(built), std::move(prop));
    if (done) break;
  }
  return best;
}

// The scheduler's view of one segment's operations.
std::vector<View> makeViews(const LoweredGraph& g, std::size_t seg, const CascadeWeightBytesFn& weightBytes,
                            const std::vector<std::int32_t>& consumerCount, const std::vector<std::int32_t>& producerSeg) {
  const auto& ops = g.segments[seg].ops;
  std::vector<View> views(ops.size());
  auto fmAt = [&](std::int32_t f) -> const FeatureMap& { return g.featureMaps[static_cast<std::size_t>(f)]; };
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& op = ops[i];
    auto& v = views[i];
    v.op = &op;
    if (op.ifm < 0 || op.ofm < 0) continue;
    const auto& in = fmAt(op.ifm);
    const auto& out = fmAt(op.ofm);
    v.ifm = in.shape;
    v.ofm = out.shape;
    v.ifmElem = std::max(in.bits / 8, 1);
    v.ofmElem = std::max(out.bits / 8, 1);
    v.ifmSize = in.storageBytes();
    v.ofmSize = out.storageBytes();
    v.ifm2Size = op.ifm2 >= 0 && !op.ifm2Constant ? fmAt(op.ifm2).storageBytes() : 0;
    v.binaryEw = isElementwise(op.type) && (op.ifm2 >= 0 || op.ifm2Constant);
    v.fullIfm = in.graphInput || in.cpuProducer || in.format == TensorFormat::NHWC ||
                producerSeg[static_cast<std::size_t>(op.ifm)] != static_cast<std::int32_t>(seg);
    v.fullOfm = out.graphOutput || out.cpuConsumer || out.format == TensorFormat::NHWC ||
                consumerCount[static_cast<std::size_t>(op.ofm)] > 1 || !(op.ofmShape == out.shape);
    bool ifm2Ok = op.ifm2Constant || op.ifm2 < 0;
    bool ewOk = !v.binaryEw || (!in.constant && !(op.ifmShape.elements() == 1) && op.ifmShape == op.ofmShape && ifm2Ok);
    auto bt = blockTypeOf(op.type);
    v.cascadable = bt != BlockType::VectorProduct && bt != BlockType::ReduceSum && bt != BlockType::Dma &&
                   op.type != NpuOpType::Conv2DBackpropInputSwitchedBias && op.ifmShape == in.shape && ewOk;
    v.reuseIfm = isElementwise(op.type) && in.shape == out.shape && in.format == out.format && in.bits == out.bits &&
                 !in.graphInput && consumerCount[static_cast<std::size_t>(op.ifm)] == 1 && in.shape.elements() > 1;
    v.weights = weightBytes(op);
  }
  // Single dependants inside the segment.
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].ofm < 0 || consumerCount[static_cast<std::size_t>(ops[i].ofm)] != 1) continue;
    for (std::size_t j = i + 1; j < ops.size(); ++j)
      if (ops[j].ifm == ops[i].ofm || (!ops[j].ifm2Constant && ops[j].ifm2 == ops[i].ofm)) {
        views[i].next = static_cast<int>(j);
        break;
      }
  }
  return views;
}

}  // namespace

Shape4 rollingBufferShape(const Shape4& producerStripe, const Shape4& consumerStripeInput) {
  const std::int64_t inH = std::max(consumerStripeInput.h, 1);
  Shape4 s;
  s.h = static_cast<std::int32_t>(roundUp(producerStripe.h + inH, inH));
  s.w = std::max(producerStripe.w, consumerStripeInput.w);
  s.c = static_cast<std::int32_t>(roundUp(producerStripe.c, 16));
  return s;
}

std::int64_t defaultCascadeWeightBytes(const NpuOp& op) {
  if (!op.weights || op.type == NpuOpType::FullyConnected) return 0;
  return roundUp(op.weights->originalBytes + 10 * std::int64_t(op.weights->biasChannels), 16);
}

CascadePlan planCascades(const Arch& arch, const LoweredGraph& g, const CascadeWeightBytesFn& weightBytes) {
  CascadePlan plan;
  std::size_t total = 0;
  for (const auto& s : g.segments) total += s.ops.size();
  plan.cascade.assign(total, -1);
  plan.stripe.resize(total);
  plan.stripeInput.resize(total);
  plan.rollingBytes.assign(total, 0);
  // Consumers of every feature map (NPU ops of any segment, CPU operators) and producing segment.
  std::vector<std::int32_t> consumers(g.featureMaps.size(), 0), producerSeg(g.featureMaps.size(), -1);
  for (std::size_t s = 0; s < g.segments.size(); ++s)
    for (const auto& op : g.segments[s].ops) {
      if (op.ifm >= 0) ++consumers[static_cast<std::size_t>(op.ifm)];
      if (op.ifm2 >= 0 && !op.ifm2Constant && op.ifm2 != op.ifm) ++consumers[static_cast<std::size_t>(op.ifm2)];
      if (op.ofm >= 0) producerSeg[static_cast<std::size_t>(op.ofm)] = static_cast<std::int32_t>(s);
    }
  for (std::size_t f = 0; f < g.featureMaps.size(); ++f)
    if (g.featureMaps[f].cpuConsumer) ++consumers[f];

  std::size_t base = 0;
  for (std::size_t seg = 0; seg < g.segments.size(); ++seg) {
    const auto n = g.segments[seg].ops.size();
    auto views = makeViews(g, seg, weightBytes, consumers, producerSeg);
    Stripes full;
    for (const auto& v : views) {
      full.stripe.push_back(v.ofm);
      full.input.push_back(v.ifm);
    }
    Stripes final = full;
    if (arch.mem.spillingEnabled() && n > 1) {
      // MIN schedule: each op's stripe is as tall as the next op's stride (even for nearest upscaling).
      Stripes minSched = full;
      for (std::size_t i = n; i-- > 0;) {
        int h = i + 1 < n ? views[i + 1].op->kernel.strideY : 1;
        if (views[i].op->resampling == Resampling::Nearest) h += h % 2;
        minSched.stripe[i] = withH(views[i].ofm, h);
        minSched.input[i] = stripeInputOf(views[i], minSched.stripe[i]);
      }
      const std::vector<std::int64_t> noWeights(n, 0);
      auto built = buildSpilling(views, 0, static_cast<int>(n) - 1, minSched, noWeights, arch.mem.arenaCacheSize);
      for (const auto& c : built.cascades) {
        auto opt = optimizeCascade(views, c, minSched, arch.mem.arenaCacheSize);
        std::vector<CascadePlan::Cascade> chosen{c};
        const Stripes* src = &minSched;
        if (opt) {
          chosen = opt->first.cascades;
          src = &opt->second;
        }
        for (const auto& cc : chosen) {
          auto ci = static_cast<std::int32_t>(plan.cascades.size());
          std::int64_t weights = 0;
          for (int i = cc.start; i <= cc.end; ++i) weights += views[static_cast<std::size_t>(i)].weights;
          plan.cascades.push_back({static_cast<std::int32_t>(base) + cc.start, static_cast<std::int32_t>(base) + cc.end,
                                   cc.buffersBytes, weights});
          for (int i = cc.start; i <= cc.end; ++i) {
            const auto k = static_cast<std::size_t>(i);
            plan.cascade[base + k] = ci;
            final.stripe[k] = src->stripe[k];
            final.input[k] = src->input[k];
          }
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      plan.stripe[base + i] = final.stripe[i];
      plan.stripeInput[base + i] = final.input[i];
      if (plan.continuesCascade(base + i))
        plan.rollingBytes[base + i] = rollingBytes(views[i - 1], final.stripe[i - 1], final.input[i]);
    }
    base += n;
  }
  return plan;
}

}  // namespace inferscope::estimate
