#include "widgets/profile_selector.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

#include "core/targets/builtin_profiles.h"
#include "core/targets/fields.h"
#include "core/targets/profile_io.h"
#include "widgets/profile_editor.h"
#include "widgets/profile_editor_dialog.h"

namespace inferscope::widgets {

using Kind = ProfileSourceModel::Kind;

namespace {
const char* kActiveKey = "targets/active";  // "builtin:NAME" or "file:PATH"

void warn(QWidget* parent, const QString& message) {
  QMessageBox::warning(parent, ProfileSelector::tr("Target Profile"), message);
}

QString askOpen(QWidget* parent) {
  QString dir = QSettings().value(QStringLiteral("targets/lastDirectory"), QDir::homePath()).toString();
  return QFileDialog::getOpenFileName(parent, ProfileSelector::tr("Open Target Profile"), dir,
                                      ProfileSelector::tr("Target profiles (*.toml);;All files (*)"));
}
}  // namespace

ProfileSelector::ProfileSelector(QWidget* parent)
    : QWidget(parent), model_(new ProfileSourceModel(this)), report_(warn), openPrompt_(askOpen) {
  setObjectName(QStringLiteral("ProfileSelector"));
  auto* h = new QHBoxLayout(this);
  h->setContentsMargins(4, 0, 4, 0);
  h->setSpacing(6);
  auto* label = new QLabel(tr("&Target:"), this);
  combo_ = new QComboBox(this);
  combo_->setObjectName(QStringLiteral("profileCombo"));
  combo_->setModel(model_);
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo_->setMinimumContentsLength(18);
  setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
  label->setBuddy(combo_);
  edit_ = new QToolButton(this);
  edit_->setObjectName(QStringLiteral("editProfileButton"));
  edit_->setText(tr("Edit Profile\u2026"));
  edit_->setToolTip(tr("Edit the active target profile, or make a new one from a built-in"));
  edit_->setAutoRaise(true);
  h->addWidget(label);
  h->addWidget(combo_);
  h->addWidget(edit_);
  connect(combo_, &QComboBox::activated, this, &ProfileSelector::onActivated);
  connect(edit_, &QToolButton::clicked, this, &ProfileSelector::editProfile);
  connect(model_, &QAbstractItemModel::modelReset, this, &ProfileSelector::syncCombo);

  // The last active profile, else the default.
  const QString last = QSettings().value(QLatin1String(kActiveKey)).toString();
  bool restored = false;
  if (last.startsWith(QLatin1String("file:"))) {
    const QString path = last.mid(5);
    if (auto p = targets::loadProfile(path.toStdString())) {
      setActive(std::move(*p), Kind::File, path, false);
      restored = true;
    }
  } else if (last.startsWith(QLatin1String("builtin:"))) {
    if (auto p = targets::builtinProfile(last.mid(8).toStdString())) {
      setActive(std::move(*p), Kind::Builtin, last.mid(8), false);
      restored = true;
    }
  }
  if (!restored) setActive(*targets::builtinProfile(kDefaultProfile), Kind::Builtin, QLatin1String(kDefaultProfile), false);
}

ProfileSelector::~ProfileSelector() = default;

ProfileSelector* ProfileSelector::addToolBarTo(QMainWindow* w) {
  auto* bar = w->addToolBar(tr("Target Profile"));
  bar->setObjectName(QStringLiteral("TargetToolBar"));
  bar->setMovable(true);
  auto* selector = new ProfileSelector(bar);
  bar->addWidget(selector);
  return selector;
}

ProfileSelector* ProfileSelector::of(const QWidget* window) {
  return window ? window->findChild<ProfileSelector*>() : nullptr;
}

bool ProfileSelector::selectBuiltin(const QString& name) {
  auto p = targets::builtinProfile(name.toStdString());
  if (!p) {
    report_(this, QString::fromStdString(p.error().message));
    syncCombo();
    return false;
  }
  setActive(std::move(*p), Kind::Builtin, name, true);
  return true;
}

bool ProfileSelector::openProfileFile(const QString& path) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  auto p = targets::loadProfile(abs.toStdString());
  if (!p) {
    if (!QFileInfo::exists(abs)) model_->removeRecentFile(abs);
    report_(this, tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(abs), QString::fromStdString(p.error().message)));
    syncCombo();
    return false;
  }
  QSettings().setValue(QStringLiteral("targets/lastDirectory"), QFileInfo(abs).absolutePath());
  model_->addRecentFile(abs);
  setActive(std::move(*p), Kind::File, abs, true);
  return true;
}

