#include "widgets/profile_editor_dialog.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "widgets/profile_editor.h"

namespace inferscope::widgets {

ProfileEditorDialog::ProfileEditorDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("ProfileEditorDialog"));
  setWindowFlag(Qt::WindowMaximizeButtonHint, true);
  setSizeGripEnabled(true);
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 8);
  editor_ = new ProfileEditor(this);
  v->addWidget(editor_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  buttons->setContentsMargins(12, 0, 12, 0);
  v->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(editor_, &ProfileEditor::titleChanged, this, &QWidget::setWindowTitle);
  connect(editor_->document(), &ProfileDocument::modifiedChanged, this, &QWidget::setWindowModified);
  setWindowTitle(editor_->windowTitleText());
  resize(1120, 720);
  restoreGeometry(QSettings().value(QStringLiteral("targets/editorGeometry")).toByteArray());
}

void ProfileEditorDialog::done(int result) {
  if (isVisible() && !editor_->confirmDiscard()) return;
  QSettings().setValue(QStringLiteral("targets/editorGeometry"), saveGeometry());
  QDialog::done(result);
}

void ProfileEditorDialog::closeEvent(QCloseEvent* e) {
  // QDialog::closeEvent rejects, which goes through done() and its question; a cancelled question
  // leaves the dialog visible, so the close is ignored.
  QDialog::closeEvent(e);
  if (isVisible()) e->ignore();
}

}  // namespace inferscope::widgets
