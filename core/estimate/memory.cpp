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

// Lowest address for each range clear of the already placed ranges that overlap it in time
// (Vela's allocators align to 16 bytes). Larger, longer ranges first.
std::int64_t placeRanges(std::vector<MemoryUse::Range>& ranges) {
  std::vector<std::size_t> order(ranges.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (ranges[a].size != ranges[b].size) return ranges[a].size > ranges[b].size;
    return ranges[a].end - ranges[a].start > ranges[b].end - ranges[b].start;
  });
  std::vector<std::size_t> placed;
  std::int64_t peak = 0;
  for (auto i : order) {
    auto& r = ranges[i];
    std::vector<std::pair<std::int64_t, std::int64_t>> busy;
    for (auto j : placed) {
      const auto& o = ranges[j];
      if (o.start <= r.end && r.start <= o.end) busy.emplace_back(o.offset, o.offset + o.size);
    }
    std::sort(busy.begin(), busy.end());
    std::int64_t at = 0;
    for (const auto& [b, e] : busy) {
      if (at + r.size <= b) break;
      at = std::max(at, (e + 15) / 16 * 16);
    }
    r.offset = at;
    peak = std::max(peak, at + r.size);
    placed.push_back(i);
  }
  return peak;
}

}  // namespace

FeatureMapPlan planFeatureMaps(const Arch& arch, const LoweredGraph& g) {
  FeatureMapPlan p;
  const auto nf = g.featureMaps.size();
  // Time indices: each CPU operator and each NPU operation takes one and advances by two.
  std::int32_t t = 0;
  p.cpuTime.assign(g.execution.size(), -1);
  std::vector<std::int32_t> segStart(g.segments.size(), 0);
  for (std::size_t s = 0; s < g.execution.size(); ++s) {
    const auto& step = g.execution[s];
    if (step.cpuOp >= 0) {
      p.cpuTime[s] = t;
      t += 2;
    } else {
      segStart[static_cast<std::size_t>(step.segment)] = t;
      t += 2 * static_cast<std::int32_t>(g.segments[static_cast<std::size_t>(step.segment)].ops.size());
    }
  }
  p.timeCount = t + 1;
  for (std::size_t s = 0; s < g.segments.size(); ++s)
    for (std::size_t i = 0; i < g.segments[s].ops.size(); ++i)
      p.opTime.push_back(segStart[s] + 2 * static_cast<std::int32_t>(i));

  // Uses of each feature map.
  std::vector<std::int32_t> first(nf, -1), last(nf, -1), consumers(nf, 0), producers(nf, 0);
  auto use = [&](std::int32_t f, std::int32_t time) {
    if (f < 0 || g.featureMaps[static_cast<std::size_t>(f)].constant) return;
    auto i = static_cast<std::size_t>(f);
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
      if (op.ifm >= 0) ++consumers[static_cast<std::size_t>(op.ifm)];
      if (op.ifm2 >= 0 && !op.ifm2Constant) ++consumers[static_cast<std::size_t>(op.ifm2)];
      if (op.ofm >= 0) ++producers[static_cast<std::size_t>(op.ofm)];
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
  // In-place reuse: an elementwise output takes over its input's memory.
  std::vector<std::int32_t> parent(nf);
  std::iota(parent.begin(), parent.end(), 0);
  for (const auto& seg : g.segments) {
    for (const auto& op : seg.ops) {
      if (!isInPlaceCandidate(op.type) || op.ifm < 0 || op.ofm < 0 || op.ifm == op.ofm) continue;
      const auto& in = g.featureMaps[static_cast<std::size_t>(op.ifm)];
      const auto& out = g.featureMaps[static_cast<std::size_t>(op.ofm)];
      bool writeProtected = (in.graphInput && consumers[static_cast<std::size_t>(op.ifm)] > 1) || in.graphOutput;
      if (in.shape == out.shape && in.bits == out.bits && in.format == out.format && in.shape.elements() > 1 &&
          consumers[static_cast<std::size_t>(op.ifm)] == 1 && producers[static_cast<std::size_t>(op.ofm)] == 1 &&
          !writeProtected)
        parent[static_cast<std::size_t>(findRoot(parent, op.ofm))] = findRoot(parent, op.ifm);
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
    p.size[r] = std::max(p.size[r], g.featureMaps[f].storageBytes());
  }
  // Placement: the arena, except that spilling memory modes keep intermediate feature maps in
  // fast storage while they fit. Graph inputs/outputs and CPU-facing maps stay in the arena.
  p.fmArea.assign(nf, arch.mem.arenaArea);
  p.fastUsage.assign(static_cast<std::size_t>(p.timeCount) + 1, 0);
  auto addUsage = [&](std::size_t r, std::int64_t sign) {
    for (auto ti = std::max(p.start[r], 0); ti <= p.end[r] && ti < static_cast<std::int32_t>(p.fastUsage.size()); ++ti)
      p.fastUsage[static_cast<std::size_t>(ti)] += sign * p.size[r];
  };
  std::vector<bool> fast(nf, false);
  if (arch.mem.spillingEnabled()) {
    for (std::size_t f = 0; f < nf; ++f) {
      const auto& fm = g.featureMaps[f];
      auto r = static_cast<std::size_t>(p.group[f]);
      if (fm.graphInput || fm.graphOutput || fm.cpuProducer || fm.cpuConsumer || fm.variable) fast[r] = false;
      else if (r == f) fast[r] = true;
    }
    for (std::size_t f = 0; f < nf; ++f) {
      const auto& fm = g.featureMaps[f];
      if (fm.graphInput || fm.graphOutput || fm.cpuProducer || fm.cpuConsumer || fm.variable)
        fast[static_cast<std::size_t>(p.group[f])] = false;
    }
    for (std::size_t r = 0; r < nf; ++r)
      if (fast[r] && p.start[r] >= 0) addUsage(r, 1);
    // Where the feature maps do not all fit, Vela cascades the operations that produce and consume
    // the large ones, so their traffic goes to rolling buffers in fast storage. We keep them in
    // fast storage for the performance model and cap the memory use at the cache size.
    auto worst = std::max_element(p.fastUsage.begin(), p.fastUsage.end());
    if (worst != p.fastUsage.end() && *worst > arch.mem.arenaCacheSize) p.evictedBytes = *worst - arch.mem.arenaCacheSize;
    for (std::size_t f = 0; f < nf; ++f)
      if (fast[static_cast<std::size_t>(p.group[f])]) p.fmArea[f] = arch.mem.cacheArea;
  } else {
    for (std::size_t r = 0; r < nf; ++r)
      if (p.group[r] == static_cast<std::int32_t>(r) && p.start[r] >= 0 && arch.mem.arenaArea == arch.mem.cacheArea)
        addUsage(r, 1);
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
    MemoryUse::Range range{g.featureMaps[r].name, p.start[r], p.end[r], p.size[r], 0, true};
    bool inSram = p.fmArea[r] == MemArea::Sram || (arenaIsSram && p.fmArea[r] == arch.mem.arenaArea);
    range.sram = inSram;
    (inSram ? sram : arena).push_back(range);
  }
  for (const auto& so : ops) {
    for (int b = 0; b < 2; ++b) {
      if (so.weightBufferBytes[b] <= 0) continue;
      MemoryUse::Range range{so.op->name + (b ? "_weights2" : "_weights"), so.time - (so.preBuffer ? 1 : 0), so.time + 1,
                             so.weightBufferBytes[b], 0, arch.mem.cacheArea == MemArea::Sram};
      (range.sram ? sram : arena).push_back(range);
    }
  }
  u.sramSnapshot.assign(static_cast<std::size_t>(p.timeCount) + 1, 0);
  std::vector<std::int64_t> arenaSnap(static_cast<std::size_t>(p.timeCount) + 1, 0);
  for (const auto& r : sram)
    for (auto t = std::max(r.start, 0); t <= r.end && t < static_cast<std::int32_t>(u.sramSnapshot.size()); ++t)
      u.sramSnapshot[static_cast<std::size_t>(t)] += r.size;
  for (const auto& r : arena)
    for (auto t = std::max(r.start, 0); t <= r.end && t < static_cast<std::int32_t>(arenaSnap.size()); ++t)
      arenaSnap[static_cast<std::size_t>(t)] += r.size;
  // Vela's HillClimb allocator reaches the lower bound (the peak of the snapshot) in practice;
  // the first-fit placement only provides offsets for lifetime charts.
  if (p.evictedBytes > 0)  // cascaded: rolling buffers keep fast storage within its size
    for (auto& v : u.sramSnapshot) v = std::min(v, arch.mem.arenaCacheSize);
  auto bound = [](const std::vector<std::int64_t>& s) { return s.empty() ? 0 : *std::max_element(s.begin(), s.end()); };
  u.sramPeak = bound(u.sramSnapshot);
  u.arenaScratchPeak = arenaIsSram ? 0 : bound(arenaSnap);
  placeRanges(sram);
  placeRanges(arena);
  u.ranges = std::move(sram);
  u.ranges.insert(u.ranges.end(), arena.begin(), arena.end());
  return u;
}

}  // namespace inferscope::estimate
