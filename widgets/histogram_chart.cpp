#include "widgets/histogram_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include "widgets/theme.h"

namespace inferscope::widgets {

HistogramChart::HistogramChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(160);
  auto* c = new QChart();
  c->legend()->hide();
  c->setMargins(QMargins(4, 4, 4, 4));
  c->setBackgroundRoundness(0);
  setChart(c);
}

void HistogramChart::setHistogram(const std::vector<std::int64_t>& counts, double lo, double hi) {
  auto* c = chart();
  c->removeAllSeries();
  for (auto* a : c->axes()) c->removeAxis(a);
  bins_ = static_cast<int>(counts.size());
  bool dark = GraphTheme::isDark(palette());
  c->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  c->setBackgroundBrush(palette().base());
  c->legend()->hide();
  // A stepped outline: every bin is a flat segment, filled to zero.
  auto* upper = new QLineSeries();
  double width = counts.empty() ? 1 : (hi - lo) / static_cast<double>(counts.size());
  if (width <= 0) width = 1;
  std::int64_t peak = 1;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    double x0 = lo + width * static_cast<double>(i);
    upper->append(x0, static_cast<double>(counts[i]));
    upper->append(x0 + width, static_cast<double>(counts[i]));
    peak = std::max(peak, counts[i]);
  }
  auto* area = new QAreaSeries(upper);
  upper->setParent(area);  // a QAreaSeries does not own its boundary series
  QColor fill = palette().color(QPalette::Highlight);
  area->setPen(QPen(fill, 1));
  fill.setAlpha(150);
  area->setBrush(fill);
  c->addSeries(area);
  auto* ax = new QValueAxis();
  ax->setRange(lo, lo + width * static_cast<double>(std::max<std::size_t>(1, counts.size())));
  ax->setLabelFormat(QStringLiteral("%.3g"));
  ax->setTickCount(5);
  auto* ay = new QValueAxis();
  ay->setRange(0, static_cast<double>(peak) * 1.05);
  ay->setLabelFormat(QStringLiteral("%d"));
  ay->setTickCount(4);
  c->addAxis(ax, Qt::AlignBottom);
  c->addAxis(ay, Qt::AlignLeft);
  area->attachAxis(ax);
  area->attachAxis(ay);
}

}  // namespace inferscope::widgets
