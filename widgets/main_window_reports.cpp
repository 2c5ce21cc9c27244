// MainWindow: the Charts dock and the report exports (File -> Export Report).
#include <QDockWidget>
#include <QMenu>

#include "widgets/analysis_panels.h"
#include "widgets/charts/performance_charts.h"
#include "widgets/charts_dock.h"
#include "widgets/export_actions.h"
#include "widgets/main_window.h"

namespace inferscope::widgets {

void MainWindow::createReporting() {
  charts_ = new ChartsDock(this);
  addDockWidget(Qt::BottomDockWidgetArea, charts_);
  if (auto* perf = analysis_->perfDock()) tabifyDockWidget(perf, charts_);
  if (panelsMenu_) panelsMenu_->addAction(charts_->toggleViewAction());
  // A bar of the per-layer chart (or a step of the SRAM timeline) selects its operator in the graph,
  // which the operator, compatibility and performance tables follow.
  connect(charts_, &ChartsDock::operatorActivated, this, [this](int subgraph, int op) {
    if (auto* v = currentView()) v->selectOperator(subgraph, op);
  });
  // The PDF includes the target comparison when it was run for this model.
  export_->setComparisonSource([this]() -> std::vector<report::TargetFigures> {
    auto* cmp = charts_->panel()->comparison();
    auto* v = currentView();
    if (!v || cmp->busy() || cmp->model() != v->model()) return {};
    return cmp->rows();
  });
  charts_->setView(currentView());
}

}  // namespace inferscope::widgets
