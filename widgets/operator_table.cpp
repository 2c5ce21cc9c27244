#include "widgets/operator_table.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/table_views.h"

namespace inferscope::widgets {

OperatorTable::OperatorTable(QWidget* parent) : QWidget(parent) {
  model_ = new OperatorTableModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(OperatorTableModel::SortRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter operators (type, name, shape)"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

  view_ = makeRowTable(this, proxy_, OperatorTableModel::Index);
  view_->setColumnWidth(OperatorTableModel::Index, 56);
  view_->setColumnWidth(OperatorTableModel::Type, 170);
  view_->setColumnWidth(OperatorTableModel::Name, 260);
  view_->setColumnWidth(OperatorTableModel::Inputs, 150);
  view_->setColumnWidth(OperatorTableModel::Outputs, 110);
  view_->setColumnWidth(OperatorTableModel::Macs, 110);
  view_->setColumnWidth(OperatorTableModel::Params, 90);
  // The overlay column appears when a feature decorates operators (compatibility, heat map).
  view_->setColumnHidden(OperatorTableModel::Overlay, true);
  connect(model_, &OperatorTableModel::overlayChanged, this,
          [this](bool on) { view_->setColumnHidden(OperatorTableModel::Overlay, !on); });
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
    if (syncing_ || !cur.isValid()) return;
    Q_EMIT operatorActivated(proxy_->data(cur, OperatorTableModel::OperatorRole).toInt());
  });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->setSpacing(2);
  layout->addWidget(filter_);
  layout->addWidget(view_);
}

void OperatorTable::selectOperator(int op) {
  syncing_ = true;
  auto src = model_->indexOfOperator(op);
  auto idx = proxy_->mapFromSource(src);
  if (idx.isValid()) {
    view_->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(idx);
  } else {
    view_->clearSelection();
  }
  syncing_ = false;
}

void OperatorTable::setFilterText(const QString& text) { filter_->setText(text); }

}  // namespace inferscope::widgets
