// Subgraph / signature selector: lists the model's subgraphs and signature defs; activating one
// shows that subgraph. A Back button (the window's Back action) returns along the history.
#pragma once

#include <QWidget>

#include "core/model/ir.h"

class QTreeWidget;
class QToolButton;
class QAction;

namespace inferscope::widgets {

class SubgraphPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SubgraphPanel(QWidget* parent = nullptr);
  void setModel(const model::ModelPtr& m);
  void setCurrent(int subgraph);
  void setBackAction(QAction* back);
  QTreeWidget* tree() const { return tree_; }

 Q_SIGNALS:
  void subgraphActivated(int subgraph);

 private:
  QTreeWidget* tree_;
  QToolButton* back_;
};

}  // namespace inferscope::widgets
