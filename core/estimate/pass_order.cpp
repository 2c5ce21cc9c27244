#include "core/estimate/pass_order.h"

#include <algorithm>
#include <utility>

#include "core/util/small_vector.h"

namespace inferscope::estimate {
namespace {

// One of Vela's passes: an NPU operation or a CPU operator.
struct Unit {
  std::int32_t segment = -1, index = -1;  // NPU: position in the lowered segments
  std::int32_t step = -1;                 // CPU: position in the lowered execution list
  std::int32_t cpuOp = -1;                // CPU: TFLite operator index
  std::int32_t ifm = -1, ifm2 = -1;       // Vela's IFM/IFM2 of the pass's first operation
  util::SmallVector<std::int32_t, 3> inputs;   // non-constant feature maps read, in operand order
  util::SmallVector<std::int32_t, 2> outputs;  // feature maps written
  bool cpu() const { return cpuOp >= 0; }
};

// CPU operators whose second input Vela treats as an IFM2 (binary operators).
bool hasIfm2(model::BuiltinOp op) {
  using model::BuiltinOp;
  switch (op) {
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: case BuiltinOp::MAXIMUM:
    case BuiltinOp::MINIMUM: case BuiltinOp::SQUARED_DIFFERENCE: case BuiltinOp::PRELU:
    case BuiltinOp::TRANSPOSE: case BuiltinOp::ATAN2: return true;
    default: return false;
  }
}

class Walk {
 public:
  Walk(const LoweredGraph& g, const model::Subgraph& sg, const std::vector<std::int32_t>& fmOfTensor)
      : g_(g), sg_(sg), fmOf_(fmOfTensor) {}

  // The units in Vela's execution order, or nothing when the walk misses a live unit.
  bool run(std::vector<Unit>& out);

 private:
  std::int32_t fmOfTensor(std::int32_t t) const {
    return t >= 0 && static_cast<std::size_t>(t) < fmOf_.size() ? fmOf_[static_cast<std::size_t>(t)] : -1;
  }
  bool constantFm(std::int32_t f) const { return f < 0 || g_.featureMaps[static_cast<std::size_t>(f)].constant; }
  void collectUnits();
  void visitTensor(std::int32_t fm);
  void visitOp(std::int32_t unit);

