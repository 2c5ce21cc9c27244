// Where the cycles go: a donut of cycles by operator type (outer ring: NPU types in green shades,
// CPU types in red shades) around the NPU vs CPU share (inner ring).
#pragma once

#include "core/report/chart_data.h"
#include "widgets/charts/chart_style.h"

namespace inferscope::widgets {

class CycleShareChart : public ChartBase {
  Q_OBJECT
 public:
  explicit CycleShareChart(QWidget* parent = nullptr);

  void setData(const report::LayerBars& bars, std::size_t maxSlices = 9);
  const report::CycleShares& shares() const { return shares_; }
  QString toolTipForType(int slice) const;
  QString displayName() const override { return tr("Cycles by operator type"); }

 protected:
  void rebuild() override;

 private:
  report::CycleShares shares_;
  double clockHz_ = 0;
};

}  // namespace inferscope::widgets
