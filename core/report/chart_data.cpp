#include "core/report/chart_data.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/estimate/memory.h"

namespace inferscope::report {

using estimate::Estimate;
using estimate::MemArea;

namespace {

const model::Subgraph* mainSubgraph(const model::Model* m) {
  return m && !m->subgraphs.empty() ? &m->subgraphs.front() : nullptr;
}

// Execution position of an operator: its place in the topological order when the model is known.
double positionOf(const model::Subgraph* sg, std::int32_t op) {
  if (sg && op >= 0 && static_cast<std::size_t>(op) < sg->facts.topoPosition.size())
    return sg->facts.topoPosition[static_cast<std::size_t>(op)];
  return op;
}

std::string typeOf(const model::Model* m, std::int32_t op, const std::string& fallback) {
  auto* sg = mainSubgraph(m);
  if (sg && op >= 0 && static_cast<std::size_t>(op) < sg->operators.size())
    return m->opTypeName(sg->operators[static_cast<std::size_t>(op)]);
  return fallback;
}

std::string nameOf(const model::Model* m, std::int32_t op, const std::string& fallback) {
  auto* sg = mainSubgraph(m);
  if (!sg || op < 0 || static_cast<std::size_t>(op) >= sg->operators.size()) return fallback;
  const auto& o = sg->operators[static_cast<std::size_t>(op)];
  for (auto t : o.outputs)
    if (auto* tensor = sg->tensor(t)) return tensor->name;
  return fallback;
}

std::string stepLabel(std::int32_t op, const std::string& type) {
  return op >= 0 ? std::to_string(op) + " " + type : type;
}

}  // namespace

double LayerBars::totalCycles() const {
  double t = 0;
  for (const auto& b : bars) t += b.total();
  return t;
}

LayerBars layerBars(const Estimate& e, const model::Model* model) {
  LayerBars out;
  out.clockHz = e.clockHz;
  if (e.cpuCyclesEstimate > 0 && e.cpuTimeMs > 0 && e.clockHz > 0) {
    double cpuHz = e.cpuCyclesEstimate / (e.cpuTimeMs / 1000.0);
    out.cpuToNpuCycles = e.clockHz / cpuHz;
  }
  auto* sg = mainSubgraph(model);
  std::unordered_map<std::int32_t, std::size_t> barOfOp;
  double lastOrder = -1;
  int added = 0;
  for (const auto& l : e.layers) {
    std::size_t bi;
    auto it = l.sourceOp >= 0 ? barOfOp.find(l.sourceOp) : barOfOp.end();
    if (it != barOfOp.end()) {
      bi = it->second;
    } else {
      LayerBar b;
      b.op = l.sourceOp;
      b.type = typeOf(model, l.sourceOp, l.tfliteOperator);
      b.name = nameOf(model, l.sourceOp, l.name);
      // Operations without a source operator run where the lowering put them: after the previous one.
      b.order = l.sourceOp >= 0 ? positionOf(sg, l.sourceOp) : lastOrder + 0.001 * ++added;
      bi = out.bars.size();
      out.bars.push_back(std::move(b));
      if (l.sourceOp >= 0) barOfOp.emplace(l.sourceOp, bi);
    }
    auto& b = out.bars[bi];
    double compute = std::min(l.npuCycles, l.opCycles);
    b.computeCycles += compute;
    b.memoryCycles += std::max(0.0, l.opCycles - compute);
    b.macs += l.macs;
    b.operations += 1;
    lastOrder = b.order;
  }
  for (const auto& c : e.cpuOps) {
    LayerBar b;
    b.op = c.op;
    b.type = typeOf(model, c.op, c.type);
    b.name = nameOf(model, c.op, {});
    b.cpu = true;
    b.cpuCycles = c.cycles * out.cpuToNpuCycles;
    b.macs = c.macs;
    b.order = positionOf(sg, c.op);
    out.bars.push_back(std::move(b));
  }
  sortLayerBars(out.bars, LayerOrder::Graph);
  return out;
}

void sortLayerBars(std::vector<LayerBar>& bars, LayerOrder order) {
  std::stable_sort(bars.begin(), bars.end(), [order](const LayerBar& a, const LayerBar& b) {
    if (order == LayerOrder::Cost && a.total() != b.total()) return a.total() > b.total();
    return a.order < b.order;
  });
}

CycleShares cycleShares(const LayerBars& bars, std::size_t maxSlices) {
  CycleShares s;
  std::map<std::pair<bool, std::string>, double> byType;
  for (const auto& b : bars.bars) {
    byType[{b.cpu, b.type}] += b.total();
    (b.cpu ? s.cpuCycles : s.npuCycles) += b.total();
  }
  std::vector<CycleShare> all;
  for (const auto& [k, v] : byType)
    if (v > 0) all.push_back({k.second, v, k.first});
  std::stable_sort(all.begin(), all.end(), [](const CycleShare& a, const CycleShare& b) { return a.cycles > b.cycles; });
  maxSlices = std::max<std::size_t>(maxSlices, 3);
  // Keep the largest slices; the rest of each side becomes that side's "Other".
  std::size_t keep = all.size();
  if (all.size() > maxSlices) {
    keep = maxSlices - 2;
    bool npuRest = false, cpuRest = false;
    for (std::size_t i = keep + 1; i < all.size(); ++i) (all[i].cpu ? cpuRest : npuRest) = true;
    // With leftovers on one side only, one "Other" slice suffices.
    if (!(npuRest && cpuRest) && (all[keep].cpu ? cpuRest : npuRest)) keep += 1;
  }
  std::vector<CycleShare> kept(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep));
  CycleShare otherNpu{"Other", 0, false}, otherCpu{"Other", 0, true};
  for (std::size_t i = keep; i < all.size(); ++i) (all[i].cpu ? otherCpu : otherNpu).cycles += all[i].cycles;
  for (bool cpu : {false, true}) {
    for (const auto& k : kept)
      if (k.cpu == cpu) s.byType.push_back(k);
    const auto& other = cpu ? otherCpu : otherNpu;
    if (other.cycles > 0) s.byType.push_back(other);
  }
  return s;
}

