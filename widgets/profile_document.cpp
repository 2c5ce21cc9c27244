#include "widgets/profile_document.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

#include "core/targets/builtin_profiles.h"
#include "core/targets/fields.h"
#include "core/targets/profile_io.h"

namespace inferscope::widgets {

// One field edit: the profile's values before and after (a change of `target` can change several
// fields at once, so the whole profile is kept rather than one value).
class SetFieldCommand : public QUndoCommand {
 public:
  SetFieldCommand(ProfileDocument* doc, const QString& text, targets::TargetProfile before, targets::TargetProfile after)
      : QUndoCommand(text), doc_(doc), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { doc_->applyValues(before_); }
  void redo() override { doc_->applyValues(after_); }

 private:
  ProfileDocument* doc_;
  targets::TargetProfile before_, after_;
};

namespace {

QString fieldLabel(const targets::TargetProfile& p, const std::string& key) {
  for (const auto& f : targets::profileFields(p))
    if (f.key == key) return QString::fromStdString(f.label);
  return QString::fromStdString(key);
}

}  // namespace

ProfileDocument::ProfileDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {
  connect(undo_, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
  if (auto b = targets::builtinProfile(targets::builtinProfileNames().front())) profile_ = std::move(*b);
}

ProfileDocument::~ProfileDocument() = default;

QString ProfileDocument::displayName() const {
  if (!profile_.sourcePath.empty()) return QFileInfo(filePath()).fileName();
  return QString::fromStdString(profile_.name);
}

bool ProfileDocument::isModified() const { return !undo_->isClean(); }

void ProfileDocument::reset(targets::TargetProfile p) {
  const QString oldPath = filePath();
  profile_ = std::move(p);
  undo_->clear();  // also marks the stack clean (cleanChanged -> modifiedChanged(false))
  Q_EMIT documentReset();
  Q_EMIT profileChanged();
  if (oldPath != filePath()) Q_EMIT filePathChanged(filePath());
}

Status ProfileDocument::openBuiltin(const QString& name) {
  auto p = targets::builtinProfile(name.toStdString());
  if (!p) return p.error();
  reset(std::move(*p));
  return Ok{};
}

Status ProfileDocument::openFile(const QString& path) {
  auto p = targets::loadProfile(QFileInfo(path).absoluteFilePath().toStdString());
  if (!p) return p.error();
  reset(std::move(*p));
  return Ok{};
}

std::optional<QString> ProfileDocument::validate(const QString& key, const QString& value) const {
  if (auto e = targets::validateField(profile_, key.toStdString(), value.toStdString())) return QString::fromStdString(*e);
  return std::nullopt;
}

std::optional<QString> ProfileDocument::editField(const QString& key, const QString& value) {
  const std::string k = key.toStdString(), v = value.toStdString();
  if (auto e = targets::validateField(profile_, k, v)) return QString::fromStdString(*e);
  if (targets::getField(profile_, k).value_or(std::string()) == v) return std::nullopt;
  targets::TargetProfile after = profile_;
  if (auto st = targets::setField(after, k, v); !st) return QString::fromStdString(st.error().message);
  const QString text = tr("Change %1 to \u201C%2\u201D").arg(fieldLabel(profile_, k), value);
  undo_->push(new SetFieldCommand(this, text, profile_, std::move(after)));
  return std::nullopt;
}

void ProfileDocument::applyValues(const targets::TargetProfile& values) {
  std::string path = std::move(profile_.sourcePath), text = std::move(profile_.sourceText);
  profile_ = values;
  profile_.sourcePath = std::move(path);
  profile_.sourceText = std::move(text);
  Q_EMIT profileChanged();
}

Status ProfileDocument::save() {
  if (profile_.sourcePath.empty())
    return makeError(ErrorCode::Usage, "the profile has no file yet; use Save As");
  return saveAs(filePath());
}

Status ProfileDocument::saveAs(const QString& path) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  auto saved = targets::saveProfile(profile_, abs.toStdString());
  if (!saved) return saved.error();
  const QString oldPath = filePath();
  // A relative `config` path is rewritten for the new location; older history would restore the
  // path as seen from the old one, so it is dropped in that (rare) case.
  const bool configMoved = saved->configPath != profile_.configPath;
  profile_ = std::move(*saved);
  if (configMoved) undo_->clear();
  undo_->setClean();
  Q_EMIT profileChanged();
  if (oldPath != filePath()) Q_EMIT filePathChanged(filePath());
  return Ok{};
}

}  // namespace inferscope::widgets
