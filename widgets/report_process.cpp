#include "widgets/report_process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "core/targets/fields.h"
#include "core/targets/profile_io.h"
#include "core/util/fileio.h"

namespace inferscope::widgets {

namespace {

const QString kProgram = QStringLiteral("inferscope-report");

bool isExecutableFile(const QString& path) {
  QFileInfo f(path);
  return f.isFile() && f.isExecutable();
}

// What the program said on stderr, without its name before each line and without the usage text.
QString programMessage(const QString& stderrText) {
  QStringList lines;
  for (auto line : stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    if (line.startsWith(QLatin1String("usage:")) || line.startsWith(QLatin1Char(' '))) continue;
    if (line.startsWith(kProgram + QLatin1String(": "))) line = line.mid(kProgram.size() + 2);
    lines << line.trimmed();
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

ReportProcess::ReportProcess(QObject* parent) : QObject(parent) {}

ReportProcess::~ReportProcess() { stop(); }

Result<QString> ReportProcess::findProgram() {
  const QString env = qEnvironmentVariable("INFERSCOPE_REPORT");
  if (!env.isEmpty()) {
    if (isExecutableFile(env)) return QFileInfo(env).absoluteFilePath();
    return makeError(ErrorCode::Io, tr("INFERSCOPE_REPORT names '%1', which is not an executable file").arg(env).toStdString());
  }
  const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(kProgram);
  if (isExecutableFile(beside)) return beside;
  return QStandardPaths::findExecutable(kProgram);
}

Result<QString> ReportProcess::profileArgument(const targets::TargetProfile& profile, const QString& tempDir, QString* label) {
  if (label) label->clear();
  if (auto name = targets::unchangedBuiltin(profile)) return QString::fromStdString(*name);
  // A profile file that holds exactly this profile (saved, and not changed on disk since).
  if (!profile.sourcePath.empty()) {
    auto stored = readTextFile(profile.sourcePath);
    auto text = targets::renderProfile(profile);
    if (stored && text && *stored == *text) return QString::fromStdString(profile.sourcePath);
  }
  // Written as the GUI has it; the file's stem is the profile's name (MLIA's rule).
  QString stem = QString::fromStdString(profile.name).replace(QLatin1Char('/'), QLatin1Char('_'));
  if (stem.isEmpty() || stem.startsWith(QLatin1Char('.'))) stem.prepend(QStringLiteral("profile"));
  const QString path = QDir(tempDir).filePath(stem + QStringLiteral(".toml"));
  if (auto saved = targets::saveProfile(profile, path.toStdString()); !saved) return saved.error();
  if (label)
    *label = profile.sourcePath.empty() ? tr("unsaved")
                                        : tr("%1, unsaved changes").arg(QString::fromStdString(profile.sourcePath));
  return path;
}

QString ReportProcess::tempDir() const { return temp_ ? temp_->path() : QString(); }

Status ReportProcess::start(const QString& program, const ReportRequest& request) {
  if (running())
    return makeError(ErrorCode::Usage, tr("A PDF report is still being rendered (%1).").arg(pdfPath_).toStdString());
  auto temp = std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("inferscope-report-XXXXXX")));
  if (!temp->isValid())
    return makeError(ErrorCode::Io, tr("cannot create a temporary directory: %1").arg(temp->errorString()).toStdString());
  const QString documentPath = temp->filePath(QStringLiteral("run.json"));
  const std::string document = json::write(request.document) + "\n";
  if (auto s = writeFileAtomic(documentPath.toStdString(), std::string_view(document)); !s) return s;
  QString label;
  auto profile = profileArgument(request.profile, temp->path(), &label);
  if (!profile) return profile.error();

  QStringList args{request.modelPath,  QStringLiteral("--target-profile"), *profile,   QStringLiteral("--pdf"),
                   request.pdfPath,    QStringLiteral("--document"),       documentPath};
  if (!label.isEmpty()) args << QStringLiteral("--profile-label") << label;
  if (request.compareTargets) args << QStringLiteral("--compare-targets");

  process_ = new QProcess(this);
  // It draws into a PDF: no window, so no display (and no taskbar entry) either.
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  process_->setProcessEnvironment(env);
  process_->setStandardInputFile(QProcess::nullDevice());
  process_->setStandardOutputFile(QProcess::nullDevice());
  connect(process_, &QProcess::finished, this, &ReportProcess::onFinished);
  connect(process_, &QProcess::errorOccurred, this, &ReportProcess::onError);
  temp_ = std::move(temp);
  pdfPath_ = request.pdfPath;
  program_ = program;
  timer_.start();
  process_->start(program, args);
  return Ok{};
}

void ReportProcess::onFinished(int exitCode, QProcess::ExitStatus status) {
  Outcome o;
  const QString said = programMessage(QString::fromLocal8Bit(process_->readAllStandardError()));
  if (status == QProcess::NormalExit && exitCode == 0) {
    o.ok = true;
    static const QRegularExpression pages(QStringLiteral("\\((\\d+) pages?\\)"));
    if (auto m = pages.match(said); m.hasMatch()) o.pages = m.captured(1).toInt();
  } else if (!said.isEmpty()) {
    o.message = said;
  } else {
    o.message = status == QProcess::CrashExit ? tr("%1 stopped unexpectedly").arg(program_)
                                              : tr("%1 failed (exit status %2)").arg(program_).arg(exitCode);
  }
  finish(std::move(o));
}

void ReportProcess::onError(QProcess::ProcessError error) {
  // A crash is reported by finished() as well; a program that did not start only here. Reported
  // from the event loop, never from inside start().
  if (error != QProcess::FailedToStart) return;
  Outcome o;
  o.message = tr("cannot run %1: %2").arg(program_, process_->errorString());
  QMetaObject::invokeMethod(this, [this, o] { finish(o); }, Qt::QueuedConnection);
}

void ReportProcess::finish(Outcome outcome) {
  if (!process_) return;
  outcome.pdfPath = pdfPath_;
  outcome.seconds = static_cast<double>(timer_.elapsed()) / 1000.0;
  process_->disconnect(this);
  process_->deleteLater();
  process_ = nullptr;
  temp_.reset();
  Q_EMIT finished(outcome);
}

void ReportProcess::stop() {
  if (!process_) return;
  process_->disconnect(this);
  process_->kill();
  // SIGKILL ends it at once; this only collects its exit status, so no zombie is left behind.
  process_->waitForFinished(5000);
  delete process_;
  process_ = nullptr;
  temp_.reset();
  // The temporary file inferscope-report writes next to the PDF (writeFileAtomic) when it was
  // killed while writing it; the PDF itself is only ever replaced whole.
  const QFileInfo pdf(pdfPath_);
  const QRegularExpression own(QStringLiteral("^\\.%1\\.tmp\\d+$").arg(QRegularExpression::escape(pdf.fileName())));
  const QDateTime started = QDateTime::currentDateTime().addMSecs(-timer_.elapsed() - 1000);
  for (const auto& f : pdf.dir().entryInfoList(QDir::Files | QDir::Hidden))
    if (own.match(f.fileName()).hasMatch() && f.lastModified() >= started) QFile::remove(f.absoluteFilePath());
}

}  // namespace inferscope::widgets
