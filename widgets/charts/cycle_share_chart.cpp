#include "widgets/charts/cycle_share_chart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>

namespace inferscope::widgets {

CycleShareChart::CycleShareChart(QWidget* parent) : ChartBase(parent) {
  setObjectName(QStringLiteral("CycleShareChart"));
  refresh();
}

void CycleShareChart::setData(const report::LayerBars& bars, std::size_t maxSlices) {
  shares_ = report::cycleShares(bars, maxSlices);
  clockHz_ = bars.clockHz;
  setHasData(!shares_.byType.empty());
  refresh();
}

QString CycleShareChart::toolTipForType(int slice) const {
  if (slice < 0 || slice >= static_cast<int>(shares_.byType.size())) return {};
  const auto& s = shares_.byType[static_cast<std::size_t>(slice)];
  double total = shares_.npuCycles + shares_.cpuCycles;
  QString where = s.cpu ? tr("CPU (estimate)") : tr("NPU");
  QString text = QStringLiteral("<b>%1</b> \u2014 %2<br>").arg(QString::fromStdString(s.label).toHtmlEscaped(), where);
  text += tr("%1 cycles, %2 % of the network").arg(humanCycles(s.cycles)).arg(total > 0 ? 100.0 * s.cycles / total : 0, 0, 'f', 1);
  if (clockHz_ > 0) text += tr("<br>%1 ms").arg(s.cycles / clockHz_ * 1e3, 0, 'f', 3);
  return text;
}

void CycleShareChart::rebuild() {
  auto* c = chart();
  c->removeAllSeries();
  setTitleText(tr("Cycles by operator type, NPU vs CPU"));
  if (shares_.byType.empty()) return;
  const auto& pal = chartPalette();
  double total = shares_.npuCycles + shares_.cpuCycles;
  auto pct = [&](double v) { return total > 0 ? 100.0 * v / total : 0.0; };

  auto* inner = new QPieSeries();
  inner->setName(tr("NPU vs CPU"));
  inner->setHoleSize(0.30);
  inner->setPieSize(0.56);
  auto addInner = [&](const QString& name, double v, const QColor& col) {
    if (v <= 0) return;
    auto* slice = inner->append(QStringLiteral("%1  %2 %").arg(name).arg(pct(v), 0, 'f', 1), v);
    slice->setColor(col);
    slice->setBorderColor(pal.background);
    slice->setBorderWidth(2);
    slice->setLabelVisible(false);  // the legend names both
    QString tip = tr("<b>%1</b><br>%2 cycles, %3 % of the network").arg(name, humanCycles(v)).arg(pct(v), 0, 'f', 1);
    connect(slice, &QPieSlice::hovered, this, [this, tip](bool on) { showToolTip(on ? tip : QString()); });
  };
  addInner(tr("NPU"), shares_.npuCycles, pal.npuCompute);
  addInner(tr("CPU (estimate)"), shares_.cpuCycles, pal.cpu);

  int npuTypes = 0, cpuTypes = 0;
  for (const auto& s : shares_.byType) (s.cpu ? cpuTypes : npuTypes) += 1;
  auto* outer = new QPieSeries();
  outer->setName(tr("Operator types"));
  outer->setHoleSize(0.60);
  outer->setPieSize(0.92);
  QFont lf = font();
  lf.setBold(true);
  lf.setPointSizeF(lf.pointSizeF() * 0.85);
  int ni = 0, ci = 0;
  for (int i = 0; i < static_cast<int>(shares_.byType.size()); ++i) {
    const auto& s = shares_.byType[static_cast<std::size_t>(i)];
    QString label = QString::fromStdString(s.label);
    if (s.cpu) label += tr(" (CPU)");
    auto* slice = outer->append(QStringLiteral("%1  %2 %").arg(label).arg(pct(s.cycles), 0, 'f', 1), s.cycles);
    QColor col = s.cpu ? pal.shade(pal.cpu, ci++, cpuTypes) : pal.shade(pal.npuCompute, ni++, npuTypes);
    slice->setColor(col);
    slice->setBorderColor(pal.background);
    slice->setBorderWidth(2);
    // Big slices carry their share; the legend names every slice.
    slice->setLabelVisible(pct(s.cycles) >= 7.0);
    slice->setLabelPosition(QPieSlice::LabelInsideHorizontal);
    slice->setLabelFont(lf);
    slice->setLabelColor(col.lightness() > 170 ? QColor(20, 20, 20) : QColor(255, 255, 255));
    connect(slice, &QPieSlice::hovered, this, [this, i, slice](bool on) {
      slice->setExploded(on);
      showToolTip(on ? toolTipForType(i) : QString());
    });
  }
  c->addSeries(inner);
  c->addSeries(outer);
  // Slice labels are the legend texts; inside the ring only the share is shown.
  for (auto* slice : outer->slices()) {
    QString full = slice->label();
    QString share = full.mid(full.lastIndexOf(QStringLiteral("  ")) + 2);
    if (slice->isLabelVisible()) {
      auto* marker = c->legend()->markers(outer).value(static_cast<int>(outer->slices().indexOf(slice)));
      if (marker) marker->setLabel(full);
      slice->setLabel(share);
    }
  }
  c->legend()->setVisible(true);
  c->legend()->setAlignment(Qt::AlignRight);
}

}  // namespace inferscope::widgets
