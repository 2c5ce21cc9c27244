#include "core/estimate/memory.h"

#include <algorithm>
#include <numeric>

#include "core/estimate/schedule.h"

namespace inferscope::estimate {
namespace {

std::int32_t findRoot(std::vector<std::int32_t>& parent, std::int32_t x) {
  while (parent[static_cast<std::size_t>(x)] != x) {
    parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    x = parent[static_cast<std::size_t>(x)];
  }
  return x;
}

bool isInPlaceCandidate(NpuOpType t) {
  switch (t) {
    case NpuOpType::Add: case NpuOpType::Sub: case NpuOpType::Mul: case NpuOpType::Maximum:
    case NpuOpType::Minimum: case NpuOpType::Abs: case NpuOpType::LeakyRelu: case NpuOpType::SHL:
    case NpuOpType::SHR: case NpuOpType::CLZ: case NpuOpType::Memcpy: return true;
    default: return false;
  }
}

// Whether any of eight placed time spans meets [start, end] (branch-free, so it vectorises).
bool anyOverlap8(const std::int32_t* starts, const std::int32_t* lasts, std::int32_t start, std::int32_t end) {
  int hit = 0;
  for (int j = 0; j < 8; ++j) hit |= (starts[j] <= end) & (start <= lasts[j]);
  return hit != 0;
}

// Bytes in use per time index, from ranges of inclusive time spans (clamped to the indices): a
// difference array, so linear in ranges plus indices (a graph of 700 operators has ~1,400 indices
// and ~1,000 ranges, many alive throughout).
class UsageSweep {
 public:
  explicit UsageSweep(std::size_t indices) : delta_(indices + 1, 0) {}
  void add(std::int32_t start, std::int32_t end, std::int64_t bytes) {
    const auto n = static_cast<std::int64_t>(delta_.size()) - 1;
    const std::int64_t s = std::max(start, 0), e = std::min<std::int64_t>(end, n - 1);
    if (s > e) return;
    delta_[static_cast<std::size_t>(s)] += bytes;
    delta_[static_cast<std::size_t>(e) + 1] -= bytes;
  }
  void addTo(std::vector<std::int64_t>& usage) const {
    std::int64_t running = 0;
    for (std::size_t t = 0; t < usage.size() && t + 1 < delta_.size(); ++t) usage[t] += running += delta_[t];
  }

