#include "widgets/profile_editor.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/targets/builtin_profiles.h"
#include "widgets/profile_diff_model.h"
#include "widgets/profile_form.h"
#include "widgets/profile_format.h"
#include "widgets/profile_memory_view.h"

namespace inferscope::widgets {

namespace {

const char* kLastDirKey = "targets/lastDirectory";

ProfileEditor::DiscardChoice askDiscard(QWidget* parent, const QString& name) {
  QMessageBox box(QMessageBox::Warning, ProfileEditor::tr("Unsaved Changes"),
                  ProfileEditor::tr("The target profile \u201C%1\u201D has unsaved changes.").arg(name),
                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
  box.setInformativeText(ProfileEditor::tr("Do you want to save them?"));
  box.setDefaultButton(QMessageBox::Save);
  switch (box.exec()) {
    case QMessageBox::Save: return ProfileEditor::DiscardChoice::Save;
    case QMessageBox::Discard: return ProfileEditor::DiscardChoice::Discard;
    default: return ProfileEditor::DiscardChoice::Cancel;
  }
}

QString askPath(QWidget* parent, ProfileEditor::PathKind kind, const QString& suggestion) {
  const QString filter = ProfileEditor::tr("Target profiles (*.toml);;All files (*)");
  if (kind == ProfileEditor::PathKind::Open)
    return QFileDialog::getOpenFileName(parent, ProfileEditor::tr("Open Target Profile"), suggestion, filter);
  QString path = QFileDialog::getSaveFileName(parent, ProfileEditor::tr("Save Target Profile As"), suggestion, filter);
  if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".toml");
  return path;
}

QIcon themed(const char* name, QStyle* style, QStyle::StandardPixmap fallback) {
  return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}

}  // namespace

ProfileEditor::ProfileEditor(QWidget* parent)
    : QWidget(parent), doc_(new ProfileDocument(this)), discardPrompt_(askDiscard), pathPrompt_(askPath) {
  setObjectName(QStringLiteral("ProfileEditor"));
  createActions();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(createToolBar());
  auto* content = new QWidget(this);
  auto* v = new QVBoxLayout(content);
  v->setContentsMargins(12, 8, 12, 12);
  v->addWidget(createHeader());
  v->addWidget(createBody(), 1);
  layout->addWidget(content, 1);

  connect(doc_, &ProfileDocument::profileChanged, this, &ProfileEditor::onProfileChanged);
  connect(doc_, &ProfileDocument::modifiedChanged, this, [this] { updateHeader(); });
  connect(doc_, &ProfileDocument::documentReset, this, [this] { showMessage(QString(), false); });
  onProfileChanged();
}

ProfileEditor::~ProfileEditor() = default;

QAction* ProfileEditor::action(const QString& name) const { return findChild<QAction*>(name); }

void ProfileEditor::createActions() {
  auto make = [this](const char* name, const QString& text, const QIcon& icon, QKeySequence key = {}) {
    auto* a = new QAction(icon, text, this);
    a->setObjectName(QString::fromLatin1(name));
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
    return a;
  };
  QStyle* s = style();
  connect(make("actionOpen", tr("Open\u2026"), themed("document-open", s, QStyle::SP_DialogOpenButton), QKeySequence::Open),
          &QAction::triggered, this, &ProfileEditor::openDialog);
  connect(make("actionSave", tr("Save"), themed("document-save", s, QStyle::SP_DialogSaveButton), QKeySequence::Save),
          &QAction::triggered, this, &ProfileEditor::save);
  connect(make("actionSaveAs", tr("Save As\u2026"), themed("document-save-as", s, QStyle::SP_DialogSaveButton),
               QKeySequence::SaveAs),
          &QAction::triggered, this, [this] { saveAs(); });
  // Undo / redo with fixed short texts; what they would undo goes to the tool tip.
  QUndoStack* stack = doc_->undoStack();
  auto* undo = make("actionUndo", tr("Undo"), themed("edit-undo", s, QStyle::SP_ArrowBack), QKeySequence::Undo);
  auto* redo = make("actionRedo", tr("Redo"), themed("edit-redo", s, QStyle::SP_ArrowForward), QKeySequence::Redo);
  connect(undo, &QAction::triggered, stack, &QUndoStack::undo);
  connect(redo, &QAction::triggered, stack, &QUndoStack::redo);
  auto sync = [undo, redo, stack] {
    undo->setEnabled(stack->canUndo());
    redo->setEnabled(stack->canRedo());
    undo->setToolTip(stack->canUndo() ? tr("Undo: %1").arg(stack->undoText()) : tr("Undo"));
    redo->setToolTip(stack->canRedo() ? tr("Redo: %1").arg(stack->redoText()) : tr("Redo"));
  };
  connect(stack, &QUndoStack::indexChanged, this, sync);
  connect(stack, &QUndoStack::cleanChanged, this, sync);
  sync();
  useAction_ = make("actionUse", tr("Use Profile"), themed("dialog-ok-apply", s, QStyle::SP_DialogApplyButton));
  useAction_->setToolTip(tr("Make this profile the active profile of the main window"));
  useAction_->setVisible(false);
  connect(useAction_, &QAction::triggered, this, [this] {
    if (!form_->commitPending()) return showMessage(tr("Fix the fields marked in red first."), true);
    Q_EMIT useProfileRequested(doc_->snapshot());
  });
}

QToolBar* ProfileEditor::createToolBar() {
  auto* bar = new QToolBar(this);
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(16, 16));
  auto* builtins = new QToolButton(bar);
  builtins->setObjectName(QStringLiteral("builtinButton"));
  builtins->setText(tr("New from Built-in"));
  builtins->setIcon(themed("document-new", style(), QStyle::SP_FileIcon));
  builtins->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  builtins->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(builtins);
  std::optional<targets::TargetFamily> section;
  for (const auto& name : targets::builtinProfileNames()) {
    auto p = targets::builtinProfile(name);
    if (!p) continue;
    if (section != p->family) {
      menu->addSection(QString::fromUtf8(targets::familyDisplayName(p->family).data()));
      section = p->family;
    }
    auto* a = menu->addAction(QString::fromStdString(name));
    a->setToolTip(QString::fromStdString(p->description));
    a->setStatusTip(a->toolTip());
    connect(a, &QAction::triggered, this, [this, n = QString::fromStdString(name)] { openBuiltin(n); });
  }
  menu->setToolTipsVisible(true);
  builtins->setMenu(menu);
  bar->addWidget(builtins);
  for (const char* n : {"actionOpen", "actionSave", "actionSaveAs"}) bar->addAction(action(QString::fromLatin1(n)));
  bar->addSeparator();
  bar->addAction(action(QStringLiteral("actionUndo")));
  bar->addAction(action(QStringLiteral("actionRedo")));
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  bar->addWidget(spacer);
  bar->addAction(useAction_);
  return bar;
}

