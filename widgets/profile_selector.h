// The active target profile of the main window: a combo box of the built-ins, recently opened
// profile files and an unsaved profile from the editor, plus "Edit Profile…", which opens the
// profile editor on it. Every analysis runs against activeProfile(); activeProfileChanged says when
// that changes (a different pick, or the active file saved from the editor). The choice and the
// recent files persist in QSettings.
#pragma once

#include <QWidget>
#include <functional>
#include <memory>

#include "core/targets/profile.h"
#include "widgets/profile_source_model.h"

class QComboBox;
class QLabel;
class QMainWindow;
class QToolButton;

namespace inferscope::widgets {

class ProfileEditorDialog;

class ProfileSelector : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kDefaultProfile = "ethos-u55-256";
  using ErrorReporter = std::function<void(QWidget* parent, const QString& message)>;
  using OpenPrompt = std::function<QString(QWidget* parent)>;

  // Restores the last active profile (the default built-in when there is none or it fails to
  // load); no signal is emitted for it: read activeProfile() after connecting.
  explicit ProfileSelector(QWidget* parent = nullptr);
  ~ProfileSelector() override;

  // Adds a "Target Profile" toolbar (object name "TargetToolBar") holding a new selector to `w`.
  static ProfileSelector* addToolBarTo(QMainWindow* w);
  // The selector of a window (nullptr when it has none).
  static ProfileSelector* of(const QWidget* window);

  std::shared_ptr<const targets::TargetProfile> activeProfile() const { return active_; }
  ProfileSourceModel::Kind activeKind() const { return activeKind_; }
  // The built-in name or the file path of the active profile (empty when unsaved).
  QString activeSource() const { return activeValue_; }

  bool selectBuiltin(const QString& name);
  // Loads a .toml profile and makes it active (it joins the recent files); on failure reports the
  // error and keeps the active profile.
  bool openProfileFile(const QString& path);
  // Makes a profile that is not stored as is (e.g. edited, unsaved) active.
  void setUnsavedProfile(std::shared_ptr<const targets::TargetProfile> profile);

  // Opens the editor on the active profile (or raises it when it is already open).
  void editProfile();
  ProfileEditorDialog* editorDialog() const { return dialog_; }

  QComboBox* comboBox() const { return combo_; }
  ProfileSourceModel* sourceModel() const { return model_; }
  // Defaults: QMessageBox::warning and QFileDialog.
  void setErrorReporter(ErrorReporter r) { report_ = std::move(r); }
  void setOpenPrompt(OpenPrompt p) { openPrompt_ = std::move(p); }

 Q_SIGNALS:
  void activeProfileChanged(std::shared_ptr<const targets::TargetProfile> profile);

 private:
  void onActivated(int row);
  void setActive(targets::TargetProfile p, ProfileSourceModel::Kind kind, const QString& value, bool notify);
  void syncCombo();
  void onEditorSaved(const QString& path);
  void onUseRequested(const std::shared_ptr<const targets::TargetProfile>& p);

  ProfileSourceModel* model_;
  QComboBox* combo_;
  QToolButton* edit_;
  ProfileEditorDialog* dialog_ = nullptr;
  std::shared_ptr<const targets::TargetProfile> active_;
  ProfileSourceModel::Kind activeKind_ = ProfileSourceModel::Kind::Builtin;
  QString activeValue_;
  ErrorReporter report_;
  OpenPrompt openPrompt_;
};

}  // namespace inferscope::widgets
