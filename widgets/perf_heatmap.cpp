#include "widgets/perf_heatmap.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

#include "core/util/text.h"

namespace inferscope::widgets {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("CycleHeatmap", s); }
QString num(double v) { return QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(std::llround(v)))); }
QString ms(double v) { return QString::number(v, 'f', v < 0.1 ? 4 : v < 10 ? 3 : 2); }
QString pct(double v) { return QString::number(v, 'f', v < 10 ? 1 : 0); }

// Colour scale: the square root spreads the many cheap operators over more of the ramp.
double heatOf(double timeMs, double maxMs) { return maxMs > 0 ? std::sqrt(std::clamp(timeMs / maxMs, 0.0, 1.0)) : 0.0; }

}  // namespace

OperatorCostsPtr operatorCosts(const estimate::Estimate& e, int operatorCount) {
  auto out = std::make_shared<OperatorCosts>();
  out->ops.resize(static_cast<std::size_t>(std::max(0, operatorCount)));
  for (const auto& l : e.layers) {
    auto* c = const_cast<OperatorCost*>(out->find(l.sourceOp));
    if (!c) continue;
    ++c->layers;
    c->opCycles += l.opCycles;
    c->npuCycles += l.npuCycles;
    c->accessCycles[0] += l.sramAccessCycles;
    c->accessCycles[1] += l.dramAccessCycles;
    c->accessCycles[2] += l.onChipFlashAccessCycles;
    c->accessCycles[3] += l.offChipFlashAccessCycles;
    c->networkPercent += l.networkPercentCycles;
    c->macs += l.macs;
    c->peakSram = std::max(c->peakSram, l.sramUsage);
    auto nng = QString::fromStdString(l.nngOperator);
    if (!c->nngOperators.contains(nng)) c->nngOperators << nng;
  }
  for (auto& c : out->ops)
    if (e.clockHz > 0) c.timeMs = c.opCycles / e.clockHz * 1000.0;
  // The CPU estimate's clock, recovered from its totals (cycles / time).
  double cpuMsPerCycle = e.cpuCyclesEstimate > 0 ? e.cpuTimeMs / e.cpuCyclesEstimate : 0;
  for (const auto& cpu : e.cpuOps) {
    auto* c = const_cast<OperatorCost*>(out->find(cpu.op));
    if (!c) continue;
    c->cpu = true;
    c->cpuCycles += cpu.cycles;
    c->macs = std::max(c->macs, cpu.macs);
    c->cpuBasis = QString::fromStdString(cpu.basis);
    c->timeMs += cpu.cycles * cpuMsPerCycle;
  }
  for (const auto& c : out->ops) {
    out->maxTimeMs = std::max(out->maxTimeMs, c.timeMs);
    out->totalTimeMs += c.timeMs;
  }
  return out;
}

QColor heatColor(double t) {
  // ColorBrewer YlOrRd, interpolated.
  static const QColor stops[] = {QColor(255, 237, 160), QColor(254, 217, 118), QColor(254, 178, 76),
                                 QColor(253, 141, 60),  QColor(240, 59, 32),   QColor(189, 0, 38)};
  constexpr int n = static_cast<int>(std::size(stops)) - 1;
  t = std::clamp(t, 0.0, 1.0) * n;
  int i = std::min(n - 1, static_cast<int>(t));
  double f = t - i;
  const QColor &a = stops[i], &b = stops[i + 1];
  return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                          static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                          static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

NodeDecorationsPtr cycleHeatmap(const estimate::Estimate& e, const OperatorCosts& costs) {
  auto d = std::make_shared<NodeDecorations>();
  const double total = costs.totalTimeMs > 0 ? costs.totalTimeMs : 1;
  d->setTitle(tr("Cycles \u2014 share of %1 ms").arg(ms(costs.totalTimeMs)));
  // Legend: the colours at fixed shares of the most expensive operator, labelled as shares of the time.
  for (double q : {1.0, 0.5, 0.2, 0.05}) {
    double share = 100.0 * q * costs.maxTimeMs / total;
    d->addLegend(tr("%1 % of time").arg(pct(share)), heatColor(heatOf(q * costs.maxTimeMs, costs.maxTimeMs)));
  }
  const QColor cpuRing(215, 58, 73);
  if (!e.cpuOps.empty()) d->addLegend(tr("CPU operator (estimate)"), cpuRing);
  d->addLegend(tr("faded: no work of its own (fused, removed)"), QColor(200, 200, 210));
  d->setDimUndecorated(true);

  for (std::size_t i = 0; i < costs.ops.size(); ++i) {
    const auto& c = costs.ops[i];
    if (c.layers == 0 && !c.cpu) continue;
    NodeDecoration nd;
    nd.fill = heatColor(heatOf(c.timeMs, costs.maxTimeMs));
    double share = 100.0 * c.timeMs / total;
    nd.badge = tr("%1 %").arg(pct(share));
    nd.badgeColor = nd.fill;
    QStringList tip;
    if (c.cpu) {
      nd.outline = cpuRing;
      tip << tr("CPU: %1 cycles (InferScope estimate, not a Vela figure)").arg(num(c.cpuCycles));
      if (!c.cpuBasis.isEmpty()) tip << tr("Basis: %1").arg(c.cpuBasis);
    } else {
      tip << tr("NPU: %1 cycles (%2 % of the NPU cycles)").arg(num(c.opCycles), pct(c.networkPercent));
      tip << tr("NPU compute %1 cycles; SRAM access %2, off-chip flash access %3")
                 .arg(num(c.npuCycles), num(c.accessCycles[0]), num(c.accessCycles[3]));
      if (c.accessCycles[1] > 0) tip << tr("DRAM access %1 cycles").arg(num(c.accessCycles[1]));
      if (c.layers > 1) tip << tr("Lowered to %1 NPU operations: %2").arg(c.layers).arg(c.nngOperators.join(QStringLiteral(", ")));
    }
    tip << tr("%1 ms, %2 % of the inference time").arg(ms(c.timeMs), pct(share));
    if (c.macs > 0) tip << tr("%1 MACs").arg(num(static_cast<double>(c.macs)));
    nd.tooltip = tip.join(QLatin1Char('\n'));
    d->set(0, static_cast<int>(i), std::move(nd));
  }
  return d;
}

}  // namespace inferscope::widgets