SramTimeline sramTimeline(const Estimate& e, const model::Model* model) {
  SramTimeline t;
  auto* sg = mainSubgraph(model);
  // The estimator gives every NPU operation and CPU operator one time index and advances by two,
  // in execution order: NPU subgraphs (segments) and CPU operators interleaved.
  struct Item {
    double order;
    bool cpu;
    std::size_t first, count;  // layers of a segment, or the CPU operator
  };
  std::vector<Item> items;
  for (std::size_t i = 0; i < e.layers.size();) {
    std::size_t j = i;
    double order = -1;
    while (j < e.layers.size() && e.layers[j].segment == e.layers[i].segment) {
      if (order < 0 && e.layers[j].sourceOp >= 0) order = positionOf(sg, e.layers[j].sourceOp);
      ++j;
    }
    items.push_back({order, false, i, j - i});
    i = j;
  }
  for (std::size_t c = 0; c < e.cpuOps.size(); ++c) items.push_back({positionOf(sg, e.cpuOps[c].op), true, c, 1});
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.order < b.order; });
  std::vector<SramStep> steps;
  for (const auto& it : items) {
    if (it.cpu) {
      const auto& c = e.cpuOps[it.first];
      steps.push_back({c.op, stepLabel(c.op, typeOf(model, c.op, c.type)), true, 0});
      continue;
    }
    for (std::size_t k = it.first; k < it.first + it.count; ++k) {
      const auto& l = e.layers[k];
      steps.push_back({l.sourceOp, stepLabel(l.sourceOp, l.sourceOp >= 0 ? typeOf(model, l.sourceOp, l.tfliteOperator)
                                                                            : l.nngOperator),
                       false, l.sramUsage});
    }
  }
  // Use the timeline when it lines up with the layers' own SRAM figures; otherwise show the NPU
  // operations only, with the usage the per-layer report gives.
  bool aligned = e.sramTimeline.size() >= 2 * steps.size();
  for (std::size_t k = 0; aligned && k < steps.size(); ++k) {
    auto v = e.sramTimeline[2 * k];
    if (!steps[k].cpu && v != steps[k].bytes) aligned = false;
    steps[k].bytes = v;
  }
  if (!aligned) {
    steps.clear();
    for (const auto& l : e.layers)
      steps.push_back({l.sourceOp, stepLabel(l.sourceOp, typeOf(model, l.sourceOp, l.tfliteOperator)), false, l.sramUsage});
  }
  t.steps = std::move(steps);
  if (aligned)
    for (std::size_t k = 0; k < t.steps.size(); ++k)
      t.between.push_back(2 * k + 1 < e.sramTimeline.size() ? e.sramTimeline[2 * k + 1] : 0);
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    if (t.steps[k].bytes > t.peakBytes) {
      t.peakBytes = t.steps[k].bytes;
      t.peakStep = k;
      t.peakBetween = false;
    }
    if (k < t.between.size() && t.between[k] > t.peakBytes) {
      t.peakBytes = t.between[k];
      t.peakStep = k;
      t.peakBetween = true;
    }
  }
  return t;
}