  const LoweredGraph& g_;
  const model::Subgraph& sg_;
  const std::vector<std::int32_t>& fmOf_;
  std::vector<Unit> units_;
  std::vector<std::int32_t> consumers_;             // readers per feature map (+1 for a graph output)
  std::vector<util::SmallVector<std::int32_t, 2>> producers_;  // writers per feature map, in lowered order
  std::vector<std::int32_t> tensorVisits_, opVisits_;
  std::vector<bool> built_;
  std::vector<std::int32_t> reversed_;  // units in reverse execution order
  // Pending work, last in first out: a feature map (>= 0) or a unit (encoded as -1 - unit).
  std::vector<std::int32_t> stack_;
};

void Walk::collectUnits() {
  std::size_t count = 0;
  for (const auto& step : g_.execution)
    count += step.segment >= 0 ? g_.segments[static_cast<std::size_t>(step.segment)].ops.size() : step.cpuOp >= 0 ? 1 : 0;
  units_.reserve(count);
  for (std::size_t s = 0; s < g_.execution.size(); ++s) {
    const auto& step = g_.execution[s];
    if (step.segment >= 0) {
      const auto& ops = g_.segments[static_cast<std::size_t>(step.segment)].ops;
      for (std::size_t i = 0; i < ops.size(); ++i) {
        Unit u;
        u.segment = step.segment;
        u.index = static_cast<std::int32_t>(i);
        u.ifm = ops[i].ifm;
        u.ifm2 = ops[i].ifm2;
        // An operation the lowering runs in place (it reads what it writes: MEAN's partial sums)
        // stands for Vela's separate tensors: its own output is no dependency.
        for (auto f : {ops[i].ifm, ops[i].ifm2})
          if (!constantFm(f) && f != ops[i].ofm) u.inputs.push_back(f);
        if (ops[i].ofm >= 0) u.outputs.push_back(ops[i].ofm);
        units_.push_back(std::move(u));
      }
    } else if (step.cpuOp >= 0) {
      const auto& op = sg_.operators[static_cast<std::size_t>(step.cpuOp)];
      Unit u;
      u.step = static_cast<std::int32_t>(s);
      u.cpuOp = step.cpuOp;
      for (std::size_t k = 0; k < op.inputs.size(); ++k) {
        const auto* t = sg_.tensor(op.inputs[k]);
        const auto f = fmOfTensor(op.inputs[k]);
        if (k == 0) u.ifm = f;
        if (k == 1 && hasIfm2(op.code)) u.ifm2 = f;
        if (t && !t->isConstant() && f >= 0) u.inputs.push_back(f);
      }
      for (auto t : op.outputs)
        if (auto f = fmOfTensor(t); f >= 0) u.outputs.push_back(f);
      units_.push_back(std::move(u));
    }
  }
}

void Walk::visitTensor(std::int32_t fm) {
  auto f = static_cast<std::size_t>(fm);
  if (++tensorVisits_[f] != consumers_[f]) return;
  // Writers are walked last first, so that in execution order they run first to last.
  for (auto p : producers_[f]) stack_.push_back(-1 - p);
}

void Walk::visitOp(std::int32_t unit) {
  auto u = static_cast<std::size_t>(unit);
  if (built_[u]) return;
  if (opVisits_[u] == 0)  // outputs nobody reads count as visited
    for (auto f : units_[u].outputs)
      if (consumers_[static_cast<std::size_t>(f)] == 0) ++opVisits_[u];
  if (++opVisits_[u] < static_cast<std::int32_t>(units_[u].outputs.size())) return;
  built_[u] = true;
  reversed_.push_back(unit);
  const auto& in = units_[u].inputs;
  for (auto it = in.rbegin(); it != in.rend(); ++it) stack_.push_back(*it);
}

bool Walk::run(std::vector<Unit>& out) {
  collectUnits();
  const auto nf = g_.featureMaps.size();
  producers_.assign(nf, {});
  for (std::size_t u = 0; u < units_.size(); ++u)
    for (auto f : units_[u].outputs) producers_[static_cast<std::size_t>(f)].push_back(static_cast<std::int32_t>(u));
  std::vector<std::int32_t> roots;
  for (auto t : sg_.outputs)
    if (auto f = fmOfTensor(t); f >= 0) roots.push_back(f);
  // The units some graph output depends on. Like Vela (which only links what the outputs reach),
  // the walk counts their readers alone; the others stay at their lowered place in the report.
  std::vector<bool> live(units_.size(), false), seen(nf, false);
  std::vector<std::int32_t> pending(roots);
  while (!pending.empty()) {
    const auto f = static_cast<std::size_t>(pending.back());
    pending.pop_back();
    if (seen[f]) continue;
    seen[f] = true;
    for (auto p : producers_[f]) {
      if (live[static_cast<std::size_t>(p)]) continue;
      live[static_cast<std::size_t>(p)] = true;
      for (auto in : units_[static_cast<std::size_t>(p)].inputs) pending.push_back(in);
    }
  }
  consumers_.assign(nf, 0);
  for (std::size_t u = 0; u < units_.size(); ++u)
    if (live[u])
      for (auto f : units_[u].inputs) ++consumers_[static_cast<std::size_t>(f)];
  for (auto f : roots) ++consumers_[static_cast<std::size_t>(f)];
  tensorVisits_.assign(nf, 0);
  opVisits_.assign(units_.size(), 0);
  built_.assign(units_.size(), false);
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack_.push_back(*it);
  while (!stack_.empty()) {
    auto x = stack_.back();
    stack_.pop_back();
    if (x >= 0)
      visitTensor(x);
    else
      visitOp(-1 - x);
  }
  // Every unit an output depends on must have been placed, else the data has a cycle through
  // shared storage: keep the lowered order.
  for (std::size_t u = 0; u < units_.size(); ++u)
    if (live[u] != built_[u]) return false;
  std::vector<std::int32_t> order(reversed_.rbegin(), reversed_.rend());
  std::vector<std::int32_t> merged;
  merged.reserve(units_.size());
  std::size_t next = 0;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    if (built_[u]) {
      if (next < order.size()) merged.push_back(order[next++]);
    } else {
      merged.push_back(static_cast<std::int32_t>(u));
    }
  }
  while (next < order.size()) merged.push_back(order[next++]);
  out.clear();
  out.reserve(merged.size());
  for (auto u : merged) out.push_back(std::move(units_[static_cast<std::size_t>(u)]));
  return true;
}

// Vela's grouping of CPU passes: those reading only graph inputs go first (in operator order);
// then, from the bottom up, a CPU pass moves forward to the next CPU pass when no NPU pass
// between them reads its output. Works on positions; the units stay where they are.
std::vector<std::int32_t> groupCpuPasses(const std::vector<Unit>& units, const std::vector<bool>& isGraphInput) {
  auto graphInput = [&](std::int32_t f) { return f >= 0 && isGraphInput[static_cast<std::size_t>(f)]; };
  std::vector<std::int32_t> top, rest;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    const bool early = u.cpu() && graphInput(u.ifm) && (u.ifm2 < 0 || graphInput(u.ifm2));
    (early ? top : rest).push_back(static_cast<std::int32_t>(i));
  }
  std::stable_sort(top.begin(), top.end(), [&](std::int32_t a, std::int32_t b) {
    return units[static_cast<std::size_t>(a)].cpuOp < units[static_cast<std::size_t>(b)].cpuOp;
  });
  // Bottom up: moving a pass only shifts the passes after it, so the ones above keep their
  // positions. A CPU pass right before another CPU pass stays where it is.
  for (std::size_t pos = rest.size(); pos-- > 0;) {
    const auto& u = units[static_cast<std::size_t>(rest[pos])];
    if (!u.cpu()) continue;
    std::size_t target = pos;
    for (std::size_t j = pos + 1; j < rest.size(); ++j) {
      const auto& n = units[static_cast<std::size_t>(rest[j])];
      if (n.cpu()) {
        target = j - 1;
        break;
      }
      const bool reads = std::any_of(u.outputs.begin(), u.outputs.end(),
                                     [&](std::int32_t f) { return f == n.ifm || f == n.ifm2; });
      if (reads) break;
      if (j + 1 == rest.size()) target = j;
    }
    if (target != pos) std::rotate(rest.begin() + static_cast<std::ptrdiff_t>(pos),
                                   rest.begin() + static_cast<std::ptrdiff_t>(pos) + 1,
                                   rest.begin() + static_cast<std::ptrdiff_t>(target) + 1);
  }
  top.insert(top.end(), rest.begin(), rest.end());
  return top;
}

}  // namespace