 private:
  std::vector<std::int64_t> delta_;
};

// Vela's use_fast_storage_for_feature_maps when the promoted feature maps do not all fit: those
// that can never fit beside the rest (rolling buffers, cascade weights) go back to the arena, those
// that always fit stay, and the others compete for the space, most accessed first (Vela solves
// each group of overlapping ones exhaustively by element accesses; we take them greedily by
// bytes x uses).
void evictFeatureMaps(const Arch& arch, const CascadePlan& cp,
                      const std::vector<std::int64_t>& rolling, const std::vector<std::int32_t>& uses,
                      std::vector<bool>& fast, FeatureMapPlan& p) {
  const auto limit = arch.mem.arenaCacheSize;
  const auto n = p.fastUsage.size();
  auto peakOver = [&](const std::vector<std::int64_t>& u, std::size_t r) {
    std::int64_t m = 0;
    for (auto t = std::max(p.start[r], 0); t <= p.end[r] && t < static_cast<std::int32_t>(n); ++t)
      m = std::max(m, u[static_cast<std::size_t>(t)]);
    return m;
  };
  auto add = [&](std::vector<std::int64_t>& u, std::size_t r, std::int64_t sign) {
    for (auto t = std::max(p.start[r], 0); t <= p.end[r] && t < static_cast<std::int32_t>(n); ++t)
      u[static_cast<std::size_t>(t)] += sign * p.size[r];
  };
  // Weights of cascaded operations are held in fast storage at the cascade's time.
  std::vector<std::int64_t> cascadeWeights(n, 0);
  for (const auto& c : cp.cascades) {
    auto t = static_cast<std::size_t>(p.opTime[static_cast<std::size_t>(c.start)]);
    if (t < n) cascadeWeights[t] += c.weightBytes;
  }
  std::vector<std::int64_t> full = p.fastUsage;
  for (std::size_t t = 0; t < n; ++t) full[t] += cascadeWeights[t];
  if (*std::max_element(full.begin(), full.end()) <= limit) return;
  std::vector<std::int64_t> base = full;
  std::vector<std::size_t> promoted;
  for (std::size_t r = 0; r < fast.size(); ++r) {
    if (!fast[r] || p.start[r] < 0 || rolling[r] > 0) continue;
    promoted.push_back(r);
    add(base, r, -1);
  }
  auto evict = [&](std::size_t r) {
    fast[r] = false;
    add(full, r, -1);
    add(p.fastUsage, r, -1);
    p.evictedBytes += p.size[r];
  };
  std::vector<std::size_t> competing;
  for (auto r : promoted)
    if (peakOver(base, r) + p.size[r] > limit) evict(r);
  for (auto r : promoted) {
    if (!fast[r]) continue;
    if (peakOver(full, r) <= limit) add(base, r, 1);
    else competing.push_back(r);
  }
  auto score = [&](std::size_t r) { return double(p.size[r]) * std::max(uses[r], 1); };
  std::stable_sort(competing.begin(), competing.end(), [&](auto a, auto b) { return score(a) > score(b); });
  for (auto r : competing) {
    if (peakOver(base, r) + p.size[r] <= limit) add(base, r, 1);
    else evict(r);
  }
}

}  // namespace

std::vector<std::int64_t> firstFitAddresses(const std::vector<LiveRange>& ranges) {
  std::vector<std::size_t> order(ranges.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (ranges[a].size != ranges[b].size) return ranges[a].size > ranges[b].size;
    return ranges[a].end - ranges[a].start > ranges[b].end - ranges[b].start;
  });
  // The placed ranges in address order, as parallel arrays: each range takes the first gap that
  // fits among those placed before it that overlap it in time. The time spans are tested eight at
  // a time first (most placed ranges do not overlap a given one).
  std::vector<std::int32_t> starts, lasts;  // inclusive time spans
  std::vector<std::int64_t> offsets, ends;  // ends: the aligned address after each
  for (auto* v : {&starts, &lasts}) v->reserve(ranges.size());
  for (auto* v : {&offsets, &ends}) v->reserve(ranges.size());
  std::vector<std::int64_t> address(ranges.size(), 0);
  for (auto i : order) {
    const auto& r = ranges[i];
    const auto n = starts.size();
    std::int64_t at = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (k % 8 == 0 && k + 8 <= n && !anyOverlap8(&starts[k], &lasts[k], r.start, r.end)) {
        k += 7;
        continue;
      }
      if (starts[k] > r.end || r.start > lasts[k]) continue;
      if (at + r.size <= offsets[k]) break;
      at = std::max(at, ends[k]);
    }
    address[i] = at;
    const auto pos = std::upper_bound(offsets.begin(), offsets.end(), at) - offsets.begin();
    starts.insert(starts.begin() + pos, r.start);
    lasts.insert(lasts.begin() + pos, r.end);
    offsets.insert(offsets.begin() + pos, at);
    ends.insert(ends.begin() + pos, (at + r.size + 15) / 16 * 16);
  }
  return address;
}

