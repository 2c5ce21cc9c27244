#include "widgets/charts/layer_cycles_chart.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace inferscope::widgets {

namespace {
// Axis unit for a maximum: values are divided by the factor.
std::pair<double, QString> cycleUnit(double max) {
  if (max >= 5e6) return {1e6, LayerCyclesChart::tr("Cycles (millions)")};
  if (max >= 5e3) return {1e3, LayerCyclesChart::tr("Cycles (thousands)")};
  return {1, LayerCyclesChart::tr("Cycles")};
}
}  // namespace

LayerCyclesChart::LayerCyclesChart(QWidget* parent) : ChartBase(parent) {
  setObjectName(QStringLiteral("LayerCyclesChart"));
  refresh();
}

void LayerCyclesChart::setData(report::LayerBars bars) {
  data_ = std::move(bars);
  setHasData(!data_.bars.empty());
  refresh();
}

void LayerCyclesChart::clear() { setData({}); }

void LayerCyclesChart::setOrder(report::LayerOrder order) {
  if (order_ == order) return;
  order_ = order;
  refresh();
}

void LayerCyclesChart::setMaxBars(int n) {
  maxBars_ = std::max(0, n);
  refresh();
}

QString LayerCyclesChart::toolTipFor(int bar) const {
  if (bar < 0 || bar >= static_cast<int>(shown_.size())) return {};
  const auto& b = shown_[static_cast<std::size_t>(bar)];
  double total = data_.totalCycles();
  QString head = b.op >= 0 ? tr("Operator %1: %2").arg(b.op).arg(QString::fromStdString(b.type))
                           : QString::fromStdString(b.type);
  QStringList lines{QStringLiteral("<b>%1</b>").arg(head.toHtmlEscaped())};
  if (!b.name.empty()) lines << QString::fromStdString(b.name).toHtmlEscaped();
  if (b.cpu) {
    lines << tr("CPU (estimate): %1 cycles").arg(humanCycles(b.cpuCycles));
    if (std::abs(data_.cpuToNpuCycles - 1) > 1e-9) lines << tr("(in NPU clock cycles)");
  } else {
    lines << tr("NPU compute: %1 cycles").arg(humanCycles(b.computeCycles));
    lines << tr("Memory-bound: %1 cycles").arg(humanCycles(b.memoryCycles));
    if (b.operations > 1) lines << tr("%1 NPU operations").arg(b.operations);
  }
  if (data_.clockHz > 0) lines << tr("Time: %1 \u00b5s").arg(b.total() / data_.clockHz * 1e6, 0, 'f', 1);
  if (total > 0) lines << tr("Share of the network: %1 %").arg(100.0 * b.total() / total, 0, 'f', 1);
  if (b.macs > 0) lines << tr("MACs: %1").arg(humanCycles(static_cast<double>(b.macs)));
  return lines.join(QStringLiteral("<br>"));
}

void LayerCyclesChart::activateBar(int bar) {
  if (bar < 0 || bar >= static_cast<int>(shown_.size())) return;
  auto op = shown_[static_cast<std::size_t>(bar)].op;
  if (op >= 0) emit operatorActivated(0, op);
}

void LayerCyclesChart::rebuild() {
  auto* c = chart();
  c->removeAllSeries();
  for (auto* a : c->axes()) {
    c->removeAxis(a);
    delete a;
  }
  shown_ = data_.bars;
  std::size_t total = shown_.size();
  if (maxBars_ > 0 && shown_.size() > static_cast<std::size_t>(maxBars_)) {
    report::sortLayerBars(shown_, report::LayerOrder::Cost);
    shown_.resize(static_cast<std::size_t>(maxBars_));
  }
  report::sortLayerBars(shown_, order_);
  QString title = order_ == report::LayerOrder::Graph ? tr("Cycles per operator (execution order)")
                                                      : tr("Cycles per operator (most expensive first)");
  if (shown_.size() < total) title += tr(" \u2014 %1 most expensive of %2").arg(shown_.size()).arg(total);
  setTitleText(title);
  if (shown_.empty()) return;

  double max = 0;
  for (const auto& b : shown_) max = std::max(max, b.total());
  auto [factor, unitTitle] = cycleUnit(max);
  const auto& pal = chartPalette();
  auto* compute = new QBarSet(tr("NPU compute"));
  auto* memory = new QBarSet(tr("NPU memory-bound"));
  auto* cpu = new QBarSet(tr("CPU (estimate)"));
  compute->setColor(pal.npuCompute);
  memory->setColor(pal.memoryBound);
  cpu->setColor(pal.cpu);
  for (auto* s : {compute, memory, cpu}) s->setBorderColor(s->color());
  QStringList categories;
  int added = 0;
  for (const auto& b : shown_) {
    compute->append(b.computeCycles / factor);
    memory->append(b.memoryCycles / factor);
    cpu->append(b.cpuCycles / factor);
    categories << (b.op >= 0 ? QString::number(b.op) : QStringLiteral("+%1").arg(++added));
  }
  auto* series = new QStackedBarSeries();
  series->append(compute);
  series->append(memory);
  bool anyCpu = std::any_of(shown_.begin(), shown_.end(), [](const report::LayerBar& b) { return b.cpu; });
  if (anyCpu) series->append(cpu);
  else delete cpu;
  series->setBarWidth(0.8);
  c->addSeries(series);

  // Operator indices under the bars: a category axis over the bar positions, so that only as many
  // labels are drawn as fit (a bar category axis elides every label to its bar's width).
  auto* ax = new QCategoryAxis();
  labels_ = categories;
  ax->setRange(-0.5, static_cast<double>(shown_.size()) - 0.5);
  ax->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  styleAxis(ax, order_ == report::LayerOrder::Graph ? tr("TFLite operator index") : tr("TFLite operator index (by cost)"));
  ax->setGridLineVisible(false);
  placeLabels(ax);
  auto* ay = new QValueAxis();
  styleAxis(ay, unitTitle);
  ay->setRange(0, max / factor * 1.05);
  ay->applyNiceNumbers();
  ay->setLabelFormat(max / factor >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
  addStyledAxis(ax, Qt::AlignBottom);
  addStyledAxis(ay, Qt::AlignLeft);
  series->attachAxis(ax);
  series->attachAxis(ay);
  c->legend()->setVisible(true);

  connect(series, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet*) {
    showToolTip(on ? toolTipFor(index) : QString());
  });
  connect(series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet*) { activateBar(index); });
}

void LayerCyclesChart::placeLabels(QCategoryAxis* ax) {
  if (labels_.isEmpty()) return;
  QFontMetricsF fm(ax->labelsFont());
  double widest = 0;
  for (const auto& l : labels_) widest = std::max(widest, fm.horizontalAdvance(l));
  const double n = labels_.size();
  int every = std::max(1, static_cast<int>(std::ceil((widest + fm.averageCharWidth() * 2) * n / plotWidth())));
  // Steps of 1, 2, 5, 10, 20, ... read best.
  for (int nice : {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000})
    if (nice >= every) {
      every = nice;
      break;
    }
  const auto existing = ax->categoriesLabels();
  QStringList wanted;
  for (int i = 0; i < labels_.size(); i += every) wanted << labels_[i];
  if (existing == wanted) return;
  for (const auto& l : existing) ax->remove(l);
  for (int i = 0; i < labels_.size(); i += every) ax->append(labels_[i], i);
}

void LayerCyclesChart::fitToSize() {
  for (auto* a : chart()->axes(Qt::Horizontal))
    if (auto* ax = qobject_cast<QCategoryAxis*>(a)) placeLabels(ax);
}

}  // namespace inferscope::widgets
