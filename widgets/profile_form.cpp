#include "widgets/profile_form.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/targets/number_parse.h"
#include "widgets/profile_document.h"
#include "widgets/profile_format.h"

namespace inferscope::widgets {

namespace fld = targets::field;

struct ProfileForm::Row {
  targets::FieldSpec spec;
  QWidget* container = nullptr;
  QComboBox* combo = nullptr;
  QLineEdit* line = nullptr;
  QLabel* message = nullptr;   // the validation message, or a hint (a clock in MHz)
  QAction* warning = nullptr;  // trailing icon of an invalid line edit
  QString shown;               // the profile value the editor was last set to
  QString error;
};

ProfileForm::ProfileForm(ProfileDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setRowWrapPolicy(QFormLayout::DontWrapRows);
  form_->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
  connect(doc_, &ProfileDocument::profileChanged, this, &ProfileForm::onProfileChanged);
  rebuild();
}

ProfileForm::~ProfileForm() = default;

QStringList ProfileForm::keys() const {
  QStringList out;
  for (const auto& r : rows_) out << QString::fromStdString(r->spec.key);
  return out;
}

ProfileForm::Row* ProfileForm::row(const QString& k) const {
  for (const auto& r : rows_)
    if (QString::fromStdString(r->spec.key) == k) return r.get();
  return nullptr;
}

QWidget* ProfileForm::editor(const QString& k) const {
  auto* r = row(k);
  if (!r) return nullptr;
  return r->combo ? static_cast<QWidget*>(r->combo) : r->line;
}

QString ProfileForm::errorText(const QString& k) const {
  auto* r = row(k);
  return r ? r->error : QString();
}

bool ProfileForm::hasErrors() const {
  for (const auto& r : rows_)
    if (!r->error.isEmpty()) return true;
  return false;
}

void ProfileForm::onProfileChanged() {
  auto specs = targets::profileFields(doc_->profile());
  bool same = specs.size() == specs_.size();
  for (std::size_t i = 0; same && i < specs.size(); ++i)
    same = specs[i].key == specs_[i].key && specs[i].choices == specs_[i].choices;
  if (!same) rebuild();
  else refresh(false);
}

void ProfileForm::rebuild() {
  // Called from the editors' own signals (picking a target rebuilds the form): the old widgets are
  // disconnected at once and deleted later.
  for (const auto& r : rows_) {
    if (r->combo) r->combo->disconnect(this);
    if (r->line) r->line->disconnect(this);
  }
  while (form_->rowCount() > 0) {
    auto taken = form_->takeRow(0);
    for (auto* item : {taken.labelItem, taken.fieldItem}) {
      if (!item) continue;
      if (auto* w = item->widget()) {
        w->hide();
        w->deleteLater();
      }
      delete item;
    }
  }
  rows_.clear();
  specs_ = targets::profileFields(doc_->profile());
  for (const auto& s : specs_) addRow(s);
  refresh(true);
  Q_EMIT validationChanged();
}

void ProfileForm::addRow(const targets::FieldSpec& spec) {
  auto r = std::make_unique<Row>();
  r->spec = spec;
  Row* rp = r.get();
  const QString k = QString::fromStdString(spec.key);
  r->container = new QWidget(this);
  auto* v = new QVBoxLayout(r->container);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(2);
  auto* h = new QHBoxLayout;
  h->setContentsMargins(0, 0, 0, 0);
  v->addLayout(h);
  if (spec.kind == targets::FieldKind::Choice) {
    r->combo = new QComboBox(r->container);
    if (spec.optional) r->combo->addItem(QString(), QString());
    for (const auto& c : spec.choices) r->combo->addItem(QString::fromStdString(c), QString::fromStdString(c));
    r->combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    r->combo->setMinimumContentsLength(10);
    r->combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(r->combo, &QComboBox::activated, this, [this, rp](int i) { commit(*rp, rp->combo->itemData(i).toString()); });
    h->addWidget(r->combo, 1);
  } else {
    r->line = new QLineEdit(r->container);
    r->line->setClearButtonEnabled(spec.optional);
    r->warning = r->line->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
    r->warning->setVisible(false);
    connect(r->line, &QLineEdit::textEdited, this, [this, rp] { textEdited(*rp); });
    connect(r->line, &QLineEdit::editingFinished, this, [this, rp] {
      if (rp->line->text() != rp->shown) commit(*rp, rp->line->text());
    });
    h->addWidget(r->line, 1);
    if (spec.kind == targets::FieldKind::Path) {
      auto* browse = new QToolButton(r->container);
      browse->setText(tr("Browse\u2026"));
      browse->setToolTip(tr("Choose a Vela configuration file (.ini)"));
      connect(browse, &QToolButton::clicked, this, [this, rp] {
        const auto& p = doc_->profile();
        QDir base = p.sourcePath.empty() ? QDir::current() : QFileInfo(QString::fromStdString(p.sourcePath)).dir();
        QString f = QFileDialog::getOpenFileName(this, tr("Vela Configuration"), base.path(),
                                                 tr("Vela configuration (*.ini);;All files (*)"));
        if (f.isEmpty()) return;
        if (!p.sourcePath.empty()) f = base.relativeFilePath(f);
        rp->line->setText(f);
        commit(*rp, f);
      });
      h->addWidget(browse);
    }
  }
  r->message = new QLabel(r->container);
  r->message->setWordWrap(true);
  r->message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  r->message->setObjectName(QStringLiteral("message_") + k);
  r->message->hide();
  v->addWidget(r->message);
  QWidget* ed = r->combo ? static_cast<QWidget*>(r->combo) : r->line;
  ed->setObjectName(QStringLiteral("field_") + k);
  ed->setToolTip(QString::fromStdString(spec.help));
  auto* label = new QLabel(tr("%1:").arg(QString::fromStdString(spec.label)), this);
  label->setBuddy(ed);
  label->setToolTip(QString::fromStdString(spec.key));
  form_->addRow(label, r->container);
  rows_.push_back(std::move(r));
}

QString ProfileForm::currentValue(const Row& r) const {
  if (r.combo) return r.combo->currentData().toString();
  return r.line->text();
}

void ProfileForm::setEditorValue(Row& r, const QString& value) {
  if (r.combo) {
    int i = r.combo->findData(value);
    if (i < 0) {  // a value the choices lack (e.g. from a hand-edited file): show it anyway
      r.combo->addItem(value, value);
      i = r.combo->count() - 1;
    }
    r.combo->setCurrentIndex(i);
  } else if (r.line->text() != value) {
    r.line->setText(value);
    r.line->setCursorPosition(0);  // show the start of long values
  }
  r.shown = value;
}

void ProfileForm::updatePlaceholder(Row& r) {
  const auto& p = doc_->profile();
  const std::string& k = r.spec.key;
  QString text;
  if (k == fld::kHostCpu) text = tr("Default (%1)").arg(QString::fromStdString(p.hostCpu()));
  else if (k == fld::kHostCpuClock) text = tr("Default: the NPU clock (%1)").arg(formatHz(p.systemConfig.coreClockHz));
  else if (k == fld::kConfig) text = tr("Built-in Vela configuration");
  else if (k == fld::kDescription) text = tr("Optional");
  if (r.combo && r.spec.optional) r.combo->setItemText(0, text);
  if (r.line) r.line->setPlaceholderText(text);
}

void ProfileForm::refresh(bool all) {
  const auto& p = doc_->profile();
  bool changed = false;
  for (auto& r : rows_) {
    const QString value = QString::fromStdString(targets::getField(p, r->spec.key).value_or(std::string()));
    updatePlaceholder(*r);
    // Rows whose value did not change keep what is being typed into them (and its message).
    if (!all && value == r->shown) continue;
    setEditorValue(*r, value);
    changed |= !r->error.isEmpty();
    setMessage(*r, QString());
  }
  if (changed) Q_EMIT validationChanged();
}

void ProfileForm::textEdited(Row& r) {
  auto e = doc_->validate(QString::fromStdString(r.spec.key), r.line->text());
  const bool had = !r.error.isEmpty();
  setMessage(r, e.value_or(QString()));
  if (had != e.has_value()) Q_EMIT validationChanged();
}

void ProfileForm::commit(Row& r, const QString& value) {
  const QString k = QString::fromStdString(r.spec.key);
  auto e = doc_->editField(k, value);
  // A successful edit may have rebuilt the form (a new target): look the row up again.
  Row* now = row(k);
  if (!now) return;
  setMessage(*now, e.value_or(QString()));
  Q_EMIT validationChanged();
}

void ProfileForm::setMessage(Row& r, const QString& error) {
  r.error = error;
  if (r.warning) {
    r.warning->setVisible(!error.isEmpty());
    r.warning->setToolTip(error);
  }
  QString hint;
  if (error.isEmpty() && r.spec.kind == targets::FieldKind::Clock && r.line && !r.line->text().isEmpty())
    if (auto hz = targets::parseFrequency(r.line->text().toStdString())) hint = QStringLiteral("= %1").arg(formatHz(*hz));
  QPalette pal = r.message->palette();
  pal.setColor(QPalette::WindowText, error.isEmpty() ? mutedTextColor(palette()) : errorTextColor(palette()));
  r.message->setPalette(pal);
  r.message->setText(error.isEmpty() ? hint : error);
  r.message->setVisible(!r.message->text().isEmpty());
}

bool ProfileForm::commitPending() {
  bool ok = true;
  // Committing may rebuild the form; collect the edits first.
  std::vector<std::pair<QString, QString>> pending;
  for (const auto& r : rows_)
    if (r->line && r->line->text() != r->shown) pending.emplace_back(QString::fromStdString(r->spec.key), r->line->text());
  for (const auto& [k, v] : pending)
    if (auto* r = row(k)) {
      commit(*r, v);
      if (auto* again = row(k); again && !again->error.isEmpty()) ok = false;
    }
  return ok && !hasErrors();
}

void ProfileForm::changeEvent(QEvent* e) {
  if (e->type() == QEvent::PaletteChange)
    for (auto& r : rows_) setMessage(*r, r->error);
  QWidget::changeEvent(e);
}

}  // namespace inferscope::widgets
