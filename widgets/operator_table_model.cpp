#include "widgets/operator_table_model.h"

#include <QColor>

#include "core/util/text.h"
#include "widgets/node_content.h"

namespace inferscope::widgets {

OperatorTableModel::OperatorTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void OperatorTableModel::setSubgraph(model::ModelPtr model, int subgraph) {
  beginResetModel();
  model_ = std::move(model);
  subgraph_ = subgraph;
  rows_.clear();
  if (model_ && subgraph >= 0 && static_cast<std::size_t>(subgraph) < model_->subgraphs.size())
    rows_.resize(static_cast<qsizetype>(model_->subgraphs[static_cast<std::size_t>(subgraph)].operators.size()));
  endResetModel();
}

const OperatorTableModel::Row& OperatorTableModel::row(int index) const {
  auto& r = rows_[index];
  if (r.ready) return r;
  const auto& sg = model_->subgraphs[static_cast<std::size_t>(subgraph_)];
  const auto& op = sg.operators[static_cast<std::size_t>(index)];
  auto shapes = [&](const std::vector<std::int32_t>& ts) {
    QStringList parts;
    for (auto t : ts)
      if (const auto* tensor = sg.tensor(t); tensor && !tensor->isConstant()) parts << shapeString(tensor->shape);
    return parts.join(QStringLiteral(", "));
  };
  r.type = QString::fromStdString(model_->opTypeName(op));
  if (!op.outputs.empty())
    if (const auto* t = sg.tensor(op.outputs[0])) r.name = QString::fromStdString(t->name);
  r.inputs = shapes(op.inputs);
  r.outputs = shapes(op.outputs);
  for (auto t : op.inputs)
    if (const auto* tensor = sg.tensor(t); tensor && tensor->isConstant()) r.params += tensor->numElements();
  r.ready = true;
  return r;
}

void OperatorTableModel::setDecorations(NodeDecorationsPtr decorations) {
  decorations_ = std::move(decorations);
  if (!rows_.isEmpty()) Q_EMIT dataChanged(index(0, Overlay), index(rowCount() - 1, Overlay));
  Q_EMIT overlayChanged(hasOverlay());
}

QModelIndex OperatorTableModel::indexOfOperator(int op, int column) const {
  return op >= 0 && op < rowCount() ? index(op, column) : QModelIndex();
}

int OperatorTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int OperatorTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OperatorTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  auto r = [&]() -> const Row& { return row(index.row()); };
  const auto& sg = model_->subgraphs[static_cast<std::size_t>(subgraph_)];
  auto op = index.row();
  qint64 macs = static_cast<std::size_t>(op) < sg.facts.macs.size() ? sg.facts.macs[static_cast<std::size_t>(op)] : 0;
  const NodeDecoration* deco = decorations_ ? decorations_->find(subgraph_, op) : nullptr;
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Index: return op;
        case Type: return r().type;
        case Name: return r().name;
        case Inputs: return r().inputs;
        case Outputs: return r().outputs;
        case Macs: return macs ? QString::fromStdString(text::withSeparators(macs)) : QString();
        case Params: return r().params ? QString::fromStdString(text::withSeparators(r().params)) : QString();
        case Overlay: return deco ? deco->badge : QString();
      }
      break;
    case SortRole:
      switch (index.column()) {
        case Index: return op;
        case Macs: return macs;
        case Params: return r().params;
        default: return data(index, Qt::DisplayRole);
      }
    case OperatorRole: return op;
    case Qt::ToolTipRole:
      if (index.column() == Overlay && deco) return deco->tooltip;
      if (index.column() == Name || index.column() == Inputs || index.column() == Outputs)
        return data(index, Qt::DisplayRole);
      break;
    case Qt::TextAlignmentRole:
      if (index.column() == Index || index.column() == Macs || index.column() == Params)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case Qt::DecorationRole:
      if (index.column() == Overlay && deco) {
        QColor c = deco->badgeColor.isValid() ? deco->badgeColor : deco->fill.isValid() ? deco->fill : deco->outline;
        if (c.isValid()) return c;
      }
      break;
    default: break;
  }
  return {};
}

QVariant OperatorTableModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
  switch (section) {
    case Index: return tr("#");
    case Type: return tr("Type");
    case Name: return tr("Name");
    case Inputs: return tr("Inputs");
    case Outputs: return tr("Outputs");
    case Macs: return tr("MACs");
    case Params: return tr("Parameters");
    case Overlay: return tr("Overlay");
  }
  return {};
}

}  // namespace inferscope::widgets
