// The operators of one subgraph as a table: index, type, name, input and output shapes, MACs,
// parameters, and the overlay (decoration badge) when a feature set one.
#pragma once

#include <QAbstractTableModel>

#include "core/model/ir.h"
#include "widgets/node_decorations.h"

namespace inferscope::widgets {

class OperatorTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Index, Type, Name, Inputs, Outputs, Macs, Params, Overlay, ColumnCount };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers for numeric columns, text otherwise
    OperatorRole,                 // operator index
  };

  explicit OperatorTableModel(QObject* parent = nullptr);
  void setSubgraph(model::ModelPtr model, int subgraph);
  void setDecorations(NodeDecorationsPtr decorations);
  bool hasOverlay() const { return decorations_ && decorations_->size() > 0; }
  int subgraph() const { return subgraph_; }
  // Row of an operator (rows are operator indices).
  QModelIndex indexOfOperator(int op, int column = 0) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 Q_SIGNALS:
  void overlayChanged(bool hasOverlay);

 private:
  struct Row {
    QString type, name, inputs, outputs;
    qint64 params = 0;
    bool ready = false;
  };
  // Rows are filled on first use, so opening a 50k-operator model costs nothing up front.
  const Row& row(int r) const;
  model::ModelPtr model_;
  int subgraph_ = 0;
  mutable QVector<Row> rows_;
  NodeDecorationsPtr decorations_;
};

}  // namespace inferscope::widgets
