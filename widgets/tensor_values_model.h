// A constant tensor's values as a grid: one column per element of the last dimension, one row per
// index of the leading dimensions (row headers show that index). Shows the first rows unless
// full mode is on.
#pragma once

#include <QAbstractTableModel>
#include <vector>

namespace inferscope::widgets {

class TensorValuesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  static constexpr int kTruncatedRows = 200;
  static constexpr int kMaxColumns = 512;

  explicit TensorValuesModel(QObject* parent = nullptr);
  // `values` in row-major order of `shape`; integers print without decimals unless `real`.
  void setValues(std::vector<double> values, std::vector<std::int32_t> shape, bool real);
  void setFull(bool full);
  bool full() const { return full_; }
  bool truncated() const;  // more rows exist than are shown
  std::int64_t totalRows() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<double> values_;
  std::vector<std::int32_t> shape_;
  std::int64_t rowLength_ = 1;
  bool real_ = false;
  bool full_ = false;
};

}  // namespace inferscope::widgets
