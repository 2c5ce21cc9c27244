#include "widgets/charts/memory_charts.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>

namespace inferscope::widgets {

namespace {
void clearChart(QChart* c) {
  c->removeAllSeries();
  for (auto* a : c->axes()) {
    c->removeAxis(a);
    delete a;
  }
}

double kib(std::int64_t b) { return static_cast<double>(b) / 1024.0; }
// Half the width of an operation's stretch on the step axis; the rest is the hand-over.
constexpr double kHalfOp = 0.3;
}  // namespace

// ---------------------------------------------------------------------------------------------
SramTimelineChart::SramTimelineChart(QWidget* parent) : ChartBase(parent) {
  setObjectName(QStringLiteral("SramTimelineChart"));
  refresh();
}

void SramTimelineChart::setData(report::SramTimeline timeline) {
  data_ = std::move(timeline);
  setHasData(!data_.steps.empty());
  refresh();
}

QString SramTimelineChart::toolTipFor(int step) const {
  if (step < 0 || step >= static_cast<int>(data_.steps.size())) return {};
  const auto& s = data_.steps[static_cast<std::size_t>(step)];
  QString text = tr("<b>Step %1</b>: %2").arg(step).arg(QString::fromStdString(s.label).toHtmlEscaped());
  if (s.cpu) text += tr(" (CPU)");
  text += tr("<br>SRAM in use: %1").arg(humanBytes(static_cast<double>(s.bytes)));
  if (data_.peakBytes > 0)
    text += tr("<br>%1 % of the peak").arg(100.0 * static_cast<double>(s.bytes) / static_cast<double>(data_.peakBytes), 0, 'f', 1);
  return text;
}

QString SramTimelineChart::toolTipAt(double x) const {
  int k = static_cast<int>(std::lround(x));
  if (data_.between.size() != data_.steps.size() || std::abs(x - k) <= kHalfOp) return toolTipFor(k);
  int before = static_cast<int>(std::floor(x));
  if (before < 0 || before >= static_cast<int>(data_.between.size())) return {};
  return tr("<b>Between steps %1 and %2</b><br>SRAM in use: %3<br>(the next operation's weights arrive)")
      .arg(before)
      .arg(before + 1)
      .arg(humanBytes(static_cast<double>(data_.between[static_cast<std::size_t>(before)])));
}

void SramTimelineChart::rebuild() {
  auto* c = chart();
  clearChart(c);
  setTitleText(tr("SRAM in use per execution step"));
  if (data_.steps.empty()) return;
  const auto& pal = chartPalette();
  const int n = static_cast<int>(data_.steps.size());
  // Stepped outlines: every step is a flat segment, filled down to zero.
  auto* npuLine = new QLineSeries();
  auto* cpuLine = new QLineSeries();
  bool anyCpu = false;
  const bool between = data_.between.size() == data_.steps.size();
  for (int k = 0; k < n; ++k) {
    const auto& s = data_.steps[static_cast<std::size_t>(k)];
    double v = kib(s.bytes);
    // The operation's own stretch, then (when known) the hand-over to the next one.
    double x0 = k == 0 ? -0.5 : k - kHalfOp, x1 = between ? k + kHalfOp : k + 0.5;
    npuLine->append(x0, v);
    npuLine->append(x1, v);
    cpuLine->append(x0, s.cpu ? v : 0.0);
    cpuLine->append(x1, s.cpu ? v : 0.0);
    if (between) {
      double b = kib(data_.between[static_cast<std::size_t>(k)]);
      double x2 = k == n - 1 ? n - 0.5 : k + 1 - kHalfOp;
      npuLine->append(x1, b);
      npuLine->append(x2, b);
      cpuLine->append(x1, 0.0);
      cpuLine->append(x2, 0.0);
    }
    anyCpu = anyCpu || s.cpu;
  }
  auto* area = new QAreaSeries(npuLine);
  npuLine->setParent(area);  // a QAreaSeries does not own its boundary series
  area->setName(tr("SRAM in use"));
  QColor fill = pal.npuCompute;
  area->setPen(QPen(fill, 1.5));
  fill.setAlpha(pal.dark ? 110 : 80);
  area->setBrush(fill);
  c->addSeries(area);
  QAreaSeries* cpuArea = nullptr;
  if (anyCpu) {
    cpuArea = new QAreaSeries(cpuLine);
    cpuLine->setParent(cpuArea);
    cpuArea->setName(tr("while a CPU operator runs"));
    QColor cf = pal.cpu;
    cpuArea->setPen(Qt::NoPen);  // an outline would also draw along zero under every NPU step
    cf.setAlpha(pal.dark ? 130 : 110);
    cpuArea->setBrush(cf);
    c->addSeries(cpuArea);
  } else {
    delete cpuLine;
  }
  double peak = kib(data_.peakBytes);
  auto* limit = new QLineSeries();
  const auto& ps = data_.steps[data_.peakStep];
  // The peak's size and place go in the legend: a label at the marker collides with the axis.
  const QString size = humanBytes(static_cast<double>(data_.peakBytes)), label = QString::fromStdString(ps.label);
  limit->setName(data_.peakBetween ? tr("Peak %1 between steps %2 and %3 (after %4)").arg(size).arg(data_.peakStep).arg(data_.peakStep + 1).arg(label)
                                   : tr("Peak %1 at step %2 (%3)").arg(size).arg(data_.peakStep).arg(label));
  limit->append(-0.5, peak);
  limit->append(n - 0.5, peak);
  QPen dash(pal.peak, 1.2, Qt::DashLine);
  limit->setPen(dash);
  c->addSeries(limit);
  auto* marker = new QScatterSeries();
  marker->setName(tr("Peak"));
  marker->append(static_cast<double>(data_.peakStep) + (data_.peakBetween ? 0.5 : 0.0), peak);
  marker->setColor(pal.peak);
  marker->setBorderColor(pal.background);
  marker->setMarkerSize(10);
  c->addSeries(marker);

  auto* ax = new QValueAxis();
  styleAxis(ax, tr("Execution step (NPU operation or CPU operator)"));
  ax->setRange(-0.5, n - 0.5);
  ax->setLabelFormat(QStringLiteral("%.0f"));
  ax->setTickType(QValueAxis::TicksDynamic);
  double interval = std::max(1.0, std::pow(10.0, std::floor(std::log10(std::max(1, n)))) / (n >= 50 ? 1 : 2));
  if (n / interval > 12) interval *= 2;
  ax->setTickAnchor(0);
  ax->setTickInterval(interval);
  addAxesToAllSeries(ax, valueAxisTo(peak * 1.18, tr("SRAM (KiB)")));
  c->legend()->setVisible(true);
  for (auto* m : c->legend()->markers(marker)) m->setVisible(false);
  auto hover = [this](const QPointF& p, bool on) { showToolTip(on ? toolTipAt(p.x()) : QString()); };
  auto click = [this](const QPointF& p) {
    int k = static_cast<int>(std::lround(p.x()));
    if (k >= 0 && k < static_cast<int>(data_.steps.size()) && data_.steps[static_cast<std::size_t>(k)].op >= 0)
      emit operatorActivated(0, data_.steps[static_cast<std::size_t>(k)].op);
  };
  for (auto* a : {area, cpuArea}) {
    if (!a) continue;
    connect(a, &QAreaSeries::hovered, this, hover);
    connect(a, &QAreaSeries::clicked, this, click);
  }
}

// ---------------------------------------------------------------------------------------------
TensorLifetimeChart::TensorLifetimeChart(QWidget* parent) : ChartBase(parent) {
  setObjectName(QStringLiteral("TensorLifetimeChart"));
  refresh();
}

void TensorLifetimeChart::setData(std::vector<report::LifetimeBar> bars, std::vector<report::SramStep> steps,
                                  std::int64_t peakBytes) {
  bars_ = std::move(bars);
  steps_ = std::move(steps);
  peak_ = peakBytes;
  setHasData(!bars_.empty());
  refresh();
}

QString TensorLifetimeChart::toolTipFor(int bar) const {
  if (bar < 0 || bar >= static_cast<int>(bars_.size())) return {};
  const auto& b = bars_[static_cast<std::size_t>(bar)];
  auto stepName = [&](int k) {
    if (k >= 0 && k < static_cast<int>(steps_.size()))
      return QStringLiteral("%1 (%2)").arg(k).arg(QString::fromStdString(steps_[static_cast<std::size_t>(k)].label));
    return QString::number(k);
  };
  return tr("<b>%1</b><br>Offset %2, size %3<br>Alive from step %4<br>to step %5")
      .arg(QString::fromStdString(b.name).toHtmlEscaped(), humanBytes(static_cast<double>(b.offset)),
           humanBytes(static_cast<double>(b.size)), stepName(b.firstStep).toHtmlEscaped(),
           stepName(b.lastStep).toHtmlEscaped());
}

void TensorLifetimeChart::rebuild() {
  auto* c = chart();
  clearChart(c);
  setTitleText(tr("Tensor arena: feature maps by offset and lifetime"));
  if (bars_.empty()) return;
  const auto& pal = chartPalette();
  int lastStep = 0;
  double top = kib(peak_);
  for (const auto& b : bars_) {
    lastStep = std::max(lastStep, b.lastStep);
    top = std::max(top, kib(b.offset + b.size));
  }
  if (!steps_.empty()) lastStep = std::max(lastStep, static_cast<int>(steps_.size()) - 1);
  for (int i = 0; i < static_cast<int>(bars_.size()); ++i) {
    const auto& b = bars_[static_cast<std::size_t>(i)];
    auto* upper = new QLineSeries();
    auto* lower = new QLineSeries();
    double x0 = b.from - 0.3, x1 = b.to + 0.3;
    double y0 = kib(b.offset), y1 = kib(b.offset + b.size);
    upper->append(x0, y1);
    upper->append(x1, y1);
    lower->append(x0, y0);
    lower->append(x1, y0);
    auto* area = new QAreaSeries(upper, lower);
    upper->setParent(area);  // a QAreaSeries does not own its boundary series
    lower->setParent(area);
    area->setName(QString::fromStdString(b.name));
    QColor col = pal.category(i);
    area->setPen(QPen(col.darker(pal.dark ? 100 : 130), 0.8));
    col.setAlpha(pal.dark ? 200 : 210);
    area->setBrush(col);
    c->addSeries(area);
    connect(area, &QAreaSeries::hovered, this, [this, i](const QPointF&, bool on) { showToolTip(on ? toolTipFor(i) : QString()); });
  }
  QLineSeries* limit = nullptr;
  if (peak_ > 0) {
    limit = new QLineSeries();
    limit->setName(tr("Arena size %1").arg(humanBytes(static_cast<double>(peak_))));
    limit->append(-0.5, kib(peak_));
    limit->append(lastStep + 0.5, kib(peak_));
    limit->setPen(QPen(pal.peak, 1.2, Qt::DashLine));
    c->addSeries(limit);
  }
  auto* ax = new QValueAxis();
  styleAxis(ax, tr("Execution step"));
  ax->setRange(-0.5, lastStep + 0.5);
  ax->setLabelFormat(QStringLiteral("%.0f"));
  ax->setTickType(QValueAxis::TicksDynamic);
  ax->setTickAnchor(0);
  double interval = lastStep >= 100 ? 20 : lastStep >= 40 ? 10 : lastStep >= 16 ? 5 : 1;
  ax->setTickInterval(interval);
  addAxesToAllSeries(ax, valueAxisTo(top * 1.05, tr("Arena offset (KiB)")));
  // Tensor names would crowd the legend; the tooltips name them. Only the arena line is listed.
  c->legend()->setVisible(limit != nullptr);
  for (auto* s : c->series())
    if (s != limit)
      for (auto* m : c->legend()->markers(s)) m->setVisible(false);
}

// ---------------------------------------------------------------------------------------------
MemoryTrafficChart::MemoryTrafficChart(QWidget* parent) : ChartBase(parent) {
  setObjectName(QStringLiteral("MemoryTrafficChart"));
  refresh();
}

void MemoryTrafficChart::setData(std::vector<report::AreaTraffic> traffic) {
  traffic_ = std::move(traffic);
  setHasData(!traffic_.empty());
  refresh();
}

QString MemoryTrafficChart::toolTipFor(int area, bool write) const {
  if (area < 0 || area >= static_cast<int>(traffic_.size())) return {};
  const auto& t = traffic_[static_cast<std::size_t>(area)];
  double v = write ? t.writeBytes : t.readBytes;
  return tr("<b>%1</b> %2<br>%3 MB per inference (%4)")
      .arg(QString::fromStdString(t.label), write ? tr("written") : tr("read"))
      .arg(v / 1e6, 0, 'f', 3)
      .arg(humanBytes(v));
}

void MemoryTrafficChart::rebuild() {
  auto* c = chart();
  clearChart(c);
  setTitleText(tr("Memory traffic per inference"));
  if (traffic_.empty()) return;
  const auto& pal = chartPalette();
  auto* read = new QBarSet(tr("Read"));
  auto* write = new QBarSet(tr("Written"));
  read->setColor(pal.read);
  write->setColor(pal.write);
  read->setBorderColor(pal.read);
  write->setBorderColor(pal.write);
  QStringList categories;
  double max = 0;
  for (const auto& t : traffic_) {
    read->append(t.readBytes / 1e6);
    write->append(t.writeBytes / 1e6);
    max = std::max({max, t.readBytes / 1e6, t.writeBytes / 1e6});
    categories << QString::fromStdString(t.label);
  }
  for (auto* s : {read, write}) {
    s->setLabelColor(pal.text);
  }
  auto* series = new QBarSeries();
  series->append(read);
  series->append(write);
  series->setBarWidth(0.7);
  series->setLabelsVisible(true);
  series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
  series->setLabelsFormat(QStringLiteral("@value"));
  series->setLabelsPrecision(3);
  c->addSeries(series);
  auto* ax = new QBarCategoryAxis();
  ax->append(categories);
  styleAxis(ax, tr("Memory area"));
  ax->setGridLineVisible(false);
  auto* ay = new QValueAxis();
  styleAxis(ay, tr("MB per inference"));
  ay->setRange(0, max * 1.15 + 1e-9);
  ay->applyNiceNumbers();
  ay->setLabelFormat(max >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
  addStyledAxis(ax, Qt::AlignBottom);
  addStyledAxis(ay, Qt::AlignLeft);
  series->attachAxis(ax);
  series->attachAxis(ay);
  c->legend()->setVisible(true);
  connect(series, &QAbstractBarSeries::hovered, this, [this, write](bool on, int index, QBarSet* set) {
    showToolTip(on ? toolTipFor(index, set == write) : QString());
  });
}

}  // namespace inferscope::widgets
