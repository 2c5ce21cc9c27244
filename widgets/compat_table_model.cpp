#include "widgets/compat_table_model.h"

namespace inferscope::widgets {

using Verdict = CompatEntry::Verdict;

namespace {
// Sort order of the Placement column: what needs attention first.
int verdictRank(Verdict v) {
  switch (v) {
    case Verdict::OffTarget: return 0;
    case Verdict::OnTarget: return 1;
    case Verdict::Folded: return 2;
    case Verdict::Unreachable: return 3;
  }
  return 4;
}
}  // namespace

CompatTableModel::CompatTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CompatTableModel::setCompatData(CompatDataPtr data) {
  beginResetModel();
  data_ = std::move(data);
  endResetModel();
}

QModelIndex CompatTableModel::indexOfOperator(int subgraph, int op, int column) const {
  if (!data_) return {};
  const auto* e = data_->find(subgraph, op);
  return e ? index(static_cast<int>(e - data_->entries.data()), column) : QModelIndex();
}

int CompatTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !data_ ? 0 : static_cast<int>(data_->entries.size());
}

int CompatTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CompatTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const auto& e = data_->entries[static_cast<std::size_t>(index.row())];
  const auto join = [](const QStringList& l) { return l.join(QStringLiteral("; ")); };
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Subgraph: return e.subgraph;
        case Index: return e.index;
        case Type: return e.type;
        case Name: return e.name;
        case Placement: return e.placement;
        case Reason: return e.reasons.isEmpty() ? e.note : e.primaryReason();
        case Advice: return join(e.advice);
      }
      break;
    case SortRole:
      switch (index.column()) {
        case Subgraph: return e.subgraph;
        case Index: return e.subgraph * 1000000 + e.index;  // execution order across subgraphs
        case Placement: return verdictRank(e.verdict);
        default: return data(index, Qt::DisplayRole);
      }
    case Qt::ToolTipRole:
      switch (index.column()) {
        case Reason:
          if (e.reasons.size() > 1) return QStringLiteral("\u2022 ") + e.reasons.join(QStringLiteral("\n\u2022 "));
          return data(index, Qt::DisplayRole);
        case Advice: return e.advice.join(QLatin1Char('\n'));
        case Name: return e.name;
        case Placement: return e.note.isEmpty() ? QVariant() : e.note;
        default: break;
      }
      break;
    case Qt::DecorationRole:
      if (index.column() == Placement) return verdictColor(e.verdict);
      break;
    case Qt::ForegroundRole:
      if (index.column() == Placement && e.verdict == Verdict::OffTarget) return verdictColor(e.verdict);
      break;
    case Qt::TextAlignmentRole:
      if (index.column() == Subgraph || index.column() == Index) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case SubgraphRole: return e.subgraph;
    case OperatorRole: return e.index;
    case VerdictRole: return static_cast<int>(e.verdict);
    case SearchRole:
      return QStringList{e.type, e.name, e.placement, join(e.reasons), join(e.advice), join(e.ruleIds)}.join(QLatin1Char('\n'));
    default: break;
  }
  return {};
}

QVariant CompatTableModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal) return QAbstractTableModel::headerData(section, o, role);
  if (role == Qt::DisplayRole) {
    switch (section) {
      case Subgraph: return tr("Subgraph");
      case Index: return tr("#");
      case Type: return tr("Type");
      case Name: return tr("Name");
      case Placement: return data_ && data_->hasPartitions ? tr("Placement") : tr("Verdict");
      case Reason: return tr("Reason");
      case Advice: return tr("Advice");
    }
  } else if (role == Qt::ToolTipRole) {
    switch (section) {
      case Index: return tr("Operator index in its subgraph");
      case Placement: return tr("Where the operator runs on the target");
      case Reason: return tr("The constraint it fails (the one the compiler reports first); hover for all of them");
      case Advice: return tr("A change that would move it onto the target, when the rule says so");
      default: break;
    }
  }
  return {};
}

CompatFilterProxy::CompatFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(CompatTableModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
}

void CompatFilterProxy::setShow(Show s) {
  if (s == show_) return;
  show_ = s;
  invalidateFilter();
}

void CompatFilterProxy::setText(const QString& text) {
  if (text == text_) return;
  text_ = text;
  invalidateFilter();
}

bool CompatFilterProxy::filterAcceptsRow(int row, const QModelIndex& parent) const {
  auto idx = sourceModel()->index(row, 0, parent);
  auto v = static_cast<Verdict>(idx.data(CompatTableModel::VerdictRole).toInt());
  switch (show_) {
    case Show::All: break;
    case Show::OnTarget: if (v != Verdict::OnTarget) return false; break;
    case Show::OffTarget: if (v != Verdict::OffTarget) return false; break;
    case Show::NotCounted: if (v != Verdict::Folded && v != Verdict::Unreachable) return false; break;
  }
  if (text_.isEmpty()) return true;
  const auto hay = idx.data(CompatTableModel::SearchRole).toString();
  const auto words = text_.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  return std::all_of(words.begin(), words.end(), [&](const QString& w) { return hay.contains(w, Qt::CaseInsensitive); });
}

}  // namespace inferscope::widgets
