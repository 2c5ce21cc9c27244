// The profile editor in its own window (opened by the profile selector's "Edit Profile…"). Closing
// it asks about unsaved changes first.
#pragma once

#include <QDialog>

namespace inferscope::widgets {

class ProfileEditor;

class ProfileEditorDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ProfileEditorDialog(QWidget* parent = nullptr);
  ProfileEditor* editor() const { return editor_; }

 public Q_SLOTS:
  void done(int result) override;  // refused while the user keeps unsaved changes

 protected:
  void closeEvent(QCloseEvent* e) override;

 private:
  ProfileEditor* editor_;
};

}  // namespace inferscope::widgets
