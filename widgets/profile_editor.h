// The target profile editor: start from a built-in or open a .toml file, edit the fields of its
// family with validation as you type, see the system config and memory mode as a diagram and table
// and the differences from the built-in it came from, undo/redo every edit, save (atomically) or
// save as. Unsaved changes are not dropped without asking; the questions it asks (discard? which
// file?) go through replaceable prompts so tests can answer them.
#pragma once

#include <QWidget>
#include <functional>

#include "widgets/profile_document.h"

class QAction;
class QLabel;
class QTableView;
class QToolBar;
class QToolButton;

namespace inferscope::widgets {

class ProfileDiffModel;
class ProfileForm;
class ProfileMemoryView;

class ProfileEditor : public QWidget {
  Q_OBJECT
 public:
  enum class DiscardChoice { Save, Discard, Cancel };
  enum class PathKind { Open, SaveAs };
  // Asked before unsaved changes would be lost (`name`: the document's display name).
  using DiscardPrompt = std::function<DiscardChoice(QWidget* parent, const QString& name)>;
  // Asked for a file to open or save to; an empty string cancels.
  using PathPrompt = std::function<QString(QWidget* parent, PathKind kind, const QString& suggestion)>;

  explicit ProfileEditor(QWidget* parent = nullptr);
  ~ProfileEditor() override;

  ProfileDocument* document() const { return doc_; }
  ProfileForm* form() const { return form_; }
  ProfileMemoryView* memoryView() const { return memory_; }
  ProfileDiffModel* diffModel() const { return diff_; }
  QAction* action(const QString& objectName) const;  // actionSave, actionSaveAs, actionUndo, ...

  // Defaults: a QMessageBox (Save / Discard / Cancel) and QFileDialog.
  void setDiscardPrompt(DiscardPrompt prompt) { discardPrompt_ = std::move(prompt); }
  void setPathPrompt(PathPrompt prompt) { pathPrompt_ = std::move(prompt); }
  // Shows "Use Profile", which emits useProfileRequested (the profile selector enables it).
  void setUseProfileVisible(bool visible);

  // Each asks about unsaved changes first and returns false when the user cancels or it fails
  // (the reason is then shown in the editor and returned by lastError()).
  bool openBuiltin(const QString& name);
  bool openFile(const QString& path);
  bool openProfile(const targets::TargetProfile& p);  // e.g. an unsaved profile in use elsewhere
  bool openDialog();
  // Saves to the document's file; a built-in copy asks for a file first.
  bool save();
  // Saves to `path`, or asks for one when empty.
  bool saveAs(const QString& path = {});
  // true when there are no unsaved changes, or the user saved or discarded them.
  bool confirmDiscard();
  QString lastError() const { return lastError_; }
  // "name[*] — Target Profile", for a window title (see titleChanged).
  QString windowTitleText() const;

 Q_SIGNALS:
  void saved(const QString& path);
  void useProfileRequested(std::shared_ptr<const targets::TargetProfile> profile);
  void titleChanged(const QString& title);  // for the window title: "name" with "[*]"

 protected:
  void changeEvent(QEvent* e) override;

 private:
  void createActions();
  QToolBar* createToolBar();
  QWidget* createHeader();
  QWidget* createBody();
  void onProfileChanged();
  void updateHeader();
  void showMessage(const QString& text, bool error);
  QString suggestedPath() const;

  ProfileDocument* doc_;
  ProfileForm* form_ = nullptr;
  ProfileMemoryView* memory_ = nullptr;
  ProfileDiffModel* diff_ = nullptr;
  QTableView* diffView_ = nullptr;
  QLabel* diffHeader_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* subtitle_ = nullptr;
  QLabel* message_ = nullptr;
  QLabel* warnings_ = nullptr;
  QAction* useAction_ = nullptr;
  DiscardPrompt discardPrompt_;
  PathPrompt pathPrompt_;
  QString lastError_;
  bool messageIsError_ = false;
};

}  // namespace inferscope::widgets
