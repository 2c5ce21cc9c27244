// What the profile selector offers: the built-in profiles (grouped by family), an unsaved profile
// in use (from the editor), recently opened profile files (kept in QSettings) and "Open Profile
// File…". Separator rows use Qt::AccessibleDescriptionRole "separator", as QComboBox draws them.
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <vector>

namespace inferscope::widgets {

class ProfileSourceModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum class Kind { Builtin, Unsaved, File, Separator, OpenFile };
  static constexpr int KindRole = Qt::UserRole;       // int(Kind)
  static constexpr int ValueRole = Qt::UserRole + 1;  // built-in name or absolute file path
  static constexpr int kMaxRecent = 8;

  explicit ProfileSourceModel(QObject* parent = nullptr);

  // Most recent first; files are stored in QSettings ("targets/recentProfiles").
  QStringList recentFiles() const { return recent_; }
  void addRecentFile(const QString& path);
  void removeRecentFile(const QString& path);
  // A profile in use that is not stored as is in a file (empty: none).
  void setUnsaved(const QString& name);

  Kind kind(int row) const;
  QString value(int row) const;
  int rowOfBuiltin(const QString& name) const;
  int rowOfFile(const QString& path) const;
  int rowOfUnsaved() const;
  int rowOfOpenFile() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

 private:
  struct Entry {
    Kind kind;
    QString value, label, toolTip;
  };
  void rebuild();
  int find(Kind kind, const QString& value) const;

  std::vector<Entry> builtins_;  // with their separators
  std::vector<Entry> entries_;
  QStringList recent_;
  QString unsaved_;
};

}  // namespace inferscope::widgets
