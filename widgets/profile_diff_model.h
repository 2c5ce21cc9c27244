// The fields in which a target profile differs from the built-in it came from (targets::
// diffAgainstOrigin): field, the built-in's value, this profile's value.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "core/targets/fields.h"

namespace inferscope::widgets {

class ProfileDiffModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Field, Builtin, Profile, ColumnCount };
  static constexpr int KeyRole = Qt::UserRole;  // the field key ("mac") on every column

  explicit ProfileDiffModel(QObject* parent = nullptr);

  void setProfile(const targets::TargetProfile& p);
  // The built-in compared with; empty when the profile matches none (see error()).
  QString originName() const { return origin_; }
  QString error() const { return error_; }
  bool isEmpty() const { return diffs_.empty(); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  struct Entry {
    targets::FieldDiff diff;
    QString label;
  };
  std::vector<Entry> diffs_;
  QString origin_, error_;
};

}  // namespace inferscope::widgets