FeatureMapPlan planFeatureMaps(const Arch& arch, const LoweredGraph& g, const CascadePlan* cascades) {
  FeatureMapPlan p;
  const auto nf = g.featureMaps.size();
  static const CascadePlan kNone;
  const CascadePlan& cp = cascades ? *cascades : kNone;
  // Time indices: each CPU operator and each NPU operation takes one and advances by two; the
  // operations of a cascade share the first one's.
  std::vector<std::size_t> segFlat(g.segments.size() + 1, 0);
  for (std::size_t s = 0; s < g.segments.size(); ++s) segFlat[s + 1] = segFlat[s] + g.segments[s].ops.size();
  p.opTime.assign(segFlat.back(), 0);
  std::int32_t t = 0;
  p.cpuTime.assign(g.execution.size(), -1);
  for (std::size_t s = 0; s < g.execution.size(); ++s) {
    const auto& step = g.execution[s];
    if (step.cpuOp >= 0) {
      p.cpuTime[s] = t;
      t += 2;
      continue;
    }
    const auto seg = static_cast<std::size_t>(step.segment);
    for (auto i = segFlat[seg]; i < segFlat[seg + 1]; ++i) {
      if (cp.continuesCascade(i)) {
        p.opTime[i] = p.opTime[i - 1];
        continue;
      }
      p.opTime[i] = t;
      t += 2;
    }
  }
  p.timeCount = t + 1;

  // Uses of each feature map; readers and writers count on the storage a feature map uses.
  auto storage = [&](std::int32_t f) { return storageOf(g.featureMaps, f); };
  std::vector<std::int32_t> first(nf, -1), last(nf, -1), consumers(nf, 0), producers(nf, 0);
  std::vector<std::int32_t> uses(nf, 0);
  auto use = [&](std::int32_t f, std::int32_t time) {
    if (f < 0 || g.featureMaps[static_cast<std::size_t>(f)].constant) return;
    auto i = static_cast<std::size_t>(f);
    ++uses[i];
    first[i] = first[i] < 0 ? time : std::min(first[i], time);
    last[i] = std::max(last[i], time);
  };
  std::size_t flat = 0;
  for (const auto& seg : g.segments) {
    for (const auto& op : seg.ops) {
      auto time = p.opTime[flat++];
      use(op.ifm, time);
      if (!op.ifm2Constant) use(op.ifm2, time);
      use(op.ofm, time);
      if (op.ifm >= 0) ++consumers[static_cast<std::size_t>(storage(op.ifm))];
      if (op.ifm2 >= 0 && !op.ifm2Constant) ++consumers[static_cast<std::size_t>(storage(op.ifm2))];
      if (op.ofm >= 0) ++producers[static_cast<std::size_t>(storage(op.ofm))];
    }
  }
  // CPU operators read and write feature maps too.
  for (std::size_t s = 0; s < g.execution.size(); ++s)
    for (auto f : g.execution[s].fms) use(f, p.cpuTime[s]);
  for (std::size_t f = 0; f < nf; ++f) {
    const auto& fm = g.featureMaps[f];
    if (fm.graphInput && first[f] >= 0) first[f] = 0;
    if (fm.graphOutput) {
      if (first[f] < 0) first[f] = 0;
      last[f] = p.timeCount - 1;
    }
    // Variable tensors (recurrent state) keep their value from one inference to the next.
    if (fm.variable) {
      first[f] = 0;
      last[f] = p.timeCount - 1;
    }
    if (fm.cpuConsumer) consumers[f] += 1;
  }
  // In-place reuse: an elementwise output takes over its input's memory (outside cascades).
  std::vector<std::int32_t> parent(nf);
  std::iota(parent.begin(), parent.end(), 0);
  for (std::size_t f = 0; f < nf; ++f)
    if (auto s = storage(static_cast<std::int32_t>(f)); s != static_cast<std::int32_t>(f)) parent[f] = s;
  std::vector<std::int64_t> rolling(nf, 0);  // rolling buffer size per feature map (0: whole)
  std::vector<bool> cascadeOut(nf, false);
  flat = 0;
  for (const auto& seg : g.segments) {
    for (const auto& op : seg.ops) {
      const auto i = flat++;
      if (cp.inCascade(i)) {
        if (op.ifm >= 0 && cp.rollingBytes[i] > 0) rolling[static_cast<std::size_t>(op.ifm)] = cp.rollingBytes[i];
        if (op.ofm >= 0 && cp.endsCascade(i)) cascadeOut[static_cast<std::size_t>(op.ofm)] = true;
        continue;
      }
      if (!isInPlaceCandidate(op.type) || op.ifm < 0 || op.ofm < 0 || op.ifm == op.ofm) continue;
      // A write into a variable's storage (an LSTM step's new state) never takes over an input
      // (Vela: no fusing for VariableTensorWrite).
      if (storage(op.ofm) != op.ofm) continue;
      const auto ofm = op.ofm;
      const auto& out = g.featureMaps[static_cast<std::size_t>(ofm)];
      // Vela fuses live ranges within one memory area: with fast storage, a feature map that
      // must stay in the arena (graph input/output, CPU-facing, variable) does not take over, or
      // give, the memory of one that lives in fast storage.
      auto arenaBound = [](const FeatureMap& f) {
        return f.graphInput || f.graphOutput || f.cpuProducer || f.cpuConsumer || f.variable;
      };
      // The output takes over the memory of the first input it can overwrite: read with the
      // output's shape, of its format and type, read by this operation alone (Vela's
      // merge_elementwise_op_ranges; a copy only looks at its input).
      auto canOverwrite = [&](std::int32_t fi, const Shape4& opShape) {
        fi = storage(fi);
        if (fi < 0 || fi == ofm) return false;
        const auto& in = g.featureMaps[static_cast<std::size_t>(fi)];
        if (in.constant) return false;
        const bool writeProtected = (in.graphInput && consumers[static_cast<std::size_t>(fi)] > 1) || in.graphOutput;
        if (writeProtected || consumers[static_cast<std::size_t>(fi)] != 1 ||
            producers[static_cast<std::size_t>(ofm)] != 1)
          return false;
        if (arch.mem.spillingEnabled() && arenaBound(in) != arenaBound(out)) return false;
        if (op.type == NpuOpType::Memcpy) return true;  // a bypassed reshape: any shape
        return opShape == op.ofmShape && !in.scalar && in.bits == out.bits && in.format == out.format;
      };
      std::int32_t target = -1;
      if (canOverwrite(op.ifm, op.ifmShape))
        target = op.ifm;
      else if (op.type != NpuOpType::Memcpy && !op.ifm2Constant && canOverwrite(op.ifm2, op.ifm2Shape))
        target = op.ifm2;
      if (target >= 0) parent[static_cast<std::size_t>(findRoot(parent, op.ofm))] = findRoot(parent, target);
    }
  }
  p.group.resize(nf);
  p.start.assign(nf, -1);
  p.end.assign(nf, -1);
  p.size.assign(nf, 0);
  for (std::size_t f = 0; f < nf; ++f) {
    auto r = static_cast<std::size_t>(findRoot(parent, static_cast<std::int32_t>(f)));
    p.group[f] = static_cast<std::int32_t>(r);
    if (first[f] < 0) continue;
    p.start[r] = p.start[r] < 0 ? first[f] : std::min(p.start[r], first[f]);
    p.end[r] = std::max(p.end[r], last[f] + 1);
    p.size[r] = std::max(p.size[r], rolling[f] > 0 ? rolling[f] : g.featureMaps[f].storageBytes());
  }
  // Placement: the arena, except that spilling memory modes keep intermediate feature maps in
  // fast storage while they fit. Graph inputs/outputs and CPU-facing maps stay in the arena.
  p.fmArea.assign(nf, arch.mem.arenaArea);
  p.fastUsage.assign(static_cast<std::size_t>(p.timeCount) + 1, 0);
  auto addUsage = [&](auto&& select) {
    UsageSweep sweep(p.fastUsage.size());
    for (std::size_t r = 0; r < nf; ++r)
      if (select(r)) sweep.add(p.start[r], p.end[r], p.size[r]);
    sweep.addTo(p.fastUsage);
  };
  std::vector<bool> fast(nf, false);
  if (arch.mem.spillingEnabled()) {
    auto keepsOut = [&](const FeatureMap& fm, std::size_t f) {
      return fm.graphInput || fm.graphOutput || fm.cpuProducer || fm.cpuConsumer || fm.variable || cascadeOut[f];
    };
    for (std::size_t f = 0; f < nf; ++f)
      if (p.group[f] == static_cast<std::int32_t>(f)) fast[f] = true;
    for (std::size_t f = 0; f < nf; ++f)
      if (keepsOut(g.featureMaps[f], f)) fast[static_cast<std::size_t>(p.group[f])] = false;
    for (std::size_t f = 0; f < nf; ++f)
      if (rolling[f] > 0) fast[static_cast<std::size_t>(p.group[f])] = true;
    addUsage([&](std::size_t r) { return fast[r] && p.start[r] >= 0; });
    if (cascades) {
      evictFeatureMaps(arch, cp, rolling, uses, fast, p);
    } else {
      // Without a cascade plan: every intermediate feature map stays in fast storage (the
      // cascades Vela would build around large ones keep their traffic there) and the memory
      // use is capped at the cache size.
      auto worst = std::max_element(p.fastUsage.begin(), p.fastUsage.end());
      if (worst != p.fastUsage.end() && *worst > arch.mem.arenaCacheSize) p.evictedBytes = *worst - arch.mem.arenaCacheSize;
    }
    for (std::size_t f = 0; f < nf; ++f)
      if (fast[static_cast<std::size_t>(p.group[f])]) p.fmArea[f] = arch.mem.cacheArea;
  } else {
    if (arch.mem.arenaArea == arch.mem.cacheArea)
      addUsage([&](std::size_t r) { return p.group[r] == static_cast<std::int32_t>(r) && p.start[r] >= 0; });
  }
  return p;
}

