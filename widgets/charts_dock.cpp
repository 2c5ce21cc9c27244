#include "widgets/charts_dock.h"

#include <QMainWindow>

#include "widgets/analysis_controller.h"
#include "widgets/charts/performance_charts.h"
#include "widgets/model_view.h"

namespace inferscope::widgets {

ChartsDock::ChartsDock(QMainWindow* window) : QDockWidget(tr("Charts"), window) {
  setObjectName(QStringLiteral("ChartsDock"));
  panel_ = new PerformanceChartsPanel(this);
  setWidget(panel_);
  connect(panel_, &PerformanceChartsPanel::operatorActivated, this, &ChartsDock::operatorActivated);
}

void ChartsDock::setView(ModelView* view) {
  for (const auto& c : conns_) disconnect(c);
  conns_.clear();
  controller_ = AnalysisController::of(view);
  if (controller_) {
    conns_ << connect(controller_, &AnalysisController::outcomeChanged, this, &ChartsDock::refresh)
           << connect(controller_, &AnalysisController::stateChanged, this, &ChartsDock::refresh);
  }
  refresh();
}

void ChartsDock::refresh() {
  if (!controller_ || !controller_->view()->model()) {
    panel_->setAnalysis(nullptr);
    panel_->setMessage(tr("Open a model and choose an Ethos-U target profile to see where the cycles and the memory go."));
    return;
  }
  const auto& outcome = controller_->outcome();
  if (!outcome) {
    panel_->setMessage(controller_->busy() ? tr("Estimating\u2026") : tr("No analysis yet."));
    return;
  }
  if (outcome->analysis == panel_->analysis() && outcome->analysis) return;  // already shown
  if (outcome->analysis && outcome->analysis->performance) {
    panel_->setAnalysis(outcome->analysis);
    return;
  }
  // No estimate: say why, and keep the comparison usable for the model.
  auto plain = std::make_shared<analysis::Analysis>();
  plain->model = controller_->view()->model();
  plain->modelPath = controller_->view()->document()->path().toStdString();
  if (outcome->profile) plain->profile = *outcome->profile;
  panel_->setAnalysis(plain);
  if (!outcome->error.isEmpty()) panel_->setMessage(outcome->error);
  else if (!outcome->perfUnavailable.isEmpty())
    panel_->setNote(outcome->perfUnavailable + QLatin1Char(' ') + tr("The Targets tab compares the Ethos-U built-ins for this model."));
}

}  // namespace inferscope::widgets
