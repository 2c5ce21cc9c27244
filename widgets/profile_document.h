// The target profile being edited in the profile editor: the profile, where it is stored, its undo
// history (each field edit is one QUndoCommand) and whether it has unsaved changes.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "core/targets/profile.h"
#include "core/util/result.h"

class QUndoStack;

namespace inferscope::widgets {

using ProfilePtr = std::shared_ptr<const targets::TargetProfile>;

class ProfileDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProfileDocument(QObject* parent = nullptr);
  ~ProfileDocument() override;

  const targets::TargetProfile& profile() const { return profile_; }
  ProfilePtr snapshot() const { return std::make_shared<const targets::TargetProfile>(profile_); }
  // The .toml file the profile is stored in; empty for an unsaved copy of a built-in.
  QString filePath() const { return QString::fromStdString(profile_.sourcePath); }
  // "ethos-u55-128" or "my_board.toml".
  QString displayName() const;
  bool isModified() const;
  QUndoStack* undoStack() const { return undo_; }

  // Starts a new document: no history, no unsaved changes.
  void reset(targets::TargetProfile p);
  Status openBuiltin(const QString& name);
  Status openFile(const QString& path);

  // The message validateField gives for `value`, or nullopt when it is acceptable.
  std::optional<QString> validate(const QString& key, const QString& value) const;
  // Validates and, when the value differs, applies it as one undoable command. Returns the
  // validation message on error (the profile is then unchanged).
  std::optional<QString> editField(const QString& key, const QString& value);

  // Saves to filePath() (which must be set) or to `path`, atomically; the document then refers to
  // that file and has no unsaved changes.
  Status save();
  Status saveAs(const QString& path);

 Q_SIGNALS:
  void profileChanged();             // any change: edit, undo, redo, reset, save
  void documentReset();              // a different profile was opened (fields may differ)
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);

 private:
  friend class SetFieldCommand;
  // Replaces the profile's values with `values`, keeping where it is stored (used by undo/redo).
  void applyValues(const targets::TargetProfile& values);

  targets::TargetProfile profile_;
  QUndoStack* undo_;
};

}  // namespace inferscope::widgets
