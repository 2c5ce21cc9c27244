#include "widgets/tensor_values_model.h"

#include <QFontDatabase>
#include <cmath>

#include "widgets/tensor_data.h"

namespace inferscope::widgets {

TensorValuesModel::TensorValuesModel(QObject* parent) : QAbstractTableModel(parent) {}

void TensorValuesModel::setValues(std::vector<double> values, std::vector<std::int32_t> shape, bool real) {
  beginResetModel();
  values_ = std::move(values);
  shape_ = std::move(shape);
  real_ = real;
  rowLength_ = shape_.empty() ? 1 : std::max<std::int64_t>(1, shape_.back());
  if (static_cast<std::int64_t>(values_.size()) < rowLength_ || shape_.size() < 2) {
    // Vectors, scalars and sparse payloads: one column of values.
    rowLength_ = 1;
  }
  endResetModel();
}

void TensorValuesModel::setFull(bool full) {
  if (full == full_) return;
  beginResetModel();
  full_ = full;
  endResetModel();
}

std::int64_t TensorValuesModel::totalRows() const {
  return (static_cast<std::int64_t>(values_.size()) + rowLength_ - 1) / rowLength_;
}

bool TensorValuesModel::truncated() const { return !full_ && totalRows() > kTruncatedRows; }

int TensorValuesModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  auto rows = totalRows();
  if (!full_) rows = std::min<std::int64_t>(rows, kTruncatedRows);
  return static_cast<int>(std::min<std::int64_t>(rows, 1 << 30));
}

int TensorValuesModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid() || values_.empty()) return 0;
  return static_cast<int>(std::min<std::int64_t>(rowLength_, kMaxColumns));
}

QVariant TensorValuesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  auto flat = static_cast<std::int64_t>(index.row()) * rowLength_ + index.column();
  if (flat >= static_cast<std::int64_t>(values_.size())) return {};
  double v = values_[static_cast<std::size_t>(flat)];
  switch (role) {
    case Qt::DisplayRole:
      if (!real_ && std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return QString::number(static_cast<qint64>(v));
      return QString::number(v, 'g', 6);
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole: return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    case Qt::ToolTipRole: {
      QStringList idx;
      for (auto i : unravel(flat, shape_)) idx << QString::number(i);
      return QStringLiteral("[%1] = %2").arg(idx.join(QStringLiteral(", ")), QString::number(v, 'g', 9));
    }
    default: return {};
  }
}

QVariant TensorValuesModel::headerData(int section, Qt::Orientation o, int role) const {
  if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
  if (o == Qt::Horizontal) return section;
  if (rowLength_ == 1 || shape_.size() < 2) return section;
  // Leading indices of this row.
  auto lead = std::vector<std::int32_t>(shape_.begin(), shape_.end() - 1);
  QStringList idx;
  for (auto i : unravel(section, lead)) idx << QString::number(i);
  return QStringLiteral("[%1]").arg(idx.join(QLatin1Char(',')));
}

}  // namespace inferscope::widgets
