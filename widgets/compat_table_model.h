// The compatibility table: one row per operator (every subgraph) with its verdict, the reason it
// is off the target and the advice; sortable (SortRole) and filterable (CompatFilterProxy: by
// verdict and by text over type, name, reason and advice).
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include "widgets/compat_data.h"

namespace inferscope::widgets {

class CompatTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Subgraph, Index, Type, Name, Placement, Reason, Advice, ColumnCount };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers for numeric columns, verdict order for Placement, text otherwise
    SubgraphRole,                 // the operator's subgraph
    OperatorRole,                 // the operator's index in its subgraph
    VerdictRole,                  // CompatEntry::Verdict as int
    SearchRole,                   // everything the text filter looks at
  };

  explicit CompatTableModel(QObject* parent = nullptr);
  void setCompatData(CompatDataPtr data);  // null empties the table
  const CompatDataPtr& compatData() const { return data_; }
  QModelIndex indexOfOperator(int subgraph, int op, int column = 0) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  CompatDataPtr data_;
};

class CompatFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Show { All, OnTarget, OffTarget, NotCounted };
  explicit CompatFilterProxy(QObject* parent = nullptr);
  void setShow(Show s);
  Show show() const { return show_; }
  void setText(const QString& text);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  Show show_ = Show::All;
  QString text_;
};

}  // namespace inferscope::widgets
