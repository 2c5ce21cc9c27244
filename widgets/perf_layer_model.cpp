#include "widgets/perf_layer_model.h"

#include <QColor>
#include <algorithm>
#include <cmath>

#include "core/util/text.h"
#include "widgets/perf_heatmap.h"

namespace inferscope::widgets {

namespace {
QString count(double v) { return QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(std::llround(v)))); }
QString percent(double v) { return QString::number(v, 'f', 2); }
}  // namespace

PerfLayerModel::PerfLayerModel(QObject* parent) : QAbstractTableModel(parent) {}

void PerfLayerModel::setEstimate(std::shared_ptr<const estimate::Estimate> estimate) {
  beginResetModel();
  estimate_ = std::move(estimate);
  maxPercent_ = 0;
  if (estimate_)
    for (const auto& l : estimate_->layers) maxPercent_ = std::max(maxPercent_, l.networkPercentCycles);
  endResetModel();
}

QModelIndex PerfLayerModel::indexOfOperator(int op, int column) const {
  if (!estimate_ || op < 0) return {};
  const auto& layers = estimate_->layers;
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (layers[i].sourceOp == op) return index(static_cast<int>(i), column);
  return {};
}

bool PerfLayerModel::columnIsZero(int column) const {
  if (!estimate_ || column < SramUsage || column == Name || column == NngOperator) return false;
  return std::all_of(estimate_->layers.begin(), estimate_->layers.end(),
                     [&](const estimate::LayerRow& l) { return number(l, column) == 0; });
}

int PerfLayerModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !estimate_ ? 0 : static_cast<int>(estimate_->layers.size());
}

int PerfLayerModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

double PerfLayerModel::number(const estimate::LayerRow& l, int column) const {
  switch (column) {
    case Operator: return l.sourceOp;
    case SramUsage: return static_cast<double>(l.sramUsage);
    case PeakPercent: return l.peakPercent;
    case OpCycles: return l.opCycles;
    case NetworkPercentCycles: return l.networkPercentCycles;
    case NpuCycles: return l.npuCycles;
    case SramAccessCycles: return l.sramAccessCycles;
    case DramAccessCycles: return l.dramAccessCycles;
    case OnChipFlashAccessCycles: return l.onChipFlashAccessCycles;
    case OffChipFlashAccessCycles: return l.offChipFlashAccessCycles;
    case Macs: return static_cast<double>(l.macs);
    case NetworkPercentMacs: return l.networkPercentMacs;
    case UtilPercent: return l.utilPercent;
    default: return 0;
  }
}

QVariant PerfLayerModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const auto& l = estimate_->layers[static_cast<std::size_t>(index.row())];
  const int c = index.column();
  switch (role) {
    case Qt::DisplayRole:
      switch (c) {
        case Row: return index.row();
        case Operator: return l.sourceOp >= 0 ? QVariant(l.sourceOp) : QVariant();
        case TfliteOperator: return QString::fromStdString(l.tfliteOperator);
        case NngOperator: return QString::fromStdString(l.nngOperator);
        case Name: return QString::fromStdString(l.name);
        case PeakPercent: case NetworkPercentCycles: case NetworkPercentMacs: case UtilPercent:
          return percent(number(l, c));
        default: return count(number(l, c));
      }
    case SortRole:
      switch (c) {
        case Row: return index.row();
        case TfliteOperator: case NngOperator: case Name: return data(index, Qt::DisplayRole);
        default: return number(l, c);
      }
    case Qt::TextAlignmentRole:
      if (c != TfliteOperator && c != NngOperator && c != Name) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case Qt::BackgroundRole:
      // The hot layers stand out: the network share tinted on the heat-map scale.
      if (c == NetworkPercentCycles && maxPercent_ > 0) return heatColor(std::sqrt(l.networkPercentCycles / maxPercent_));
      break;
    case Qt::ForegroundRole:
      if (c == NetworkPercentCycles && maxPercent_ > 0) return QColor(20, 20, 20);
      break;
    case Qt::ToolTipRole:
      if (c == Name || c == NngOperator) return data(index, Qt::DisplayRole);
      break;
    case OperatorRole: return l.sourceOp;
    default: break;
  }
  return {};
}

QVariant PerfLayerModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal) return QAbstractTableModel::headerData(section, o, role);
  if (role == Qt::DisplayRole) {
    switch (section) {
      case Row: return tr("#");
      case Operator: return tr("Op");
      case TfliteOperator: return tr("TFLite_operator");
      case NngOperator: return tr("NNG Operator");
      case SramUsage: return tr("SRAM Usage");
      case PeakPercent: return tr("Peak%");
      case OpCycles: return tr("Op Cycles");
      case NetworkPercentCycles: return tr("Network%");
      case NpuCycles: return tr("NPU");
      case SramAccessCycles: return tr("SRAM AC");
      case DramAccessCycles: return tr("DRAM AC");
      case OnChipFlashAccessCycles: return tr("OnFlash AC");
      case OffChipFlashAccessCycles: return tr("OffFlash AC");
      case Macs: return tr("MAC Count");
      case NetworkPercentMacs: return tr("Network% (MAC)");
      case UtilPercent: return tr("Util%");
      case Name: return tr("Name");
    }
  } else if (role == Qt::ToolTipRole) {
    switch (section) {
      case Row: return tr("Position in Vela's per-layer report");
      case Operator: return tr("Index of the TFLite operator (subgraph 0) this NPU operation comes from");
      case NngOperator: return tr("The operation Vela lowers the operator to");
      case SramUsage: return tr("Bytes of SRAM in use while this operation runs");
      case PeakPercent: return tr("SRAM usage as a share of the total SRAM used");
      case OpCycles: return tr("Cycles of the operation: the larger of NPU and memory access cycles");
      case NetworkPercentCycles: return tr("Share of the network's cycles");
      case NpuCycles: return tr("NPU compute cycles");
      case SramAccessCycles: return tr("SRAM access cycles");
      case DramAccessCycles: return tr("DRAM access cycles");
      case OnChipFlashAccessCycles: return tr("On-chip flash access cycles");
      case OffChipFlashAccessCycles: return tr("Off-chip flash access cycles");
      case Macs: return tr("Multiply-accumulate operations");
      case NetworkPercentMacs: return tr("Share of the network's MACs");
      case UtilPercent: return tr("MAC utilisation: MACs / (op cycles \u00D7 peak MACs per cycle)");
      default: break;
    }
  }
  return {};
}

}  // namespace inferscope::widgets