std::vector<LifetimeBar> arenaLifetimes(const Estimate& e) {
  std::vector<LifetimeBar> out;
  // Time indices are two per execution step; the graph outputs live to the last index.
  std::int32_t lastStep = 0;
  for (const auto& l : e.lifetimes) lastStep = std::max(lastStep, l.end / 2);
  std::int32_t steps = static_cast<std::int32_t>(e.layers.size() + e.cpuOps.size());
  if (steps > 0) lastStep = std::min(lastStep, steps - 1);
  std::vector<const estimate::TensorLifetime*> inSram;
  std::vector<estimate::LiveRange> spans;
  for (const auto& l : e.lifetimes) {
    if (!l.sram || l.size <= 0) continue;
    inSram.push_back(&l);
    spans.push_back({l.start, l.end, l.size});
  }
  const auto address = estimate::firstFitAddresses(spans);
  for (std::size_t i = 0; i < inSram.size(); ++i) {
    const auto& l = *inSram[i];
    auto first = std::clamp((std::max(l.start, 0) + 1) / 2, 0, lastStep);
    auto last = std::clamp(l.end / 2, first, lastStep);
    double from = std::clamp(std::max(l.start, 0) / 2.0, 0.0, static_cast<double>(lastStep));
    double to = std::clamp(l.end / 2.0, from, static_cast<double>(lastStep));
    out.push_back({l.name, first, last, from, to, address[i], l.size});
  }
  std::stable_sort(out.begin(), out.end(), [](const LifetimeBar& a, const LifetimeBar& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.firstStep < b.firstStep;
  });
  return out;
}

std::string memAreaTitle(MemArea a) {
  switch (a) {
    case MemArea::Sram: return "SRAM";
    case MemArea::Dram: return "DRAM";
    case MemArea::OnChipFlash: return "On-chip flash";
    case MemArea::OffChipFlash: return "Off-chip flash";
  }
  return "?";
}

std::vector<AreaTraffic> memoryTraffic(const Estimate& e) {
  std::vector<AreaTraffic> out;
  for (int a = 0; a < estimate::kMemAreaCount; ++a) {
    auto i = static_cast<std::size_t>(a);
    if (e.readBytes[i] <= 0 && e.writeBytes[i] <= 0) continue;
    auto area = static_cast<MemArea>(a);
    out.push_back({area, memAreaTitle(area), e.readBytes[i], e.writeBytes[i]});
  }
  return out;
}

}  // namespace inferscope::report
