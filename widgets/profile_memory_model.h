// The memory system of an Ethos-U target profile as a table: one column per AXI port, one row per
// property (memory area, what it holds, clock, bandwidth in bytes/cycle and GB/s, burst length,
// latencies, outstanding transactions, ports used). Empty for targets without an NPU.
#pragma once

#include <QAbstractTableModel>

#include "core/targets/profile.h"

namespace inferscope::widgets {

class ProfileMemoryModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Row { Memory, Holds, Clock, ClockScale, BytesPerCycle, GBps, BurstLength, ReadLatency, WriteLatency,
             Outstanding, PortsUsed, RowCount };
  // Qt::UserRole: the value as a number (Memory: the MemoryArea, Holds: a bit mask 1 constants,
  // 2 arena, 4 cache, Outstanding: max reads, -1 when unset).
  static constexpr int ValueRole = Qt::UserRole;

  explicit ProfileMemoryModel(QObject* parent = nullptr);

  void setProfile(const targets::TargetProfile& p);
  const targets::TargetProfile& profile() const { return profile_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  // "constants, arena" for a port.
  static QString holdsText(const targets::TargetProfile& p, targets::AxiPort port);

 private:
  QVariant display(int row, targets::AxiPort port) const;
  QVariant value(int row, targets::AxiPort port) const;
  QString rowToolTip(int row) const;

  targets::TargetProfile profile_;
  bool npu_ = false;
};

}  // namespace inferscope::widgets
