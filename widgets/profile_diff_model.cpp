#include "widgets/profile_diff_model.h"

#include <QFont>

#include "core/targets/builtin_profiles.h"

namespace inferscope::widgets {

namespace {
// A readable label for a key: from the profile's own fields, else any family's.
QString labelFor(const targets::TargetProfile& p, const std::string& key) {
  for (const auto& f : targets::profileFields(p))
    if (f.key == key) return QString::fromStdString(f.label);
  for (auto fam : targets::allFamilies())
    for (const auto& f : targets::profileFields(fam))
      if (f.key == key) return QString::fromStdString(f.label);
  return QString::fromStdString(key);
}
}  // namespace

ProfileDiffModel::ProfileDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProfileDiffModel::setProfile(const targets::TargetProfile& p) {
  beginResetModel();
  diffs_.clear();
  origin_.clear();
  error_.clear();
  if (auto o = targets::originBuiltin(p)) origin_ = QString::fromStdString(*o);
  auto d = targets::diffAgainstOrigin(p);
  if (d) {
    for (auto& x : *d) {
      QString label = labelFor(p, x.key);
      diffs_.push_back({std::move(x), std::move(label)});
    }
  } else {
    error_ = QString::fromStdString(d.error().message);
    origin_.clear();
  }
  endResetModel();
}

int ProfileDiffModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(diffs_.size());
}
int ProfileDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ProfileDiffModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const auto& e = diffs_[static_cast<std::size_t>(index.row())];
  auto text = [](const std::optional<std::string>& v) {
    return v ? QString::fromStdString(*v) : tr("(not set)");
  };
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Field: return e.label;
        case Builtin: return text(e.diff.before);
        case Profile: return text(e.diff.after);
      }
      return {};
    case Qt::ToolTipRole: return QString::fromStdString(e.diff.key);
    case KeyRole: return QString::fromStdString(e.diff.key);
    case Qt::FontRole: {
      const bool unset = (index.column() == Builtin && !e.diff.before) || (index.column() == Profile && !e.diff.after);
      if (index.column() != Profile && !unset) return {};
      QFont f;
      f.setBold(index.column() == Profile);
      f.setItalic(unset);
      return f;
    }
    default: return {};
  }
}

QVariant ProfileDiffModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Field: return tr("Field");
    case Builtin: return origin_.isEmpty() ? tr("Built-in") : tr("Built-in %1").arg(origin_);
    case Profile: return tr("This profile");
  }
  return {};
}

}  // namespace inferscope::widgets
