// Per-layer cycles: one stacked bar per TFLite operator (NPU compute, the memory-bound remainder,
// the CPU estimate in its own colour), in execution order or most expensive first. Clicking a bar
// emits operatorActivated with the operator's index so the window can select it in the graph.
#pragma once

#include "core/report/chart_data.h"
#include "widgets/charts/chart_style.h"

class QBarSet;
class QCategoryAxis;
class QAbstractBarSeries;

namespace inferscope::widgets {

class LayerCyclesChart : public ChartBase {
  Q_OBJECT
 public:
  explicit LayerCyclesChart(QWidget* parent = nullptr);

  void setData(report::LayerBars bars);
  void clear();
  const report::LayerBars& data() const { return data_; }
  void setOrder(report::LayerOrder order);
  report::LayerOrder order() const { return order_; }
  // Bars beyond this many (most expensive kept) are left out; 0 shows all.
  void setMaxBars(int n);

  // The bars as drawn, left to right.
  const std::vector<report::LayerBar>& shownBars() const { return shown_; }
  QString toolTipFor(int bar) const;
  QString displayName() const override { return tr("Per-layer cycles"); }
  // Emits operatorActivated for bar `bar` as a click does (for keyboard use and tests).
  void activateBar(int bar);

 Q_SIGNALS:
  // A bar was clicked: operator `op` of subgraph 0.
  void operatorActivated(int subgraph, int op);

 protected:
  void rebuild() override;
  void fitToSize() override;

 private:
  void placeLabels(QCategoryAxis* axis);  // every k-th operator index, as many as fit
  report::LayerBars data_;
  QStringList labels_;  // one per shown bar
  std::vector<report::LayerBar> shown_;
  report::LayerOrder order_ = report::LayerOrder::Graph;
  int maxBars_ = 0;
};

}  // namespace inferscope::widgets