MemoryUse allocateMemory(const Arch& arch, const LoweredGraph& g, const FeatureMapPlan& p,
                         const std::vector<ScheduledOp>& ops) {
  MemoryUse u;
  const auto nf = g.featureMaps.size();
  const bool arenaIsSram = arch.mem.arenaArea == MemArea::Sram;
  std::vector<MemoryUse::Range> sram, arena;
  for (std::size_t r = 0; r < nf; ++r) {
    if (p.group[r] != static_cast<std::int32_t>(r) || p.start[r] < 0 || p.size[r] == 0) continue;
    MemoryUse::Range range{g.featureMaps[r].name, p.start[r], p.end[r], p.size[r], true};
    bool inSram = p.fmArea[r] == MemArea::Sram || (arenaIsSram && p.fmArea[r] == arch.mem.arenaArea);
    range.sram = inSram;
    (inSram ? sram : arena).push_back(range);
  }
  // Weight buffers (Vela's live ranges): the first one is filled under the previous op when
  // pre-buffered; with double buffering the buffer not used by the last depth slice ends a step
  // earlier.
  for (const auto& so : ops) {
    const bool doubleBuffered = so.weightBufferBytes[1] > 0;
    const int lastUsed = (so.weightDmas + 1) % 2;
    for (int b = 0; b < 2; ++b) {
      if (so.weightBufferBytes[b] <= 0) continue;
      const int pre = b == 0 && so.preBuffer ? 1 : 0;
      const int length = 1 + pre - (doubleBuffered && b != lastUsed ? 1 : 0);
      MemoryUse::Range range{so.op->name + (b ? "_weights2" : "_weights"), std::max(so.time - pre, 0), so.time - pre + length,
                             so.weightBufferBytes[b], arch.mem.cacheArea == MemArea::Sram};
      (range.sram ? sram : arena).push_back(range);
    }
  }
  u.sramSnapshot.assign(static_cast<std::size_t>(p.timeCount) + 1, 0);
  UsageSweep sramSweep(u.sramSnapshot.size());
  for (const auto& r : sram) sramSweep.add(r.start, r.end, r.size);
  sramSweep.addTo(u.sramSnapshot);
  // Vela's HillClimb allocator (ranges conflict when their inclusive time spans meet) reaches the
  // lower bound (the peak of the snapshot) in practice; addresses, for the charts, come from
  // firstFitAddresses when asked for. Fast storage never exceeds its size when spilling.
  if (arch.mem.spillingEnabled())
    for (auto& v : u.sramSnapshot) v = std::min(v, arch.mem.arenaCacheSize);
  std::vector<std::int64_t> arenaSnap(static_cast<std::size_t>(p.timeCount) + 1, 0);
  UsageSweep arenaSweep(arenaSnap.size());
  for (const auto& r : arena) arenaSweep.add(r.start, r.end, r.size);
  arenaSweep.addTo(arenaSnap);
  auto bound = [](const std::vector<std::int64_t>& s) { return s.empty() ? 0 : *std::max_element(s.begin(), s.end()); };
  u.sramPeak = bound(u.sramSnapshot);
  u.arenaScratchPeak = arenaIsSram ? 0 : bound(arenaSnap);
  u.ranges = std::move(sram);
  u.ranges.insert(u.ranges.end(), arena.begin(), arena.end());
  return u;
}

}  // namespace inferscope::estimate
