// The per-layer table of a performance estimate: one row per scheduled NPU operation with Vela's
// per-layer columns (SRAM usage, peak %, op cycles, network %, NPU cycles, per-memory access
// cycles, MACs, utilisation, name), sortable through SortRole; OperatorRole gives the TFLite
// operator (subgraph 0) a row belongs to, so selecting a row can select it in the graph.
#pragma once

#include <QAbstractTableModel>
#include <memory>

#include "core/estimate/estimate.h"

namespace inferscope::widgets {

class PerfLayerModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Row,  // the layer's position in Vela's order
    Operator,  // TFLite operator index (subgraph 0)
    TfliteOperator, NngOperator, SramUsage, PeakPercent, OpCycles, NetworkPercentCycles, NpuCycles,
    SramAccessCycles, DramAccessCycles, OnChipFlashAccessCycles, OffChipFlashAccessCycles, Macs,
    NetworkPercentMacs, UtilPercent, Name,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers for numeric columns, text otherwise
    OperatorRole,                 // the TFLite operator index of the row (-1: none)
  };

  explicit PerfLayerModel(QObject* parent = nullptr);
  // The estimate's layers (null empties the table).
  void setEstimate(std::shared_ptr<const estimate::Estimate> estimate);
  const std::shared_ptr<const estimate::Estimate>& estimate() const { return estimate_; }
  // The first row of a TFLite operator, or an invalid index.
  QModelIndex indexOfOperator(int op, int column = 0) const;
  // Whether a column has only zeros (e.g. DRAM access on a system without DRAM).
  bool columnIsZero(int column) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  double number(const estimate::LayerRow& l, int column) const;
  std::shared_ptr<const estimate::Estimate> estimate_;
  double maxPercent_ = 0;
};

}  // namespace inferscope::widgets
