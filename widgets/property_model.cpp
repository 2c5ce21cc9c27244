#include "widgets/property_model.h"

#include <QFont>
#include <QFontDatabase>
#include <QPalette>
#include <QApplication>

namespace inferscope::widgets {

PropertyItem* PropertyItem::add(QString n, QString v, PropertyLink l) {
  auto item = std::make_unique<PropertyItem>(std::move(n), std::move(v));
  item->link = l;
  item->parent = this;
  item->rowIndex = static_cast<int>(children.size());
  children.push_back(std::move(item));
  return children.back().get();
}

PropertyItem* PropertyItem::section(QString n) {
  auto* s = add(std::move(n));
  s->isSection = true;
  return s;
}

PropertyModel::PropertyModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<PropertyItem>()) {}
PropertyModel::~PropertyModel() = default;

void PropertyModel::setRoot(std::unique_ptr<PropertyItem> root) {
  beginResetModel();
  root_ = root ? std::move(root) : std::make_unique<PropertyItem>();
  endResetModel();
}

const PropertyItem* PropertyModel::item(const QModelIndex& index) const {
  return index.isValid() ? static_cast<const PropertyItem*>(index.internalPointer()) : root_.get();
}

QModelIndex PropertyModel::index(int row, int column, const QModelIndex& parent) const {
  if (column < 0 || column >= 2 || row < 0) return {};
  if (parent.isValid() && parent.column() != 0) return {};
  const auto* p = item(parent);
  if (row >= p->childCount()) return {};
  return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex PropertyModel::parent(const QModelIndex& child) const {
  if (!child.isValid()) return {};
  const auto* c = item(child);
  auto* p = c->parent;
  if (!p || p == root_.get()) return {};
  return createIndex(p->row(), 0, p);
}

int PropertyModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() && parent.column() != 0) return 0;
  return item(parent)->childCount();
}

int PropertyModel::columnCount(const QModelIndex&) const { return 2; }

QVariant PropertyModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const auto* it = item(index);
  switch (role) {
    case Qt::DisplayRole: return index.column() == 0 ? it->name : it->value;
    case Qt::ToolTipRole:
      if (!it->tooltip.isEmpty()) return it->tooltip;
      return index.column() == 1 && it->value.size() > 30 ? QVariant(it->value) : QVariant();
    case Qt::FontRole: {
      if (it->isSection) {
        QFont f = QApplication::font();
        f.setBold(true);
        return f;
      }
      if (it->monospace && index.column() == 1) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
      if (it->link.kind != PropertyLink::Kind::None && index.column() == 1) {
        QFont f = QApplication::font();
        f.setUnderline(true);
        return f;
      }
      return {};
    }
    case Qt::ForegroundRole:
      if (it->link.kind != PropertyLink::Kind::None && index.column() == 1)
        return QApplication::palette().brush(QPalette::Link);
      return {};
    case LinkRole: return it->link.kind == PropertyLink::Kind::None ? QVariant() : QVariant::fromValue(it->link);
    case SectionRole: return it->isSection;
    default: return {};
  }
}

QVariant PropertyModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o == Qt::Horizontal && role == Qt::DisplayRole) return section == 0 ? tr("Property") : tr("Value");
  return {};
}

QModelIndex PropertyModel::find(const QString& name, const QModelIndex& start) const {
  for (int r = 0; r < rowCount(start); ++r) {
    auto i = index(r, 0, start);
    if (item(i)->name == name) return i;
    auto deeper = find(name, i);
    if (deeper.isValid()) return deeper;
  }
  return {};
}

}  // namespace inferscope::widgets
