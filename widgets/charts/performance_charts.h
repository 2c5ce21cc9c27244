// The performance charts of one analysis run, together: per-layer cycles, cycle shares, SRAM over
// time, tensor arena and memory traffic (PerformanceChartSet fills them from an estimate), and the
// panel that shows them in tabs with the target comparison, sorting and PNG/SVG export.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "core/analysis/analysis.h"
#include "widgets/charts/cycle_share_chart.h"
#include "widgets/charts/layer_cycles_chart.h"
#include "widgets/charts/memory_charts.h"
#include "widgets/charts/target_comparison.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace inferscope::widgets {

struct PerformanceChartSet {
  LayerCyclesChart* layers = nullptr;
  CycleShareChart* shares = nullptr;
  SramTimelineChart* sram = nullptr;
  TensorLifetimeChart* arena = nullptr;
  MemoryTrafficChart* traffic = nullptr;

  // Creates the five charts as children of `parent`.
  static PerformanceChartSet create(QWidget* parent);
  // Fills every chart from an estimate (`model` gives operator types, names and order).
  void setEstimate(const estimate::Estimate& e, const model::Model* model);
  void clear();
  std::vector<ChartBase*> all() const;
};

class PerformanceChartsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PerformanceChartsPanel(QWidget* parent = nullptr);

  // Shows a run's charts; a run without a performance estimate shows why instead.
  void setAnalysis(std::shared_ptr<const analysis::Analysis> a);
  const std::shared_ptr<const analysis::Analysis>& analysis() const { return analysis_; }
  // Shown instead of the charts (no model, an error, "Estimating…").
  void setMessage(const QString& message);
  // A line above the charts (why they are empty); empty hides it.
  void setNote(const QString& note);
  QString note() const;

  const PerformanceChartSet& charts() const { return charts_; }
  TargetComparisonView* comparison() const { return comparison_; }
  QTabWidget* tabs() const { return tabs_; }
  ChartBase* currentChart() const;  // nullptr on the comparison tab
  // Exports the current tab's chart (or both comparison charts, "-time"/"-memory" suffixed).
  Status exportCurrent(const QString& path);

 Q_SIGNALS:
  void operatorActivated(int subgraph, int op);

 private:
  void exportDialog();

  std::shared_ptr<const analysis::Analysis> analysis_;
  PerformanceChartSet charts_;
  TargetComparisonView* comparison_;
  QTabWidget* tabs_;
  QStackedWidget* stack_;
  QLabel* message_;
  QLabel* note_;
  QComboBox* order_;
  QToolButton* export_;
};

}  // namespace inferscope::widgets
