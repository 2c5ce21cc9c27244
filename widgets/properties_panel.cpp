#include "widgets/properties_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

#include "widgets/node_content.h"
#include "widgets/properties_builder.h"

namespace inferscope::widgets {

PropertiesPanel::PropertiesPanel(QWidget* parent) : QWidget(parent) {
  heading_ = new QLabel(this);
  heading_->setTextFormat(Qt::PlainText);
  heading_->setWordWrap(true);
  QFont f = heading_->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.1);
  heading_->setFont(f);
  heading_->setContentsMargins(6, 4, 6, 4);

  model_ = new PropertyModel(this);
  view_ = new QTreeView(this);
  view_->setModel(model_);
  view_->setUniformRowHeights(true);
  view_->setAlternatingRowColors(true);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->header()->setStretchLastSection(true);
  view_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
  view_->setColumnWidth(0, 150);
  view_->setTextElideMode(Qt::ElideMiddle);
  connect(view_, &QTreeView::activated, this, [this](const QModelIndex& i) {
    auto link = model_->data(i, PropertyModel::LinkRole);
    if (link.isValid()) Q_EMIT linkActivated(link.value<PropertyLink>());
  });
  connect(view_, &QTreeView::clicked, this, [this](const QModelIndex& i) {
    if (i.column() != 1) return;
    auto link = model_->data(i, PropertyModel::LinkRole);
    if (link.isValid()) Q_EMIT linkActivated(link.value<PropertyLink>());
  });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(heading_);
  layout->addWidget(view_);
}

QString PropertiesPanel::heading() const { return heading_->text(); }

void PropertiesPanel::present(const QString& heading, std::unique_ptr<PropertyItem> root) {
  heading_->setText(heading);
  model_->setRoot(std::move(root));
  // Sections open; long lists (per-channel rows, consumers) stay folded.
  for (int r = 0; r < model_->rowCount(); ++r) {
    auto idx = model_->index(r, 0);
    view_->expand(idx);
  }
}

void PropertiesPanel::showOperator(const model::ModelPtr& m, int subgraph, int op) {
  const auto& o = m->subgraphs[static_cast<std::size_t>(subgraph)].operators[static_cast<std::size_t>(op)];
  auto root = operatorProperties(*m, subgraph, op);
  if (operatorSections_) operatorSections_(root.get(), subgraph, op);
  present(tr("%1  \u2014 operator %2").arg(displayOpName(*m, o)).arg(op), std::move(root));
}

void PropertiesPanel::showTensor(const model::ModelPtr& m, int subgraph, int tensor) {
  const auto* t = m->subgraphs[static_cast<std::size_t>(subgraph)].tensor(tensor);
  present(tr("Tensor %1").arg(t ? QString::fromStdString(t->name) : QString::number(tensor)),
          tensorProperties(*m, subgraph, tensor));
}

void PropertiesPanel::showModel(const model::ModelPtr& m, const QString& path) {
  present(tr("Model properties"), modelProperties(*m, path));
}

void PropertiesPanel::clear() { present(QString(), nullptr); }

}  // namespace inferscope::widgets
