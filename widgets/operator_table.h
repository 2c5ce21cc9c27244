// Operator table dock: a filter box over a sortable table of the current subgraph's operators.
#pragma once

#include <QWidget>

#include "widgets/operator_table_model.h"

class QLineEdit;
class QTableView;
class QSortFilterProxyModel;

namespace inferscope::widgets {

class OperatorTable : public QWidget {
  Q_OBJECT
 public:
  explicit OperatorTable(QWidget* parent = nullptr);
  OperatorTableModel* model() const { return model_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QTableView* view() const { return view_; }
  // Selects the operator's row without emitting operatorActivated.
  void selectOperator(int op);
  void setFilterText(const QString& text);

 Q_SIGNALS:
  void operatorActivated(int op);

 private:
  OperatorTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QTableView* view_;
  bool syncing_ = false;
};

}  // namespace inferscope::widgets