QWidget* ProfileEditor::createHeader() {
  auto* w = new QWidget(this);
  auto* v = new QVBoxLayout(w);
  v->setContentsMargins(0, 0, 0, 6);
  v->setSpacing(2);
  title_ = new QLabel(w);
  title_->setObjectName(QStringLiteral("profileTitle"));
  QFont f = title_->font();
  f.setPointSizeF(f.pointSizeF() * 1.35);
  f.setBold(true);
  title_->setFont(f);
  subtitle_ = new QLabel(w);
  subtitle_->setObjectName(QStringLiteral("profileSubtitle"));
  subtitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  subtitle_->setWordWrap(true);
  message_ = new QLabel(w);
  message_->setObjectName(QStringLiteral("profileMessage"));
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->hide();
  warnings_ = new QLabel(w);
  warnings_->setObjectName(QStringLiteral("profileWarnings"));
  warnings_->setWordWrap(true);
  warnings_->hide();
  for (auto* l : {title_, subtitle_, message_, warnings_}) v->addWidget(l);
  return w;
}

QWidget* ProfileEditor::createBody() {
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->setChildrenCollapsible(false);

  // Left: the fields, and below them how they differ from the built-in.
  auto* left = new QSplitter(Qt::Vertical, split);
  left->setChildrenCollapsible(false);
  auto* fields = new QGroupBox(tr("Profile"), left);
  auto* fv = new QVBoxLayout(fields);
  auto* scroll = new QScrollArea(fields);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* formHolder = new QWidget(scroll);
  form_ = new ProfileForm(doc_, formHolder);
  auto* fh = new QVBoxLayout(formHolder);
  fh->setContentsMargins(0, 0, 4, 0);
  fh->addWidget(form_);
  fh->addStretch(1);
  scroll->setWidget(formHolder);
  formHolder->setAutoFillBackground(false);  // the group box's background shows through
  scroll->viewport()->setAutoFillBackground(false);
  fv->addWidget(scroll);

  auto* changes = new QGroupBox(tr("Changes from the built-in"), left);
  auto* cv = new QVBoxLayout(changes);
  diffHeader_ = new QLabel(changes);
  diffHeader_->setObjectName(QStringLiteral("diffHeader"));
  diffHeader_->setWordWrap(true);
  diff_ = new ProfileDiffModel(this);
  diffView_ = new QTableView(changes);
  diffView_->setObjectName(QStringLiteral("diffTable"));
  diffView_->setModel(diff_);
  diffView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  diffView_->setAlternatingRowColors(true);
  diffView_->setShowGrid(false);
  diffView_->setWordWrap(false);
  diffView_->verticalHeader()->hide();
  diffView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  diffView_->horizontalHeader()->setSectionResizeMode(ProfileDiffModel::Field, QHeaderView::ResizeToContents);
  cv->addWidget(diffHeader_, 0, Qt::AlignTop);
  cv->addWidget(diffView_, 1);
  left->setStretchFactor(0, 3);
  left->setStretchFactor(1, 2);

  // Right: the memory system.
  auto* mem = new QGroupBox(tr("Memory system"), split);
  auto* mv = new QVBoxLayout(mem);
  memory_ = new ProfileMemoryView(mem);
  mv->addWidget(memory_);

  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({440, 660});
  return split;
}

