// The Performance dock: the estimate's network summary as Vela prints it (cycles, inference time,
// inferences/s, memory used, bandwidth, MACs) plus the CPU-fallback estimate, and the per-layer
// table. Selecting a layer selects its operator in the graph.
#pragma once

#include <QPointer>
#include <QWidget>

#include "widgets/analysis_controller.h"
#include "widgets/perf_layer_model.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTreeWidget;

namespace inferscope::widgets {

class AnalysisHeader;
class StatTile;

class PerfPanel : public QWidget {
  Q_OBJECT
 public:
  enum Tile { InferenceTime, InferencesPerSecond, TotalCycles, SramUsed, FlashUsed, WithCpu, TileCount };

  explicit PerfPanel(QWidget* parent = nullptr);
  void setController(AnalysisController* c);

  PerfLayerModel* model() const { return model_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QTableView* view() const { return view_; }
  QTreeWidget* summary() const { return summary_; }
  StatTile* tile(Tile t) const { return tiles_[t]; }
  // Selects the operator's first layer without emitting operatorActivated.
  void selectOperator(int subgraph, int op);

 Q_SIGNALS:
  void operatorActivated(int subgraph, int op);

 private:
  void refresh();
  void fillSummary(const estimate::Estimate& e, const AnalysisOutcome& o);

  QPointer<AnalysisController> controller_;
  QMetaObject::Connection outcomeConn_;
  AnalysisHeader* header_;
  QStackedWidget* stack_;
  QLabel* message_;
  StatTile* tiles_[TileCount];
  QTreeWidget* summary_;
  QLineEdit* filter_;
  PerfLayerModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* view_;
  bool syncing_ = false;
};

}  // namespace inferscope::widgets
