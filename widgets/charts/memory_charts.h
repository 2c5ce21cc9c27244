// Memory charts: SRAM in use at each execution step with the peak marked, the tensor arena as a
// Gantt chart (which feature map lives when, at which offset), and bytes moved per memory area.
#pragma once

#include "core/report/chart_data.h"
#include "widgets/charts/chart_style.h"

namespace inferscope::widgets {

class SramTimelineChart : public ChartBase {
  Q_OBJECT
 public:
  explicit SramTimelineChart(QWidget* parent = nullptr);
  void setData(report::SramTimeline timeline);
  const report::SramTimeline& data() const { return data_; }
  QString toolTipFor(int step) const;
  QString toolTipAt(double x) const;  // x on the step axis (x.5: between two steps)
  QString displayName() const override { return tr("SRAM over time"); }

 Q_SIGNALS:
  void operatorActivated(int subgraph, int op);

 protected:
  void rebuild() override;

 private:
  report::SramTimeline data_;
};

class TensorLifetimeChart : public ChartBase {
  Q_OBJECT
 public:
  explicit TensorLifetimeChart(QWidget* parent = nullptr);
  // `steps` labels the execution steps (from the SRAM timeline) for tooltips; may be empty.
  void setData(std::vector<report::LifetimeBar> bars, std::vector<report::SramStep> steps, std::int64_t peakBytes);
  const std::vector<report::LifetimeBar>& data() const { return bars_; }
  QString toolTipFor(int bar) const;
  QString displayName() const override { return tr("Tensor arena"); }

 protected:
  void rebuild() override;

 private:
  std::vector<report::LifetimeBar> bars_;
  std::vector<report::SramStep> steps_;
  std::int64_t peak_ = 0;
};

class MemoryTrafficChart : public ChartBase {
  Q_OBJECT
 public:
  explicit MemoryTrafficChart(QWidget* parent = nullptr);
  void setData(std::vector<report::AreaTraffic> traffic);
  const std::vector<report::AreaTraffic>& data() const { return traffic_; }
  QString toolTipFor(int area, bool write) const;
  QString displayName() const override { return tr("Memory traffic"); }

 protected:
  void rebuild() override;

 private:
  std::vector<report::AreaTraffic> traffic_;
};

}  // namespace inferscope::widgets