void applyVelaPassOrder(LoweredGraph& g, const model::Subgraph& sg, const std::vector<std::int32_t>& fmOfTensor) {
  std::vector<Unit> units;
  if (!Walk(g, sg, fmOfTensor).run(units)) return;
  std::vector<bool> isGraphInput(g.featureMaps.size(), false);
  for (auto t : sg.inputs)
    if (t >= 0 && static_cast<std::size_t>(t) < fmOfTensor.size())
      if (auto f = fmOfTensor[static_cast<std::size_t>(t)]; f >= 0 && !sg.tensors[static_cast<std::size_t>(t)].isVariable)
        isGraphInput[static_cast<std::size_t>(f)] = true;
  const auto order = groupCpuPasses(units, isGraphInput);

  // Rebuild the segments: consecutive NPU passes form one (sized first: operations are large).
  std::vector<std::size_t> sizes;
  bool open = false;
  for (auto i : order) {
    const bool npu = !units[static_cast<std::size_t>(i)].cpu();
    if (npu && !open) sizes.push_back(0);
    if (npu) ++sizes.back();
    open = npu;
  }
  std::vector<NpuSegment> segments;
  segments.reserve(sizes.size());
  std::vector<ExecStep> execution;
  execution.reserve(order.size());
  open = false;
  for (auto i : order) {
    const auto& u = units[static_cast<std::size_t>(i)];
    if (u.cpu()) {
      open = false;
      execution.push_back(std::move(g.execution[static_cast<std::size_t>(u.step)]));
      continue;
    }
    if (!open) {
      segments.emplace_back();
      segments.back().ops.reserve(sizes[segments.size() - 1]);
      execution.push_back({static_cast<std::int32_t>(segments.size() - 1), -1, {}});
      open = true;
    }
    segments.back().ops.push_back(
        std::move(g.segments[static_cast<std::size_t>(u.segment)].ops[static_cast<std::size_t>(u.index)]));
  }
  g.segments = std::move(segments);
  g.execution = std::move(execution);
}

}  // namespace inferscope::estimate
