// The fields of a target profile as a form, built from targets::profileFields() for the profile's
// family: a combo box per choice field, a line edit per text, clock or path field. Text is validated
// as it is typed (the message is shown under the field) and committed to the document as one
// undoable edit when editing finishes; a choice is committed when picked.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "core/targets/fields.h"

class QAction;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace inferscope::widgets {

class ProfileDocument;

class ProfileForm : public QWidget {
  Q_OBJECT
 public:
  explicit ProfileForm(ProfileDocument* doc, QWidget* parent = nullptr);
  ~ProfileForm() override;

  // Field keys shown, in order.
  QStringList keys() const;
  // The editor of a field (a QComboBox or a QLineEdit); nullptr when the profile has no such field.
  QWidget* editor(const QString& key) const;
  // The validation message shown next to a field; empty when the field is valid.
  QString errorText(const QString& key) const;
  bool hasErrors() const;
  // Commits line edits whose text was changed but not yet committed (before saving). Returns false
  // when one of them is invalid.
  bool commitPending();

 Q_SIGNALS:
  void validationChanged();

 protected:
  void changeEvent(QEvent* e) override;

 private:
  struct Row;
  void onProfileChanged();
  void rebuild();
  void refresh(bool all);
  void addRow(const targets::FieldSpec& spec);
  void textEdited(Row& row);
  void commit(Row& row, const QString& value);
  void setMessage(Row& row, const QString& error);
  QString currentValue(const Row& row) const;
  void setEditorValue(Row& row, const QString& value);
  void updatePlaceholder(Row& row);
  Row* row(const QString& key) const;

  ProfileDocument* doc_;
  QFormLayout* form_;
  std::vector<std::unique_ptr<Row>> rows_;
  std::vector<targets::FieldSpec> specs_;
};

}  // namespace inferscope::widgets