void ProfileSelector::setUnsavedProfile(std::shared_ptr<const targets::TargetProfile> profile) {
  if (!profile) return;
  setActive(*profile, Kind::Unsaved, QString(), true);
}

void ProfileSelector::setActive(targets::TargetProfile p, Kind kind, const QString& value, bool notify) {
  // Picking the same built-in again changes nothing; a file is re-read and counts when it changed.
  const bool same = active_ && kind == activeKind_ && value == activeValue_ && kind != Kind::Unsaved &&
                    (kind == Kind::Builtin || active_->sourceText == p.sourceText);
  activeKind_ = kind;
  activeValue_ = value;
  active_ = std::make_shared<const targets::TargetProfile>(std::move(p));
  if (kind == Kind::Builtin) QSettings().setValue(QLatin1String(kActiveKey), QStringLiteral("builtin:") + value);
  if (kind == Kind::File) QSettings().setValue(QLatin1String(kActiveKey), QStringLiteral("file:") + value);
  model_->setUnsaved(kind == Kind::Unsaved ? QString::fromStdString(active_->name) : QString());
  syncCombo();
  if (notify && !same) Q_EMIT activeProfileChanged(active_);
}

void ProfileSelector::syncCombo() {
  int row = -1;
  switch (activeKind_) {
    case Kind::Builtin: row = model_->rowOfBuiltin(activeValue_); break;
    case Kind::File: row = model_->rowOfFile(activeValue_); break;
    case Kind::Unsaved: row = model_->rowOfUnsaved(); break;
    default: break;
  }
  const QSignalBlocker block(combo_);
  combo_->setCurrentIndex(row);
  QString tip = active_ ? QString::fromStdString(active_->description) : QString();
  if (activeKind_ == Kind::File) tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + QDir::toNativeSeparators(activeValue_);
  combo_->setToolTip(tip);
}

void ProfileSelector::onActivated(int row) {
  const QString value = model_->value(row);
  switch (model_->kind(row)) {
    case Kind::Builtin: selectBuiltin(value); break;
    case Kind::File: openProfileFile(value); break;
    case Kind::OpenFile: {
      const QString path = openPrompt_(this);
      if (path.isEmpty()) syncCombo();
      else openProfileFile(path);
      break;
    }
    case Kind::Unsaved:
    case Kind::Separator: syncCombo(); break;
  }
}

void ProfileSelector::editProfile() {
  if (!dialog_) {
    dialog_ = new ProfileEditorDialog(window());
    dialog_->editor()->setUseProfileVisible(true);
    connect(dialog_->editor(), &ProfileEditor::saved, this, &ProfileSelector::onEditorSaved);
    connect(dialog_->editor(), &ProfileEditor::useProfileRequested, this, &ProfileSelector::onUseRequested);
  }
  if (!dialog_->isVisible() && active_) {
    auto* editor = dialog_->editor();
    switch (activeKind_) {
      case Kind::Builtin: editor->openBuiltin(activeValue_); break;
      case Kind::File:
        if (!editor->openFile(activeValue_)) editor->openProfile(*active_);
        break;
      default: editor->openProfile(*active_); break;
    }
  }
  dialog_->show();
  dialog_->raise();
  dialog_->activateWindow();
}

void ProfileSelector::onEditorSaved(const QString& path) {
  model_->addRecentFile(path);
  // Saving the active file changes the active profile.
  if (activeKind_ == Kind::File && QFileInfo(path).absoluteFilePath() == activeValue_) openProfileFile(path);
}

void ProfileSelector::onUseRequested(const std::shared_ptr<const targets::TargetProfile>& p) {
  auto* doc = dialog_ ? dialog_->editor()->document() : nullptr;
  if (doc && !doc->isModified() && !doc->filePath().isEmpty()) openProfileFile(doc->filePath());
  else if (auto name = targets::unchangedBuiltin(*p)) selectBuiltin(QString::fromStdString(*name));
  else setUnsavedProfile(p);
}

}  // namespace inferscope::widgets