void ProfileEditor::setUseProfileVisible(bool visible) { useAction_->setVisible(visible); }

void ProfileEditor::onProfileChanged() {
  const auto& p = doc_->profile();
  memory_->setProfile(p);
  diff_->setProfile(p);
  if (!diff_->error().isEmpty()) diffHeader_->setText(diff_->error());
  else if (diff_->isEmpty()) diffHeader_->setText(tr("Same values as the built-in <b>%1</b>.").arg(diff_->originName()));
  else if (diff_->rowCount() == 1) diffHeader_->setText(tr("One field differs from the built-in <b>%1</b>.").arg(diff_->originName()));
  else diffHeader_->setText(tr("%1 fields differ from the built-in <b>%2</b>.").arg(diff_->rowCount()).arg(diff_->originName()));
  diffView_->setVisible(!diff_->isEmpty());
  QStringList w;
  for (const auto& x : p.warnings) w << QString::fromStdString(x).toHtmlEscaped();
  warnings_->setText(w.isEmpty() ? QString() : tr("Kept as written: %1").arg(w.join(QStringLiteral("; "))));
  warnings_->setVisible(!w.isEmpty());
  updateHeader();
}

void ProfileEditor::updateHeader() {
  const auto& p = doc_->profile();
  const bool modified = doc_->isModified();
  title_->setText(QString::fromStdString(p.name).toHtmlEscaped() +
                  (modified ? QStringLiteral(" <span style='font-weight:normal'>\u2022</span>") : QString()));
  QString sub;
  const QString muted = mutedTextColor(palette()).name();
  if (!doc_->filePath().isEmpty())
    sub = QDir::toNativeSeparators(doc_->filePath()).toHtmlEscaped();
  else
    sub = tr("Copy of the built-in profile; use Save As to keep it in a file.");
  if (!p.description.empty()) sub = QString::fromStdString(p.description).toHtmlEscaped() + QStringLiteral("<br>") + sub;
  subtitle_->setText(QStringLiteral("<span style='color:%1'>%2</span>").arg(muted, sub));
  action(QStringLiteral("actionSave"))->setEnabled(modified || doc_->filePath().isEmpty());
  Q_EMIT titleChanged(windowTitleText());
}

