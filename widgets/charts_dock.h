// The "Charts" dock: the performance charts (per-layer cycles, cycle shares, SRAM over time, tensor
// arena, bandwidth) and the target comparison of the current model, following its analysis
// controller: every finished run refreshes them. Clicking a bar asks the window to select the
// operator (operatorActivated).
#pragma once

#include <QDockWidget>
#include <QPointer>

class QMainWindow;

namespace inferscope::widgets {

class AnalysisController;
class ModelView;
class PerformanceChartsPanel;

class ChartsDock : public QDockWidget {
  Q_OBJECT
 public:
  explicit ChartsDock(QMainWindow* window);

  // Follows the view's analysis (null: no model).
  void setView(ModelView* view);
  PerformanceChartsPanel* panel() const { return panel_; }

 Q_SIGNALS:
  void operatorActivated(int subgraph, int op);

 private:
  void refresh();

  PerformanceChartsPanel* panel_;
  QPointer<AnalysisController> controller_;
  QList<QMetaObject::Connection> conns_;
};

}  // namespace inferscope::widgets
