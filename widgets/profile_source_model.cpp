#include "widgets/profile_source_model.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QSettings>

#include "core/targets/builtin_profiles.h"

namespace inferscope::widgets {

namespace {
const char* kRecentKey = "targets/recentProfiles";
}

ProfileSourceModel::ProfileSourceModel(QObject* parent) : QAbstractListModel(parent) {
  std::optional<targets::TargetFamily> last;
  for (const auto& name : targets::builtinProfileNames()) {
    auto p = targets::builtinProfile(name);
    if (!p) continue;
    // One group per Ethos-U family, one for the CPU and specification targets.
    auto group = p->isEthosU() ? p->family : targets::TargetFamily::CortexA;
    if (last && *last != group) builtins_.push_back({Kind::Separator, {}, {}, {}});
    last = group;
    builtins_.push_back({Kind::Builtin, QString::fromStdString(name), QString::fromStdString(name),
                         QString::fromStdString(p->description)});
  }
  for (const auto& f : QSettings().value(QLatin1String(kRecentKey)).toStringList())
    if (!f.isEmpty() && !recent_.contains(f)) recent_ << f;
  rebuild();
}

void ProfileSourceModel::rebuild() {
  beginResetModel();
  entries_ = builtins_;
  if (!unsaved_.isEmpty()) {
    entries_.push_back({Kind::Separator, {}, {}, {}});
    entries_.push_back({Kind::Unsaved, unsaved_, tr("%1 (unsaved)").arg(unsaved_),
                        tr("A profile from the editor that is not saved to a file as it is")});
  }
  entries_.push_back({Kind::Separator, {}, {}, {}});
  for (const auto& f : recent_) {
    QFileInfo fi(f);
    QString label = fi.fileName();
    int same = 0;
    for (const auto& g : recent_) same += QFileInfo(g).fileName() == label;
    if (same > 1) label += QStringLiteral(" \u2014 ") + fi.dir().dirName();
    entries_.push_back({Kind::File, f, label, QDir::toNativeSeparators(f)});
  }
  entries_.push_back({Kind::OpenFile, {}, tr("Open Profile File\u2026"), tr("Open a target profile (.toml)")});
  endResetModel();
}

void ProfileSourceModel::addRecentFile(const QString& path) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent_.removeAll(abs);
  recent_.prepend(abs);
  while (recent_.size() > kMaxRecent) recent_.removeLast();
  QSettings().setValue(QLatin1String(kRecentKey), recent_);
  rebuild();
}

void ProfileSourceModel::removeRecentFile(const QString& path) {
  if (recent_.removeAll(QFileInfo(path).absoluteFilePath()) == 0) return;
  QSettings().setValue(QLatin1String(kRecentKey), recent_);
  rebuild();
}

void ProfileSourceModel::setUnsaved(const QString& name) {
  if (name == unsaved_) return;
  unsaved_ = name;
  rebuild();
}

ProfileSourceModel::Kind ProfileSourceModel::kind(int row) const {
  return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].kind : Kind::Separator;
}

QString ProfileSourceModel::value(int row) const {
  return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].value : QString();
}

int ProfileSourceModel::find(Kind k, const QString& v) const {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].kind == k && (v.isNull() || entries_[i].value == v)) return static_cast<int>(i);
  return -1;
}

int ProfileSourceModel::rowOfBuiltin(const QString& name) const { return find(Kind::Builtin, name); }
int ProfileSourceModel::rowOfFile(const QString& path) const { return find(Kind::File, QFileInfo(path).absoluteFilePath()); }
int ProfileSourceModel::rowOfUnsaved() const { return find(Kind::Unsaved, QString()); }
int ProfileSourceModel::rowOfOpenFile() const { return find(Kind::OpenFile, QString()); }

int ProfileSourceModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

QVariant ProfileSourceModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() != 0) return {};
  const auto& e = entries_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole: return e.label;
    case Qt::ToolTipRole: return e.toolTip.isEmpty() ? QVariant() : QVariant(e.toolTip);
    case Qt::AccessibleDescriptionRole:
      return e.kind == Kind::Separator ? QVariant(QStringLiteral("separator")) : QVariant();
    case Qt::FontRole:
      if (e.kind == Kind::Unsaved) {
        QFont f;
        f.setItalic(true);
        return f;
      }
      return {};
    case KindRole: return static_cast<int>(e.kind);
    case ValueRole: return e.value;
    default: return {};
  }
}

Qt::ItemFlags ProfileSourceModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  if (kind(index.row()) == Kind::Separator) return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace inferscope::widgets