QString ProfileEditor::windowTitleText() const { return tr("%1[*] \u2014 Target Profile").arg(doc_->displayName()); }

void ProfileEditor::showMessage(const QString& text, bool error) {
  lastError_ = error ? text : QString();
  messageIsError_ = error;
  QPalette pal = message_->palette();
  pal.setColor(QPalette::WindowText, error ? errorTextColor(palette()) : palette().color(QPalette::WindowText));
  message_->setPalette(pal);
  message_->setText(text);
  message_->setVisible(!text.isEmpty());
}

QString ProfileEditor::suggestedPath() const {
  if (!doc_->filePath().isEmpty()) return doc_->filePath();
  QString dir = QSettings().value(QLatin1String(kLastDirKey),
                                  QStandardPaths::writableLocation(QStandardPaths::HomeLocation)).toString();
  return dir + QLatin1Char('/') + QString::fromStdString(doc_->profile().name) + QStringLiteral(".toml");
}

bool ProfileEditor::confirmDiscard() {
  form_->commitPending();
  if (!doc_->isModified()) return true;
  switch (discardPrompt_(this, doc_->displayName())) {
    case DiscardChoice::Save: return save();
    case DiscardChoice::Discard: return true;
    case DiscardChoice::Cancel: return false;
  }
  return false;
}

bool ProfileEditor::openBuiltin(const QString& name) {
  if (!confirmDiscard()) return false;
  if (auto st = doc_->openBuiltin(name); !st) {
    showMessage(QString::fromStdString(st.error().message), true);
    return false;
  }
  return true;
}

bool ProfileEditor::openFile(const QString& path) {
  if (!confirmDiscard()) return false;
  if (auto st = doc_->openFile(path); !st) {
    showMessage(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(st.error().message)), true);
    return false;
  }
  QSettings().setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
  return true;
}

bool ProfileEditor::openProfile(const targets::TargetProfile& p) {
  if (!confirmDiscard()) return false;
  doc_->reset(p);
  return true;
}

bool ProfileEditor::openDialog() {
  if (!confirmDiscard()) return false;
  const QString path = pathPrompt_(this, PathKind::Open, QFileInfo(suggestedPath()).absolutePath());
  return !path.isEmpty() && openFile(path);
}

bool ProfileEditor::save() {
  if (doc_->filePath().isEmpty()) return saveAs();
  return saveAs(doc_->filePath());
}

bool ProfileEditor::saveAs(const QString& requested) {
  if (!form_->commitPending()) {
    showMessage(tr("Fix the fields marked in red before saving."), true);
    return false;
  }
  QString path = requested.isEmpty() ? pathPrompt_(this, PathKind::SaveAs, suggestedPath()) : requested;
  if (path.isEmpty()) return false;
  if (auto st = doc_->saveAs(path); !st) {
    showMessage(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(st.error().message)), true);
    return false;
  }
  QSettings().setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
  showMessage(QString(), false);
  Q_EMIT saved(doc_->filePath());
  return true;
}

void ProfileEditor::changeEvent(QEvent* e) {
  if (e->type() == QEvent::PaletteChange && title_) {
    updateHeader();
    if (!message_->text().isEmpty()) showMessage(message_->text(), messageIsError_);
  }
  QWidget::changeEvent(e);
}

}  // namespace inferscope::widgets
