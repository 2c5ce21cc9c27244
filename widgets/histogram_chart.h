// A value histogram drawn with Qt Charts, following the palette (light/dark).
#pragma once

#include <QChartView>
#include <vector>

namespace inferscope::widgets {

class HistogramChart : public QChartView {
  Q_OBJECT
 public:
  explicit HistogramChart(QWidget* parent = nullptr);
  // Bins over [lo, hi]; counts per bin.
  void setHistogram(const std::vector<std::int64_t>& counts, double lo, double hi);
  int binCount() const { return bins_; }

 private:
  int bins_ = 0;
};

}  // namespace inferscope::widgets
