#include "widgets/profile_memory_model.h"

#include <QApplication>
#include <QPalette>

#include "widgets/profile_format.h"

namespace inferscope::widgets {

using targets::AxiPort;
using targets::MemoryArea;

ProfileMemoryModel::ProfileMemoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProfileMemoryModel::setProfile(const targets::TargetProfile& p) {
  beginResetModel();
  profile_ = p;
  npu_ = p.isEthosU();
  endResetModel();
}

int ProfileMemoryModel::rowCount(const QModelIndex& parent) const { return parent.isValid() || !npu_ ? 0 : RowCount; }
int ProfileMemoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 2; }

QString ProfileMemoryModel::holdsText(const targets::TargetProfile& p, AxiPort port) {
  QStringList out;
  const auto& m = p.memoryMode;
  if (m.constMemArea == port) out << tr("constants");
  if (m.arenaMemArea == port) out << tr("arena");
  if (m.cacheMemArea == port) out << tr("cache");
  return out.join(QStringLiteral(", "));
}

QVariant ProfileMemoryModel::value(int row, AxiPort port) const {
  const auto& p = profile_;
  const MemoryArea a = p.systemConfig.areaOn(port);
  const auto& s = p.systemConfig.settings(a);
  switch (row) {
    case Memory: return static_cast<int>(a);
    case Holds: {
      int mask = 0;
      if (p.memoryMode.constMemArea == port) mask |= 1;
      if (p.memoryMode.arenaMemArea == port) mask |= 2;
      if (p.memoryMode.cacheMemArea == port) mask |= 4;
      return mask;
    }
    case Clock: return p.memoryClockHz(a);
    case ClockScale: return s.clockScale;
    case BytesPerCycle: return p.bytesPerCycle(a);
    case GBps: return p.bytesPerSecond(a) / 1e9;
    case BurstLength: return static_cast<qlonglong>(s.burstLength);
    case ReadLatency: return static_cast<qlonglong>(s.readLatency);
    case WriteLatency: return static_cast<qlonglong>(s.writeLatency);
    case Outstanding: return static_cast<qlonglong>(s.maxReads.value_or(-1));
    case PortsUsed: return static_cast<qlonglong>(p.portsUsed(a));
    default: return {};
  }
}

QVariant ProfileMemoryModel::display(int row, AxiPort port) const {
  const auto& p = profile_;
  const MemoryArea a = p.systemConfig.areaOn(port);
  const auto& s = p.systemConfig.settings(a);
  switch (row) {
    case Memory: return QString::fromUtf8(targets::memoryAreaDisplayName(a).data());
    case Holds: {
      QString h = holdsText(p, port);
      return h.isEmpty() ? QStringLiteral("\u2014") : h;
    }
    case Clock: return formatHz(p.memoryClockHz(a));
    case ClockScale: return QString::number(s.clockScale);
    case BytesPerCycle: return formatBytesPerCycle(p.bytesPerCycle(a));
    case GBps: return formatGBps(p.bytesPerSecond(a));
    case BurstLength: return tr("%1 B").arg(s.burstLength);
    case ReadLatency: return tr("%1 cycles").arg(s.readLatency);
    case WriteLatency: return tr("%1 cycles").arg(s.writeLatency);
    case Outstanding: {
      if (!s.maxReads && !s.maxWrites) return tr("not limited");
      auto n = [](const std::optional<std::int64_t>& v) { return v ? QString::number(*v) : QStringLiteral("\u2014"); };
      return tr("%1 reads / %2 writes").arg(n(s.maxReads), n(s.maxWrites));
    }
    case PortsUsed: return QString::number(p.portsUsed(a));
    default: return {};
  }
}

QString ProfileMemoryModel::rowToolTip(int row) const {
  switch (row) {
    case Memory: return tr("The memory on this AXI port (system config axi0_port / axi1_port)");
    case Holds: return tr("What the memory mode places on this port: constants (weights), the feature-map arena, the cache");
    case Clock: return tr("Memory clock: core clock \u00D7 clock scale");
    case ClockScale: return tr("<Memory>_clock_scale");
    case BytesPerCycle: return tr("Peak bandwidth per NPU cycle: AXI width / 8 \u00D7 clock scale \u00D7 ports used");
    case GBps: return tr("Peak bandwidth: bytes per cycle \u00D7 core clock");
    case BurstLength: return tr("<Memory>_burst_length");
    case ReadLatency: return tr("<Memory>_read_latency, in memory clock cycles");
    case WriteLatency: return tr("<Memory>_write_latency, in memory clock cycles");
    case Outstanding: return tr("Maximum outstanding transactions (<Memory>_max_reads / _max_writes, Vela 4)");
    case PortsUsed: return tr("AXI ports used by this memory (<Memory>_ports_used, Ethos-U85)");
    default: return {};
  }
}

QVariant ProfileMemoryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= 2) return {};
  const auto port = index.column() == 0 ? AxiPort::Axi0 : AxiPort::Axi1;
  switch (role) {
    case Qt::DisplayRole: return display(index.row(), port);
    case ValueRole: return value(index.row(), port);
    case Qt::ToolTipRole: return rowToolTip(index.row());
    case Qt::DecorationRole:
      if (index.row() == Memory)
        return memoryAreaColor(profile_.systemConfig.areaOn(port), isDarkPalette(QApplication::palette()));
      return {};
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
  }
}

QVariant ProfileMemoryModel::headerData(int section, Qt::Orientation o, int role) const {
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  if (o == Qt::Horizontal) {
    if (section < 0 || section >= 2) return {};
    if (role == Qt::ToolTipRole) return tr("%1-bit AXI port").arg(profile_.axiPortWidthBits());
    return section == 0 ? tr("AXI0") : tr("AXI1");
  }
  if (section < 0 || section >= rowCount()) return {};
  if (role == Qt::ToolTipRole) return rowToolTip(section);
  static const char* names[] = {
      QT_TR_NOOP("Memory"),         QT_TR_NOOP("Holds"),          QT_TR_NOOP("Clock"),
      QT_TR_NOOP("Clock scale"),    QT_TR_NOOP("Bytes/cycle"),    QT_TR_NOOP("Bandwidth"),
      QT_TR_NOOP("Burst length"),   QT_TR_NOOP("Read latency"),   QT_TR_NOOP("Write latency"),
      QT_TR_NOOP("Outstanding"),    QT_TR_NOOP("Ports used")};
  return tr(names[section]);
}

}  // namespace inferscope::widgets
