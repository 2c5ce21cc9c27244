// The Compatibility dock: for the current model and target profile, the counts (operators on the
// target and off it, NPU segments, CPU<->NPU transitions), the advice, and the per-operator table
// (filter by verdict and text). Activating a row selects the operator in the graph.
#pragma once

#include <QPointer>
#include <QWidget>

#include "widgets/analysis_controller.h"
#include "widgets/compat_table_model.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace inferscope::widgets {

class AnalysisHeader;
class StatTile;

class CompatPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CompatPanel(QWidget* parent = nullptr);
  // Shows this controller's outcome and follows its updates (null: no model).
  void setController(AnalysisController* c);

  CompatTableModel* model() const { return model_; }
  CompatFilterProxy* proxy() const { return proxy_; }
  QTableView* view() const { return view_; }
  StatTile* tile(int i) const { return tiles_[i]; }  // on target, off target, segments, transitions
  QString adviceText() const;                         // plain text of the advice pane
  void setShow(CompatFilterProxy::Show show);
  // Selects the operator's row without emitting operatorActivated.
  void selectOperator(int subgraph, int op);

 Q_SIGNALS:
  void operatorActivated(int subgraph, int op);

 private:
  void refresh();
  QString adviceHtml(const CompatData& d) const;

  QPointer<AnalysisController> controller_;
  QMetaObject::Connection outcomeConn_;
  AnalysisHeader* header_;
  QStackedWidget* stack_;
  QLabel* message_;
  StatTile* tiles_[4];
  QTextBrowser* advice_;
  QComboBox* show_;
  QLineEdit* filter_;
  CompatTableModel* model_;
  CompatFilterProxy* proxy_;
  QTableView* view_;
  bool syncing_ = false;
};

}  // namespace inferscope::widgets
