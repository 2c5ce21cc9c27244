#include "widgets/subgraph_panel.h"

#include <QAction>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace inferscope::widgets {

namespace {
constexpr int kSubgraphRole = Qt::UserRole + 1;
}

SubgraphPanel::SubgraphPanel(QWidget* parent) : QWidget(parent) {
  back_ = new QToolButton(this);
  back_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  back_->setAutoRaise(true);
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Subgraph"), tr("Operators")});
  tree_->header()->setStretchLastSection(false);
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  tree_->setRootIsDecorated(true);
  connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* it) {
    auto v = it->data(0, kSubgraphRole);
    if (v.isValid()) Q_EMIT subgraphActivated(v.toInt());
  });
  connect(tree_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* it) {
    auto v = it->data(0, kSubgraphRole);
    if (v.isValid()) Q_EMIT subgraphActivated(v.toInt());
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->setSpacing(2);
  layout->addWidget(back_, 0, Qt::AlignLeft);
  layout->addWidget(tree_);
}

void SubgraphPanel::setBackAction(QAction* back) { back_->setDefaultAction(back); }

void SubgraphPanel::setModel(const model::ModelPtr& m) {
  tree_->clear();
  if (!m) return;
  auto* subgraphs = new QTreeWidgetItem(tree_, {tr("Subgraphs")});
  subgraphs->setFlags(Qt::ItemIsEnabled);
  for (std::size_t i = 0; i < m->subgraphs.size(); ++i) {
    const auto& sg = m->subgraphs[i];
    QString name = sg.name.empty() ? tr("subgraph %1").arg(i) : tr("%1: %2").arg(i).arg(QString::fromStdString(sg.name));
    auto* it = new QTreeWidgetItem(subgraphs, {name, QString::number(sg.operators.size())});
    it->setData(0, kSubgraphRole, static_cast<int>(i));
    it->setTextAlignment(1, Qt::AlignRight);
  }
  if (!m->signatures.empty()) {
    auto* sigs = new QTreeWidgetItem(tree_, {tr("Signatures")});
    sigs->setFlags(Qt::ItemIsEnabled);
    for (const auto& s : m->signatures) {
      auto* it = new QTreeWidgetItem(sigs, {QString::fromStdString(s.key), tr("\u2192 %1").arg(s.subgraphIndex)});
      it->setData(0, kSubgraphRole, static_cast<int>(s.subgraphIndex));
      it->setToolTip(0, tr("%1 inputs, %2 outputs").arg(s.inputs.size()).arg(s.outputs.size()));
    }
  }
  tree_->expandAll();
}

void SubgraphPanel::setCurrent(int subgraph) {
  auto* top = tree_->topLevelItem(0);
  if (!top) return;
  for (int i = 0; i < top->childCount(); ++i) {
    auto* it = top->child(i);
    if (it->data(0, kSubgraphRole).toInt() == subgraph) {
      tree_->setCurrentItem(it);
      return;
    }
  }
}

}  // namespace inferscope::widgets
